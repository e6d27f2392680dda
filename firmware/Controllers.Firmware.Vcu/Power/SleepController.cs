using System;
using Controllers.Firmware.Common.Scheduling;
using Controllers.Firmware.Common.Storage;
using Controllers.Firmware.Vcu.Inputs;
using Controllers.Firmware.Vcu.Network;
using Controllers.Firmware.Vcu.Thermal;

namespace Controllers.Firmware.Vcu.Power
{
    /// <summary>
    /// Coordinated sleep of the VCU. While awake it requests the network as long as the key is on, a charge plug
    /// is in, the charger charges, the cooling runs on after key-off, or a low 12 V supply was found at a timer
    /// wake-up. It also passes the nodes that this use case needs to the NM for node monitoring. When the NM has reached Bus-Sleep and no wake
    /// source is active, it switches the outputs off, puts the CAN controller and transceiver to sleep and enters
    /// deep sleep. <see cref="Start"/> restores the board after power-on or a wake-up and reports the reason.
    /// </summary>
    public sealed class SleepController : IPeriodicTask
    {
        private readonly SleepSettings settings;
        private readonly NetworkManager network;
        private readonly IBoardPower power;
        private readonly IVcuInputHardware hardware;
        private readonly VehicleSignals signals;
        private readonly ThermalManager? thermal;

        private bool started;
        private bool asleep;
        private long startMicroseconds;
        private long lowSupplyUntilMicroseconds;
        private bool lowSupplyHold;

        /// <summary>
        /// Creates the controller. <paramref name="thermal"/> may be null on a board without thermal management;
        /// then after-run does not keep the network awake.
        /// </summary>
        public SleepController(SleepSettings settings, NetworkManager network, IBoardPower power, IVcuInputHardware hardware,
            VehicleSignals signals, ThermalManager? thermal)
        {
            if (settings == null || network == null || power == null || hardware == null || signals == null)
            {
                throw new ArgumentNullException(settings == null ? "settings" : network == null ? "network" : power == null ? "power" : hardware == null ? "hardware" : "signals");
            }

            settings.Validate();
            this.settings = settings;
            this.network = network;
            this.power = power;
            this.hardware = hardware;
            this.signals = signals;
            this.thermal = thermal;
        }

        /// <summary>Reason of the last start, one of the <see cref="NmWakeupReason"/> values.</summary>
        public int WakeReason { get; private set; }

        /// <summary>True from entering deep sleep until the next <see cref="Start"/>.</summary>
        public bool IsAsleep
        {
            get { return asleep; }
        }

        /// <summary>Record written just before deep sleep (the DTC memory), or null.</summary>
        public IShutdownPersistence? Persistence { get; set; }

        /// <summary>Number of times the board entered deep sleep.</summary>
        public int SleepCount { get; private set; }

        /// <summary>True while the VCU keeps the network requested.</summary>
        public bool KeepsNetworkAwake { get; private set; }

        /// <summary>
        /// Restores the board after power-on or a wake-up: CAN controller and transceiver to Normal, outputs on.
        /// Reads the wake cause, puts it into the NM message and starts the network: actively for key, charge plug
        /// and a low 12 V supply at a timer wake-up, passively for a wake-up by bus activity.
        /// </summary>
        public void Start(long nowMicroseconds)
        {
            int cause = power.ReadWakeCause();
            power.SetCanTransceiverSleep(false);
            power.SetCanControllerSleep(false);
            power.SetOutputsEnabled(true);

            asleep = false;
            started = true;
            startMicroseconds = nowMicroseconds;
            WakeReason = cause;
            network.WakeupReason = cause;
            lowSupplyHold = false;

            if (cause == NmWakeupReason.Network)
            {
                network.PassiveStartUp();
            }
            else if (cause == NmWakeupReason.Timer && hardware.SupplyVolts < settings.LowSupplyVolts)
            {
                lowSupplyHold = true;
                lowSupplyUntilMicroseconds = nowMicroseconds + settings.LowSupplyNetworkMicroseconds;
            }

            UpdateNetworkRequest(nowMicroseconds);
        }

        /// <summary>Updates the network request and enters sleep when allowed; schedule it every 10 ms.</summary>
        public void Run(long nowMicroseconds)
        {
            if (!started || asleep)
            {
                return;
            }

            UpdateNetworkRequest(nowMicroseconds);
            if (KeepsNetworkAwake || network.State != NmState.BusSleep)
            {
                return;
            }

            if (nowMicroseconds - startMicroseconds < settings.MinimumAwakeMicroseconds)
            {
                return;
            }

            EnterSleep(nowMicroseconds);
        }

        private void UpdateNetworkRequest(long now)
        {
            if (lowSupplyHold && now >= lowSupplyUntilMicroseconds)
            {
                lowSupplyHold = false;
            }

            bool keyOn = hardware.KeyOn;
            bool charging = hardware.ChargePlugConnected || (signals.ChargerValid && (signals.ChargerState == 1 || signals.ChargerState == 2));
            bool afterRun = thermal != null && thermal.AfterRunActive;

            int required = 0;
            if (keyOn)
            {
                required |= NmNode.BmsMask | NmNode.McuMask | NmNode.GcuMask;
            }

            if (charging)
            {
                required |= NmNode.BmsMask | NmNode.ObcMask;
            }

            if (afterRun)
            {
                required |= NmNode.McuMask;
            }

            if (lowSupplyHold)
            {
                required |= NmNode.BmsMask;
            }

            network.SetRequiredNodes(required, now);
            KeepsNetworkAwake = keyOn || charging || afterRun || lowSupplyHold;
            if (KeepsNetworkAwake)
            {
                network.RequestNetwork();
            }
            else
            {
                network.ReleaseNetwork();
            }
        }

        private void EnterSleep(long nowMicroseconds)
        {
            // Deep sleep ends in a reset, so records that wait for a rate limit are written now.
            if (Persistence != null)
            {
                Persistence.SaveNow(nowMicroseconds);
            }

            power.SetOutputsEnabled(false);
            power.SetCanControllerSleep(true);
            power.SetCanTransceiverSleep(true);
            asleep = true;
            SleepCount++;
            power.EnterDeepSleep(settings.TimerWakeMicroseconds);
        }
    }
}

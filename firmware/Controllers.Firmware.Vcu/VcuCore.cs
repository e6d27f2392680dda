using System;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Scheduling;
using Controllers.Firmware.Vcu.HighVoltage;
using Controllers.Firmware.Vcu.Charging;
using Controllers.Firmware.Vcu.Faults;
using Controllers.Firmware.Vcu.Inputs;
using Controllers.Firmware.Vcu.Intention;
using Controllers.Firmware.Vcu.Monitoring;
using Controllers.Firmware.Vcu.Network;
using Controllers.Firmware.Vcu.Power;
using Controllers.Firmware.Vcu.Thermal;
using Controllers.Firmware.Vcu.Torque;

namespace Controllers.Firmware.Vcu
{
    /// <summary>
    /// Composition root of the VCU: builds the input, torque, monitor and high-voltage tasks over the board's inputs
    /// and registers them with one executive, all at 10 ms. Registration order sets priority, so in each period
    /// the torque task uses that period's inputs and the monitor checks that period's command.
    /// </summary>
    public sealed class VcuCore
    {
        /// <summary>Period of all three tasks, µs.</summary>
        public const long TaskPeriodMicroseconds = 10000;

        private readonly Executive executive;
        private readonly DtcMemory dtcs;
        private readonly VehicleSignals signals;
        private readonly VcuInputTask inputs;
        private readonly DriverIntention intention;
        private readonly TorqueArbiter arbiter;
        private readonly TorqueTask torque;
        private readonly TorqueMonitor monitor;
        private readonly TorqueMonitorTask output;
        private readonly VcuOutputs outputs;
        private readonly HvPowerManager highVoltage;
        private readonly FaultReactionManager faultReactions;
        private readonly ChargingManager charging;
        private readonly IVcuInputHardware hardware;
        private ThermalManager? thermal;
        private NetworkManager? network;
        private BusOffRecovery? busOff;
        private SleepController? sleep;

        /// <summary>Builds the VCU with the default calibration.</summary>
        public VcuCore(IMonotonicClock clock, IVcuInputHardware hardware)
            : this(clock, hardware, new AcceleratorPedalSettings(), new BrakePedalSettings(), new DriverIntentionSettings(),
                PedalMap.CreateDefault(), new TorqueArbiterSettings(), new TorqueMonitorSettings())
        {
        }

        /// <summary>Builds the VCU with the given calibration; each settings object is validated.</summary>
        public VcuCore(IMonotonicClock clock, IVcuInputHardware hardware, AcceleratorPedalSettings acceleratorSettings,
            BrakePedalSettings brakeSettings, DriverIntentionSettings intentionSettings, PedalMap map,
            TorqueArbiterSettings arbiterSettings, TorqueMonitorSettings monitorSettings)
        {
            this.hardware = hardware;
            dtcs = new DtcMemory(64);
            VcuDtc.RegisterAll(dtcs);
            signals = new VehicleSignals();
            inputs = new VcuInputTask(hardware, acceleratorSettings, brakeSettings, dtcs);
            intention = new DriverIntention(intentionSettings, map);
            arbiter = new TorqueArbiter(arbiterSettings);
            torque = new TorqueTask(inputs, intention, arbiter, signals, arbiterSettings, TaskPeriodMicroseconds);
            monitor = new TorqueMonitor(monitorSettings, dtcs);
            output = new TorqueMonitorTask(hardware, arbiter, monitor, signals);

            executive = new Executive(clock, 32);
            executive.AddTask("inputs", inputs, TaskPeriodMicroseconds, 0);
            executive.AddTask("torque", torque, TaskPeriodMicroseconds, 0);
            executive.AddTask("torque-monitor", output, TaskPeriodMicroseconds, 0);

            // High-voltage power management runs after the torque stage, so its MotorMode ActiveDischarge wins.
            outputs = new VcuOutputs();
            highVoltage = new HvPowerManager(new HvPowerSettings(), dtcs);
            HvPowerTask hvTask = new HvPowerTask(hardware, inputs, signals, outputs, highVoltage);
            executive.AddTask("hv-power", hvTask,
                HvPowerTask.PeriodMicroseconds, 0);

            // Fault reactions and freeze frames: registered after every task that reports DTCs, so that each
            // period's test results are seen in the same period.
            FaultReactionSettings faultSettings = new FaultReactionSettings();
            new VcuFreezeFrame(signals, hardware, output, faultSettings, dtcs);
            faultReactions = new FaultReactionManager(faultSettings, FaultReactionTable.CreateDefault(), dtcs);
            executive.AddTask("fault-reactions", new FaultReactionTask(inputs, faultReactions), TaskPeriodMicroseconds, 0);

            // Charging management: plug detection, charger handshake, CC/CV requests.
            charging = new ChargingManager(new ChargingSettings(), signals, outputs, dtcs);
            charging.FaultReactions = faultReactions;
            hvTask.Charging = charging;
            executive.AddTask("charging", new ChargingTask(hardware, charging), TaskPeriodMicroseconds, 0);
        }

        /// <summary>The executive that dispatches every task.</summary>
        public Executive Executive
        {
            get { return executive; }
        }

        /// <summary>DTC memory with every VCU DTC registered.</summary>
        public DtcMemory Dtcs
        {
            get { return dtcs; }
        }

        /// <summary>Values received from the motor controller and BMS; the CAN receive path writes them.</summary>
        public VehicleSignals Signals
        {
            get { return signals; }
        }

        /// <summary>Requests to the other nodes; the CAN transmit path sends them.</summary>
        public VcuOutputs Outputs
        {
            get { return outputs; }
        }

        /// <summary>High-voltage power management: contactor requests, precharge and discharge checks, HV ready state.</summary>
        public HvPowerManager HighVoltage
        {
            get { return highVoltage; }
        }

        /// <summary>Input task with the pedal, brake, supply and switch checks.</summary>
        public VcuInputTask Inputs
        {
            get { return inputs; }
        }

        /// <summary>Driver intention.</summary>
        public DriverIntention Intention
        {
            get { return intention; }
        }

        /// <summary>Torque arbitration.</summary>
        public TorqueArbiter Arbiter
        {
            get { return arbiter; }
        }

        /// <summary>Second-level torque monitor.</summary>
        public TorqueMonitor Monitor
        {
            get { return monitor; }
        }

        /// <summary>Active fault reaction: torque cap, limp-home, HV shutdown request.</summary>
        public FaultReactionManager FaultReactions
        {
            get { return faultReactions; }
        }

        /// <summary>Charging management; <see cref="ChargingManager.DriveInhibited"/> is true while the plug is in.</summary>
        public ChargingManager Charging
        {
            get { return charging; }
        }

        // Thermal management.

        /// <summary>
        /// Adds thermal management over <paramref name="actuators"/> with the default calibration, scheduled every
        /// 100 ms. Call it before the executive starts and before <see cref="AddNetworkManagement"/>, so that
        /// after-run keeps the network awake.
        /// </summary>
        public ThermalManager AddThermalManagement(IThermalActuators actuators)
        {
            thermal = new ThermalManager(new ThermalSettings(), signals, actuators, dtcs);
            executive.AddTask("thermal", new ThermalTask(thermal, hardware), ThermalTask.PeriodMicroseconds, 0);
            return thermal;
        }

        /// <summary>Thermal management, or null before <see cref="AddThermalManagement"/>.</summary>
        public ThermalManager? Thermal
        {
            get { return thermal; }
        }

        // Network management, bus-off recovery and sleep.

        /// <summary>
        /// Adds bus-off recovery over <paramref name="controller"/>, network management sending through
        /// <paramref name="transmitter"/> and sleep control over <paramref name="power"/>, all every 10 ms with the
        /// default settings. Other senders should queue through <see cref="CanTransmitter"/>, which rejects frames
        /// while the controller recovers from bus-off. Received NM frames go to <see cref="Network"/>.
        /// <see cref="SleepController.Start"/> must be called once the executive has started.
        /// </summary>
        public void AddNetworkManagement(ICanTransmitter transmitter, ICanControllerStatus controller, IBoardPower power)
        {
            busOff = new BusOffRecovery(new BusOffRecoverySettings(), controller, transmitter, dtcs);
            network = new NetworkManager(new NetworkManagerSettings(), busOff, dtcs);
            sleep = new SleepController(new SleepSettings(), network, power, hardware, signals, thermal);
            executive.AddTask("bus-off", busOff, TaskPeriodMicroseconds, 0);
            executive.AddTask("nm", network, TaskPeriodMicroseconds, 0);
            executive.AddTask("sleep", sleep, TaskPeriodMicroseconds, 0);
        }

        /// <summary>Network management, or null before <see cref="AddNetworkManagement"/>.</summary>
        public NetworkManager? Network
        {
            get { return network; }
        }

        /// <summary>Transmit path that pauses during bus-off recovery, or null before <see cref="AddNetworkManagement"/>.</summary>
        public BusOffRecovery? CanTransmitter
        {
            get { return busOff; }
        }

        /// <summary>Sleep control, or null before <see cref="AddNetworkManagement"/>.</summary>
        public SleepController? Sleep
        {
            get { return sleep; }
        }

        /// <summary>Torque command for the motor controller after the monitor's gate, N·m.</summary>
        public float TorqueCommandNewtonMetres
        {
            get { return output.OutputNewtonMetres; }
        }
    }
}

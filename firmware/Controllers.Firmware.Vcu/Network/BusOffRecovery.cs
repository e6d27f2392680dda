using System;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Vcu.Network
{
    /// <summary>
    /// Watches the CAN controller for bus-off and restarts it: after each bus-off, transmission pauses for the fast
    /// delay (the first <see cref="BusOffRecoverySettings.FastAttempts"/> times) or the slow delay, then the
    /// controller is restarted and transmission resumes. It is also the transmit path of the VCU: every sender
    /// queues through <see cref="TrySend"/>, which refuses frames while transmission is paused.
    /// </summary>
    public sealed class BusOffRecovery : IPeriodicTask, ICanTransmitter
    {
        private readonly BusOffRecoverySettings settings;
        private readonly ICanControllerStatus controller;
        private readonly ICanTransmitter transmitter;
        private readonly DtcMemory dtcs;

        private bool paused;
        private bool recovering;
        private long busOffMicroseconds;
        private long attemptMicroseconds;

        /// <summary>Creates the recovery over <paramref name="controller"/>; frames go to <paramref name="transmitter"/>.</summary>
        public BusOffRecovery(BusOffRecoverySettings settings, ICanControllerStatus controller, ICanTransmitter transmitter, DtcMemory dtcs)
        {
            if (settings == null || controller == null || transmitter == null || dtcs == null)
            {
                throw new ArgumentNullException(settings == null ? "settings" : controller == null ? "controller" : transmitter == null ? "transmitter" : "dtcs");
            }

            settings.Validate();
            this.settings = settings;
            this.controller = controller;
            this.transmitter = transmitter;
            this.dtcs = dtcs;
        }

        /// <summary>True while transmission is paused after a bus-off.</summary>
        public bool TransmissionPaused
        {
            get { return paused; }
        }

        /// <summary>Bus-off events since the last recovery that held for the recovered time.</summary>
        public int ConsecutiveBusOffCount { get; private set; }

        /// <summary>Bus-off events since start-up.</summary>
        public long TotalBusOffCount { get; private set; }

        /// <summary>Time of the last restart of the controller, µs.</summary>
        public long LastAttemptMicroseconds
        {
            get { return attemptMicroseconds; }
        }

        /// <summary>Queues <paramref name="frame"/> unless transmission is paused.</summary>
        public bool TrySend(CanFrame frame)
        {
            if (paused)
            {
                return false;
            }

            return transmitter.TrySend(frame);
        }

        /// <summary>Checks the controller; schedule it every 10 ms.</summary>
        public void Run(long nowMicroseconds)
        {
            if (paused)
            {
                RunPaused(nowMicroseconds);
                return;
            }

            bool busOff = controller.ReadBusOff();
            if (busOff)
            {
                EnterBusOff(nowMicroseconds);
                return;
            }

            if (recovering && nowMicroseconds - attemptMicroseconds >= settings.RecoveredAfterMicroseconds)
            {
                recovering = false;
                ConsecutiveBusOffCount = 0;
                dtcs.ReportTestResult(VcuDtc.CanBusOff, false);
            }
        }

        private void EnterBusOff(long now)
        {
            paused = true;
            busOffMicroseconds = now;
            ConsecutiveBusOffCount++;
            TotalBusOffCount++;
            if (ConsecutiveBusOffCount >= settings.DtcAfterBusOffCount)
            {
                dtcs.ReportTestResult(VcuDtc.CanBusOff, true);
            }
        }

        private void RunPaused(long now)
        {
            long delay = ConsecutiveBusOffCount <= settings.FastAttempts ? settings.FastDelayMicroseconds : settings.SlowDelayMicroseconds;
            if (now - busOffMicroseconds < delay)
            {
                return;
            }

            // The MCP2515 may already have left bus-off by itself after 128 × 11 recessive bits. The restart then
            // only discards the frames still pending in its buffers, which are stale after the pause anyway.
            controller.RequestRecovery();
            attemptMicroseconds = now;
            paused = false;
            recovering = true;
        }
    }
}

using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Bms.Network
{
    /// <summary>
    /// Runs the open-wire check and raises the slave's open-wire flag after <see cref="ConfirmCount"/> detections in a
    /// row; the flag clears after the same number of clean checks. A failed check leaves the flag as it is.
    /// </summary>
    public sealed class OpenWireTask : IPeriodicTask
    {
        /// <summary>Consecutive results needed to change the flag, so one disturbed check does not raise it.</summary>
        public const int ConfirmCount = 2;

        private readonly IOpenWireDetector detector;
        private readonly SlaveTransmitTask transmit;
        private int openStreak;
        private int closedStreak;
        private long failedCheckCount;

        /// <summary>Creates the task; it sets <see cref="SlaveTransmitTask.OpenWireFault"/> of <paramref name="transmit"/>.</summary>
        public OpenWireTask(IOpenWireDetector detector, SlaveTransmitTask transmit)
        {
            this.detector = detector;
            this.transmit = transmit;
        }

        /// <summary>Checks that could not complete.</summary>
        public long FailedCheckCount
        {
            get { return failedCheckCount; }
        }

        /// <inheritdoc />
        public void Run(long nowMicroseconds)
        {
            bool anyOpen;
            if (!detector.TryDetect(out anyOpen))
            {
                failedCheckCount++;
                return;
            }

            if (anyOpen)
            {
                closedStreak = 0;
                if (++openStreak >= ConfirmCount)
                {
                    transmit.OpenWireFault = true;
                }
            }
            else
            {
                openStreak = 0;
                if (++closedStreak >= ConfirmCount)
                {
                    transmit.OpenWireFault = false;
                }
            }
        }
    }
}

using System;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Common.Calibration
{
    /// <summary>
    /// Reports the calibration record's status as a DTC: the test fails while the sensors run on factory
    /// defaults (record not found, damaged, of another layout or with a rejected value) and passes once a
    /// record is loaded or saved. Allocates nothing per period.
    /// </summary>
    public sealed class CalibrationStatusTask : IPeriodicTask
    {
        /// <summary>Period at which the executive should run this task, µs.</summary>
        public const long PeriodMicroseconds = 1000000;

        private readonly CalibrationRecord record;
        private readonly DtcMemory dtcs;
        private readonly uint dtc;

        /// <summary>Creates the task that reports <paramref name="record"/> as DTC <paramref name="dtc"/>, which must be registered.</summary>
        public CalibrationStatusTask(CalibrationRecord record, DtcMemory dtcs, uint dtc)
        {
            if (record == null)
            {
                throw new ArgumentNullException("record");
            }

            if (dtcs == null)
            {
                throw new ArgumentNullException("dtcs");
            }

            if (dtcs.IndexOf(dtc) < 0)
            {
                throw new ArgumentException("DTC 0x" + dtc.ToString("X6") + " is not registered in the DTC memory; register it before the calibration.", "dtc");
            }

            this.record = record;
            this.dtcs = dtcs;
            this.dtc = dtc;
        }

        /// <summary>Reports the record's present status to the DTC memory.</summary>
        public void Run(long nowMicroseconds)
        {
            dtcs.ReportTestResult(dtc, CalibrationStatus.IsUsingDefaults(record.Status));
        }
    }
}

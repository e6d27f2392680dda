using System;
using Controllers.Firmware.Common.Scheduling;
using Controllers.Firmware.Common.Storage;

namespace Controllers.Firmware.Common.Diagnostics
{
    /// <summary>
    /// Saves a <see cref="DtcMemoryRecord"/> when a confirmedDTC bit changed, at most once per
    /// <see cref="MinimumSaveIntervalMicroseconds"/> to spare the flash, and on <see cref="SaveNow"/> (shutdown
    /// or sleep) whenever anything persisted changed. Other changes (occurrence counters, pendingDTC) wait for
    /// the next confirmed change or for <see cref="SaveNow"/>. docs/parameters.md gives the wear arithmetic.
    /// </summary>
    public sealed class DtcRecordTask : IPeriodicTask, IShutdownPersistence
    {
        /// <summary>Period at which the executive should run this task, µs.</summary>
        public const long PeriodMicroseconds = 1000000;

        /// <summary>Shortest time between two saves triggered by confirmed DTC changes, µs (60 s).</summary>
        public const long MinimumSaveIntervalMicroseconds = 60000000;

        private readonly DtcMemoryRecord record;
        private long lastSaveMicroseconds;
        private bool anySave;
        private int saveCount;
        private int failedSaveCount;

        /// <summary>Creates the task; load the record before the executive starts.</summary>
        public DtcRecordTask(DtcMemoryRecord record)
        {
            if (record == null)
            {
                throw new ArgumentNullException("record");
            }

            this.record = record;
        }

        /// <summary>Record this task saves.</summary>
        public DtcMemoryRecord Record
        {
            get { return record; }
        }

        /// <summary>Completed saves.</summary>
        public int SaveCount
        {
            get { return saveCount; }
        }

        /// <summary>Saves that the store reported as failed; the task retries after the minimum interval.</summary>
        public int FailedSaveCount
        {
            get { return failedSaveCount; }
        }

        /// <summary>Saves the record when a confirmed DTC changed and the minimum interval since the last save has passed.</summary>
        public void Run(long nowMicroseconds)
        {
            if (!record.HasUnsavedConfirmedChange)
            {
                return;
            }

            if (anySave && nowMicroseconds - lastSaveMicroseconds < MinimumSaveIntervalMicroseconds)
            {
                return;
            }

            Save(nowMicroseconds);
        }

        /// <summary>
        /// Saves the record when anything persisted changed, regardless of the interval: call it before a
        /// shutdown or sleep. Returns false when the store reported a write failure.
        /// </summary>
        public bool SaveNow(long nowMicroseconds)
        {
            if (!record.HasUnsavedChanges)
            {
                return true;
            }

            return Save(nowMicroseconds);
        }

        private bool Save(long nowMicroseconds)
        {
            // A failed write also counts for the interval, so a broken store is not retried every period.
            lastSaveMicroseconds = nowMicroseconds;
            anySave = true;
            if (!record.Save())
            {
                failedSaveCount++;
                return false;
            }

            saveCount++;
            return true;
        }
    }
}

namespace Controllers.Firmware.Bms.Persistence
{
    /// <summary>Outcome of <see cref="EstimatorStateTask.Restore"/>.</summary>
    public enum StateRestoreResult
    {
        /// <summary>The stored state was loaded and corrected by the rest-time OCV.</summary>
        Restored = 0,

        /// <summary>Nothing was stored; the estimator started from the OCV of each cell.</summary>
        NotFound = 1,

        /// <summary>
        /// No usable record: both copies were damaged, the version was unknown, the cell count differed, or
        /// the estimator rejected the values. The estimator started from the OCV of each cell.
        /// </summary>
        Rejected = 2,
    }
}

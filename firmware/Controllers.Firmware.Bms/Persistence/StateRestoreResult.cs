namespace Controllers.Firmware.Bms.Persistence
{
    /// <summary>Outcome of <see cref="EstimatorStateTask.Restore"/>.</summary>
    public enum StateRestoreResult
    {
        /// <summary>
        /// The stored state was loaded and corrected by the rest-time OCV. When the task has per-cell
        /// estimators, they took the stored capacity and R0 values too.
        /// </summary>
        Restored = 0,

        /// <summary>Nothing was stored; the estimator started from the OCV of each cell.</summary>
        NotFound = 1,

        /// <summary>
        /// No usable record: both copies were damaged, the version was unknown, the cell count differed, or
        /// the estimator rejected the values. The estimator started from the OCV of each cell, and the
        /// capacity and R0 estimators from nominal. <see cref="EstimatorStateTask.LastRejectReason"/> gives the reason.
        /// </summary>
        Rejected = 2,

        /// <summary>
        /// The SOC state was loaded and corrected, but the capacity and R0 estimators start from nominal:
        /// the record has format version 1, or its nominal values differ from the configured ones.
        /// </summary>
        RestoredSocOnly = 3,
    }
}

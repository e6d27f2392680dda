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
        /// The record was damaged in both copies, of an unknown newer version, or for another cell count, or
        /// the estimator rejected its values; the estimator started from the OCV of each cell.
        /// </summary>
        Rejected = 2,
    }
}

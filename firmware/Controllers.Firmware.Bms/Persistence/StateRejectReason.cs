namespace Controllers.Firmware.Bms.Persistence
{
    /// <summary>Reason why a stored estimator state was not used, or why its state of health was not.</summary>
    public enum StateRejectReason
    {
        /// <summary>Nothing was rejected.</summary>
        None = 0,

        /// <summary>Both copies on the medium were damaged (truncated, bad header or bad CRC).</summary>
        Corrupt = 1,

        /// <summary>The record was written in a format version newer than this firmware reads.</summary>
        UnknownVersion = 2,

        /// <summary>The record was saved for a pack with a different number of series cells.</summary>
        CellCountMismatch = 3,

        /// <summary>The payload length or the filter-state length does not match the format version.</summary>
        LengthMismatch = 4,

        /// <summary>The SOC filter rejected the stored values (non-finite, out of range, or not positive variances).</summary>
        FilterStateInvalid = 5,

        /// <summary>
        /// The stored nominal capacity or R0 differs from the configured one, so the stored state of health
        /// belongs to another cell type. The SOC state is still used.
        /// </summary>
        NominalValuesChanged = 6,
    }
}

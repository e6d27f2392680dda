namespace Controllers.Firmware.Common.Storage
{
    /// <summary>Outcome of <see cref="RecordStore.Load"/>.</summary>
    public enum RecordLoadResult
    {
        /// <summary>The newest valid copy was loaded. The other copy may still be damaged; see <see cref="RecordStore.GetCopyStatus"/>.</summary>
        Loaded = 0,

        /// <summary>Both copies are empty: nothing was ever saved.</summary>
        NotFound = 1,

        /// <summary>No copy is valid and at least one is damaged (truncated, bad header or bad CRC).</summary>
        Corrupt = 2,

        /// <summary>No copy is valid and at least one contains a format version newer than this firmware reads.</summary>
        UnknownVersion = 3,
    }
}

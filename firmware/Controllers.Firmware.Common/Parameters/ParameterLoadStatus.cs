namespace Controllers.Firmware.Common.Parameters
{
    /// <summary>What <see cref="ParameterRecord.Load"/> found; DID 0x3FFE reports it as one byte.</summary>
    public enum ParameterLoadStatus
    {
        /// <summary>Not loaded yet.</summary>
        NotLoaded = 0,

        /// <summary>The record was loaded in the current format.</summary>
        Loaded = 1,

        /// <summary>A record of an older format version was loaded and converted.</summary>
        Migrated = 2,

        /// <summary>No record was ever saved; every parameter has its default.</summary>
        DefaultsNotFound = 3,

        /// <summary>Both copies are damaged; every parameter has its default.</summary>
        DefaultsCorrupt = 4,

        /// <summary>The record has a newer format than this firmware reads; every parameter has its default.</summary>
        DefaultsUnknownVersion = 5,
    }
}

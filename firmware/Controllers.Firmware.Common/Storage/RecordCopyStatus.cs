namespace Controllers.Firmware.Common.Storage
{
    /// <summary>What <see cref="RecordStore.Load"/> found in one copy of a record.</summary>
    public enum RecordCopyStatus
    {
        /// <summary>Not read yet.</summary>
        Unknown = 0,

        /// <summary>A complete record with a matching CRC and a format version this firmware reads.</summary>
        Valid = 1,

        /// <summary>Nothing stored: no bytes, or an erased header (all 0xFF).</summary>
        Empty = 2,

        /// <summary>The store reported a read failure.</summary>
        ReadFailed = 3,

        /// <summary>Fewer bytes than the header and its payload length need, for example a file cut short.</summary>
        Truncated = 4,

        /// <summary>The header does not start with the record marker, names another record type, or gives an impossible length or version.</summary>
        BadHeader = 5,

        /// <summary>The CRC-32 does not match, for example after a write that a power cut stopped.</summary>
        BadCrc = 6,

        /// <summary>A complete record with a format version newer than this firmware reads.</summary>
        UnknownVersion = 7,
    }
}

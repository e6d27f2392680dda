using System;
using Controllers.Firmware.Common.Numerics;
using Controllers.Firmware.Common.Storage;

namespace Controllers.Firmware.Common.Parameters
{
    /// <summary>
    /// The parameter values of a <see cref="ParameterDatabase"/> as a <see cref="RecordStore"/> record (two
    /// copies, format version, sequence number, CRC-32). <see cref="Load"/> runs once at start-up, before the
    /// settings objects read the database; <see cref="Save"/> runs from routine 0x0300.
    /// </summary>
    /// <remarks>
    /// Payload of format version 2, little-endian: parameter count (uint16), then per parameter its id
    /// (uint16) and its value bits (uint32). Values are matched by id, so a firmware that adds or removes
    /// parameters keeps the others. A stored id the database does not have is skipped, and a stored value
    /// outside the current limits is replaced by the default; both count in <see cref="RejectedValueCount"/>.
    /// Format version 1 stored the value bits alone, by position (count, then uint32 per parameter); it is
    /// converted field by field into version 2 on load, with the same range check, and the next save writes
    /// version 2. A missing, damaged or unknown-version record leaves every parameter at its default.
    /// </remarks>
    public sealed class ParameterRecord
    {
        /// <summary>Record type id in the record header.</summary>
        public const ushort RecordTypeId = 0x0102;

        /// <summary>Payload layout that <see cref="Save"/> writes.</summary>
        public const ushort FormatVersion = 2;

        /// <summary>Payload bytes per parameter in format version 2.</summary>
        public const int EntryLength = 6;

        /// <summary>Payload bytes per parameter in format version 1.</summary>
        public const int Version1EntryLength = 4;

        private readonly ParameterDatabase database;
        private readonly RecordStore store;
        private readonly byte[] payload;
        private ParameterLoadStatus loadStatus = ParameterLoadStatus.NotLoaded;
        private int rejectedValueCount;
        private uint payloadCrc;
        private int savedChangeCount;

        /// <summary>
        /// Creates the record over regions <paramref name="regionA"/> and <paramref name="regionB"/> of
        /// <paramref name="nonVolatileStore"/>, with room for every entry the database can hold. Each region
        /// must hold <see cref="GetRegionLength"/> bytes.
        /// </summary>
        public ParameterRecord(ParameterDatabase database, INonVolatileStore nonVolatileStore, int regionA, int regionB)
        {
            if (database == null)
            {
                throw new ArgumentNullException("database");
            }

            this.database = database;
            int maximumPayload = GetPayloadLength(database.Capacity);
            store = new RecordStore(nonVolatileStore, regionA, regionB, RecordTypeId, FormatVersion, maximumPayload);
            payload = new byte[maximumPayload];
        }

        /// <summary>Database whose values this record keeps.</summary>
        public ParameterDatabase Database
        {
            get { return database; }
        }

        /// <summary>Result of the latest <see cref="Load"/>.</summary>
        public ParameterLoadStatus LoadStatus
        {
            get { return loadStatus; }
        }

        /// <summary>Stored values that the latest <see cref="Load"/> did not take: unknown ids and values outside the limits.</summary>
        public int RejectedValueCount
        {
            get { return rejectedValueCount; }
        }

        /// <summary>Sequence number of the record last loaded or saved; 0 before either.</summary>
        public uint Sequence
        {
            get { return store.Sequence; }
        }

        /// <summary>CRC-32 of the payload last loaded or saved; 0 before either.</summary>
        public uint PayloadCrc
        {
            get { return payloadCrc; }
        }

        /// <summary>True when a value changed in RAM after the latest load or save.</summary>
        public bool HasUnsavedChanges
        {
            get { return database.ChangeCount != savedChangeCount; }
        }

        /// <summary>Payload bytes of a version 2 record of <paramref name="parameterCount"/> parameters.</summary>
        public static int GetPayloadLength(int parameterCount)
        {
            return 2 + EntryLength * parameterCount;
        }

        /// <summary>Bytes each region needs for a database of <paramref name="capacity"/> entries.</summary>
        public static int GetRegionLength(int capacity)
        {
            return RecordStore.FramingLength + GetPayloadLength(capacity);
        }

        /// <summary>
        /// Loads the newest valid copy into the database. Values missing from the record, and every value when
        /// no copy is usable, take their defaults. Returns the same value as <see cref="LoadStatus"/>.
        /// </summary>
        public ParameterLoadStatus Load()
        {
            database.RestoreDefaults();
            rejectedValueCount = 0;
            payloadCrc = 0;
            RecordLoadResult result = store.Load(payload);
            if (result == RecordLoadResult.NotFound)
            {
                loadStatus = ParameterLoadStatus.DefaultsNotFound;
            }
            else if (result == RecordLoadResult.UnknownVersion)
            {
                loadStatus = ParameterLoadStatus.DefaultsUnknownVersion;
            }
            else if (result != RecordLoadResult.Loaded)
            {
                loadStatus = ParameterLoadStatus.DefaultsCorrupt;
            }
            else if (store.LoadedFormatVersion == 1)
            {
                loadStatus = ReadVersion1(store.LoadedPayloadLength) ? ParameterLoadStatus.Migrated : ParameterLoadStatus.DefaultsCorrupt;
            }
            else
            {
                loadStatus = ReadVersion2(store.LoadedPayloadLength) ? ParameterLoadStatus.Loaded : ParameterLoadStatus.DefaultsCorrupt;
            }

            if (loadStatus == ParameterLoadStatus.Loaded || loadStatus == ParameterLoadStatus.Migrated)
            {
                payloadCrc = Crc32.Compute(payload, 0, store.LoadedPayloadLength);
            }
            else
            {
                database.RestoreDefaults();
            }

            savedChangeCount = database.ChangeCount;
            return loadStatus;
        }

        /// <summary>
        /// Writes the current values as the next record. Returns false when the store reported a write
        /// failure; the previous record then stays the newest.
        /// </summary>
        public bool Save()
        {
            int length = Serialize(database, payload);
            if (!store.Save(payload, length))
            {
                return false;
            }

            payloadCrc = Crc32.Compute(payload, 0, length);
            savedChangeCount = database.ChangeCount;
            return true;
        }

        /// <summary>Writes the version 2 payload of <paramref name="source"/> into <paramref name="destination"/> and returns its length.</summary>
        public static int Serialize(ParameterDatabase source, byte[] destination)
        {
            int count = source.Count;
            int length = GetPayloadLength(count);
            if (destination == null || destination.Length < length)
            {
                throw new ArgumentException("The payload buffer must hold " + length + " bytes.", "destination");
            }

            WriteUInt16(destination, 0, count);
            for (int i = 0; i < count; i++)
            {
                int offset = 2 + i * EntryLength;
                WriteUInt16(destination, offset, source.IdAt(i));
                WriteUInt32(destination, offset + 2, source.ValueBitsAt(i));
            }

            return length;
        }

        private bool ReadVersion2(int length)
        {
            if (length < 2)
            {
                return false;
            }

            int count = ReadUInt16(payload, 0);
            if (length != GetPayloadLength(count))
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                int offset = 2 + i * EntryLength;
                int index = database.IndexOf(ReadUInt16(payload, offset));
                if (index < 0 || !database.TrySetBits(index, ReadUInt32(payload, offset + 2)))
                {
                    rejectedValueCount++;
                }
            }

            return true;
        }

        // Version 1 kept values by position: entry i belongs to the parameter at index i.
        private bool ReadVersion1(int length)
        {
            if (length < 2)
            {
                return false;
            }

            int count = ReadUInt16(payload, 0);
            if (length != 2 + Version1EntryLength * count)
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                uint bits = ReadUInt32(payload, 2 + i * Version1EntryLength);
                if (i >= database.Count || !database.TrySetBits(i, bits))
                {
                    rejectedValueCount++;
                }
            }

            return true;
        }

        private static int ReadUInt16(byte[] buffer, int offset)
        {
            return buffer[offset] | (buffer[offset + 1] << 8);
        }

        private static uint ReadUInt32(byte[] buffer, int offset)
        {
            return buffer[offset] | ((uint)buffer[offset + 1] << 8) | ((uint)buffer[offset + 2] << 16) | ((uint)buffer[offset + 3] << 24);
        }

        private static void WriteUInt16(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
        }

        private static void WriteUInt32(byte[] buffer, int offset, uint value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
            buffer[offset + 2] = (byte)(value >> 16);
            buffer[offset + 3] = (byte)(value >> 24);
        }
    }
}

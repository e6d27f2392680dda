using System;
using Controllers.Firmware.Common.Diagnostics;

namespace Controllers.Firmware.Common.Parameters
{
    /// <summary>
    /// UDS access to a <see cref="ParameterDatabase"/>: DID 0x4000 + index reads and writes one value, DID
    /// 0x3FFF reads the database descriptor, DID 0x3FFE reads the record state, routine 0x0300 saves the
    /// values and routine 0x0301 restores the defaults and saves them. Reads need no session or security.
    /// Writes and routines need the extended session and security level 0x01. A written value is live in
    /// RAM at once, but the settings objects read the database only at start-up, so a change takes effect
    /// after routine 0x0300 and the next reset.
    /// </summary>
    /// <remarks>
    /// Value DIDs: 4 bytes, big-endian, two's complement or IEEE 754 bits by type. Descriptor (0x3FFF),
    /// big-endian: layout version (1 byte, 1), parameter count (uint16), then per parameter: id (uint16),
    /// type (1 byte, <see cref="ParameterType"/>), unit (1 byte, <see cref="ParameterUnit"/>), minimum,
    /// maximum and default (4 bytes each, encoded as the value), scale (float32), name length (1 byte) and
    /// the name in ASCII. Record state (0x3FFE): sequence number (uint32), CRC-32 of the saved payload
    /// (uint32), <see cref="ParameterLoadStatus"/> (1 byte), flags (1 byte, bit 0 set when RAM differs from
    /// the saved record) and the count of stored values the last load rejected (1 byte, saturated at 255).
    /// </remarks>
    public sealed class ParameterDiagnostics : IUdsDataIdentifierHandler, IUdsRoutineHandler
    {
        /// <summary>DID of the first parameter value; parameter i has DID <c>ValueIdentifierBase + i</c>.</summary>
        public const int ValueIdentifierBase = 0x4000;

        /// <summary>DID of the database descriptor.</summary>
        public const int DescriptorIdentifier = 0x3FFF;

        /// <summary>DID of the record state.</summary>
        public const int RecordStateIdentifier = 0x3FFE;

        /// <summary>Routine that saves the parameter values.</summary>
        public const int SaveRoutine = 0x0300;

        /// <summary>Routine that restores every default and saves it.</summary>
        public const int RestoreDefaultsRoutine = 0x0301;

        /// <summary>Security level (requestSeed sub-function) that writes and routines need.</summary>
        public const int SecurityLevel = 0x01;

        /// <summary>Bytes of the record state DID.</summary>
        public const int RecordStateLength = 11;

        /// <summary>Descriptor bytes before the first entry.</summary>
        public const int DescriptorHeaderLength = 3;

        /// <summary>Descriptor bytes per entry before its name.</summary>
        public const int DescriptorEntryFixedLength = 21;

        /// <summary>Layout version in the first descriptor byte.</summary>
        public const byte DescriptorLayoutVersion = 1;

        private readonly ParameterDatabase database;
        private readonly ParameterRecord record;
        private readonly UdsServer server;
        private readonly IParameterValidator? validator;
        private readonly byte[] descriptor;

        /// <summary>
        /// Creates the handler for <paramref name="database"/>, whose entries must all be added, and builds the
        /// descriptor. <paramref name="validator"/> may be null when no rule spans several parameters.
        /// </summary>
        public ParameterDiagnostics(ParameterDatabase database, ParameterRecord record, UdsServer server, IParameterValidator? validator)
        {
            if (database == null || record == null || server == null)
            {
                throw new ArgumentNullException(database == null ? "database" : (record == null ? "record" : "server"));
            }

            if (database.Count == 0)
            {
                throw new ArgumentException("The parameter database is empty; add the parameters before creating their diagnostics.", "database");
            }

            this.database = database;
            this.record = record;
            this.server = server;
            this.validator = validator;
            descriptor = BuildDescriptor(database);
        }

        /// <summary>Length of the descriptor DID in bytes.</summary>
        public int DescriptorLength
        {
            get { return descriptor.Length; }
        }

        /// <summary>DID entries that <see cref="Register"/> adds: one per parameter, the descriptor and the record state.</summary>
        public int DataIdentifierCount
        {
            get { return database.Count + 2; }
        }

        /// <summary>Adds the DIDs and the two routines to the server's tables.</summary>
        public void Register(UdsDataIdentifierTable identifiers, UdsRoutineTable routines)
        {
            if (identifiers == null || routines == null)
            {
                throw new ArgumentNullException(identifiers == null ? "identifiers" : "routines");
            }

            // The table has one session mask and security level per entry for reads and writes, so value
            // entries are open to reads in every session and Write checks the session and security itself.
            for (int i = 0; i < database.Count; i++)
            {
                identifiers.Add(ValueIdentifierBase + i, 4, true, true, UdsSession.AllMask, 0, this);
            }

            identifiers.Add(DescriptorIdentifier, descriptor.Length, true, false, UdsSession.AllMask, 0, this);
            identifiers.Add(RecordStateIdentifier, RecordStateLength, true, false, UdsSession.AllMask, 0, this);
            routines.Add(SaveRoutine, UdsSession.ExtendedMask, SecurityLevel, false, false, this);
            routines.Add(RestoreDefaultsRoutine, UdsSession.ExtendedMask, SecurityLevel, false, false, this);
        }

        /// <inheritdoc />
        public byte Read(int identifier, byte[] destination, int offset)
        {
            if (identifier == DescriptorIdentifier)
            {
                Array.Copy(descriptor, 0, destination, offset, descriptor.Length);
                return UdsNegativeResponseCode.PositiveResponse;
            }

            if (identifier == RecordStateIdentifier)
            {
                WriteUInt32(destination, offset, record.Sequence);
                WriteUInt32(destination, offset + 4, record.PayloadCrc);
                destination[offset + 8] = (byte)record.LoadStatus;
                destination[offset + 9] = (byte)(record.HasUnsavedChanges ? 1 : 0);
                int rejected = record.RejectedValueCount;
                destination[offset + 10] = (byte)(rejected > 255 ? 255 : rejected);
                return UdsNegativeResponseCode.PositiveResponse;
            }

            int index = identifier - ValueIdentifierBase;
            if (index < 0 || index >= database.Count)
            {
                return UdsNegativeResponseCode.RequestOutOfRange;
            }

            WriteUInt32(destination, offset, database.ValueBitsAt(index));
            return UdsNegativeResponseCode.PositiveResponse;
        }

        /// <inheritdoc />
        public byte Write(int identifier, byte[] source, int offset, int length)
        {
            int index = identifier - ValueIdentifierBase;
            if (index < 0 || index >= database.Count || length != 4)
            {
                return UdsNegativeResponseCode.RequestOutOfRange;
            }

            // ISO 14229-1 answers a DID that is not writable in the active session with requestOutOfRange.
            if (server.Session != UdsSession.Extended)
            {
                return UdsNegativeResponseCode.RequestOutOfRange;
            }

            if (server.UnlockedSecurityLevel != SecurityLevel)
            {
                return UdsNegativeResponseCode.SecurityAccessDenied;
            }

            uint bits = ReadUInt32(source, offset);
            return database.TrySetBits(index, bits) ? UdsNegativeResponseCode.PositiveResponse : UdsNegativeResponseCode.RequestOutOfRange;
        }

        /// <summary>
        /// Runs routine 0x0300 (save) or 0x0301 (restore defaults, then save). The routineStatusRecord is the new
        /// record sequence number (uint32). A save is refused with conditionsNotCorrect (0x22) when the validator
        /// finds inconsistent values, and generalProgrammingFailure (0x72) means the store reported a write failure.
        /// </summary>
        public byte Start(int identifier, byte[] options, int offset, int length, byte[] result, int resultOffset, out int resultLength)
        {
            resultLength = 0;
            if (length != 0)
            {
                return UdsNegativeResponseCode.IncorrectMessageLengthOrInvalidFormat;
            }

            if (identifier == RestoreDefaultsRoutine)
            {
                database.RestoreDefaults();
            }
            else if (identifier != SaveRoutine)
            {
                return UdsNegativeResponseCode.RequestOutOfRange;
            }

            if (validator != null && validator.FindInconsistentParameter(database) >= 0)
            {
                return UdsNegativeResponseCode.ConditionsNotCorrect;
            }

            if (!record.Save())
            {
                return UdsNegativeResponseCode.GeneralProgrammingFailure;
            }

            WriteUInt32(result, resultOffset, record.Sequence);
            resultLength = 4;
            return UdsNegativeResponseCode.PositiveResponse;
        }

        /// <inheritdoc />
        public byte Stop(int identifier, byte[] options, int offset, int length, byte[] result, int resultOffset, out int resultLength)
        {
            resultLength = 0;
            return UdsNegativeResponseCode.SubFunctionNotSupported;
        }

        /// <inheritdoc />
        public byte RequestResults(int identifier, byte[] result, int resultOffset, out int resultLength)
        {
            resultLength = 0;
            return UdsNegativeResponseCode.SubFunctionNotSupported;
        }

        /// <inheritdoc />
        public byte Poll(int identifier, byte[] result, int resultOffset, out int resultLength)
        {
            resultLength = 0;
            return UdsNegativeResponseCode.GeneralReject;
        }

        private static byte[] BuildDescriptor(ParameterDatabase database)
        {
            int length = DescriptorHeaderLength;
            for (int i = 0; i < database.Count; i++)
            {
                length += DescriptorEntryFixedLength + database.NameAt(i).Length;
            }

            byte[] bytes = new byte[length];
            bytes[0] = DescriptorLayoutVersion;
            bytes[1] = (byte)(database.Count >> 8);
            bytes[2] = (byte)database.Count;
            int position = DescriptorHeaderLength;
            for (int i = 0; i < database.Count; i++)
            {
                int id = database.IdAt(i);
                string name = database.NameAt(i);
                bytes[position] = (byte)(id >> 8);
                bytes[position + 1] = (byte)id;
                bytes[position + 2] = database.TypeAt(i);
                bytes[position + 3] = database.UnitAt(i);
                WriteUInt32(bytes, position + 4, database.MinimumBitsAt(i));
                WriteUInt32(bytes, position + 8, database.MaximumBitsAt(i));
                WriteUInt32(bytes, position + 12, database.DefaultBitsAt(i));
                WriteUInt32(bytes, position + 16, Can.Generated.IeeeBits.SingleToBits(database.ScaleAt(i)));
                bytes[position + 20] = (byte)name.Length;
                for (int c = 0; c < name.Length; c++)
                {
                    bytes[position + DescriptorEntryFixedLength + c] = (byte)name[c];
                }

                position += DescriptorEntryFixedLength + name.Length;
            }

            return bytes;
        }

        private static uint ReadUInt32(byte[] buffer, int offset)
        {
            return ((uint)buffer[offset] << 24) | ((uint)buffer[offset + 1] << 16) | ((uint)buffer[offset + 2] << 8) | buffer[offset + 3];
        }

        private static void WriteUInt32(byte[] buffer, int offset, uint value)
        {
            buffer[offset] = (byte)(value >> 24);
            buffer[offset + 1] = (byte)(value >> 16);
            buffer[offset + 2] = (byte)(value >> 8);
            buffer[offset + 3] = (byte)value;
        }
    }
}

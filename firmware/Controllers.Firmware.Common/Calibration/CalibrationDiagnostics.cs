using System;
using Controllers.Firmware.Common.Diagnostics;

namespace Controllers.Firmware.Common.Calibration
{
    /// <summary>
    /// UDS access to a <see cref="CalibrationRecord"/>: one DID per block (0x4100 to 0x41FC), the directory
    /// 0x41FD, the metadata 0x41FE, the record status 0x41FF and routine 0x0310 that saves the record.
    /// Every DID can be read in any session without security access. Writing a block or the metadata, and
    /// the save routine, need the extended session and security level 0x01.
    /// </summary>
    /// <remarks>
    /// A written block is in use at once, so the tester can check the calibrated readings before it saves.
    /// The save is rejected with requestSequenceError (0x24) when a block changed after the metadata was last
    /// written, so every saved record names who made its values.
    /// Directory 0x41FD: block count (1 byte), then each block's identifier (2 bytes) in payload order.
    /// Status 0x41FF: payload CRC-32 (4), sequence number (4), payload length (2), <see cref="CalibrationStatus"/> (1),
    /// 1 when values changed since the last load or save, else 0 (1).
    /// Routine 0x0310 result: payload CRC-32 (4) and sequence number (4) of the saved record.
    /// </remarks>
    public sealed class CalibrationDiagnostics : IUdsDataIdentifierHandler, IUdsRoutineHandler
    {
        /// <summary>Directory of the block identifiers.</summary>
        public const int DirectoryIdentifier = 0x41FD;

        /// <summary>Metadata (<see cref="CalibrationMetadata"/>).</summary>
        public const int MetadataIdentifier = 0x41FE;

        /// <summary>Record CRC, sequence number and status.</summary>
        public const int StatusIdentifier = 0x41FF;

        /// <summary>Length of the status DID value in bytes.</summary>
        public const int StatusLength = 12;

        /// <summary>RoutineControl identifier that saves the record.</summary>
        public const int SaveRoutineIdentifier = 0x0310;

        /// <summary>Security level (requestSeed sub-function) that writing and saving need.</summary>
        public const int SecurityLevel = 0x01;

        private readonly CalibrationRecord record;
        private UdsServer? server;
        private bool metadataWritten;

        /// <summary>Creates the diagnostics of <paramref name="record"/>; <see cref="Register"/> adds them to a server.</summary>
        public CalibrationDiagnostics(CalibrationRecord record)
        {
            if (record == null)
            {
                throw new ArgumentNullException("record");
            }

            this.record = record;
        }

        /// <summary>Data identifiers that <see cref="Register"/> adds: one per block plus three.</summary>
        public int DataIdentifierCount
        {
            get { return record.BlockCount + 3; }
        }

        /// <summary>
        /// Adds the DIDs to <paramref name="udsServer"/>'s <see cref="UdsServer.DataIdentifiers"/> and the save
        /// routine to its <see cref="UdsServer.Routines"/>. Both tables must exist and have room.
        /// </summary>
        public void Register(UdsServer udsServer)
        {
            if (udsServer == null)
            {
                throw new ArgumentNullException("udsServer");
            }

            UdsDataIdentifierTable? identifiers = udsServer.DataIdentifiers;
            UdsRoutineTable? routines = udsServer.Routines;
            if (identifiers == null || routines == null)
            {
                throw new InvalidOperationException("The UDS server has no data identifier or routine table; create both before registering the calibration.");
            }

            for (int i = 0; i < record.BlockCount; i++)
            {
                ICalibrationBlock block = record.Block(i);
                identifiers.Add(block.Identifier, block.Length, true, true, UdsSession.AllMask, 0, this);
            }

            identifiers.Add(DirectoryIdentifier, 1 + 2 * record.BlockCount, true, false, UdsSession.AllMask, 0, this);
            identifiers.Add(MetadataIdentifier, CalibrationMetadata.Length, true, true, UdsSession.AllMask, 0, this);
            identifiers.Add(StatusIdentifier, StatusLength, true, false, UdsSession.AllMask, 0, this);
            routines.Add(SaveRoutineIdentifier, UdsSession.ExtendedMask, SecurityLevel, false, false, this);
            server = udsServer;
        }

        /// <inheritdoc/>
        public byte Read(int identifier, byte[] destination, int offset)
        {
            if (identifier == DirectoryIdentifier)
            {
                destination[offset] = (byte)record.BlockCount;
                for (int i = 0; i < record.BlockCount; i++)
                {
                    int blockIdentifier = record.Block(i).Identifier;
                    destination[offset + 1 + 2 * i] = (byte)(blockIdentifier >> 8);
                    destination[offset + 2 + 2 * i] = (byte)blockIdentifier;
                }

                return UdsNegativeResponseCode.PositiveResponse;
            }

            if (identifier == MetadataIdentifier)
            {
                record.Metadata.Encode(destination, offset);
                return UdsNegativeResponseCode.PositiveResponse;
            }

            if (identifier == StatusIdentifier)
            {
                WriteUInt32(destination, offset, record.PayloadCrc);
                WriteUInt32(destination, offset + 4, record.Sequence);
                destination[offset + 8] = (byte)(record.PayloadLength >> 8);
                destination[offset + 9] = (byte)record.PayloadLength;
                destination[offset + 10] = record.Status;
                destination[offset + 11] = (byte)(record.IsModified ? 1 : 0);
                return UdsNegativeResponseCode.PositiveResponse;
            }

            int index = record.IndexOf(identifier);
            if (index < 0)
            {
                return UdsNegativeResponseCode.RequestOutOfRange;
            }

            record.Block(index).Encode(destination, offset);
            return UdsNegativeResponseCode.PositiveResponse;
        }

        /// <inheritdoc/>
        public byte Write(int identifier, byte[] source, int offset, int length)
        {
            // The table grants reading without security, so the stricter write conditions are checked here.
            if (server == null || server.Session != UdsSession.Extended)
            {
                return UdsNegativeResponseCode.RequestOutOfRange;
            }

            if (server.UnlockedSecurityLevel != SecurityLevel)
            {
                return UdsNegativeResponseCode.SecurityAccessDenied;
            }

            if (identifier == MetadataIdentifier)
            {
                if (!record.Metadata.Decode(source, offset))
                {
                    return UdsNegativeResponseCode.RequestOutOfRange;
                }

                metadataWritten = true;
                record.MarkModified();
                return UdsNegativeResponseCode.PositiveResponse;
            }

            int index = record.IndexOf(identifier);
            if (index < 0)
            {
                return UdsNegativeResponseCode.RequestOutOfRange;
            }

            byte code = record.Block(index).Decode(source, offset);
            if (code == UdsNegativeResponseCode.PositiveResponse)
            {
                metadataWritten = false;
                record.MarkModified();
            }

            return code;
        }

        /// <inheritdoc/>
        public byte Start(int identifier, byte[] options, int offset, int length, byte[] result, int resultOffset, out int resultLength)
        {
            resultLength = 0;
            if (identifier != SaveRoutineIdentifier)
            {
                return UdsNegativeResponseCode.RequestOutOfRange;
            }

            if (length != 0)
            {
                return UdsNegativeResponseCode.IncorrectMessageLengthOrInvalidFormat;
            }

            if (record.IsModified && !metadataWritten)
            {
                return UdsNegativeResponseCode.RequestSequenceError;
            }

            if (!record.Save())
            {
                return UdsNegativeResponseCode.GeneralProgrammingFailure;
            }

            metadataWritten = false;
            WriteUInt32(result, resultOffset, record.PayloadCrc);
            WriteUInt32(result, resultOffset + 4, record.Sequence);
            resultLength = 8;
            return UdsNegativeResponseCode.PositiveResponse;
        }

        /// <inheritdoc/>
        public byte Stop(int identifier, byte[] options, int offset, int length, byte[] result, int resultOffset, out int resultLength)
        {
            resultLength = 0;
            return UdsNegativeResponseCode.SubFunctionNotSupported;
        }

        /// <inheritdoc/>
        public byte RequestResults(int identifier, byte[] result, int resultOffset, out int resultLength)
        {
            resultLength = 0;
            return UdsNegativeResponseCode.SubFunctionNotSupported;
        }

        /// <inheritdoc/>
        public byte Poll(int identifier, byte[] result, int resultOffset, out int resultLength)
        {
            resultLength = 0;
            return UdsNegativeResponseCode.GeneralReject;
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

using System;
using Controllers.Firmware.Common.Numerics;
using Controllers.Firmware.Common.Storage;

namespace Controllers.Firmware.Common.Calibration
{
    /// <summary>
    /// The board's calibration record: the values of every <see cref="ICalibrationBlock"/> followed by the
    /// <see cref="CalibrationMetadata"/>, kept by a <see cref="RecordStore"/> in two copies with CRC-32, so a
    /// power cut at any byte of a save leaves the previous calibration readable.
    /// </summary>
    /// <remarks>
    /// Payload layout: the encoded value of each block in ascending identifier order, then the 64 metadata
    /// bytes. That is exactly the concatenation of the DID values 0x4100.. and 0x41FE as read over UDS, so a
    /// tester can compute <see cref="PayloadCrc"/> from what it wrote. <see cref="Load"/> puts the stored
    /// values in use, or the factory defaults of every block when the record is missing, damaged, of another
    /// layout or outside the limits; <see cref="Status"/> then gives the reason.
    /// </remarks>
    public sealed class CalibrationRecord
    {
        /// <summary>Record type id in the <see cref="RecordStore"/> header.</summary>
        public const ushort RecordTypeId = 0x0104;

        /// <summary>Payload layout version written by this firmware.</summary>
        public const ushort FormatVersion = 1;

        /// <summary>Last identifier a value block may use; 0x41FD to 0x41FF describe the record.</summary>
        public const int LastValueIdentifier = 0x41FC;

        private readonly ICalibrationBlock[] blocks;
        private readonly CalibrationMetadata metadata = new CalibrationMetadata();
        private readonly RecordStore store;
        private readonly byte[] payload;
        private readonly int payloadLength;
        private byte status = CalibrationStatus.NotFound;
        private uint payloadCrc;
        private bool modified;
        private bool loaded;

        /// <summary>
        /// Creates the record of <paramref name="blocks"/> (identifiers strictly ascending within 0x4100 to
        /// 0x41FC) in regions <paramref name="regionA"/> and <paramref name="regionB"/> of
        /// <paramref name="nonVolatileStore"/>. Call <see cref="Load"/> once before the sensors start.
        /// </summary>
        public CalibrationRecord(INonVolatileStore nonVolatileStore, int regionA, int regionB, ICalibrationBlock[] blocks)
        {
            if (blocks == null || blocks.Length == 0)
            {
                throw new ArgumentException("The calibration record needs at least one block.", "blocks");
            }

            int length = CalibrationMetadata.Length;
            int previous = 0x40FF;
            for (int i = 0; i < blocks.Length; i++)
            {
                ICalibrationBlock block = blocks[i];
                if (block == null)
                {
                    throw new ArgumentException("Calibration block " + i + " is null.", "blocks");
                }

                if (block.Identifier <= previous || block.Identifier > LastValueIdentifier)
                {
                    throw new ArgumentException("Calibration block " + i + " has identifier 0x" + block.Identifier.ToString("X4")
                        + "; identifiers must rise strictly within 0x4100 to 0x41FC.", "blocks");
                }

                if (block.Length < 1)
                {
                    throw new ArgumentException("Calibration block 0x" + block.Identifier.ToString("X4") + " has no bytes.", "blocks");
                }

                previous = block.Identifier;
                length += block.Length;
            }

            this.blocks = blocks;
            payloadLength = length;
            payload = new byte[length];
            store = new RecordStore(nonVolatileStore, regionA, regionB, RecordTypeId, FormatVersion, length);
        }

        /// <summary>Blocks in payload order.</summary>
        public int BlockCount
        {
            get { return blocks.Length; }
        }

        /// <summary>Length of the payload in bytes: every block plus the metadata.</summary>
        public int PayloadLength
        {
            get { return payloadLength; }
        }

        /// <summary>Who, when and with which reference; written through DID 0x41FE before a save.</summary>
        public CalibrationMetadata Metadata
        {
            get { return metadata; }
        }

        /// <summary>One of the <see cref="CalibrationStatus"/> values, from the last <see cref="Load"/> or save.</summary>
        public byte Status
        {
            get { return status; }
        }

        /// <summary>CRC-32 (the <see cref="Crc32"/> polynomial) of the payload last loaded or saved; 0 before either.</summary>
        public uint PayloadCrc
        {
            get { return payloadCrc; }
        }

        /// <summary>Sequence number of the record last loaded or saved.</summary>
        public uint Sequence
        {
            get { return store.Sequence; }
        }

        /// <summary>True when a value or the metadata changed since the last load or save.</summary>
        public bool IsModified
        {
            get { return modified; }
        }

        /// <summary>Block <paramref name="index"/> in payload order.</summary>
        public ICalibrationBlock Block(int index)
        {
            if (index < 0 || index >= blocks.Length)
            {
                throw new ArgumentOutOfRangeException("index", "index = " + index + " must lie within 0 to " + (blocks.Length - 1) + ".");
            }

            return blocks[index];
        }

        /// <summary>Index of the block with <paramref name="identifier"/>, or -1.</summary>
        public int IndexOf(int identifier)
        {
            for (int i = 0; i < blocks.Length; i++)
            {
                if (blocks[i].Identifier == identifier)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>
        /// Reads the record and puts its values in use. When it is missing, damaged, of another layout or
        /// a value is outside the limits, every block gets its factory defaults and <see cref="Status"/>
        /// gives the reason. Returns the status.
        /// </summary>
        public byte Load()
        {
            RecordLoadResult result = store.Load(payload);
            modified = false;
            loaded = true;
            if (result == RecordLoadResult.NotFound)
            {
                return UseDefaults(CalibrationStatus.NotFound);
            }

            if (result == RecordLoadResult.UnknownVersion)
            {
                return UseDefaults(CalibrationStatus.LayoutMismatch);
            }

            if (result != RecordLoadResult.Loaded)
            {
                return UseDefaults(CalibrationStatus.Corrupt);
            }

            if (store.LoadedFormatVersion != FormatVersion || store.LoadedPayloadLength != payloadLength)
            {
                return UseDefaults(CalibrationStatus.LayoutMismatch);
            }

            // A value outside the limits puts every block back to its defaults, so a record is used whole or not at all.
            int offset = 0;
            for (int i = 0; i < blocks.Length; i++)
            {
                if (blocks[i].Decode(payload, offset) != 0)
                {
                    return UseDefaults(CalibrationStatus.ValueRejected);
                }

                offset += blocks[i].Length;
            }

            if (!metadata.Decode(payload, offset))
            {
                return UseDefaults(CalibrationStatus.ValueRejected);
            }

            payloadCrc = Crc32.Compute(payload, 0, payloadLength);
            status = CalibrationStatus.Calibrated;
            return status;
        }

        /// <summary>
        /// Writes the values in use and the metadata as the next record. Returns false when the store reported
        /// a write failure, and the previous record then stays the newest. Throws
        /// <see cref="InvalidOperationException"/> before the first <see cref="Load"/>.
        /// </summary>
        public bool Save()
        {
            if (!loaded)
            {
                throw new InvalidOperationException("Load the calibration record before saving it, or the save may overwrite the newest copy.");
            }

            int offset = 0;
            for (int i = 0; i < blocks.Length; i++)
            {
                blocks[i].Encode(payload, offset);
                offset += blocks[i].Length;
            }

            metadata.Encode(payload, offset);
            if (!store.Save(payload, payloadLength))
            {
                return false;
            }

            payloadCrc = Crc32.Compute(payload, 0, payloadLength);
            status = CalibrationStatus.Calibrated;
            modified = false;
            return true;
        }

        /// <summary>Marks the values as changed since the last save; the diagnostics call it after each write.</summary>
        public void MarkModified()
        {
            modified = true;
        }

        private byte UseDefaults(byte reason)
        {
            for (int i = 0; i < blocks.Length; i++)
            {
                blocks[i].ApplyDefaults();
            }

            metadata.Clear();
            payloadCrc = 0;
            status = reason;
            return status;
        }
    }
}

using System;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Common.Storage
{
    /// <summary>
    /// One versioned record kept in two regions (copies A and B) of an <see cref="INonVolatileStore"/>, so
    /// that a write stopped at any byte by a power cut leaves the previous record readable. Each save writes
    /// the copy that does not hold the newest valid record, with the next sequence number. Each load reads
    /// both copies and takes the valid one with the higher sequence number. Damaged copies and copies of an
    /// unknown newer format are returned as <see cref="RecordLoadResult"/> and
    /// <see cref="GetCopyStatus"/> values, not thrown.
    /// </summary>
    /// <remarks>
    /// Layout of a copy, little-endian: marker "NR" (2 bytes), record type id (2), format version (2),
    /// payload length (2), sequence number (4), payload, CRC-32 of everything before it (4). The
    /// payload bytes belong to the caller. The store only frames them. Save and Load allocate nothing; the
    /// constructor allocates one buffer of the region length.
    /// </remarks>
    public sealed class RecordStore
    {
        /// <summary>Bytes before the payload.</summary>
        public const int HeaderLength = 12;

        /// <summary>Bytes of framing per copy: header and CRC.</summary>
        public const int FramingLength = HeaderLength + 4;

        /// <summary>Record marker, ASCII "NR", in the first two bytes.</summary>
        public const ushort Marker = 0x524E;

        private readonly INonVolatileStore store;
        private readonly int[] regions = new int[2];
        private readonly RecordCopyStatus[] copyStatus = new RecordCopyStatus[2];
        private readonly ushort recordTypeId;
        private readonly ushort formatVersion;
        private readonly int maximumPayloadLength;
        private readonly byte[] frame;

        private int newestCopy = -1;
        private uint sequence;
        private bool anySequenceSeen;
        private ushort loadedFormatVersion;
        private int loadedPayloadLength;

        /// <summary>
        /// Creates a record of type <paramref name="recordTypeId"/> in regions <paramref name="regionA"/> and
        /// <paramref name="regionB"/> of <paramref name="store"/>. <paramref name="formatVersion"/> is the
        /// payload layout this firmware writes; it reads that version and every older one. Throws
        /// <see cref="ArgumentException"/> when the regions are invalid or too small for
        /// <paramref name="maximumPayloadLength"/>.
        /// </summary>
        public RecordStore(INonVolatileStore store, int regionA, int regionB, ushort recordTypeId, ushort formatVersion, int maximumPayloadLength)
        {
            if (store == null)
            {
                throw new ArgumentNullException("store");
            }

            if (regionA < 0 || regionA >= store.RegionCount || regionB < 0 || regionB >= store.RegionCount || regionA == regionB)
            {
                throw new ArgumentOutOfRangeException("regionB", "regionA = " + regionA + " and regionB = " + regionB + " must be two different regions within 0 to " + (store.RegionCount - 1) + ".");
            }

            if (formatVersion == 0 || formatVersion == 0xFFFF)
            {
                throw new ArgumentOutOfRangeException("formatVersion", "formatVersion = " + formatVersion + " is reserved. Use 1 to 65534.");
            }

            if (maximumPayloadLength < 0 || maximumPayloadLength > 0xFFFF || maximumPayloadLength + FramingLength > store.RegionLength)
            {
                throw new ArgumentOutOfRangeException("maximumPayloadLength", "maximumPayloadLength = " + maximumPayloadLength + " plus " + FramingLength
                    + " bytes of framing does not fit a region of " + store.RegionLength + " bytes. Use larger regions or a shorter payload.");
            }

            this.store = store;
            regions[0] = regionA;
            regions[1] = regionB;
            this.recordTypeId = recordTypeId;
            this.formatVersion = formatVersion;
            this.maximumPayloadLength = maximumPayloadLength;
            frame = new byte[store.RegionLength];
        }

        /// <summary>Format version that <see cref="Save"/> writes.</summary>
        public ushort FormatVersion
        {
            get { return formatVersion; }
        }

        /// <summary>Largest payload in bytes.</summary>
        public int MaximumPayloadLength
        {
            get { return maximumPayloadLength; }
        }

        /// <summary>Sequence number of the record last loaded or saved; 0 before either.</summary>
        public uint Sequence
        {
            get { return sequence; }
        }

        /// <summary>Format version of the record last loaded, which may be older than <see cref="FormatVersion"/>.</summary>
        public ushort LoadedFormatVersion
        {
            get { return loadedFormatVersion; }
        }

        /// <summary>Payload length in bytes of the record last loaded.</summary>
        public int LoadedPayloadLength
        {
            get { return loadedPayloadLength; }
        }

        /// <summary>Copy (0 for A, 1 for B) that contains the newest valid record, or -1 when none does.</summary>
        public int NewestCopy
        {
            get { return newestCopy; }
        }

        /// <summary>What the latest <see cref="Load"/> found in copy 0 (A) or 1 (B).</summary>
        public RecordCopyStatus GetCopyStatus(int copy)
        {
            if (copy < 0 || copy > 1)
            {
                throw new ArgumentOutOfRangeException("copy", "copy = " + copy + " must be 0 (A) or 1 (B).");
            }

            return copyStatus[copy];
        }

        /// <summary>
        /// Reads both copies and copies the payload of the newest valid one into <paramref name="payload"/>,
        /// which must hold <see cref="MaximumPayloadLength"/> bytes. <see cref="LoadedPayloadLength"/> and
        /// <see cref="LoadedFormatVersion"/> then describe it. On any result other than
        /// <see cref="RecordLoadResult.Loaded"/> the payload buffer is left unchanged.
        /// </summary>
        public RecordLoadResult Load(byte[] payload)
        {
            if (payload == null || payload.Length < maximumPayloadLength)
            {
                throw new ArgumentException("The payload buffer must hold at least " + maximumPayloadLength + " bytes.", "payload");
            }

            newestCopy = -1;
            anySequenceSeen = false;
            sequence = 0;
            loadedFormatVersion = 0;
            loadedPayloadLength = 0;
            uint newestValidSequence = 0;
            for (int copy = 0; copy < 2; copy++)
            {
                RecordCopyStatus status = ReadCopy(copy);
                copyStatus[copy] = status;
                if (status != RecordCopyStatus.Valid && status != RecordCopyStatus.UnknownVersion)
                {
                    continue;
                }

                // A copy with a good CRC counts for the next sequence number even when its version is
                // unknown, so that the next save is newer than everything on the medium.
                uint copySequence = ReadUInt32(frame, 8);
                if (!anySequenceSeen || IsNewer(copySequence, sequence))
                {
                    sequence = copySequence;
                    anySequenceSeen = true;
                }

                if (status == RecordCopyStatus.Valid && (newestCopy < 0 || IsNewer(copySequence, newestValidSequence)))
                {
                    newestCopy = copy;
                    newestValidSequence = copySequence;
                    loadedFormatVersion = ReadUInt16(frame, 4);
                    loadedPayloadLength = ReadUInt16(frame, 6);
                    Array.Copy(frame, HeaderLength, payload, 0, loadedPayloadLength);
                }
            }

            if (newestCopy >= 0)
            {
                return RecordLoadResult.Loaded;
            }

            if (copyStatus[0] == RecordCopyStatus.UnknownVersion || copyStatus[1] == RecordCopyStatus.UnknownVersion)
            {
                return RecordLoadResult.UnknownVersion;
            }

            if (copyStatus[0] == RecordCopyStatus.Empty && copyStatus[1] == RecordCopyStatus.Empty)
            {
                return RecordLoadResult.NotFound;
            }

            return RecordLoadResult.Corrupt;
        }

        /// <summary>
        /// Writes <paramref name="length"/> bytes of <paramref name="payload"/> as the next record, with
        /// <see cref="FormatVersion"/> and the next sequence number, into the copy that does not hold the
        /// newest valid record. Returns false when the store reported a write failure. The sequence number
        /// and newest copy then stay as they were, so the next save overwrites the same copy again.
        /// Call <see cref="Load"/> once before the first save, or the first save may overwrite the newest copy.
        /// </summary>
        public bool Save(byte[] payload, int length)
        {
            if (payload == null || length < 0 || length > maximumPayloadLength || length > payload.Length)
            {
                throw new ArgumentOutOfRangeException("length", "length = " + length + " must lie within the payload buffer and be at most " + maximumPayloadLength + " bytes.");
            }

            int copy = newestCopy == 0 ? 1 : 0;
            uint next = anySequenceSeen ? sequence + 1 : 1;
            WriteUInt16(frame, 0, Marker);
            WriteUInt16(frame, 2, recordTypeId);
            WriteUInt16(frame, 4, formatVersion);
            WriteUInt16(frame, 6, (ushort)length);
            WriteUInt32(frame, 8, next);
            Array.Copy(payload, 0, frame, HeaderLength, length);
            int crcOffset = HeaderLength + length;
            WriteUInt32(frame, crcOffset, Crc32.Compute(frame, 0, crcOffset));

            if (!store.Write(regions[copy], frame, 0, crcOffset + 4))
            {
                return false;
            }

            sequence = next;
            anySequenceSeen = true;
            newestCopy = copy;
            copyStatus[copy] = RecordCopyStatus.Valid;
            return true;
        }

        // Reads one copy into the frame buffer and checks it; the steps go from cheap to expensive.
        private RecordCopyStatus ReadCopy(int copy)
        {
            int read = store.Read(regions[copy], frame, 0, frame.Length);
            if (read > frame.Length)
            {
                return RecordCopyStatus.ReadFailed;
            }

            if (read < 0)
            {
                return RecordCopyStatus.ReadFailed;
            }

            if (read == 0 || IsErased(read))
            {
                return RecordCopyStatus.Empty;
            }

            if (read < HeaderLength)
            {
                return RecordCopyStatus.Truncated;
            }

            ushort version = ReadUInt16(frame, 4);
            int length = ReadUInt16(frame, 6);
            if (ReadUInt16(frame, 0) != Marker || ReadUInt16(frame, 2) != recordTypeId || version == 0 || version == 0xFFFF)
            {
                return RecordCopyStatus.BadHeader;
            }

            // The frame buffer spans the whole region, so a newer format with a longer payload is still
            // checked by its CRC. A half-written header must not pass for a newer version.
            if (length > frame.Length - FramingLength)
            {
                return RecordCopyStatus.BadHeader;
            }

            int crcOffset = HeaderLength + length;
            if (read < crcOffset + 4)
            {
                return RecordCopyStatus.Truncated;
            }

            if (ReadUInt32(frame, crcOffset) != Crc32.Compute(frame, 0, crcOffset))
            {
                return RecordCopyStatus.BadCrc;
            }

            if (version > formatVersion)
            {
                return RecordCopyStatus.UnknownVersion;
            }

            return length > maximumPayloadLength ? RecordCopyStatus.BadHeader : RecordCopyStatus.Valid;
        }

        private bool IsErased(int read)
        {
            int count = read < HeaderLength ? read : HeaderLength;
            for (int i = 0; i < count; i++)
            {
                if (frame[i] != 0xFF)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsNewer(uint candidate, uint reference)
        {
            // Serial number arithmetic, so the counter may wrap.
            return (int)(candidate - reference) > 0;
        }

        private static ushort ReadUInt16(byte[] buffer, int offset)
        {
            return (ushort)(buffer[offset] | (buffer[offset + 1] << 8));
        }

        private static uint ReadUInt32(byte[] buffer, int offset)
        {
            return buffer[offset] | ((uint)buffer[offset + 1] << 8) | ((uint)buffer[offset + 2] << 16) | ((uint)buffer[offset + 3] << 24);
        }

        private static void WriteUInt16(byte[] buffer, int offset, ushort value)
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

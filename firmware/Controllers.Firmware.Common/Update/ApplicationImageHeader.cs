using System;

namespace Controllers.Firmware.Common.Update
{
    /// <summary>
    /// The fixed header in front of every application image, parsed without allocating.
    /// </summary>
    /// <remarks>
    /// Layout, little-endian, 128 bytes. The fields are magic "CTLA" (4 bytes), format version (uint16, 1),
    /// header length (uint16, 128), board type id (uint32), application version (uint32: major in bits
    /// 31..24, minor in 23..16, patch in 15..0), payload length (uint32), payload CRC-32 (uint32, IEEE
    /// 802.3), build time in seconds since 1970 UTC (int64) and 32 reserved zero bytes. The ECDSA P-256
    /// signature follows (r then s, 32 bytes each). It signs SHA-256 of the first 64 header bytes followed
    /// by the payload.
    /// </remarks>
    public sealed class ApplicationImageHeader
    {
        /// <summary>Bytes of the header, signature included.</summary>
        public const int Length = 128;

        /// <summary>Header bytes covered by the signature: everything before it.</summary>
        public const int SignedLength = 64;

        /// <summary>Offset of the 64-byte signature.</summary>
        public const int SignatureOffset = 64;

        /// <summary>Bytes of the signature: r and s of ECDSA P-256, 32 bytes each, big-endian.</summary>
        public const int SignatureLength = 64;

        /// <summary>Header format this firmware reads.</summary>
        public const ushort FormatVersion = 1;

        /// <summary>The magic "CTLA" read as a little-endian uint32.</summary>
        public const uint Magic = 0x414C5443;

        private uint boardTypeId;
        private uint applicationVersion;
        private uint payloadLength;
        private uint payloadCrc32;
        private long buildTimeUnixSeconds;

        /// <summary>Board type the image was built for.</summary>
        public uint BoardTypeId
        {
            get { return boardTypeId; }
        }

        /// <summary>Application version: major in bits 31..24, minor in 23..16, patch in 15..0.</summary>
        public uint ApplicationVersion
        {
            get { return applicationVersion; }
        }

        /// <summary>Bytes of payload after the header.</summary>
        public uint PayloadLength
        {
            get { return payloadLength; }
        }

        /// <summary>CRC-32 (IEEE 802.3) of the payload.</summary>
        public uint PayloadCrc32
        {
            get { return payloadCrc32; }
        }

        /// <summary>Build time in seconds since 1970 UTC.</summary>
        public long BuildTimeUnixSeconds
        {
            get { return buildTimeUnixSeconds; }
        }

        /// <summary>
        /// Parses the header in <paramref name="buffer"/> at <paramref name="offset"/>. Returns false, and
        /// leaves the properties undefined, when the magic, format version or header length is wrong.
        /// </summary>
        public bool Parse(byte[] buffer, int offset)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            if (offset < 0 || offset > buffer.Length - Length)
            {
                throw new ArgumentOutOfRangeException("offset", "The buffer must contain " + Length + " header bytes from offset " + offset + ".");
            }

            if (ReadUInt32(buffer, offset) != Magic || ReadUInt16(buffer, offset + 4) != FormatVersion || ReadUInt16(buffer, offset + 6) != Length)
            {
                return false;
            }

            boardTypeId = ReadUInt32(buffer, offset + 8);
            applicationVersion = ReadUInt32(buffer, offset + 12);
            payloadLength = ReadUInt32(buffer, offset + 16);
            payloadCrc32 = ReadUInt32(buffer, offset + 20);
            buildTimeUnixSeconds = (long)((ulong)ReadUInt32(buffer, offset + 24) | ((ulong)ReadUInt32(buffer, offset + 28) << 32));
            return true;
        }

        internal static ushort ReadUInt16(byte[] buffer, int offset)
        {
            return (ushort)(buffer[offset] | (buffer[offset + 1] << 8));
        }

        internal static uint ReadUInt32(byte[] buffer, int offset)
        {
            return buffer[offset] | ((uint)buffer[offset + 1] << 8) | ((uint)buffer[offset + 2] << 16) | ((uint)buffer[offset + 3] << 24);
        }
    }
}

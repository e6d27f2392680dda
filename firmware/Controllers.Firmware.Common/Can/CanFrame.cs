using System;

namespace Controllers.Firmware.Common.Can
{
    /// <summary>
    /// One classic CAN 2.0 data or remote frame: an 11-bit or 29-bit identifier and up to 8 data bytes.
    /// The data array always has 8 bytes so a frame can be reused without allocation; only the first
    /// <see cref="Length"/> bytes are valid.
    /// </summary>
    public sealed class CanFrame
    {
        /// <summary>Largest standard (11-bit) identifier.</summary>
        public const uint MaxStandardId = 0x7FF;

        /// <summary>Largest extended (29-bit) identifier.</summary>
        public const uint MaxExtendedId = 0x1FFFFFFF;

        private readonly byte[] data = new byte[8];
        private uint id;
        private int length;

        /// <summary>Identifier; at most <see cref="MaxStandardId"/> unless <see cref="IsExtended"/>.</summary>
        public uint Id
        {
            get { return id; }
        }

        /// <summary>True for a 29-bit identifier.</summary>
        public bool IsExtended { get; private set; }

        /// <summary>True for a remote transmission request (no data bytes are sent).</summary>
        public bool IsRemote { get; set; }

        /// <summary>Data length, 0 to 8 bytes.</summary>
        public int Length
        {
            get { return length; }
            set
            {
                if (value < 0 || value > 8)
                {
                    throw new ArgumentOutOfRangeException("value", "A classic CAN frame carries 0 to 8 data bytes.");
                }

                length = value;
            }
        }

        /// <summary>The 8-byte data buffer; bytes past <see cref="Length"/> are not sent.</summary>
        public byte[] Data
        {
            get { return data; }
        }

        /// <summary>Sets the identifier, checking it fits 11 or 29 bits.</summary>
        public void SetId(uint identifier, bool extended)
        {
            if (identifier > (extended ? MaxExtendedId : MaxStandardId))
            {
                throw new ArgumentOutOfRangeException("identifier", extended
                    ? "An extended identifier has 29 bits (at most 0x1FFFFFFF)."
                    : "A standard identifier has 11 bits (at most 0x7FF).");
            }

            id = identifier;
            IsExtended = extended;
        }

        /// <summary>Copies identifier, flags, length and data from <paramref name="source"/>.</summary>
        public void CopyFrom(CanFrame source)
        {
            id = source.id;
            IsExtended = source.IsExtended;
            IsRemote = source.IsRemote;
            length = source.length;
            Array.Copy(source.data, data, 8);
        }
    }
}

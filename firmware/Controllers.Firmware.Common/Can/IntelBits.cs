using System;

namespace Controllers.Firmware.Common.Can
{
    /// <summary>
    /// Reads and writes unsigned fields in Intel (little-endian) bit order, numbered as in a DBC file: bit 0 is
    /// the least significant bit of byte 0. Hand-written codecs use it where a message's layout repeats
    /// for several identifiers, which the generated per-message classes do not cover.
    /// </summary>
    public static class IntelBits
    {
        /// <summary>Returns the <paramref name="length"/>-bit field (1 to 32) that starts at <paramref name="startBit"/>.</summary>
        public static uint Read(byte[] data, int startBit, int length)
        {
            CheckField(data, startBit, length);
            uint value = 0;
            for (int i = 0; i < length; i++)
            {
                int bit = startBit + i;
                if ((data[bit >> 3] & (1 << (bit & 7))) != 0)
                {
                    value |= 1u << i;
                }
            }

            return value;
        }

        /// <summary>
        /// Writes the low <paramref name="length"/> bits of <paramref name="value"/> into the field that starts at
        /// <paramref name="startBit"/>; other bits of <paramref name="data"/> are kept.
        /// </summary>
        public static void Write(byte[] data, int startBit, int length, uint value)
        {
            CheckField(data, startBit, length);
            for (int i = 0; i < length; i++)
            {
                int bit = startBit + i;
                int mask = 1 << (bit & 7);
                if ((value & (1u << i)) != 0)
                {
                    data[bit >> 3] = (byte)(data[bit >> 3] | mask);
                }
                else
                {
                    data[bit >> 3] = (byte)(data[bit >> 3] & ~mask);
                }
            }
        }

        private static void CheckField(byte[] data, int startBit, int length)
        {
            if (data == null)
            {
                throw new ArgumentNullException("data");
            }

            if (length < 1 || length > 32 || startBit < 0 || startBit + length > data.Length * 8)
            {
                throw new ArgumentOutOfRangeException("length", "The field must be 1 to 32 bits long and lie inside the data.");
            }
        }
    }
}

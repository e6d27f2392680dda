using System;

namespace Controllers.Firmware.Bms.Afe
{
    /// <summary>
    /// 15-bit packet error code (PEC) of the LTC681x battery monitors: a CRC with the polynomial
    /// x^15 + x^14 + x^10 + x^8 + x^7 + x^4 + x^3 + 1 (0x4599), the seed 0x0010, most significant bit first,
    /// sent as 16 bits with a 0 appended as least significant bit. Source: LTC6804-1 datasheet Rev. C,
    /// "Packet Error Code" and Table 24 (the LTC6813-1 uses the same PEC).
    /// </summary>
    public static class Pec15
    {
        /// <summary>CRC polynomial without its x^15 term.</summary>
        public const int Polynomial = 0x4599;

        /// <summary>Initial register value.</summary>
        public const int Seed = 0x0010;

        private static readonly ushort[] Table = BuildTable();

        /// <summary>
        /// Computes the PEC of <paramref name="length"/> bytes from <paramref name="offset"/> and returns it as
        /// the 16-bit word sent on the bus (the 15-bit CRC shifted left by one).
        /// </summary>
        public static ushort Compute(byte[] data, int offset, int length)
        {
            if (data == null)
            {
                throw new ArgumentNullException("data");
            }

            if (offset < 0 || length < 0 || offset + length > data.Length)
            {
                throw new ArgumentOutOfRangeException("length", "The range " + offset.ToString() + " + " + length.ToString()
                    + " lies outside the " + data.Length.ToString() + "-byte buffer.");
            }

            // The register holds the 15-bit remainder; each byte indexes the table with the top 8 remainder bits.
            int remainder = Seed;
            for (int i = 0; i < length; i++)
            {
                int index = ((remainder >> 7) ^ data[offset + i]) & 0xFF;
                remainder = ((remainder << 8) ^ Table[index]) & 0x7FFF;
            }

            return (ushort)(remainder << 1);
        }

        /// <summary>
        /// Writes the PEC of <paramref name="length"/> bytes from <paramref name="offset"/> into the two bytes that
        /// follow them, most significant byte first.
        /// </summary>
        public static void Append(byte[] data, int offset, int length)
        {
            ushort pec = Compute(data, offset, length);
            data[offset + length] = (byte)(pec >> 8);
            data[offset + length + 1] = (byte)pec;
        }

        /// <summary>
        /// True when the two bytes after the <paramref name="length"/> data bytes at <paramref name="offset"/>
        /// hold their PEC.
        /// </summary>
        public static bool IsValid(byte[] data, int offset, int length)
        {
            ushort pec = Compute(data, offset, length);
            return data[offset + length] == (byte)(pec >> 8) && data[offset + length + 1] == (byte)pec;
        }

        private static ushort[] BuildTable()
        {
            // Entry i is the remainder of i * x^15 modulo the polynomial, kept in 15 bits.
            ushort[] table = new ushort[256];
            for (int i = 0; i < 256; i++)
            {
                int remainder = i << 7;
                for (int bit = 0; bit < 8; bit++)
                {
                    remainder <<= 1;
                    if ((remainder & 0x8000) != 0)
                    {
                        remainder ^= Polynomial;
                    }
                }

                table[i] = (ushort)(remainder & 0x7FFF);
            }

            return table;
        }
    }
}

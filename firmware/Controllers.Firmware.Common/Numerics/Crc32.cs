namespace Controllers.Firmware.Common.Numerics
{
    /// <summary>
    /// CRC-32 as used by IEEE 802.3 and zlib: reflected polynomial 0xEDB88320, initial value 0xFFFFFFFF,
    /// final XOR 0xFFFFFFFF. The check value of the ASCII string "123456789" is 0xCBF43926. Bitwise, so
    /// it needs no 1 KB table in RAM.
    /// </summary>
    public static class Crc32
    {
        private const uint ReflectedPolynomial = 0xEDB88320;

        /// <summary>Computes the CRC of <paramref name="length"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        public static uint Compute(byte[] data, int offset, int length)
        {
            return Append(0, data, offset, length);
        }

        /// <summary>
        /// Continues <paramref name="crc"/>, the CRC of the bytes before, over <paramref name="length"/> more
        /// bytes of <paramref name="data"/> from <paramref name="offset"/>, so that a long image can be checked
        /// in steps. The CRC of no bytes is 0.
        /// </summary>
        public static uint Append(uint crc, byte[] data, int offset, int length)
        {
            crc ^= 0xFFFFFFFF;
            for (int i = offset; i < offset + length; i++)
            {
                crc ^= data[i];
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ ReflectedPolynomial : crc >> 1;
                }
            }

            return crc ^ 0xFFFFFFFF;
        }
    }
}

namespace Controllers.Firmware.Bms.Current
{
    /// <summary>
    /// CRC-16 with the CCITT polynomial x^16 + x^12 + x^5 + 1 (0x1021), seed 0xFFFF, MSB first, no final XOR.
    /// The ADS131M02 uses it for frame CRCs when MODE.CRC_TYPE is 0 (SBAS853A Section 8.3.12).
    /// </summary>
    public static class Crc16Ccitt
    {
        /// <summary>Seed the ADS131M02 starts every frame CRC with.</summary>
        public const ushort Seed = 0xFFFF;

        /// <summary>Computes the CRC of <paramref name="length"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        public static ushort Compute(byte[] data, int offset, int length)
        {
            int crc = Seed;
            for (int i = offset; i < offset + length; i++)
            {
                crc ^= data[i] << 8;
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
                }

                crc &= 0xFFFF;
            }

            return (ushort)crc;
        }
    }
}

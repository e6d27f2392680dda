namespace Controllers.Firmware.Common.Can
{
    /// <summary>
    /// CRC-8/SAE-J1850: polynomial 0x1D, initial value 0xFF, final XOR 0xFF, no reflection (the parameters of
    /// SAE J1850 and AUTOSAR's Crc_CalculateCRC8). The check value over the ASCII bytes "123456789" is 0x4B.
    /// </summary>
    public static class Crc8SaeJ1850
    {
        private static readonly byte[] Table = BuildTable();

        /// <summary>Computes the CRC over <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        public static byte Compute(byte[] data, int offset, int count)
        {
            int crc = 0xFF;
            for (int i = offset; i < offset + count; i++)
            {
                crc = Table[(crc ^ data[i]) & 0xFF];
            }

            return (byte)(crc ^ 0xFF);
        }

        private static byte[] BuildTable()
        {
            var table = new byte[256];
            for (int value = 0; value < 256; value++)
            {
                int crc = value;
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x1D) & 0xFF : (crc << 1) & 0xFF;
                }

                table[value] = (byte)crc;
            }

            return table;
        }
    }
}

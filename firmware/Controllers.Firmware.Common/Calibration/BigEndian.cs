using Controllers.Firmware.Common.Can.Generated;

namespace Controllers.Firmware.Common.Calibration
{
    /// <summary>Big-endian IEEE 754 single-precision values, the encoding of real numbers in the calibration DIDs.</summary>
    public static class BigEndian
    {
        /// <summary>
        /// Bits written for a value that is not set: the quiet NaN 0x7FC00000. A fixed pattern keeps the record
        /// bytes, and so its CRC, the same on every runtime, whose float.NaN bits may differ.
        /// </summary>
        public const uint UnsetBits = 0x7FC00000;

        /// <summary>Writes <see cref="UnsetBits"/>, most significant byte first.</summary>
        public static void WriteUnset(byte[] buffer, int offset)
        {
            buffer[offset] = 0x7F;
            buffer[offset + 1] = 0xC0;
            buffer[offset + 2] = 0x00;
            buffer[offset + 3] = 0x00;
        }

        /// <summary>Writes <paramref name="value"/> as 4 bytes, most significant first.</summary>
        public static void WriteSingle(byte[] buffer, int offset, float value)
        {
            uint bits = IeeeBits.SingleToBits(value);
            buffer[offset] = (byte)(bits >> 24);
            buffer[offset + 1] = (byte)(bits >> 16);
            buffer[offset + 2] = (byte)(bits >> 8);
            buffer[offset + 3] = (byte)bits;
        }

        /// <summary>Reads 4 bytes, most significant first, as a single-precision value.</summary>
        public static float ReadSingle(byte[] buffer, int offset)
        {
            uint bits = ((uint)buffer[offset] << 24) | ((uint)buffer[offset + 1] << 16) | ((uint)buffer[offset + 2] << 8) | buffer[offset + 3];
            return IeeeBits.BitsToSingle(bits);
        }
    }
}

using System;

namespace Controllers.Firmware.Common.Can.Generated
{
    /// <summary>
    /// Bit patterns of IEEE 754 single precision values, for the float signals of the generated CAN
    /// codecs. Hand-written, not generated. The nanoFramework mscorlib (1.17) has
    /// BitConverter.DoubleToInt64Bits and Int64BitsToDouble but no allocation-free single precision
    /// equivalent, so these convert through the exact double of the float and move the fields by hand.
    /// </summary>
    public static class IeeeBits
    {
        private const long DoubleMantissaMask = 0xFFFFFFFFFFFFFL;

        /// <summary>Returns the IEEE 754 single precision bits of <paramref name="value"/>.</summary>
        public static uint SingleToBits(float value)
        {
            long doubleBits = BitConverter.DoubleToInt64Bits(value);
            uint sign = (uint)((ulong)doubleBits >> 63) << 31;
            int doubleExponent = (int)((doubleBits >> 52) & 0x7FF);
            long doubleMantissa = doubleBits & DoubleMantissaMask;

            if (doubleExponent == 0x7FF)
            {
                uint mantissa = (uint)(doubleMantissa >> 29);
                if (doubleMantissa != 0 && mantissa == 0)
                {
                    // A NaN whose payload sits only in the low bits would turn into infinity.
                    mantissa = 0x400000;
                }

                return sign | 0x7F800000u | mantissa;
            }

            if (doubleExponent == 0)
            {
                // Every float converts to a normal double or to zero, so this is a signed zero.
                return sign;
            }

            int exponent = doubleExponent - 1023;
            if (exponent >= -126)
            {
                return sign | ((uint)(exponent + 127) << 23) | (uint)(doubleMantissa >> 29);
            }

            // Subnormal float: the value is mantissa * 2^-149, exact because the input was a float.
            long significand = doubleMantissa | (1L << 52);
            return sign | (uint)(significand >> (29 + (-126 - exponent)));
        }

        /// <summary>Returns the single precision value whose IEEE 754 bits are <paramref name="bits"/>.</summary>
        public static float BitsToSingle(uint bits)
        {
            long sign = (long)(bits >> 31) << 63;
            int exponent = (int)((bits >> 23) & 0xFF);
            long mantissa = bits & 0x7FFFFF;

            if (exponent == 0xFF)
            {
                return (float)BitConverter.Int64BitsToDouble(sign | (0x7FFL << 52) | (mantissa << 29));
            }

            if (exponent == 0)
            {
                if (mantissa == 0)
                {
                    return (float)BitConverter.Int64BitsToDouble(sign);
                }

                // Subnormal float: shift the mantissa up until its leading 1 is the implicit bit.
                int unbiased = -126;
                while ((mantissa & 0x800000) == 0)
                {
                    mantissa <<= 1;
                    unbiased--;
                }

                mantissa &= 0x7FFFFF;
                return (float)BitConverter.Int64BitsToDouble(sign | ((long)(unbiased + 1023) << 52) | (mantissa << 29));
            }

            return (float)BitConverter.Int64BitsToDouble(sign | ((long)(exponent - 127 + 1023) << 52) | (mantissa << 29));
        }
    }
}

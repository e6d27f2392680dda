namespace Controllers.Firmware.Common.Numerics
{
    /// <summary>
    /// Single-precision functions for firmware. nanoFramework's System.Math ships as a separate package and
    /// works in double, which the ESP32 FPU emulates in software, so hot paths use these instead.
    /// </summary>
    public static class FloatMath
    {
        private const float Log2E = 1.44269504f;

        // ln 2 split into a high part with trailing zero bits and a small remainder, so that
        // k * Ln2High is exact for |k| < 256 (Cody–Waite range reduction).
        private const float Ln2High = 0.693145752f;
        private const float Ln2Low = 1.42860677e-6f;

        /// <summary>True when <paramref name="value"/> is neither NaN nor infinite.</summary>
        public static bool IsFinite(float value)
        {
            // Every comparison with NaN is false, so NaN fails both tests.
            return value >= -float.MaxValue && value <= float.MaxValue;
        }

        /// <summary>Absolute value.</summary>
        public static float Abs(float value)
        {
            return value < 0f ? -value : value;
        }

        /// <summary>Smaller of two values.</summary>
        public static float Min(float a, float b)
        {
            return a < b ? a : b;
        }

        /// <summary>Larger of two values.</summary>
        public static float Max(float a, float b)
        {
            return a > b ? a : b;
        }

        /// <summary>Limits <paramref name="value"/> to [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
        public static float Clamp(float value, float minimum, float maximum)
        {
            if (value < minimum)
            {
                return minimum;
            }

            return value > maximum ? maximum : value;
        }

        /// <summary>
        /// e raised to <paramref name="x"/>, with a relative error below 2e-7 over the float range.
        /// Returns 0 below -87.3 and positive infinity above 88.7.
        /// </summary>
        public static float Exp(float x)
        {
            if (x < -87.3f)
            {
                return 0f;
            }

            if (x > 88.7f)
            {
                return float.PositiveInfinity;
            }

            // x = k ln2 + r with |r| <= ln2 / 2, so e^x = 2^k e^r.
            float scaled = x * Log2E;
            int k = (int)(scaled < 0f ? scaled - 0.5f : scaled + 0.5f);
            float r = x - k * Ln2High - k * Ln2Low;

            // Taylor series of e^r to the 7th power; the first omitted term is below 1.1e-8 for |r| <= 0.347.
            float p = 1f + r * (1f + r * (0.5f + r * (1f / 6f + r * (1f / 24f + r * (1f / 120f + r * (1f / 720f + r * (1f / 5040f)))))));

            // Above 127.5 ln 2 (x > 88.38), k is 128 and 2^128 overflows float although e^x does not
            // (r is then negative), so scale by 2^127 and double the polynomial first.
            if (k > 127)
            {
                return (p * 2f) * PowerOfTwo(k - 1);
            }

            return p * PowerOfTwo(k);
        }

        /// <summary>Square root by Newton iteration; returns 0 for zero or negative input.</summary>
        public static float Sqrt(float x)
        {
            if (!(x > 0f))
            {
                return 0f;
            }

            if (x == float.PositiveInfinity)
            {
                return x;
            }

            // Scale x into [0.25, 1) by powers of 4 so the starting guess is close.
            float mantissa = x;
            float scale = 1f;
            while (mantissa >= 1f)
            {
                mantissa *= 0.25f;
                scale *= 2f;
            }

            while (mantissa < 0.25f)
            {
                mantissa *= 4f;
                scale *= 0.5f;
            }

            float y = 0.41731f + 0.59016f * mantissa;
            for (int i = 0; i < 4; i++)
            {
                y = 0.5f * (y + mantissa / y);
            }

            return y * scale;
        }

        /// <summary>
        /// Natural logarithm with an error below 2e-7 times the larger of 1 and |ln x| for normal positive
        /// input. Returns negative
        /// infinity for zero, NaN for negative input or NaN, and positive infinity for positive infinity.
        /// </summary>
        public static float Log(float x)
        {
            if (!(x >= 0f))
            {
                return float.NaN;
            }

            if (x == 0f)
            {
                return float.NegativeInfinity;
            }

            if (x == float.PositiveInfinity)
            {
                return x;
            }

            // x = m 2^k with m in [sqrt(1/2), sqrt(2)), found by halving or doubling, because the
            // nanoFramework subset has no cheap way to read the float exponent bits.
            float mantissa = x;
            int k = 0;
            while (mantissa >= 1.41421356f)
            {
                mantissa *= 0.5f;
                k++;
            }

            while (mantissa < 0.707106781f)
            {
                mantissa *= 2f;
                k--;
            }

            // ln m = 2 atanh(s) with s = (m - 1) / (m + 1) and |s| <= 0.1716. The first omitted term,
            // 2 s^11 / 11, is below 1e-9.
            float s = (mantissa - 1f) / (mantissa + 1f);
            float s2 = s * s;
            float series = 2f * s * (1f + s2 * (1f / 3f + s2 * (1f / 5f + s2 * (1f / 7f + s2 * (1f / 9f)))));
            return k * Ln2High + (k * Ln2Low + series);
        }

        private static float PowerOfTwo(int exponent)
        {
            float result = 1f;
            float factor = exponent < 0 ? 0.5f : 2f;
            int remaining = exponent < 0 ? -exponent : exponent;
            while (remaining > 0)
            {
                if ((remaining & 1) != 0)
                {
                    result *= factor;
                }

                factor *= factor;
                remaining >>= 1;
            }

            return result;
        }
    }
}

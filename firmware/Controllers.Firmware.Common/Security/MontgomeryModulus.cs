using System;

namespace Controllers.Firmware.Common.Security
{
    /// <summary>
    /// Arithmetic modulo an odd 256-bit modulus m with 2^255 &lt; m &lt; 2^256, such as the P-256 prime p
    /// and group order n. Products use Montgomery multiplication with R = 2^256: a value x is kept
    /// as x·R mod m ("Montgomery form"), and <see cref="Multiply"/> returns a·b·R⁻¹ mod m.
    /// </summary>
    /// <remarks>
    /// Operands and results are eight-limb arrays (see <see cref="UInt256"/>) with values below m.
    /// A result array may be the same array as an operand. The scratch buffers are allocated in the
    /// constructor, so no method allocates, and one instance must not be used by two threads at once.
    /// Branches depend on the operand values, so the running time is not constant.
    /// </remarks>
    internal sealed class MontgomeryModulus
    {
        private readonly uint[] modulus = new uint[UInt256.LimbCount];

        // -m⁻¹ mod 2^32, the factor that clears the lowest limb in each reduction step.
        private readonly uint negativeInverse;

        // R² mod m, which converts a value into Montgomery form by one multiplication.
        private readonly uint[] rSquared = new uint[UInt256.LimbCount];

        // R mod m, the Montgomery form of 1.
        private readonly uint[] montgomeryOne = new uint[UInt256.LimbCount];

        // The plain value 1, which converts out of Montgomery form by one multiplication.
        private readonly uint[] plainOne = new uint[UInt256.LimbCount];

        // m - 2, the exponent of the Fermat inverse a^(m-2) = a⁻¹ for a prime m.
        private readonly uint[] inverseExponent = new uint[UInt256.LimbCount];

        private readonly uint[] product = new uint[UInt256.LimbCount + 2];
        private readonly uint[] inverseBase = new uint[UInt256.LimbCount];
        private readonly uint[] inverseAccumulator = new uint[UInt256.LimbCount];

        /// <summary>Creates the arithmetic for <paramref name="modulusLimbs"/>, which the instance copies.</summary>
        public MontgomeryModulus(uint[] modulusLimbs)
        {
            if (modulusLimbs == null)
            {
                throw new ArgumentNullException("modulusLimbs");
            }

            if (modulusLimbs.Length != UInt256.LimbCount || (modulusLimbs[0] & 1) == 0 || (modulusLimbs[UInt256.LimbCount - 1] & 0x80000000) == 0)
            {
                throw new ArgumentException("The modulus must be an odd 256-bit number with its top bit set, given as eight 32-bit limbs.", "modulusLimbs");
            }

            UInt256.Copy(modulusLimbs, modulus);

            // Newton's iteration x ← x·(2 - m·x) doubles the number of correct low bits of m⁻¹ mod 2^32 each
            // step. x = m is already correct to 3 bits for any odd m, so four steps give 48 ≥ 32 bits.
            uint inverse = modulus[0];
            for (int i = 0; i < 4; i++)
            {
                inverse *= 2 - modulus[0] * inverse;
            }

            negativeInverse = ~inverse + 1;

            // R mod m = 2^256 - m, because m < 2^256 < 2m.
            UInt256.Clear(plainOne);
            UInt256.Subtract(montgomeryOne, plainOne, modulus);
            plainOne[0] = 1;

            // R² mod m = R·2^256 mod m: double R mod m 256 times.
            UInt256.Copy(montgomeryOne, rSquared);
            for (int i = 0; i < 256; i++)
            {
                Add(rSquared, rSquared, rSquared);
            }

            uint[] two = new uint[UInt256.LimbCount];
            two[0] = 2;
            UInt256.Subtract(inverseExponent, modulus, two);
        }

        /// <summary>The Montgomery form of 1 (R mod m). Callers must not change it.</summary>
        public uint[] One
        {
            get { return montgomeryOne; }
        }

        /// <summary>Returns whether <paramref name="value"/> is below the modulus.</summary>
        public bool IsReduced(uint[] value)
        {
            return UInt256.Compare(value, modulus) < 0;
        }

        /// <summary>Computes result = a mod m for any 256-bit a (one subtraction suffices because 2^256 &lt; 2m).</summary>
        public void Reduce(uint[] result, uint[] a)
        {
            UInt256.Copy(a, result);
            if (UInt256.Compare(result, modulus) >= 0)
            {
                UInt256.Subtract(result, result, modulus);
            }
        }

        /// <summary>Computes result = (a + b) mod m.</summary>
        public void Add(uint[] result, uint[] a, uint[] b)
        {
            uint carry = UInt256.Add(result, a, b);
            if (carry != 0 || UInt256.Compare(result, modulus) >= 0)
            {
                UInt256.Subtract(result, result, modulus);
            }
        }

        /// <summary>Computes result = (a - b) mod m.</summary>
        public void Subtract(uint[] result, uint[] a, uint[] b)
        {
            uint borrow = UInt256.Subtract(result, a, b);
            if (borrow != 0)
            {
                UInt256.Add(result, result, modulus);
            }
        }

        /// <summary>
        /// Computes result = a·b·R⁻¹ mod m (Montgomery product, coarsely integrated operand scanning:
        /// each pass adds a·b[i] and then a multiple of m that makes the lowest limb zero).
        /// </summary>
        public void Multiply(uint[] result, uint[] a, uint[] b)
        {
            uint[] t = product;
            for (int i = 0; i < t.Length; i++)
            {
                t[i] = 0;
            }

            for (int i = 0; i < UInt256.LimbCount; i++)
            {
                // t += a·b[i]
                ulong bi = b[i];
                ulong carry = 0;
                for (int j = 0; j < UInt256.LimbCount; j++)
                {
                    ulong sum = t[j] + a[j] * bi + carry;
                    t[j] = (uint)sum;
                    carry = sum >> 32;
                }

                ulong top = t[UInt256.LimbCount] + carry;
                t[UInt256.LimbCount] = (uint)top;
                t[UInt256.LimbCount + 1] = (uint)(top >> 32);

                // t = (t + factor·m) / 2^32, where factor makes the lowest limb of the sum zero.
                ulong factor = t[0] * negativeInverse;
                carry = (t[0] + factor * modulus[0]) >> 32;
                for (int j = 1; j < UInt256.LimbCount; j++)
                {
                    ulong sum = t[j] + factor * modulus[j] + carry;
                    t[j - 1] = (uint)sum;
                    carry = sum >> 32;
                }

                top = t[UInt256.LimbCount] + carry;
                t[UInt256.LimbCount - 1] = (uint)top;
                t[UInt256.LimbCount] = t[UInt256.LimbCount + 1] + (uint)(top >> 32);
                t[UInt256.LimbCount + 1] = 0;
            }

            // t < 2m here, so one conditional subtraction brings it below m.
            bool subtract = t[UInt256.LimbCount] != 0;
            if (!subtract)
            {
                subtract = true;
                for (int i = UInt256.LimbCount - 1; i >= 0; i--)
                {
                    if (t[i] != modulus[i])
                    {
                        subtract = t[i] > modulus[i];
                        break;
                    }
                }
            }

            if (subtract)
            {
                long borrow = 0;
                for (int i = 0; i < UInt256.LimbCount; i++)
                {
                    long difference = (long)t[i] - modulus[i] - borrow;
                    result[i] = (uint)difference;
                    borrow = difference < 0 ? 1 : 0;
                }
            }
            else
            {
                for (int i = 0; i < UInt256.LimbCount; i++)
                {
                    result[i] = t[i];
                }
            }
        }

        /// <summary>Computes result = a·a·R⁻¹ mod m.</summary>
        public void Square(uint[] result, uint[] a)
        {
            Multiply(result, a, a);
        }

        /// <summary>Computes result = a·R mod m, the Montgomery form of a plain value a &lt; m.</summary>
        public void ToMontgomery(uint[] result, uint[] a)
        {
            Multiply(result, a, rSquared);
        }

        /// <summary>Computes result = a·R⁻¹ mod m, the plain value of a Montgomery-form value a.</summary>
        public void FromMontgomery(uint[] result, uint[] a)
        {
            Multiply(result, a, plainOne);
        }

        /// <summary>
        /// Computes the Montgomery-form inverse of a Montgomery-form value by Fermat's little theorem,
        /// a^(m-2) = a⁻¹ mod m for a prime m. The result for a = 0 is 0.
        /// </summary>
        public void Invert(uint[] result, uint[] a)
        {
            UInt256.Copy(a, inverseBase);
            UInt256.Copy(montgomeryOne, inverseAccumulator);
            for (int bit = 255; bit >= 0; bit--)
            {
                Square(inverseAccumulator, inverseAccumulator);
                if (UInt256.GetBit(inverseExponent, bit) != 0)
                {
                    Multiply(inverseAccumulator, inverseAccumulator, inverseBase);
                }
            }

            UInt256.Copy(inverseAccumulator, result);
        }
    }
}

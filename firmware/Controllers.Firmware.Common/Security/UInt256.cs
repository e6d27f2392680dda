using System;

namespace Controllers.Firmware.Common.Security
{
    /// <summary>
    /// Helpers for 256-bit unsigned integers stored as eight 32-bit limbs, least significant limb
    /// first. None of them allocates.
    /// </summary>
    internal static class UInt256
    {
        /// <summary>Number of 32-bit limbs in a 256-bit value.</summary>
        public const int LimbCount = 8;

        /// <summary>Length of a 256-bit value in bytes.</summary>
        public const int ByteCount = 32;

        /// <summary>Creates a value from its eight 32-bit words, most significant word first.</summary>
        public static uint[] FromWords(uint w7, uint w6, uint w5, uint w4, uint w3, uint w2, uint w1, uint w0)
        {
            return new uint[] { w0, w1, w2, w3, w4, w5, w6, w7 };
        }

        /// <summary>Reads 32 big-endian bytes of <paramref name="source"/> at <paramref name="offset"/>.</summary>
        public static void FromBigEndian(byte[] source, int offset, uint[] destination)
        {
            for (int i = 0; i < LimbCount; i++)
            {
                int at = offset + ByteCount - 4 * (i + 1);
                destination[i] = ((uint)source[at] << 24) | ((uint)source[at + 1] << 16) | ((uint)source[at + 2] << 8) | source[at + 3];
            }
        }

        /// <summary>Writes <paramref name="value"/> as 32 big-endian bytes to <paramref name="destination"/> at <paramref name="offset"/>.</summary>
        public static void ToBigEndian(uint[] value, byte[] destination, int offset)
        {
            for (int i = 0; i < LimbCount; i++)
            {
                int at = offset + ByteCount - 4 * (i + 1);
                uint limb = value[i];
                destination[at] = (byte)(limb >> 24);
                destination[at + 1] = (byte)(limb >> 16);
                destination[at + 2] = (byte)(limb >> 8);
                destination[at + 3] = (byte)limb;
            }
        }

        /// <summary>Returns -1, 0 or 1 as <paramref name="a"/> is less than, equal to or greater than <paramref name="b"/>.</summary>
        public static int Compare(uint[] a, uint[] b)
        {
            for (int i = LimbCount - 1; i >= 0; i--)
            {
                if (a[i] != b[i])
                {
                    return a[i] < b[i] ? -1 : 1;
                }
            }

            return 0;
        }

        /// <summary>Returns whether every limb of <paramref name="value"/> is zero.</summary>
        public static bool IsZero(uint[] value)
        {
            uint any = 0;
            for (int i = 0; i < LimbCount; i++)
            {
                any |= value[i];
            }

            return any == 0;
        }

        /// <summary>Copies the eight limbs of <paramref name="source"/> to <paramref name="destination"/>.</summary>
        public static void Copy(uint[] source, uint[] destination)
        {
            Array.Copy(source, destination, LimbCount);
        }

        /// <summary>Sets <paramref name="destination"/> to zero.</summary>
        public static void Clear(uint[] destination)
        {
            for (int i = 0; i < LimbCount; i++)
            {
                destination[i] = 0;
            }
        }

        /// <summary>Computes result = a + b modulo 2^256 and returns the carry out (0 or 1).</summary>
        public static uint Add(uint[] result, uint[] a, uint[] b)
        {
            ulong carry = 0;
            for (int i = 0; i < LimbCount; i++)
            {
                ulong sum = (ulong)a[i] + b[i] + carry;
                result[i] = (uint)sum;
                carry = sum >> 32;
            }

            return (uint)carry;
        }

        /// <summary>Computes result = a - b modulo 2^256 and returns the borrow out (0 or 1).</summary>
        public static uint Subtract(uint[] result, uint[] a, uint[] b)
        {
            long borrow = 0;
            for (int i = 0; i < LimbCount; i++)
            {
                long difference = (long)a[i] - b[i] - borrow;
                result[i] = (uint)difference;
                borrow = difference < 0 ? 1 : 0;
            }

            return (uint)borrow;
        }

        /// <summary>Returns bit <paramref name="index"/> (0 is the least significant) of <paramref name="value"/>.</summary>
        public static int GetBit(uint[] value, int index)
        {
            return (int)((value[index >> 5] >> (index & 31)) & 1);
        }
    }
}

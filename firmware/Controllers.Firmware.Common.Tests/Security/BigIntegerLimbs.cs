using System;
using System.Numerics;

namespace Controllers.Firmware.Common.Tests.Security;

/// <summary>Conversions between System.Numerics.BigInteger and the firmware's eight-limb 256-bit values.</summary>
internal static class BigIntegerLimbs
{
    public static uint[] FromBigInteger(BigInteger value)
    {
        if (value.Sign < 0 || value >= BigInteger.One << 256)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "The value must lie in [0, 2^256).");
        }

        var limbs = new uint[8];
        for (int i = 0; i < 8; i++)
        {
            limbs[i] = (uint)(value & uint.MaxValue);
            value >>= 32;
        }

        return limbs;
    }

    public static BigInteger ToBigInteger(uint[] limbs)
    {
        BigInteger value = BigInteger.Zero;
        for (int i = 7; i >= 0; i--)
        {
            value = (value << 32) | limbs[i];
        }

        return value;
    }

    public static BigInteger FromBigEndian(ReadOnlySpan<byte> bytes)
    {
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    public static byte[] ToBigEndian32(BigInteger value)
    {
        var bytes = new byte[32];
        byte[] raw = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        Array.Copy(raw, 0, bytes, 32 - raw.Length, raw.Length);
        return bytes;
    }

    public static BigInteger Random(Random random, BigInteger modulus)
    {
        var bytes = new byte[32];
        random.NextBytes(bytes);
        return FromBigEndian(bytes) % modulus;
    }
}

using System;
using Controllers.Firmware.Common.Can.Generated;
using Xunit;

namespace Controllers.Can.Tests.CodeGeneration;

/// <summary>The firmware's float bit conversion against BitConverter of .NET.</summary>
public sealed class IeeeBitsTests
{
    [Theory]
    [InlineData(0x00000000u)] // +0
    [InlineData(0x80000000u)] // -0
    [InlineData(0x3F800000u)] // 1
    [InlineData(0xC0490FDBu)] // -pi
    [InlineData(0x00000001u)] // smallest subnormal
    [InlineData(0x807FFFFFu)] // largest negative subnormal
    [InlineData(0x00800000u)] // smallest normal
    [InlineData(0x7F7FFFFFu)] // float.MaxValue
    [InlineData(0x7F800000u)] // +infinity
    [InlineData(0xFF800000u)] // -infinity
    [InlineData(0x7FC00000u)] // quiet NaN
    public void SpecialValuesRoundTrip(uint bits)
    {
        var value = BitConverter.UInt32BitsToSingle(bits);

        Assert.Equal(bits, IeeeBits.SingleToBits(value));
        Assert.Equal(bits, BitConverter.SingleToUInt32Bits(IeeeBits.BitsToSingle(bits)));
    }

    [Fact]
    public void RandomBitsMatchBitConverter()
    {
        var random = new Random(1754);
        for (var i = 0; i < 100000; i++)
        {
            var bits = (uint)random.NextInt64(0, 1L << 32);
            var value = BitConverter.UInt32BitsToSingle(bits);
            if (float.IsNaN(value))
            {
                // Converting a NaN through double may quiet a signaling NaN, so only NaN-ness is kept.
                Assert.True(float.IsNaN(IeeeBits.BitsToSingle(bits)), $"0x{bits:X8} did not decode to NaN.");
                continue;
            }

            Assert.True(bits == IeeeBits.SingleToBits(value), $"SingleToBits({value:R}) returned 0x{IeeeBits.SingleToBits(value):X8}, expected 0x{bits:X8}.");
            Assert.True(bits == BitConverter.SingleToUInt32Bits(IeeeBits.BitsToSingle(bits)), $"BitsToSingle(0x{bits:X8}) returned {IeeeBits.BitsToSingle(bits):R}.");
        }
    }
}

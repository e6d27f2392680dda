using System;
using Controllers.Can.Transports;
using Controllers.Firmware.Common.Can;
using Xunit;

namespace Controllers.Can.Tests.Transports;

public sealed class CanBitTimingTests
{
    // Hand counts. Standard data: SOF 1 + id 11 + RTR 1 + IDE 1 + r0 1 + DLC 4 + 8n + CRC 15 + delimiter 1
    // + ACK 2 + EOF 7 + intermission 3. Extended adds SRR 1 + id extension 18 + r1 1.
    [Theory]
    [InlineData(false, false, 0, 47, 34, 8)]
    [InlineData(false, false, 1, 55, 42, 10)]
    [InlineData(false, false, 8, 111, 98, 24)]
    [InlineData(true, false, 0, 67, 54, 13)]
    [InlineData(true, false, 8, 131, 118, 29)]
    [InlineData(false, true, 8, 47, 34, 8)]
    [InlineData(true, true, 4, 67, 54, 13)]
    public void BitCounts_MatchHandCounts(bool extended, bool remote, int length, int nominal, int stuffable, int stuff)
    {
        Assert.Equal(nominal, CanBitTiming.NominalBits(extended, remote, length));
        Assert.Equal(stuffable, CanBitTiming.StuffableBits(extended, remote, length));
        Assert.Equal(stuff, CanBitTiming.MaxStuffBits(extended, remote, length));
    }

    [Fact]
    public void WorstCase_StandardEightBytes_Is135Bits()
    {
        CanFrame frame = Frame(0x123, false, 8);

        Assert.Equal(135, CanBitTiming.WorstCaseBits(frame));
        Assert.Equal(270_000, CanBitTiming.BitsToNanoseconds(135, 500_000));
    }

    [Fact]
    public void WorstCase_ExtendedEightBytes_Is160Bits()
    {
        CanFrame frame = Frame(0x18FF50E5, true, 8);

        Assert.Equal(160, CanBitTiming.WorstCaseBits(frame));
        Assert.Equal(160_000, CanBitTiming.BitsToNanoseconds(160, 1_000_000));
    }

    [Fact]
    public void ArbitrationKey_OrdersLikeTheBus()
    {
        CanFrame standardData = Frame(0x100, false, 1);
        CanFrame standardRemote = Frame(0x100, false, 1);
        standardRemote.IsRemote = true;
        CanFrame extendedSameBase = Frame(0x100u << 18, true, 1);
        CanFrame lowerStandard = Frame(0x0FF, false, 1);

        Assert.True(CanBitTiming.ArbitrationKey(standardData) < CanBitTiming.ArbitrationKey(standardRemote));
        Assert.True(CanBitTiming.ArbitrationKey(standardRemote) < CanBitTiming.ArbitrationKey(extendedSameBase));
        Assert.True(CanBitTiming.ArbitrationKey(lowerStandard) < CanBitTiming.ArbitrationKey(standardData));
        Assert.True(CanBitTiming.ArbitrationKey(Frame(0x0FFu << 18 | 0x3FFFF, true, 0)) < CanBitTiming.ArbitrationKey(standardData));
    }

    [Fact]
    public void BitsToNanoseconds_RejectsZeroBitrate()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CanBitTiming.BitsToNanoseconds(1, 0));
    }

    internal static CanFrame Frame(uint id, bool extended, int length)
    {
        var frame = new CanFrame();
        frame.SetId(id, extended);
        frame.Length = length;
        for (int i = 0; i < length; i++)
        {
            frame.Data[i] = (byte)(0x11 * (i + 1));
        }

        return frame;
    }
}

using System;
using Controllers.Firmware.Common.Can;
using Xunit;

namespace Controllers.Firmware.Common.Tests.Can;

public class IntelBitsTests
{
    [Fact]
    public void Write_PlacesFieldAcrossBytesLittleEndian()
    {
        var data = new byte[8];
        // A 13-bit field from bit 4 holding 0x1ABC: bits 4..7 of byte 0 get 0xC, byte 1 gets 0xAB, bit 0 of byte 2 gets 1.
        IntelBits.Write(data, 4, 13, 0x1ABC);
        Assert.Equal(new byte[] { 0xC0, 0xAB, 0x01, 0, 0, 0, 0, 0 }, data);
        Assert.Equal(0x1ABCu, IntelBits.Read(data, 4, 13));
    }

    [Fact]
    public void Write_KeepsNeighbouringBits()
    {
        var data = new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
        IntelBits.Write(data, 8, 11, 0);
        // Bits 8..18 cleared: byte 1 is 0, byte 2 keeps bits 3..7 (0xF8).
        Assert.Equal(new byte[] { 0xFF, 0x00, 0xF8, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF }, data);
    }

    [Fact]
    public void ThirtyTwoBitField_RoundTrips()
    {
        var data = new byte[8];
        IntelBits.Write(data, 24, 32, 0xDEADBEEF);
        Assert.Equal(0xDEADBEEFu, IntelBits.Read(data, 24, 32));
        Assert.Equal(new byte[] { 0, 0, 0, 0xEF, 0xBE, 0xAD, 0xDE, 0 }, data);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 33)]
    [InlineData(60, 5)]
    [InlineData(-1, 4)]
    public void FieldOutsideData_Rejected(int start, int length)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IntelBits.Read(new byte[8], start, length));
        Assert.Throws<ArgumentOutOfRangeException>(() => IntelBits.Write(new byte[8], start, length, 1));
    }
}

using System.Text;
using Controllers.Firmware.Common.Can;
using Xunit;

namespace Controllers.Firmware.Common.Tests.Can;

public class Crc8SaeJ1850Tests
{
    [Fact]
    public void CheckValue_MatchesCatalogue()
    {
        // The CRC catalogue (CRC-8/SAE-J1850: width 8, poly 0x1D, init 0xFF, xorout 0xFF) gives check = 0x4B for "123456789".
        byte[] data = Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(0x4B, Crc8SaeJ1850.Compute(data, 0, data.Length));
    }

    [Fact]
    public void AutosarExamples_Match()
    {
        // AUTOSAR Specification of CRC Routines (R4.x), 8-bit SAE J1850 table of check values.
        Assert.Equal(0x59, Crc8SaeJ1850.Compute(new byte[] { 0x00, 0x00, 0x00, 0x00 }, 0, 4));
        Assert.Equal(0x37, Crc8SaeJ1850.Compute(new byte[] { 0xF2, 0x01, 0x83 }, 0, 3));
        Assert.Equal(0x79, Crc8SaeJ1850.Compute(new byte[] { 0x0F, 0xAA, 0x00, 0x55 }, 0, 4));
        Assert.Equal(0xB8, Crc8SaeJ1850.Compute(new byte[] { 0x00, 0xFF, 0x55, 0x11 }, 0, 4));
        Assert.Equal(0xCB, Crc8SaeJ1850.Compute(new byte[] { 0x33, 0x22, 0x55, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF }, 0, 9));
        Assert.Equal(0x8C, Crc8SaeJ1850.Compute(new byte[] { 0x92, 0x6B, 0x55 }, 0, 3));
        Assert.Equal(0x74, Crc8SaeJ1850.Compute(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, 0, 4));
    }

    [Fact]
    public void Offset_SelectsTheBytes()
    {
        byte[] data = Encoding.ASCII.GetBytes("xx123456789");
        Assert.Equal(0x4B, Crc8SaeJ1850.Compute(data, 2, 9));
    }
}

using System;
using Controllers.Firmware.Bms.Afe;
using Xunit;

namespace Controllers.Firmware.Bms.Tests.Afe;

public class Pec15Tests
{
    /// <summary>
    /// Long division written out in the plainest way. The message polynomial seed × x^n + data × x^15 (n data
    /// bits) is divided by 0xC599 (x^15 + 0x4599) bit by bit, and the remainder is shifted left by one. A register that starts at the seed is the same as the seed added to the top 15
    /// bits of the data followed by 15 zeros. This is the definition of a CRC, not the datasheet's shift
    /// register, so the test does not repeat the implementation.
    /// </summary>
    private static int LongDivisionPec(byte[] data)
    {
        int dataBits = data.Length * 8;
        int bitCount = dataBits + 15;
        var bits = new int[bitCount];
        for (int i = 0; i < dataBits; i++)
        {
            bits[i] = (data[i / 8] >> (7 - i % 8)) & 1;
        }

        for (int i = 0; i < 15; i++)
        {
            bits[i] ^= (0x0010 >> (14 - i)) & 1;
        }

        int[] divisor = new int[16];
        for (int i = 0; i < 16; i++)
        {
            divisor[i] = (0xC599 >> (15 - i)) & 1;
        }

        for (int i = 0; i + 16 <= bitCount; i++)
        {
            if (bits[i] == 1)
            {
                for (int j = 0; j < 16; j++)
                {
                    bits[i + j] ^= divisor[j];
                }
            }
        }

        int remainder = 0;
        for (int i = bitCount - 15; i < bitCount; i++)
        {
            remainder = (remainder << 1) | bits[i];
        }

        return remainder << 1;
    }

    [Fact]
    public void DatasheetExample_0x0001Gives0x3D6E()
    {
        // LTC6804-1 datasheet Rev. C, Table 24 and text: "The PEC for 0x0001 is computed as 0x3D6E".
        Assert.Equal(0x3D6E, Pec15.Compute(new byte[] { 0x00, 0x01 }, 0, 2));
    }

    [Fact]
    public void LongDivision_AgreesWithDatasheetExample()
    {
        Assert.Equal(0x3D6E, LongDivisionPec(new byte[] { 0x00, 0x01 }));
    }

    [Fact]
    public void SixBytesOfOnes_MatchPublishedChipResponse()
    {
        // An LTC6813 that returned six 0xFF data bytes sent the PEC 0x66 0x4C (Analog Devices EngineerZone
        // thread "LTC6813 responding with 0xFF for everything").
        byte[] data = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };

        Assert.Equal(0x664C, Pec15.Compute(data, 0, 6));
        Assert.Equal(0x664C, LongDivisionPec(data));
    }

    [Fact]
    public void RandomMessages_AgreeWithLongDivision()
    {
        var random = new Random(6813);
        for (int trial = 0; trial < 500; trial++)
        {
            var data = new byte[1 + random.Next(12)];
            random.NextBytes(data);

            Assert.Equal(LongDivisionPec(data), Pec15.Compute(data, 0, data.Length));
        }
    }

    [Fact]
    public void Append_WritesMostSignificantByteFirst()
    {
        byte[] frame = { 0x00, 0x01, 0, 0 };

        Pec15.Append(frame, 0, 2);

        Assert.Equal(new byte[] { 0x00, 0x01, 0x3D, 0x6E }, frame);
        Assert.True(Pec15.IsValid(frame, 0, 2));
    }

    [Fact]
    public void IsValid_RejectsEverySingleBitError()
    {
        byte[] frame = { 0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC, 0, 0 };
        Pec15.Append(frame, 0, 6);

        for (int bit = 0; bit < 64; bit++)
        {
            frame[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(Pec15.IsValid(frame, 0, 6), $"bit {bit} flipped");
            frame[bit / 8] ^= (byte)(1 << (bit % 8));
        }
    }

    [Fact]
    public void Compute_RangeOutsideBuffer_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Pec15.Compute(new byte[4], 2, 3));
    }
}

using System;
using Controllers.Firmware.Bms.Afe;
using Xunit;

namespace Controllers.Firmware.Bms.Tests.Afe;

/// <summary>Configuration register bytes against the LTC6813-1 configuration register layout.</summary>
public class Ltc6813ConfigurationTests
{
    [Fact]
    public void Defaults_AreGpioPullDownsOff()
    {
        var configuration = new Ltc6813Configuration(2);

        Assert.Equal(0xF8, configuration.GroupA(1, 0));
        Assert.Equal(0x0F, configuration.GroupB(1, 0));
        for (int i = 1; i < 6; i++)
        {
            Assert.Equal(0, configuration.GroupA(1, i));
        }
    }

    [Fact]
    public void Thresholds_EncodeVuvAndVov()
    {
        var configuration = new Ltc6813Configuration(1);

        // 2.5 V: VUV = 2.5 / 1.6 mV - 1 = 1562 = 0x61A. 4.2 V: VOV = 4.2 / 1.6 mV = 2625 = 0xA41.
        configuration.SetVoltageThresholds(2.5f, 4.2f);

        Assert.Equal(0x1A, configuration.GroupA(0, 1));
        Assert.Equal(0x16, configuration.GroupA(0, 2)); // VOV[3:0] = 1, VUV[11:8] = 6
        Assert.Equal(0xA4, configuration.GroupA(0, 3));
    }

    [Theory]
    [InlineData(1, 'A', 4, 0x01)]
    [InlineData(8, 'A', 4, 0x80)]
    [InlineData(9, 'A', 5, 0x01)]
    [InlineData(12, 'A', 5, 0x08)]
    [InlineData(13, 'B', 0, 0x10)]
    [InlineData(16, 'B', 0, 0x80)]
    [InlineData(17, 'B', 1, 0x01)]
    [InlineData(18, 'B', 1, 0x02)]
    public void Discharge_SetsDccBit(int cell, char group, int index, int mask)
    {
        var configuration = new Ltc6813Configuration(1);
        byte before = group == 'A' ? configuration.GroupA(0, index) : configuration.GroupB(0, index);

        configuration.SetDischarge(0, cell, true);

        byte after = group == 'A' ? configuration.GroupA(0, index) : configuration.GroupB(0, index);
        Assert.Equal(mask, after ^ before);
        Assert.True(configuration.IsDischargeSet(0, cell));
    }

    [Fact]
    public void ClearDischarge_KeepsGpioAndTimeout()
    {
        var configuration = new Ltc6813Configuration(1);
        configuration.SetDischargeTimeoutCode(7);
        for (int cell = 1; cell <= 18; cell++)
        {
            configuration.SetDischarge(0, cell, true);
        }

        configuration.ClearDischarge();

        Assert.Equal(0x70, configuration.GroupA(0, 5));
        Assert.Equal(0x0F, configuration.GroupB(0, 0));
        Assert.Equal(0, configuration.GroupA(0, 4));
    }

    [Theory]
    [InlineData(1, 'A', 0x08)]
    [InlineData(5, 'A', 0x80)]
    [InlineData(6, 'B', 0x01)]
    [InlineData(9, 'B', 0x08)]
    public void GpioPullDownOn_ClearsBit(int gpio, char group, int mask)
    {
        var configuration = new Ltc6813Configuration(1);

        configuration.SetGpioPullDown(0, gpio, true);

        byte value = group == 'A' ? configuration.GroupA(0, 0) : configuration.GroupB(0, 0);
        Assert.Equal(0, value & mask);
    }

    [Theory]
    [InlineData(0, 0f)]
    [InlineData(1, 0.5f)]
    [InlineData(7, 10f)]
    [InlineData(15, 120f)]
    public void DischargeTimeoutCodes_MatchTable(int code, float minutes)
    {
        // DCTO write column of the memory bit descriptions (LTC6804-1 datasheet Table 46).
        Assert.Equal(minutes, Ltc6813Configuration.DischargeTimeoutMinutesForCode(code));
    }

    [Fact]
    public void InvalidCell_NamesTheValue()
    {
        var configuration = new Ltc6813Configuration(1);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => configuration.SetDischarge(0, 19, true));

        Assert.Contains("19", error.Message);
    }

    [Fact]
    public void OvervoltageBelowUndervoltage_Throws()
    {
        var configuration = new Ltc6813Configuration(1);

        Assert.Throws<ArgumentOutOfRangeException>(() => configuration.SetVoltageThresholds(3.0f, 2.0f));
    }
}

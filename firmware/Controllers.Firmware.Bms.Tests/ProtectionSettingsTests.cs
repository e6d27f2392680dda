using System;
using Controllers.Firmware.Bms.Contactors;
using Controllers.Firmware.Bms.Protection;
using Controllers.Firmware.Common.Diagnostics;
using Xunit;

namespace Controllers.Firmware.Bms.Tests;

public class ProtectionSettingsTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        new ProtectionSettings().Validate();
        new ContactorSettings().Validate();
    }

    [Fact]
    public void UpperLimit_OutOfOrderNamesLimit()
    {
        var settings = new ProtectionSettings();
        settings.CellOvervoltage.Derate.Threshold = 3.75f;

        var error = Assert.Throws<ArgumentException>(() => new ProtectionMonitor(settings, new DtcMemory(BmsDtcTable.DtcCount)));

        Assert.Equal("CellOvervoltage", error.ParamName);
        Assert.Contains("Derate (3.75) < Trip (3.7)", error.Message);
    }

    [Fact]
    public void LowerLimit_OutOfOrderNamesLimit()
    {
        var settings = new ProtectionSettings();
        settings.DischargeUndertemperature.Warning.Threshold = -16f;

        var error = Assert.Throws<ArgumentException>(settings.Validate);

        Assert.Equal("DischargeUndertemperature", error.ParamName);
    }

    [Fact]
    public void ChargeWindow_MustLieInsideDischargeWindow()
    {
        var settings = new ProtectionSettings();
        settings.ChargeUndertemperature = new ProtectionLimit(
            new ProtectionThreshold(-20f, 2f, 1000, 1000),
            new ProtectionThreshold(-22f, 2f, 1000, 1000),
            new ProtectionThreshold(-25f, 2f, 1000, 1000));

        var error = Assert.Throws<ArgumentException>(settings.Validate);

        Assert.Equal("ChargeUndertemperature", error.ParamName);
        Assert.Contains("higher temperature than discharging", error.Message);
    }

    [Theory]
    [InlineData(-0.01f)]
    [InlineData(float.NaN)]
    public void Hysteresis_NegativeOrNaNRejected(float hysteresis)
    {
        var settings = new ProtectionSettings();
        settings.ChargeOvercurrent.Trip.Hysteresis = hysteresis;

        var error = Assert.Throws<ArgumentException>(settings.Validate);

        Assert.Equal("ChargeOvercurrent.Trip.Hysteresis", error.ParamName);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(600001)]
    public void Debounce_OutOfRangeRejected(int milliseconds)
    {
        var settings = new ProtectionSettings();
        settings.CurrentSensorLoss.SetDebounceMilliseconds = milliseconds;

        var error = Assert.Throws<ArgumentException>(settings.Validate);

        Assert.Equal("CurrentSensorLoss.SetDebounceMilliseconds", error.ParamName);
    }

    [Theory]
    [InlineData(0f, true)]
    [InlineData(1f, true)]
    [InlineData(-0.1f, false)]
    [InlineData(1.1f, false)]
    public void FaultDerateScale_Limits(float scale, bool valid)
    {
        var settings = new ProtectionSettings { FaultDerateScale = scale };

        if (valid)
        {
            settings.Validate();
        }
        else
        {
            Assert.Equal("FaultDerateScale", Assert.Throws<ArgumentException>(settings.Validate).ParamName);
        }
    }

    [Fact]
    public void ContactorSettings_CheckFractionAboveTargetRejected()
    {
        var settings = new ContactorSettings { PrechargeCheckFraction = 0.96f };

        var error = Assert.Throws<ArgumentException>(settings.Validate);

        Assert.Equal("PrechargeCheckFraction", error.ParamName);
    }
}

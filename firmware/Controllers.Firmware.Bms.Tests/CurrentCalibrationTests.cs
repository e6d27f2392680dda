using System;
using Controllers.Firmware.Bms.Current;
using Xunit;

namespace Controllers.Firmware.Bms.Tests;

public class CurrentCalibrationTests
{
    [Fact]
    public void TwoPoints_MapReadingsOntoReferences()
    {
        var calibration = new CurrentCalibration();

        // Raw 0.2 A at 0 A and 301.5 A at 300 A: gain = 300 / 301.3 = 0.995685, offset = 0.2 - 0 / gain = 0.2.
        calibration.SetFromTwoPoints(0.2f, 0f, 301.5f, 300f);

        Assert.Equal(300.0 / 301.3, calibration.GainFactor, 1e-6);
        Assert.Equal(0.2f, calibration.OffsetAmperes, 1e-6f);
        Assert.Equal(0.2f, calibration.CalibratedOffsetAmperes, 1e-6f);
        Assert.Equal(0f, calibration.Apply(0.2f), 1e-5f);
        Assert.Equal(300f, calibration.Apply(301.5f), 1e-4f);
    }

    [Fact]
    public void TwoPoints_NonZeroLowReference()
    {
        var calibration = new CurrentCalibration();

        // Raw 10.3 A at 10 A, 200.5 A at 200 A: gain = 190 / 190.2 = 0.998948, offset = 10.3 - 10 / gain = 0.289485.
        calibration.SetFromTwoPoints(10.3f, 10f, 200.5f, 200f);

        Assert.Equal(10.3 - 10.0 / (190.0 / 190.2), calibration.OffsetAmperes, 1e-5);
        Assert.Equal(10f, calibration.Apply(10.3f), 1e-4f);
        Assert.Equal(200f, calibration.Apply(200.5f), 1e-4f);
    }

    [Fact]
    public void Apply_SubtractsOffsetBeforeGain()
    {
        var calibration = new CurrentCalibration { OffsetAmperes = 1f, GainFactor = 1.05f };

        // (101 - 1) × 1.05 = 105; applying the gain first would give 101 × 1.05 - 1 = 105.05.
        Assert.Equal(105f, calibration.Apply(101f), 1e-4f);
    }

    [Fact]
    public void Load_SetsOffsetGainAndCalibratedOffset()
    {
        var calibration = new CurrentCalibration();

        calibration.Load(0.3f, 0.998f);
        calibration.OffsetAmperes = 0.31f;

        Assert.Equal(0.31f, calibration.OffsetAmperes);
        Assert.Equal(0.3f, calibration.CalibratedOffsetAmperes);
        Assert.Equal(0.998f, calibration.GainFactor);
    }

    [Fact]
    public void TwoPoints_EqualReadingsRejected()
    {
        var calibration = new CurrentCalibration();

        var error = Assert.Throws<ArgumentException>(() => calibration.SetFromTwoPoints(5f, 0f, 5f, 300f));
        Assert.Contains("raw readings are equal", error.Message);
    }

    [Fact]
    public void TwoPoints_CloseReferencesRejected()
    {
        var calibration = new CurrentCalibration();

        Assert.Throws<ArgumentException>(() => calibration.SetFromTwoPoints(0f, 0f, 0.5f, 0.5f));
    }

    [Fact]
    public void TwoPoints_GainOutsideLimitsRejected()
    {
        var calibration = new CurrentCalibration();

        // 300 / 250 = 1.2 is above the 1.1 limit: a wrong shunt value, not a tolerance.
        Assert.Throws<ArgumentOutOfRangeException>(() => calibration.SetFromTwoPoints(0f, 0f, 250f, 300f));
        Assert.Equal(1f, calibration.GainFactor);
    }

    [Fact]
    public void Offset_NaNRejected()
    {
        var calibration = new CurrentCalibration();

        Assert.Throws<ArgumentOutOfRangeException>(() => calibration.OffsetAmperes = float.NaN);
    }

    [Theory]
    [InlineData(0.009f)]
    [InlineData(5.1f)]
    public void TrackingSettings_RejectRestThreshold(float amperes)
    {
        var settings = new OffsetTrackingSettings { RestThresholdAmperes = amperes };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => settings.Validate());
        Assert.Equal("RestThresholdAmperes", error.ParamName);
    }
}

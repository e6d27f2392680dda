using System;
using Controllers.Firmware.Bms.Current;
using Xunit;

namespace Controllers.Simulation.Tests.Current;

/// <summary>
/// Two-point calibration of the shunt chain against exact reference currents, then the current error over the
/// range: at most 0.1 % of reading from 20 A to 350 A and at most 20 mA below 20 A (docs/current-measurement.md).
/// </summary>
public class CurrentCalibrationAccuracyTests
{
    private static readonly double[] ProportionalRange = { 20, 50, 100, 200, 350, -20, -50, -100, -200, -350 };

    private static readonly double[] LowCurrents = { 0, 0.5, 5, 19.9, -0.5, -5, -19.9 };

    private static ShuntChain CalibratedChain()
    {
        var chain = new ShuntChain(new OffsetTrackingSettings { Enabled = false });

        // Reference points 0 A and 300 A, each averaged over 100 reads (1 s).
        chain.CurrentAmperes = 0;
        double rawLow = chain.AverageRaw(100);
        chain.CurrentAmperes = 300;
        double rawHigh = chain.AverageRaw(100);
        chain.Calibration.SetFromTwoPoints((float)rawLow, 0f, (float)rawHigh, 300f);
        return chain;
    }

    [Fact]
    public void Uncalibrated_ExceedsLimitAt20A()
    {
        var chain = new ShuntChain(new OffsetTrackingSettings { Enabled = false });
        chain.CurrentAmperes = 20;

        float reading = chain.ReadNext();

        // 20 µV offset is 0.2 A, 1 % of 20 A; the calibration is what brings it under 0.1 %.
        Assert.True(Math.Abs(reading - 20) > 0.02, $"Uncalibrated reading {reading} A unexpectedly within 0.1 % of 20 A.");
    }

    [Fact]
    public void Calibration_OffsetAndGainMatchModelledErrors()
    {
        var chain = CalibratedChain();

        // Offset: 20 µV / 100 µΩ = 0.2 A. Gain: raw = I × 1.004 × 0.997 + 0.2 per ampere, so the
        // correction is 1 / (1.004 × 0.997) = 0.999025.
        Assert.Equal(0.2, chain.Calibration.OffsetAmperes, 0.002);
        Assert.Equal(1 / (1.004 * 0.997), chain.Calibration.GainFactor, 0.00002);
    }

    [Theory]
    [InlineData(25.0)]
    // 15 K above the calibration temperature: the 10 ppm/K shunt adds 0.015 % of reading.
    [InlineData(40.0)]
    [InlineData(10.0)]
    public void Calibrated_WithinTenthPercentOverRange(double shuntCelsius)
    {
        var chain = CalibratedChain();
        chain.Chip.ShuntTemperatureCelsius = shuntCelsius;

        foreach (double amperes in ProportionalRange)
        {
            chain.CurrentAmperes = amperes;
            float reading = chain.ReadNext();
            double errorPercent = Math.Abs(reading - amperes) / Math.Abs(amperes) * 100;

            Assert.True(errorPercent <= 0.1, $"{amperes} A at {shuntCelsius} °C read {reading} A, error {errorPercent:F4} %.");
        }
    }

    [Fact]
    public void Calibrated_LowCurrentsWithinAbsoluteFloor()
    {
        var chain = CalibratedChain();

        foreach (double amperes in LowCurrents)
        {
            chain.CurrentAmperes = amperes;
            float reading = chain.ReadNext();

            Assert.True(Math.Abs(reading - amperes) <= 0.02, $"{amperes} A read {reading} A, more than 20 mA off.");
        }
    }
}

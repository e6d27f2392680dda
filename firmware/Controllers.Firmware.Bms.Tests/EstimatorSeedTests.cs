using System;
using Controllers.Firmware.Bms.Estimation;
using Xunit;

namespace Controllers.Firmware.Bms.Tests;

/// <summary>Starting the capacity and R0 estimators from a stored estimate and its standard deviation.</summary>
public class EstimatorSeedTests
{
    private static CapacityEstimatorSettings CapacitySettings() => new()
    {
        NominalCapacityAmpereHours = 3f,
        InitialCapacityStandardDeviationAmpereHours = 0.3f,
        FadingFactor = 1f,
        MinimumSocChange = 0.2f,
        CurrentOffsetStandardDeviationAmperes = 0f,
        CurrentGainStandardDeviation = 0.035355339f / 1.5f,
    };

    private static ResistanceEstimatorSettings ResistanceSettings() => new()
    {
        NominalResistanceOhms = 0.015f,
        InitialResistanceStandardDeviationOhms = 0.005f,
        MinimumCurrentStepAmperes = 5f,
        VoltageNoiseVolts = 0.001f,
        CurrentNoiseAmperes = 0f,
        ResistanceRandomWalkOhms = 0f,
    };

    [Fact]
    public void CapacitySeed_ReportsStoredValue()
    {
        // The seed pair alone gives J(Q) = (2.5 − Q)² / (σ²/2 + Q² σ² / (2 · 2.5²)), minimal at Q = 2.5
        // with J'' = 2 / σ² there, so the reported deviation is σ = 0.05.
        var estimator = new CapacityEstimator(CapacitySettings());

        Assert.True(estimator.Seed(2.5f, 0.05f, 7));

        Assert.Equal(2.5f, estimator.CapacityAmpereHours, 4);
        Assert.Equal(0.05f, estimator.CapacityStandardDeviationAmpereHours, 4);
        Assert.Equal(7, estimator.AcceptedPairCount);
    }

    [Fact]
    public void CapacitySeed_WeighsNextPairByConfidence()
    {
        // Seed 2.5 Ah ± 0.05: a pseudo pair x = 1, y = 2.5 with σy² = 0.05²/2 = 0.00125 and
        // σx² = 0.00125 / 2.5² = 0.0002. The pair x = 0.5 (SOC deviations 0.01 each, σx² = 0.0002),
        // y = 1.5 Ah (gain deviation 0.0353553 / 1.5 per ampere-hour, σy² = 0.00125) has the same
        // variances, so the approximate cost equals the exact weighted total least-squares cost
        // J(Q) = [(2.5 − Q)² + (1.5 − 0.5 Q)²] / (0.00125 + 0.0002 Q²). A fine scan of that expression
        // gives the expected minimum, independent of the class's search.
        var estimator = new CapacityEstimator(CapacitySettings());
        Assert.True(estimator.Seed(2.5f, 0.05f, 0));

        Assert.True(estimator.AddPair(0.9f, 0.01f, 0.4f, 0.01f, -1.5f, 0f));

        double expected = MinimizeExactCost();
        Assert.Equal(expected, estimator.CapacityAmpereHours, 3);
        Assert.InRange(expected, 2.55, 2.75);

        // The same pair against the unseeded start (3 Ah ± 0.3) stays near 3 Ah, so the seed decided the weight.
        var unseeded = new CapacityEstimator(CapacitySettings());
        unseeded.AddPair(0.9f, 0.01f, 0.4f, 0.01f, -1.5f, 0f);
        Assert.True(unseeded.CapacityAmpereHours > 2.9f);
    }

    private static double MinimizeExactCost()
    {
        double best = 0;
        double bestCost = double.MaxValue;
        for (double q = 2.0; q <= 3.5; q += 1e-6)
        {
            double cost = ((2.5 - q) * (2.5 - q) + (1.5 - 0.5 * q) * (1.5 - 0.5 * q)) / (0.00125 + 0.0002 * q * q);
            if (cost < bestCost)
            {
                bestCost = cost;
                best = q;
            }
        }

        return best;
    }

    [Theory]
    [InlineData(float.NaN, 0.05f, 0)]
    [InlineData(2.5f, float.NaN, 0)]
    [InlineData(2.5f, 0f, 0)]
    [InlineData(0.2f, 0.05f, 0)]
    [InlineData(6.5f, 0.05f, 0)]
    [InlineData(2.5f, 0.05f, -1)]
    public void CapacitySeed_RejectsInvalidValues(float capacity, float deviation, long pairs)
    {
        // The search covers 0.1 to 2 times the 3 Ah nominal capacity, so 0.2 Ah and 6.5 Ah lie outside.
        var estimator = new CapacityEstimator(CapacitySettings());

        Assert.False(estimator.Seed(capacity, deviation, pairs));

        Assert.Equal(3f, estimator.CapacityAmpereHours, 4);
        Assert.Equal(0.3f, estimator.CapacityStandardDeviationAmpereHours, 3);
        Assert.Equal(0, estimator.AcceptedPairCount);
    }

    [Fact]
    public void ResistanceSeed_WeighsNextStepByConfidence()
    {
        // Seed 0.020 Ω ± 0.001. A step of −10 A with −0.25 V measures 0.025 Ω with variance
        // 2 · 0.001² / 10² = 2e-8 Ω² (no current noise). Kalman gain 1e-6 / (1e-6 + 2e-8) = 0.980392, so
        // R0 = 0.020 + 0.980392 · 0.005 = 0.0249020 Ω and the variance (1 − 0.980392) · 1e-6 = 1.96078e-8 Ω².
        var estimator = new ResistanceEstimator(ResistanceSettings());
        Assert.True(estimator.Seed(0.020f, 0.001f, 12));
        Assert.Equal(0.020f, estimator.ResistanceOhms);
        Assert.Equal(0.001f, estimator.ResistanceStandardDeviationOhms, 6);

        estimator.AddSample(3.60f, 0f);
        Assert.True(estimator.AddSample(3.35f, -10f));

        Assert.Equal(0.0249020f, estimator.ResistanceOhms, 6);
        Assert.Equal(1.96078e-8f, estimator.ResistanceVarianceOhmsSquared, 11);
        Assert.Equal(13, estimator.AcceptedStepCount);
    }

    [Theory]
    [InlineData(float.NaN, 0.001f, 0)]
    [InlineData(0f, 0.001f, 0)]
    [InlineData(-0.01f, 0.001f, 0)]
    [InlineData(1.5f, 0.001f, 0)]
    [InlineData(0.02f, float.PositiveInfinity, 0)]
    [InlineData(0.02f, 0f, 0)]
    [InlineData(0.02f, 0.001f, -3)]
    public void ResistanceSeed_RejectsInvalidValues(float resistance, float deviation, long steps)
    {
        // 1.5 Ω is 100 times the 0.015 Ω nominal value, the limit of an accepted measurement.
        var estimator = new ResistanceEstimator(ResistanceSettings());

        Assert.False(estimator.Seed(resistance, deviation, steps));

        Assert.Equal(0.015f, estimator.ResistanceOhms);
        Assert.Equal(0.005f, estimator.ResistanceStandardDeviationOhms, 6);
        Assert.Equal(0, estimator.AcceptedStepCount);
    }
}

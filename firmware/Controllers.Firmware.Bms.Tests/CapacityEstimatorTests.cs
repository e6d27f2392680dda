using System;
using Controllers.Firmware.Bms.Estimation;
using Xunit;

namespace Controllers.Firmware.Bms.Tests;

public class CapacityEstimatorTests
{
    // A 2.8 Ah cell aged to 2.6 Ah: capacity SOH 2.6 / 2.8 = 0.929.
    private const double NominalAmpereHours = 2.8;
    private const double TrueAmpereHours = 2.6;

    [Fact]
    public void Estimator_StartsAtNominalCapacity()
    {
        // The pseudo pair alone gives J(Q) = (2.8 − Q)² / (σ²/2 + Q² σ² / (2 · 2.8²)); the minimum is at
        // Q = 2.8, where J'' = 2 / σ², so the standard deviation is σ = 0.28.
        var estimator = new CapacityEstimator(new CapacityEstimatorSettings());

        Assert.Equal(2.8f, estimator.CapacityAmpereHours, 4);
        Assert.Equal(0.28f, estimator.CapacityStandardDeviationAmpereHours, 3);
        Assert.Equal(2.8f, estimator.LeastSquaresCapacityAmpereHours, 4);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Estimator_ConvergesToAgedCapacity(int seed)
    {
        // Each pair runs between two independent SOC estimates with a standard deviation of 0.01 each, at
        // 1C (2.6 A), so the time is |ΔSOC| hours. Charge noise: offset 0.01 A times the time plus 0.5 %
        // of the charge, the same model and values as the settings.
        var random = new Random(seed);
        var estimator = new CapacityEstimator(new CapacityEstimatorSettings());
        const double socSigma = 0.01;

        for (int i = 0; i < 300; i++)
        {
            double startSoc = 0.8 + 0.15 * random.NextDouble();
            double endSoc = 0.1 + 0.3 * random.NextDouble();
            if (i % 2 == 1)
            {
                (startSoc, endSoc) = (endSoc, startSoc);
            }

            double trueCharge = TrueAmpereHours * (endSoc - startSoc);
            double hours = Math.Abs(endSoc - startSoc);
            double chargeSigma = Math.Sqrt(Math.Pow(0.01 * hours, 2) + Math.Pow(0.005 * trueCharge, 2));
            estimator.AddPair(
                (float)(startSoc + socSigma * NextGaussian(random)), (float)socSigma,
                (float)(endSoc + socSigma * NextGaussian(random)), (float)socSigma,
                (float)(trueCharge + chargeSigma * NextGaussian(random)), (float)(hours * 3600.0));
        }

        double error = estimator.CapacityAmpereHours - TrueAmpereHours;
        double sigma = estimator.CapacityStandardDeviationAmpereHours;

        Assert.Equal(300, estimator.AcceptedPairCount);
        Assert.True(Math.Abs(error) < 0.03 * TrueAmpereHours, $"error {error:F4} Ah is over 3 % of {TrueAmpereHours} Ah");
        Assert.True(Math.Abs(error) < 3 * sigma, $"error {error:F4} Ah is over 3 sigma ({sigma:F4} Ah)");
        Assert.True(sigma < 0.03, $"sigma {sigma:F4} Ah did not shrink");
    }

    [Fact]
    public void Estimator_MatchesClosedFormWhenNoiseIsProportional()
    {
        // With σy = k σx for every pair, including the pseudo pair (k = 2.8 there), the approximation is
        // exact and the minimum of Σ w (y − Q x)² / (k² + Q²), with w = 1/σx², is the positive root of
        // Sxy Q² + (k² Sxx − Syy) Q − k² Sxy = 0 (set the derivative to zero and multiply out).
        // Here σx² = 2 · 0.005² = 5e-5, so σy = 2.8 · 0.0070711 = 0.019799 Ah over 3600 s.
        const double k = 2.8;
        const double socSigma = 0.005;
        double socVariance = 2 * socSigma * socSigma;
        var settings = new CapacityEstimatorSettings
        {
            FadingFactor = 1f,
            CurrentGainStandardDeviation = 0f,
            CurrentOffsetStandardDeviationAmperes = (float)(k * Math.Sqrt(socVariance)),
        };
        var estimator = new CapacityEstimator(settings);

        // The pseudo pair: x = 1, y = 2.8, σx² = 0.28² / (2 · 2.8²) = 0.005.
        double priorWeight = 1 / (0.28 * 0.28 / (2 * 2.8 * 2.8));
        double sxx = priorWeight, sxy = priorWeight * 2.8, syy = priorWeight * 2.8 * 2.8;
        var random = new Random(11);
        for (int i = 0; i < 40; i++)
        {
            float startSoc = 0.9f;
            float endSoc = (float)(0.2 + 0.4 * random.NextDouble());
            float charge = (float)(TrueAmpereHours * (endSoc - startSoc) + 0.02 * NextGaussian(random));
            Assert.True(estimator.AddPair(startSoc, (float)socSigma, endSoc, (float)socSigma, charge, 3600f));

            double x = endSoc - startSoc;
            sxx += x * x / socVariance;
            sxy += x * charge / socVariance;
            syy += (double)charge * charge / socVariance;
        }

        double b = k * k * sxx - syy;
        double expected = (-b + Math.Sqrt(b * b + 4 * sxy * sxy * k * k)) / (2 * sxy);

        Assert.Equal(expected, estimator.CapacityAmpereHours, 3);
    }

    [Fact]
    public void Estimator_RemovesLeastSquaresBiasFromSocNoise()
    {
        // True ΔSOC cycles through 0.4, 0.6 and 0.8 (discharges) and each SOC end point has σ = 0.0707, so
        // the measured ΔSOC has σx² = 2 · 0.0707² = 0.01. Least squares estimates
        // Q Σ x² / (Σ x² + n σx²), because the noise adds n σx² to the denominator on average:
        // mean x² = (0.16 + 0.36 + 0.64) / 3 = 0.38667, so 2.6 · 0.38667 / 0.39667 = 2.5345 Ah,
        // a bias of −0.0655 Ah (−2.5 %). Total least squares has no such bias. The standard deviation of
        // either estimate over 6000 pairs is about sqrt(0.01² + 2.6² · 0.01) / sqrt(6000 · 0.38667) = 0.0054 Ah.
        var settings = new CapacityEstimatorSettings
        {
            FadingFactor = 1f,
            MinimumSocChange = 0.01f,
            CurrentOffsetStandardDeviationAmperes = 0.01f,
            CurrentGainStandardDeviation = 0f,
        };
        var estimator = new CapacityEstimator(settings);
        var random = new Random(5);
        double[] socChanges = { 0.4, 0.6, 0.8 };
        const double socSigma = 0.0707107;

        for (int i = 0; i < 6000; i++)
        {
            double endSoc = 0.9 - socChanges[i % 3];
            double charge = TrueAmpereHours * (endSoc - 0.9) + 0.01 * NextGaussian(random);
            Assert.True(estimator.AddPair(
                (float)(0.9 + socSigma * NextGaussian(random)), (float)socSigma,
                (float)(endSoc + socSigma * NextGaussian(random)), (float)socSigma,
                (float)charge, 3600f));
        }

        Assert.InRange(estimator.LeastSquaresCapacityAmpereHours, 2.5345 - 0.02, 2.5345 + 0.02);
        Assert.InRange(estimator.CapacityAmpereHours, TrueAmpereHours - 0.02, TrueAmpereHours + 0.02);
    }

    [Fact]
    public void AddPair_RejectsSmallSocChange()
    {
        // The default minimum |ΔSOC| is 0.2.
        var estimator = new CapacityEstimator(new CapacityEstimatorSettings());

        Assert.False(estimator.AddPair(0.5f, 0.01f, 0.35f, 0.01f, -0.39f, 540f));
        Assert.Equal(1, estimator.RejectedPairCount);
        Assert.Equal(0, estimator.AcceptedPairCount);
        Assert.Equal(2.8f, estimator.CapacityAmpereHours, 4);
    }

    [Fact]
    public void AddPair_RejectsChargeAgainstSocChange()
    {
        var estimator = new CapacityEstimator(new CapacityEstimatorSettings());

        Assert.False(estimator.AddPair(0.9f, 0.01f, 0.4f, 0.01f, 1.3f, 1800f));
        Assert.False(estimator.AddPair(0.9f, 0.01f, 0.4f, 0.01f, float.NaN, 1800f));
        Assert.False(estimator.AddPair(0.9f, -0.01f, 0.4f, 0.01f, -1.3f, 1800f));
        Assert.Equal(3, estimator.RejectedPairCount);
    }

    [Fact]
    public void AddPair_AllocatesNothing()
    {
        var estimator = new CapacityEstimator(new CapacityEstimatorSettings());
        estimator.AddPair(0.9f, 0.01f, 0.4f, 0.01f, -1.3f, 1800f);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            estimator.AddPair(0.9f, 0.01f, 0.4f - (i % 7) * 0.01f, 0.01f, -1.3f, 1800f);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData("NominalCapacityAmpereHours", 0f)]
    [InlineData("FadingFactor", 0.5f)]
    [InlineData("FadingFactor", 1.01f)]
    [InlineData("MinimumSocChange", 0.001f)]
    [InlineData("CurrentGainStandardDeviation", -0.1f)]
    [InlineData("InitialCapacityStandardDeviationAmpereHours", 0f)]
    public void Settings_RejectOutOfRange(string name, float value)
    {
        var settings = new CapacityEstimatorSettings();
        typeof(CapacityEstimatorSettings).GetProperty(name)!.SetValue(settings, value);

        var exception = Assert.Throws<ArgumentException>(() => new CapacityEstimator(settings));

        Assert.Equal(name, exception.ParamName);
    }

    private static double NextGaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}

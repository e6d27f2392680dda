using System;
using Controllers.Firmware.Bms.Estimation;
using Xunit;

namespace Controllers.Firmware.Bms.Tests;

public class ResistanceEstimatorTests
{
    [Fact]
    public void AddSample_SingleStepMatchesHandCalculation()
    {
        // 3.7 V at 0 A, then 3.6 V at −10 A: r = −0.1 / −10 = 0.01 Ω.
        // Measurement variance 2 (0.001² + 0.01² · 0.05²) / 10² = 2.5e-8 Ω².
        // Prior variance 0.005² = 2.5e-5 Ω² and no random walk, so the gain is
        // 2.5e-5 / (2.5e-5 + 2.5e-8) = 0.999001, the estimate 0.015 − 0.999001 · 0.005 = 0.010005 Ω and
        // the variance (1 − 0.999001) · 2.5e-5 = 2.4975e-8 Ω².
        var estimator = new ResistanceEstimator(new ResistanceEstimatorSettings { ResistanceRandomWalkOhms = 0f });

        Assert.False(estimator.AddSample(3.7f, 0f));
        Assert.True(estimator.AddSample(3.6f, -10f));

        Assert.Equal(0.01f, estimator.LastMeasurementOhms, 6);
        Assert.Equal(0.010005f, estimator.ResistanceOhms, 6);
        Assert.Equal(2.4975e-8, estimator.ResistanceVarianceOhmsSquared, 1e-11);
    }

    [Fact]
    public void AddSample_IgnoresStepsBelowMinimum()
    {
        // The default minimum step is 5 A; these change by 4 A.
        var estimator = new ResistanceEstimator(new ResistanceEstimatorSettings());

        for (int i = 0; i < 20; i++)
        {
            float current = (i % 2) * -4f;
            estimator.AddSample(3.7f + 0.05f * current, current);
        }

        Assert.Equal(0, estimator.AcceptedStepCount);
        Assert.Equal(0.015f, estimator.ResistanceOhms);
    }

    [Fact]
    public void AddSample_RejectsImplausibleRatio()
    {
        // Voltage rising while discharging gives a negative ΔV / ΔI.
        var estimator = new ResistanceEstimator(new ResistanceEstimatorSettings());

        estimator.AddSample(3.7f, 0f);

        Assert.False(estimator.AddSample(3.8f, -10f));
        Assert.Equal(1, estimator.RejectedStepCount);
    }

    [Fact]
    public void Estimator_TracksAgedCellOnModel()
    {
        // The synthetic cell (R0 = 15 mΩ new, RC branches 10 mΩ / 2 s and 20 mΩ / 40 s) aged to
        // R0 = 1.5 · 15 = 22.5 mΩ, so SOH_R = 15 / 22.5 = 0.667. It runs at 10 Hz with a pulse
        // train of 30 s at −20 A and 30 s at rest, samples with Gaussian noise of 1 mV and 50 mA.
        // The current is held from each sample to the next, so a sample taken at a step sees R0 ΔI
        // while the RC branches move only with the old current: about 20 mΩ · 0.4 V · e^(−0.75)
        // · (1 − e^(−0.1/40)) / 20 A ≈ 2.4e-5 Ω, or 0.1 % of R0.
        const double agedOhms = 0.0225;
        var model = new CellModel(TestCells.Synthetic());
        var estimator = new ResistanceEstimator(new ResistanceEstimatorSettings());
        var random = new Random(3);
        double soc = 0.9, fastVolts = 0, slowVolts = 0;
        double fastDecay = Math.Exp(-0.1 / TestCells.FastBranchTimeConstantSeconds);
        double slowDecay = Math.Exp(-0.1 / TestCells.SlowBranchTimeConstantSeconds);

        for (int k = 0; k < 20 * 600; k++)
        {
            double current = (k / 300) % 2 == 0 ? 0.0 : -20.0;
            double volts = model.GetOpenCircuitVoltage((float)soc, 25f) + agedOhms * current + fastVolts + slowVolts;
            estimator.AddSample((float)(volts + 0.001 * NextGaussian(random)), (float)(current + 0.05 * NextGaussian(random)));

            soc += current * 0.1 / (TestCells.CapacityAmpereHours * 3600.0);
            fastVolts = fastDecay * fastVolts + TestCells.FastBranchResistanceOhms * (1 - fastDecay) * current;
            slowVolts = slowDecay * slowVolts + TestCells.SlowBranchResistanceOhms * (1 - slowDecay) * current;
        }

        double error = estimator.ResistanceOhms - agedOhms;
        double sigma = estimator.ResistanceStandardDeviationOhms;

        Assert.Equal(39, estimator.AcceptedStepCount);
        Assert.True(Math.Abs(error) < 0.03 * agedOhms, $"error {error:E2} Ω is over 3 % of R0");
        Assert.True(Math.Abs(error) < 3 * sigma, $"error {error:E2} Ω is over 3 sigma ({sigma:E2} Ω)");
        Assert.InRange(estimator.StateOfHealth, 0.667 - 0.02, 0.667 + 0.02);
    }

    [Fact]
    public void AddSample_AllocatesNothing()
    {
        var estimator = new ResistanceEstimator(new ResistanceEstimatorSettings());
        estimator.AddSample(3.7f, 0f);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            float current = (i % 20) < 10 ? 0f : -20f;
            estimator.AddSample(3.7f + 0.02f * current, current);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData("NominalResistanceOhms", 0f)]
    [InlineData("MinimumCurrentStepAmperes", 0f)]
    [InlineData("VoltageNoiseVolts", -0.001f)]
    [InlineData("ResistanceRandomWalkOhms", 2f)]
    public void Settings_RejectOutOfRange(string name, float value)
    {
        var settings = new ResistanceEstimatorSettings();
        typeof(ResistanceEstimatorSettings).GetProperty(name)!.SetValue(settings, value);

        var exception = Assert.Throws<ArgumentException>(() => new ResistanceEstimator(settings));

        Assert.Equal(name, exception.ParamName);
    }

    private static double NextGaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}

using System;
using Controllers.Firmware.Bms.Estimation;
using Xunit;

namespace Controllers.Firmware.Bms.Tests;

public class SocEstimatorTests
{
    private const double SecondsPerHour = 3600.0;

    /// <summary>
    /// Second-order RC cell in double precision, independent of <see cref="CellModel"/>: its own OCV
    /// interpolation, and the exact solution of dV/dt = -V / tau + R I / tau for current held over each
    /// step. Current is positive when charging.
    /// </summary>
    private sealed class SyntheticCell
    {
        public SyntheticCell(double soc)
        {
            Soc = soc;
        }

        public double Soc { get; private set; }

        public double FastBranchVolts { get; private set; }

        public double SlowBranchVolts { get; private set; }

        public void Step(double currentAmperes, double seconds)
        {
            Soc += currentAmperes * seconds / (SecondsPerHour * TestCells.CapacityAmpereHours);
            double fastDecay = Math.Exp(-seconds / TestCells.FastBranchTimeConstantSeconds);
            double slowDecay = Math.Exp(-seconds / TestCells.SlowBranchTimeConstantSeconds);
            FastBranchVolts = fastDecay * FastBranchVolts + TestCells.FastBranchResistanceOhms * (1 - fastDecay) * currentAmperes;
            SlowBranchVolts = slowDecay * SlowBranchVolts + TestCells.SlowBranchResistanceOhms * (1 - slowDecay) * currentAmperes;
        }

        public double TerminalVolts(double currentAmperes) =>
            TestCells.Ocv(Soc) + TestCells.OhmicResistanceOhms * currentAmperes + FastBranchVolts + SlowBranchVolts;
    }

    // Discharge at C/2 (1.5 A) with, in every minute, a 6 A pulse for 10 s, a 3 A charge pulse for 5 s
    // and a 5 s rest.
    private static double DriveCurrent(double seconds)
    {
        double inMinute = seconds % 60.0;
        if (inMinute >= 10.0 && inMinute < 20.0)
        {
            return -6.0;
        }

        if (inMinute >= 30.0 && inMinute < 35.0)
        {
            return 3.0;
        }

        if (inMinute >= 45.0 && inMinute < 50.0)
        {
            return 0.0;
        }

        return -1.5;
    }

    private static double NextGaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    [Fact]
    public void Step_AllocatesNothingAfterWarmUp()
    {
        var estimator = new SocEstimator(TestCells.Synthetic(), new SocEstimatorSettings());
        estimator.Reset(0.8f);
        for (int i = 0; i < 100; i++)
        {
            estimator.Step(-0.2f, 0.1f, 3.8f, -2f, 25f);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            float current = (i % 50) < 25 ? -2f : 1f;
            estimator.Step(current * 0.1f, 0.1f, 3.8f + 0.015f * current, current, 20f + (i % 10));
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Step_ConvergesFromTwentyPointsOff()
    {
        // True SOC starts at 0.9 and the estimator at 0.7. The cell runs at 10 ms steps. Every 100 ms the
        // estimator gets the charge of the last ten cell steps and one voltage and current sample with
        // Gaussian noise of 2 mV and 10 mA.
        var cell = new SyntheticCell(0.9);
        var estimator = new SocEstimator(TestCells.Synthetic(), new SocEstimatorSettings());
        estimator.Reset(0.7f);
        var random = new Random(7);
        const double cellStep = 0.01;
        double maxErrorAfterTenMinutes = 0;
        double worstAt = 0;
        double charge = 0;

        for (int k = 1; k <= 90_000; k++)
        {
            double time = (k - 1) * cellStep;
            double current = DriveCurrent(time);
            cell.Step(current, cellStep);
            charge += current * cellStep;
            if (k % 10 != 0)
            {
                continue;
            }

            float voltage = (float)(cell.TerminalVolts(current) + 0.002 * NextGaussian(random));
            float sampledCurrent = (float)(current + 0.01 * NextGaussian(random));
            estimator.Step((float)charge, 0.1f, voltage, sampledCurrent, 25f);
            charge = 0;

            double now = k * cellStep;
            double error = Math.Abs(estimator.StateOfCharge - cell.Soc);
            if (now >= 600.0 && error > maxErrorAfterTenMinutes)
            {
                maxErrorAfterTenMinutes = error;
                worstAt = now;
            }
        }

        Assert.True(maxErrorAfterTenMinutes < 0.01, $"SOC error {maxErrorAfterTenMinutes:P2} at {worstAt:F1} s");
    }

    [Fact]
    public void Step_WithHugeVoltageNoiseFollowsChargeCount()
    {
        // With 0.5 V voltage noise, a tight initial SOC and no process noise the gain on SOC is near zero,
        // so the estimate is coulomb counting. Capacity 3 Ah = 10 800 A s, charge efficiency 0.95.
        var parameters = TestCells.Synthetic();
        parameters.ChargeEfficiency = 0.95f;
        var settings = new SocEstimatorSettings
        {
            VoltageNoiseVolts = 0.5f,
            InitialSocStandardDeviation = 0.001f,
            SocRandomWalkPerSqrtSecond = 0f,
            CurrentNoiseAmperes = 0f,
        };
        var estimator = new SocEstimator(parameters, settings);
        estimator.Reset(0.9f);

        // The voltage is that of the synthetic cell at the expected SOC with a ±20 mV square wave on top,
        // so it disagrees with the model a little at every step. The cell object only supplies the RC
        // branch voltages.
        double expectedSoc = 0.9;
        var branches = new SyntheticCell(expectedSoc);
        int step = 0;
        void Run(int steps, double amperes, double socPerStep)
        {
            for (int i = 0; i < steps; i++)
            {
                expectedSoc += socPerStep;
                branches.Step(amperes, 0.1);
                double disturbance = step % 2 == 0 ? 0.02 : -0.02;
                float voltage = (float)(TestCells.Ocv(expectedSoc) + TestCells.OhmicResistanceOhms * amperes +
                    branches.FastBranchVolts + branches.SlowBranchVolts + disturbance);
                estimator.Step((float)(amperes * 0.1), 0.1f, voltage, (float)amperes, 25f);
                step++;
            }
        }

        // 3600 steps of 0.1 s at -2 A: -720 A s, so SOC falls by 720 / 10 800 to 0.9 - 0.0667 = 0.8333.
        Run(3600, -2.0, -2.0 * 0.1 / 10_800.0);
        double afterDischarge = estimator.StateOfCharge;

        // 1800 steps of 0.1 s at +1 A: +180 A s, of which 95 % is stored: 0.8333 + 0.95 * 180 / 10 800.
        Run(1800, 1.0, 0.95 * 1.0 * 0.1 / 10_800.0);
        double afterCharge = estimator.StateOfCharge;

        Assert.Equal(0.9 - 720.0 / 10_800.0, afterDischarge, 2e-4);
        Assert.Equal(0.9 - 720.0 / 10_800.0 + 0.95 * 180.0 / 10_800.0, afterCharge, 2e-4);
    }

    [Fact]
    public void Reset_StartsAtGivenSocWithRelaxedBranches()
    {
        var estimator = new SocEstimator(TestCells.Synthetic(), new SocEstimatorSettings { InitialSocStandardDeviation = 0.2f });

        estimator.Reset(0.42f);

        Assert.True(estimator.IsInitialized);
        Assert.Equal(0.42f, estimator.StateOfCharge);
        Assert.Equal(0.2f, estimator.StateOfChargeStandardDeviation, 1e-6f);
        Assert.Equal(0f, estimator.FastBranchVolts);
        Assert.Equal(0f, estimator.SlowBranchVolts);
    }

    [Fact]
    public void Reset_ClampsSocToRange()
    {
        var estimator = new SocEstimator(TestCells.Synthetic(), new SocEstimatorSettings());

        estimator.Reset(1.3f);

        Assert.Equal(1f, estimator.StateOfCharge);
    }

    [Fact]
    public void Step_RejectedBeforeReset()
    {
        var estimator = new SocEstimator(TestCells.Synthetic(), new SocEstimatorSettings());

        Assert.Throws<InvalidOperationException>(() => estimator.Step(0f, 0.1f, 3.7f, 0f, 25f));
    }

    [Fact]
    public void Constructor_RejectsInvalidSettings()
    {
        var settings = new SocEstimatorSettings { VoltageNoiseVolts = 0.0001f };

        var error = Assert.Throws<ArgumentException>(() => new SocEstimator(TestCells.Synthetic(), settings));

        Assert.Equal("VoltageNoiseVolts", error.ParamName);
    }

    [Fact]
    public void Step_ModelVoltageAtRestIsOcv()
    {
        // At rest with relaxed branches the model voltage before correction is OCV(0.55) of the synthetic
        // table: 3.66 + 0.5 * (3.73 - 3.66) = 3.695 V.
        var estimator = new SocEstimator(TestCells.Synthetic(), new SocEstimatorSettings());
        estimator.Reset(0.55f);

        estimator.Step(0f, 0.1f, 3.695f, 0f, 25f);

        Assert.Equal(3.695f, estimator.LastModelVoltageVolts, 1e-5f);
        Assert.Equal(0f, estimator.LastInnovationVolts, 1e-5f);
    }

    [Fact]
    public void Step_CountsChargeAgainstCapacityAtTemperature()
    {
        // Capacity table 2.4 Ah at 0 °C and 3.0 Ah at 25 °C gives 2.64 Ah at 10 °C (linear), 9504 A s. The
        // voltage is missing (NaN), so every correction is skipped and the estimate is coulomb counting:
        // 3600 steps of 0.1 s at -2 A remove 720 A s, so SOC falls from 0.9 to 0.9 - 720 / 9504 = 0.82424.
        var parameters = TestCells.Synthetic();
        parameters.CapacityTemperaturesCelsius = new[] { 0f, 25f };
        parameters.CapacityByTemperatureAmpereHours = new[] { 2.4f, 3.0f };
        var settings = new SocEstimatorSettings
        {
            InitialCurrentBiasStandardDeviationAmperes = 0f,
            CurrentBiasRandomWalkAmperesPerSqrtSecond = 0f,
        };
        var estimator = new SocEstimator(parameters, settings);
        estimator.Reset(0.9f);

        for (int i = 0; i < 3600; i++)
        {
            estimator.Step(-0.2f, 0.1f, float.NaN, -2f, 10f);
        }

        Assert.Equal(0.9 - 720.0 / 9504.0, estimator.StateOfCharge, 1e-5);
        Assert.Equal(3600, estimator.RejectedInputCount);
        Assert.Equal(0f, estimator.CurrentBiasAmperes);
    }

    [Fact]
    public void Step_LearnsSteadyCurrentOffset()
    {
        // The current sensor reads 0.2 A more than flows, in the counted charge and in the sample, for 80
        // minutes of the drive profile (about 1.75 A mean discharge, so SOC falls from 0.95 to about 0.17).
        // Uncorrected, the offset alone adds 0.2 * 4800 / 10 800 = 8.9 SOC points by the end.
        const double offset = 0.2;
        var cell = new SyntheticCell(0.95);
        var settings = new SocEstimatorSettings
        {
            InitialCurrentBiasStandardDeviationAmperes = 0.5f,
            CurrentBiasRandomWalkAmperesPerSqrtSecond = 1e-5f,
        };
        var estimator = new SocEstimator(TestCells.Synthetic(), settings);
        estimator.Reset(0.95f);
        var random = new Random(11);
        const double cellStep = 0.01;
        double charge = 0;
        double maxErrorLastHalfHour = 0;

        for (int k = 1; k <= 480_000; k++)
        {
            double time = (k - 1) * cellStep;
            double current = DriveCurrent(time);
            cell.Step(current, cellStep);
            charge += (current + offset) * cellStep;
            if (k % 10 != 0)
            {
                continue;
            }

            float voltage = (float)(cell.TerminalVolts(current) + 0.002 * NextGaussian(random));
            float sampledCurrent = (float)(current + offset + 0.01 * NextGaussian(random));
            estimator.Step((float)charge, 0.1f, voltage, sampledCurrent, 25f);
            charge = 0;

            if (k * cellStep >= 3000.0)
            {
                maxErrorLastHalfHour = Math.Max(maxErrorLastHalfHour, Math.Abs(estimator.StateOfCharge - cell.Soc));
            }
        }

        Assert.Equal(offset, estimator.CurrentBiasAmperes, 0.05);
        Assert.True(maxErrorLastHalfHour < 0.01, $"SOC error {maxErrorLastHalfHour:P2} in the last 30 minutes");
    }

    [Fact]
    public void Step_KeepsCovarianceFiniteOverLongRun()
    {
        // Ten hours of 100 ms steps at rest: the SOC and offset variances only grow by their random walks,
        // and the correction keeps them finite and positive.
        var estimator = new SocEstimator(TestCells.Synthetic(), new SocEstimatorSettings());
        estimator.Reset(0.5f);
        float ocv = (float)TestCells.Ocv(0.5);

        for (int i = 0; i < 360_000; i++)
        {
            estimator.Step(0f, 0.1f, ocv, 0f, 25f);
        }

        Assert.True(estimator.StateOfChargeStandardDeviation > 0f);
        Assert.True(estimator.StateOfChargeStandardDeviation < 0.3f);
        Assert.True(estimator.CurrentBiasStandardDeviationAmperes > 0f);
        Assert.Equal(0.5f, estimator.StateOfCharge, 1e-3f);
    }

    [Theory]
    [InlineData(-0.01f, 0.05f, "CurrentBiasRandomWalkAmperesPerSqrtSecond")]
    [InlineData(1.5f, 0.05f, "CurrentBiasRandomWalkAmperesPerSqrtSecond")]
    [InlineData(1e-5f, -0.1f, "InitialCurrentBiasStandardDeviationAmperes")]
    [InlineData(1e-5f, 101f, "InitialCurrentBiasStandardDeviationAmperes")]
    public void Constructor_RejectsInvalidOffsetSettings(float walk, float initialDeviation, string field)
    {
        var settings = new SocEstimatorSettings
        {
            CurrentBiasRandomWalkAmperesPerSqrtSecond = walk,
            InitialCurrentBiasStandardDeviationAmperes = initialDeviation,
        };

        var error = Assert.Throws<ArgumentException>(() => new SocEstimator(TestCells.Synthetic(), settings));

        Assert.Equal(field, error.ParamName);
    }

    [Fact]
    public void Step_HysteresisFollowsCountedCharge()
    {
        // M = 0.02 V and rate 30 per unit SOC. 3600 steps of 0.1 s at -2 A move 720 / 10 800 = 0.0667 of SOC,
        // so h = -0.02 (1 - exp(-30 * 0.0667)) = -0.02 (1 - exp(-2)) = -0.0172933 V. The voltage is missing,
        // so only the prediction runs.
        var parameters = TestCells.Synthetic();
        parameters.HysteresisTemperaturesCelsius = new[] { 25f };
        parameters.HysteresisMagnitudeVolts = new[] { 0.02f };
        parameters.HysteresisRatePerSoc = new[] { 30f };
        var estimator = new SocEstimator(parameters, new SocEstimatorSettings());
        estimator.Reset(0.9f);

        for (int i = 0; i < 3600; i++)
        {
            estimator.Step(-0.2f, 0.1f, float.NaN, -2f, 25f);
        }

        Assert.Equal(-0.0172933f, estimator.HysteresisVolts, 2e-6f);
    }

    [Fact]
    public void Step_ModelVoltageIncludesHysteresis()
    {
        // After the discharge above, at rest with relaxed branches the model voltage is OCV + h. Hand values:
        // h = -0.0172933 V and SOC 0.9 - 0.0667 = 0.8333, OCV = 3.90 + 0.333 * (4.00 - 3.90) = 3.93333 V.
        var parameters = TestCells.Synthetic();
        parameters.HysteresisTemperaturesCelsius = new[] { 25f };
        parameters.HysteresisMagnitudeVolts = new[] { 0.02f };
        parameters.HysteresisRatePerSoc = new[] { 30f };
        var settings = new SocEstimatorSettings { InitialCurrentBiasStandardDeviationAmperes = 0f, CurrentBiasRandomWalkAmperesPerSqrtSecond = 0f };
        var estimator = new SocEstimator(parameters, settings);
        estimator.Reset(0.9f);
        for (int i = 0; i < 3600; i++)
        {
            estimator.Step(-0.2f, 0.1f, float.NaN, -2f, 25f);
        }

        // A long rest lets the RC branches relax (slow branch 40 s) without moving SOC or h.
        for (int i = 0; i < 6000; i++)
        {
            estimator.Step(0f, 0.1f, float.NaN, 0f, 25f);
        }

        estimator.Step(0f, 0.1f, 3.9160f, 0f, 25f);

        Assert.Equal(3.93333f - 0.0172933f, estimator.LastModelVoltageVolts, 2e-4f);
    }
}

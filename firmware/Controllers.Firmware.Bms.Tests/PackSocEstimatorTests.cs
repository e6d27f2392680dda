using System;
using Controllers.Firmware.Bms.Estimation;
using Xunit;

namespace Controllers.Firmware.Bms.Tests;

public class PackSocEstimatorTests
{
    private const double SecondsPerHour = 3600.0;
    private const double StepSeconds = 0.1;

    /// <summary>
    /// Series string of second-order RC cells in double precision, independent of the firmware model:
    /// the OCV comes from <see cref="TestCells.Ocv"/>, and the RC branches follow the exact solution of
    /// dV/dt = -V / tau + R I / tau for current held over the step. Cells differ in capacity and
    /// initial SOC and share resistance and time constants. Current is positive when charging.
    /// </summary>
    private sealed class SeriesString
    {
        private readonly double[] capacityAmpereHours;
        private readonly double fastDecay = Math.Exp(-StepSeconds / TestCells.FastBranchTimeConstantSeconds);
        private readonly double slowDecay = Math.Exp(-StepSeconds / TestCells.SlowBranchTimeConstantSeconds);
        private double fastBranchVolts;
        private double slowBranchVolts;

        public SeriesString(double[] initialSoc, double[] capacityAmpereHours)
        {
            Soc = (double[])initialSoc.Clone();
            this.capacityAmpereHours = capacityAmpereHours;
        }

        public double[] Soc { get; }

        public void Step(double currentAmperes)
        {
            for (int i = 0; i < Soc.Length; i++)
            {
                Soc[i] += currentAmperes * StepSeconds / (SecondsPerHour * capacityAmpereHours[i]);
            }

            fastBranchVolts = fastDecay * fastBranchVolts + TestCells.FastBranchResistanceOhms * (1 - fastDecay) * currentAmperes;
            slowBranchVolts = slowDecay * slowBranchVolts + TestCells.SlowBranchResistanceOhms * (1 - slowDecay) * currentAmperes;
        }

        public double TerminalVolts(int cell, double currentAmperes) =>
            TestCells.Ocv(Soc[cell]) + TestCells.OhmicResistanceOhms * currentAmperes + fastBranchVolts + slowBranchVolts;

        public double MeanSoc()
        {
            double sum = 0;
            foreach (double soc in Soc)
            {
                sum += soc;
            }

            return sum / Soc.Length;
        }
    }

    // Discharge at 1.5 A with, in every minute, a 6 A pulse for 10 s, a 3 A charge pulse for 5 s and a
    // 5 s rest. The mean is (40 * -1.5 + 10 * -6 + 5 * 3) / 60 = -1.75 A, so a 3 Ah cell loses
    // 1.75 / 3 = 58 % SOC per hour. Steps change only at whole seconds, so holding the current over
    // each 0.1 s step is exact.
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

    // Index of the cell that starts 10 SOC points below the others.
    private const int LowCell = 3;

    /// <summary>
    /// Capacity from 0.95 to 1.05 times the 3 Ah nominal and initial SOC from 0.86 to 0.92, in a
    /// scrambled order, with cell <see cref="LowCell"/> 10 points below 0.89.
    /// </summary>
    private static SeriesString SpreadString(int cellCount)
    {
        var soc = new double[cellCount];
        var capacity = new double[cellCount];
        for (int i = 0; i < cellCount; i++)
        {
            soc[i] = 0.86 + 0.06 * ((i * 7) % cellCount) / (cellCount - 1);
            capacity[i] = TestCells.CapacityAmpereHours * (0.95 + 0.1 * ((i * 5 + 2) % cellCount) / (cellCount - 1));
        }

        soc[LowCell] = 0.79;
        return new SeriesString(soc, capacity);
    }

    /// <summary>Result of a drive: the worst errors after ten minutes, in SOC fractions.</summary>
    private sealed class DriveResult
    {
        public double MaxCellError;
        public int WorstCell;
        public double WorstAtSeconds;
        public double MaxLowCellDeltaError;
        public double MaxAverageSocError;
    }

    /// <summary>
    /// Runs <paramref name="plant"/> under the drive profile for <paramref name="seconds"/>, with the
    /// estimator started at 0.8 for every cell. Cell voltages carry 2 mV and the current 10 mA of Gaussian
    /// noise. The charge passed to the estimator is the exact charge of the step.
    /// </summary>
    private static DriveResult Drive(SeriesString plant, PackSocEstimator estimator, double seconds, int seed)
    {
        int cellCount = estimator.CellCount;
        var random = new Random(seed);
        var voltages = new float[cellCount];
        var result = new DriveResult();
        estimator.Reset(0.8f);

        int steps = (int)Math.Round(seconds / StepSeconds);
        for (int k = 1; k <= steps; k++)
        {
            double current = DriveCurrent((k - 1) * StepSeconds);
            plant.Step(current);
            for (int i = 0; i < cellCount; i++)
            {
                voltages[i] = (float)(plant.TerminalVolts(i, current) + 0.002 * NextGaussian(random));
            }

            float sampledCurrent = (float)(current + 0.01 * NextGaussian(random));
            estimator.Step((float)(current * StepSeconds), (float)StepSeconds, voltages, sampledCurrent, 25f);

            double now = k * StepSeconds;
            if (now < 600.0)
            {
                continue;
            }

            for (int i = 0; i < cellCount; i++)
            {
                double error = Math.Abs(estimator.GetCellStateOfCharge(i) - plant.Soc[i]);
                if (error > result.MaxCellError)
                {
                    result.MaxCellError = error;
                    result.WorstCell = i;
                    result.WorstAtSeconds = now;
                }
            }

            double meanSoc = plant.MeanSoc();
            double lowCellDelta = plant.Soc[LowCell] - meanSoc;
            result.MaxLowCellDeltaError = Math.Max(result.MaxLowCellDeltaError, Math.Abs(estimator.GetDeltaStateOfCharge(LowCell) - lowCellDelta));
            result.MaxAverageSocError = Math.Max(result.MaxAverageSocError, Math.Abs(estimator.AverageStateOfCharge - meanSoc));
        }

        return result;
    }

    private static PackSocEstimator NewEstimator(int cellCount) =>
        new(TestCells.Synthetic(), cellCount, new SocEstimatorSettings(), new DeltaSocSettings());

    [Theory]
    [InlineData(6)]
    [InlineData(18)]
    [InlineData(30)]
    public void Step_EveryCellWithinTwoAndHalfPoints(int cellCount)
    {
        // 45 minutes of the drive profile take the string from about 0.89 to about 0.45 SOC. Errors are
        // checked from 10 minutes on, after the filters have converged from the common start at 0.8.
        var plant = SpreadString(cellCount);
        var estimator = NewEstimator(cellCount);

        var result = Drive(plant, estimator, 45 * 60, seed: cellCount);

        Assert.True(result.MaxCellError < 0.025, $"cell {result.WorstCell} SOC error {result.MaxCellError:P2} at {result.WorstAtSeconds:F1} s");
    }

    [Theory]
    [InlineData(6)]
    [InlineData(30)]
    public void Step_DeltaFollowsCellTenPointsOff(int cellCount)
    {
        // The low cell starts at 0.79 against 0.86 to 0.92 for the rest, while the estimator starts every
        // cell at 0.8 with zero ΔSOC. Its ΔSOC must come within 2.5 points of the plant's
        // SOC(low cell) − mean SOC. With 6 cells that starts at 0.79 - (0.86 + 0.872 + 0.884 + 0.79 +
        // 0.908 + 0.92) / 6 = -0.082, and with 30 cells 0.79 - 0.886 = -0.096. Capacity spread moves
        // it by up to about 2 points over the drive, so the estimate must end below -0.05.
        var plant = SpreadString(cellCount);
        var estimator = NewEstimator(cellCount);

        var result = Drive(plant, estimator, 30 * 60, seed: 100 + cellCount);

        Assert.True(result.MaxLowCellDeltaError < 0.025, $"low cell ΔSOC error {result.MaxLowCellDeltaError:P2}");
        Assert.True(estimator.GetDeltaStateOfCharge(LowCell) < -0.05, $"low cell ΔSOC {estimator.GetDeltaStateOfCharge(LowCell):F4}");
    }

    [Fact]
    public void Step_AverageFollowsMeanCellSoc()
    {
        // The average-cell filter receives the mean voltage. While every cell stays on one linear OCV segment,
        // the mean OCV equals the OCV at the mean SOC, so the average estimate tracks the plant's mean SOC.
        var plant = SpreadString(18);
        var estimator = NewEstimator(18);

        var result = Drive(plant, estimator, 30 * 60, seed: 5);

        Assert.True(result.MaxAverageSocError < 0.02, $"average SOC error {result.MaxAverageSocError:P2}");
    }

    [Fact]
    public void Step_UniformCellsGiveZeroDeltas()
    {
        // Twelve identical cells carry the same voltage at every step, so every voltage difference to the
        // mean is zero and no ΔSOC may move from zero, although the average filter starts 20 points off.
        const int cellCount = 12;
        var initial = new double[cellCount];
        var capacity = new double[cellCount];
        for (int i = 0; i < cellCount; i++)
        {
            initial[i] = 0.9;
            capacity[i] = TestCells.CapacityAmpereHours;
        }

        var plant = new SeriesString(initial, capacity);
        var estimator = NewEstimator(cellCount);
        estimator.Reset(0.7f);
        var voltages = new float[cellCount];
        double maxDelta = 0;

        for (int k = 1; k <= 6000; k++)
        {
            double current = DriveCurrent((k - 1) * StepSeconds);
            plant.Step(current);
            for (int i = 0; i < cellCount; i++)
            {
                voltages[i] = (float)plant.TerminalVolts(i, current);
            }

            estimator.Step((float)(current * StepSeconds), (float)StepSeconds, voltages, (float)current, 25f);
            for (int i = 0; i < cellCount; i++)
            {
                maxDelta = Math.Max(maxDelta, Math.Abs(estimator.GetDeltaStateOfCharge(i)));
            }
        }

        // Float rounding of the mean of twelve equal values can leave a few microvolts of difference.
        Assert.True(maxDelta < 1e-4, $"largest ΔSOC {maxDelta:E2}");
        Assert.Equal(plant.Soc[0], estimator.GetCellStateOfCharge(0), 0.01);
    }

    [Fact]
    public void Step_AllocatesNothingAfterWarmUp()
    {
        const int cellCount = 30;
        var estimator = NewEstimator(cellCount);
        estimator.Reset(0.8f);
        var voltages = new float[cellCount];
        for (int i = 0; i < cellCount; i++)
        {
            voltages[i] = 3.8f + 0.001f * i;
        }

        for (int i = 0; i < 100; i++)
        {
            estimator.Step(-0.2f, 0.1f, voltages, -2f, 25f);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            float current = (i % 50) < 25 ? -2f : 1f;
            voltages[i % cellCount] += (i % 2 == 0 ? 0.002f : -0.002f);
            estimator.Step(current * 0.1f, 0.1f, voltages, current, 20f + (i % 10));
            estimator.GetCellStateOfCharge(i % cellCount);
            estimator.GetCellStateOfChargeStandardDeviation(i % cellCount);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Reset_SplitsInitialSocIntoAverageAndDeltas()
    {
        // Mean of 0.5, 0.7 and 0.9 is 0.7, so the deltas are -0.2, 0 and +0.2.
        var estimator = NewEstimator(3);

        estimator.Reset(new[] { 0.5f, 0.7f, 0.9f });

        Assert.Equal(0.7f, estimator.AverageStateOfCharge, 1e-6f);
        Assert.Equal(-0.2f, estimator.GetDeltaStateOfCharge(0), 1e-6f);
        Assert.Equal(0f, estimator.GetDeltaStateOfCharge(1), 1e-6f);
        Assert.Equal(0.2f, estimator.GetDeltaStateOfCharge(2), 1e-6f);
        Assert.Equal(0.9f, estimator.GetCellStateOfCharge(2), 1e-6f);
    }

    [Fact]
    public void Reset_CombinesStandardDeviations()
    {
        // Average deviation 0.3 and delta deviation 0.4 give sqrt(0.09 + 0.16) = 0.5.
        var estimator = new PackSocEstimator(TestCells.Synthetic(), 4,
            new SocEstimatorSettings { InitialSocStandardDeviation = 0.3f },
            new DeltaSocSettings { InitialDeltaSocStandardDeviation = 0.4f });

        estimator.Reset(0.5f);

        Assert.Equal(0.5f, estimator.GetCellStateOfChargeStandardDeviation(1), 1e-5f);
    }

    [Fact]
    public void Step_InvalidCellVoltageSkipsThatCell()
    {
        // Six cells at rest at OCV(0.55) = 3.695 V except cell 2 at NaN. The mean of the five valid
        // voltages is 3.695 V, every valid difference is zero, and cell 2 keeps its initial ΔSOC.
        var estimator = NewEstimator(6);
        estimator.Reset(new[] { 0.55f, 0.55f, 0.60f, 0.55f, 0.55f, 0.55f });
        float initialDelta = estimator.GetDeltaStateOfCharge(2);
        var voltages = new[] { 3.695f, 3.695f, float.NaN, 3.695f, 3.695f, 3.695f };

        estimator.Step(0f, 0.1f, voltages, 0f, 25f);

        Assert.Equal(1, estimator.RejectedCellVoltageCount);
        Assert.Equal(3.695f, estimator.MeanCellVoltageVolts, 1e-6f);
        Assert.Equal(initialDelta, estimator.GetDeltaStateOfCharge(2));
    }

    [Fact]
    public void Constructor_RejectsZeroCells()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => NewEstimator(0));

        Assert.Equal("cellCount", error.ParamName);
    }

    [Fact]
    public void SingleCell_FollowsSocEstimatorExactly()
    {
        // With one cell the mean voltage is the cell's voltage, so the average-cell filter must see the same
        // inputs as a SocEstimator of its own and give the same SOC to the last bit.
        var pack = NewEstimator(1);
        var single = new SocEstimator(TestCells.Synthetic(), new SocEstimatorSettings());
        pack.Reset(0.5f);
        single.Reset(0.5f);
        var voltage = new float[1];
        for (int step = 0; step < 3000; step++)
        {
            float current = step % 200 < 100 ? -3f : 1f;
            voltage[0] = (float)TestCells.Ocv(0.8 - step * 1e-4) + current * 0.02f;
            pack.Step(current * 0.1f, 0.1f, voltage, current, 25f);
            single.Step(current * 0.1f, 0.1f, voltage[0], current, 25f);
        }

        Assert.Equal(single.StateOfCharge, pack.AverageStateOfCharge);
        Assert.Equal(single.StateOfCharge, pack.GetCellStateOfCharge(0));
        Assert.Equal(0f, pack.GetDeltaStateOfCharge(0));
    }

    [Fact]
    public void CapacityRatio_DriftsDeltaWithCountedCharge()
    {
        // Corrections are off above 0 A, so only the prediction moves the deltas. Cell 1 has 1/1.25 of the
        // average cell's capacity. Discharging 10 % of the 3 Ah average cell (1080 A·s) moves the average
        // SOC by −0.1, so cell 1's ΔSOC moves by −0.1 × (1.25 − 1) = −0.025 and cell 0's stays at 0.
        var estimator = new PackSocEstimator(TestCells.Synthetic(), 2, new SocEstimatorSettings(),
            new DeltaSocSettings { MaximumCorrectionCurrentAmperes = 0f });
        estimator.Reset(0.8f);
        estimator.SetCapacityRatio(1, 1.25f);
        var voltages = new[] { 3.9f, 3.9f };
        for (int step = 0; step < 1080; step++)
        {
            estimator.Step(-1f, 1f, voltages, -1f, 25f);
        }

        Assert.Equal(0f, estimator.GetDeltaStateOfCharge(0), 6);
        Assert.Equal(-0.025f, estimator.GetDeltaStateOfCharge(1), 4);
    }

    [Fact]
    public void SetCapacityRatio_RejectsOutOfRange()
    {
        var estimator = NewEstimator(2);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.SetCapacityRatio(0, 3f));

        Assert.Equal("ratio", error.ParamName);
    }

    [Fact]
    public void Constructor_RejectsInvalidDeltaSettings()
    {
        var settings = new DeltaSocSettings { DeltaSocRandomWalkPerSqrtSecond = 0.5f };

        var error = Assert.Throws<ArgumentException>(() => new PackSocEstimator(TestCells.Synthetic(), 6, new SocEstimatorSettings(), settings));

        Assert.Equal("DeltaSocRandomWalkPerSqrtSecond", error.ParamName);
    }

    [Fact]
    public void Step_RejectsWrongVoltageCount()
    {
        var estimator = NewEstimator(6);
        estimator.Reset(0.5f);

        var error = Assert.Throws<ArgumentException>(() => estimator.Step(0f, 0.1f, new float[5], 0f, 25f));

        Assert.Equal("cellVoltagesVolts", error.ParamName);
    }

    [Fact]
    public void Step_RejectedBeforeReset()
    {
        var estimator = NewEstimator(6);

        Assert.Throws<InvalidOperationException>(() => estimator.Step(0f, 0.1f, new float[6], 0f, 25f));
    }

    [Fact]
    public void GetCellStateOfCharge_RejectsBadIndex()
    {
        var estimator = NewEstimator(6);
        estimator.Reset(0.5f);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.GetCellStateOfCharge(6));

        Assert.Equal("cellIndex", error.ParamName);
    }
}

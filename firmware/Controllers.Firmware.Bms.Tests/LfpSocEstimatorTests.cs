using System;
using Controllers.Firmware.Bms.Estimation;
using Xunit;
using Xunit.Abstractions;

namespace Controllers.Firmware.Bms.Tests;

/// <summary>
/// SOC filter on a synthetic LFP-like cell: a nearly flat OCV plateau between steep ends, with hysteresis.
/// </summary>
/// <remarks>
/// The OCV figures are invented for this test and only shaped like an LFP curve (a plateau of about
/// 70 mV from 10 to 90 % SOC). They are not measured data. The plant is a double-precision simulation
/// written here, independent of <see cref="CellModel"/>.
/// </remarks>
public class LfpSocEstimatorTests
{
    private const double CapacityAmpereHours = 3.0;
    private const double OhmicResistanceOhms = 0.015;
    private const double FastBranchResistanceOhms = 0.01;
    private const double FastBranchTimeConstantSeconds = 2.0;
    private const double SlowBranchResistanceOhms = 0.02;
    private const double SlowBranchTimeConstantSeconds = 40.0;
    private const double HysteresisMagnitudeVolts = 0.015;
    private const double HysteresisRatePerSoc = 30.0;

    private static readonly double[] SocAxis = { 0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0 };
    private static readonly double[] OcvVolts = { 2.80, 3.10, 3.20, 3.25, 3.27, 3.285, 3.29, 3.30, 3.31, 3.32, 3.34, 3.40, 3.55 };

    private readonly ITestOutputHelper output;

    public LfpSocEstimatorTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    private static double Ocv(double soc)
    {
        if (soc <= 0)
        {
            return OcvVolts[0];
        }

        for (int i = 1; i < SocAxis.Length; i++)
        {
            if (soc <= SocAxis[i])
            {
                double fraction = (soc - SocAxis[i - 1]) / (SocAxis[i] - SocAxis[i - 1]);
                return OcvVolts[i - 1] + fraction * (OcvVolts[i] - OcvVolts[i - 1]);
            }
        }

        return OcvVolts[^1];
    }

    private static CellParameters Parameters()
    {
        int n = SocAxis.Length;
        var parameters = new CellParameters
        {
            CapacityAmpereHours = (float)CapacityAmpereHours,
            MinimumVoltageVolts = 2.5f,
            MaximumVoltageVolts = 3.65f,
            SocBreakpoints = new float[n],
            OcvTemperaturesCelsius = new[] { 25f },
            OcvVolts = new float[n],
            ImpedanceTemperaturesCelsius = new[] { 25f },
            OhmicResistanceOhms = new float[n],
            FastBranchResistanceOhms = new float[n],
            FastBranchTimeConstantSeconds = new float[n],
            SlowBranchResistanceOhms = new float[n],
            SlowBranchTimeConstantSeconds = new float[n],
            HysteresisTemperaturesCelsius = new[] { 25f },
            HysteresisMagnitudeVolts = new[] { (float)HysteresisMagnitudeVolts },
            HysteresisRatePerSoc = new[] { (float)HysteresisRatePerSoc },
        };
        for (int i = 0; i < n; i++)
        {
            parameters.SocBreakpoints[i] = (float)SocAxis[i];
            parameters.OcvVolts[i] = (float)OcvVolts[i];
            parameters.OhmicResistanceOhms[i] = (float)OhmicResistanceOhms;
            parameters.FastBranchResistanceOhms[i] = (float)FastBranchResistanceOhms;
            parameters.FastBranchTimeConstantSeconds[i] = (float)FastBranchTimeConstantSeconds;
            parameters.SlowBranchResistanceOhms[i] = (float)SlowBranchResistanceOhms;
            parameters.SlowBranchTimeConstantSeconds[i] = (float)SlowBranchTimeConstantSeconds;
        }

        return parameters;
    }

    // Same pattern as the NMC filter tests: C/2 discharge with, each minute, a 6 A pulse for 10 s, a 3 A
    // charge pulse for 5 s and a 5 s rest. Mean -1.75 A.
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

    /// <summary>
    /// Runs the drive from <paramref name="trueSoc"/> for <paramref name="minutes"/> with the estimator started
    /// at <paramref name="estimatedSoc"/>. Returns the maximum |error| after ten minutes, over the plateau
    /// (true SOC 0.1 to 0.9) and below 0.1 SOC.
    /// </summary>
    private (double Plateau, double LowEnd) Run(double trueSoc, double estimatedSoc, double minutes)
    {
        var estimator = new SocEstimator(Parameters(), new SocEstimatorSettings());
        estimator.Reset((float)estimatedSoc);
        var random = new Random(5);
        double soc = trueSoc;
        double fast = 0;
        double slow = 0;

        // The plant starts on the discharge branch of the hysteresis, the estimator at zero.
        double hysteresis = -HysteresisMagnitudeVolts;
        const double cellStep = 0.01;
        double charge = 0;
        double plateau = 0;
        double lowEnd = 0;
        int steps = (int)(minutes * 6000);
        for (int k = 1; k <= steps; k++)
        {
            double time = (k - 1) * cellStep;
            double current = DriveCurrent(time);
            double socChange = current * cellStep / (3600.0 * CapacityAmpereHours);
            soc += socChange;
            double decay = Math.Exp(-HysteresisRatePerSoc * Math.Abs(socChange));
            hysteresis = decay * hysteresis + (1 - decay) * Math.Sign(current) * HysteresisMagnitudeVolts;
            double fastDecay = Math.Exp(-cellStep / FastBranchTimeConstantSeconds);
            double slowDecay = Math.Exp(-cellStep / SlowBranchTimeConstantSeconds);
            fast = fastDecay * fast + FastBranchResistanceOhms * (1 - fastDecay) * current;
            slow = slowDecay * slow + SlowBranchResistanceOhms * (1 - slowDecay) * current;
            charge += current * cellStep;
            if (k % 10 != 0)
            {
                continue;
            }

            double volts = Ocv(soc) + hysteresis + OhmicResistanceOhms * current + fast + slow;
            float voltage = (float)(volts + 0.002 * NextGaussian(random));
            float sampledCurrent = (float)(current + 0.01 * NextGaussian(random));
            estimator.Step((float)charge, 0.1f, voltage, sampledCurrent, 25f);
            charge = 0;

            double error = Math.Abs(estimator.StateOfCharge - soc);
            if (k * cellStep < 600.0)
            {
                continue;
            }

            if (soc >= 0.1 && soc <= 0.9)
            {
                plateau = Math.Max(plateau, error);
            }
            else if (soc < 0.1)
            {
                lowEnd = Math.Max(lowEnd, error);
            }
        }

        output.WriteLine($"start {trueSoc:F2}, estimate {estimatedSoc:F2}: plateau max {plateau:P2}, below 10 % max {lowEnd:P2}, end SOC {soc:F3}");
        return (plateau, lowEnd);
    }

    [Fact]
    public void Step_CorrectStartStaysWithinRequirement()
    {
        // 85 minutes at a mean 1.75 A move 1.75 * 5100 / 10 800 = 0.83 of SOC: from 0.9 to about 0.07.
        var (plateau, lowEnd) = Run(0.9, 0.9, 85);

        Assert.True(plateau < 0.025, $"max error on the plateau {plateau:P2}");
        Assert.True(lowEnd < 0.025, $"max error below 10 % SOC {lowEnd:P2}");
    }

    [Fact]
    public void Step_WrongStartRecoversAtSteepEnd()
    {
        // Started 15 points high on the plateau, where the OCV rises only 0.5 to 2 mV per SOC point, the filter
        // must be back within the 2.5 % requirement at the latest where the OCV steepens below 10 % SOC.
        var (_, lowEnd) = Run(0.75, 0.9, 72);

        Assert.True(lowEnd < 0.025, $"max error below 10 % SOC {lowEnd:P2}");
    }
}

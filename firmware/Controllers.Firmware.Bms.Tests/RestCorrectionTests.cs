using System;
using Controllers.Firmware.Bms.Estimation;
using Xunit;

namespace Controllers.Firmware.Bms.Tests;

// Hand calculations on the synthetic cell (TestCells): OCV 3.61 V at SOC 0.4, 3.66 V at 0.5, 3.73 V at
// 0.6, linear between; tau1 = 2 s, tau2 = 40 s. The model's slope is the central difference over ±0.01
// SOC, so at SOC 0.6 it is (3.738 - 3.723) / 0.02 = 0.75 V, at 0.5 it is (3.667 - 3.655) / 0.02 = 0.6 V.
public class RestCorrectionTests
{
    private const float ThreeHours = 10800f;

    private static RestCorrection NewCorrection(float gate = 0f, CellParameters? cell = null, float minimumSlope = 0.01f) =>
        new(new CellModel(cell ?? TestCells.Synthetic()), new RestCorrectionSettings { InnovationGateStandardDeviations = gate, MinimumOcvSlopeVoltsPerSoc = minimumSlope }, 8);

    private static SocEstimator NewEstimator(float soc, float socDeviation)
    {
        var estimator = new SocEstimator(TestCells.Synthetic(), new SocEstimatorSettings { InitialSocStandardDeviation = socDeviation });
        estimator.Reset(soc);
        return estimator;
    }

    [Fact]
    public void LongRest_FusesByVariances()
    {
        var estimator = NewEstimator(0.5f, 0.02f);
        var correction = NewCorrection();

        correction.Apply(estimator, ThreeHours, 3.73f, 25f);

        // Branches decayed to 0. Stored variance 0.02² + (4e-5 · 3 h)²; OCV variance (5 mV / 0.75 V)².
        double stored = 0.02 * 0.02 + Math.Pow(4e-5 * 3, 2);
        double measured = Math.Pow(0.005 / 0.75, 2);
        double gain = stored / (stored + measured);
        Assert.Equal(0.6, correction.OcvSoc, 5);
        Assert.Equal(Math.Sqrt(measured), correction.OcvSocStandardDeviation, 5);
        Assert.Equal(gain, correction.Gain, 4);
        Assert.Equal(0.5 + gain * 0.1, estimator.StateOfCharge, 5);
        Assert.Equal(Math.Sqrt((1 - gain) * stored), estimator.StateOfChargeStandardDeviation, 5);
        Assert.Equal(0f, estimator.FastBranchVolts);
        Assert.Equal(0f, estimator.SlowBranchVolts);
    }

    [Fact]
    public void Gate_RaisesOverconfidentStoredVariance()
    {
        var estimator = NewEstimator(0.5f, 0.02f);
        var correction = NewCorrection(gate: 3f);

        correction.Apply(estimator, ThreeHours, 3.73f, 25f);

        // Innovation 0.1 exceeds 3 sqrt(P + R) = 0.06, so P becomes 0.1² / 9 - R and the gain
        // (0.1² / 9 - R) / (0.1² / 9) = 1 - 9 R / 0.01 = 1 - 9 · 4.444e-5 / 0.01 = 0.96.
        double measured = Math.Pow(0.005 / 0.75, 2);
        double gain = 1 - 9 * measured / 0.01;
        Assert.True(correction.StoredVarianceInflated);
        Assert.Equal(0.96, gain, 6);
        Assert.Equal(gain, correction.Gain, 4);
        Assert.Equal(0.596, estimator.StateOfCharge, 4);
    }

    [Fact]
    public void ShortRest_SubtractsRemainingPolarisation()
    {
        var estimator = NewEstimator(0.5f, 0.01f);
        var state = new float[SocEstimator.ExportedStateLength];
        estimator.ExportState(state, 0);
        state[SocEstimator.FastBranchStateIndex] = -0.01f;
        state[SocEstimator.SlowBranchStateIndex] = -0.02f;
        // The covariance follows the 4 states; (1, 1) and (2, 2) are the branch variances.
        state[SocEstimator.StateCount + 1 * SocEstimator.StateCount + 1] = 1e-6f;
        state[SocEstimator.StateCount + 2 * SocEstimator.StateCount + 2] = 1e-6f;
        Assert.True(estimator.ImportState(state, 0));
        var correction = NewCorrection();

        // After 60 s: V1 = -0.01 e^-30 (nil), V2 = -0.02 e^-1.5 = -4.4626 mV. The cell reads OCV(0.5) plus that.
        double slowDecay = Math.Exp(-1.5);
        double remaining = -0.02 * slowDecay;
        correction.Apply(estimator, 60f, (float)(3.66 + remaining), 25f);

        // Polarisation variance (0.3 · 4.4626 mV)² + e^-3 · 1e-6; OCV variance ((5 mV)² + that) / 0.6².
        double polarisation = Math.Pow(0.3 * remaining, 2) + slowDecay * slowDecay * 1e-6;
        double measured = (0.005 * 0.005 + polarisation) / 0.36;
        double stored = 1e-4 + Math.Pow(4e-5 / 60, 2);
        Assert.Equal(remaining, correction.RemainingPolarisationVolts, 6);
        Assert.Equal(0.5, correction.OcvSoc, 4);
        Assert.Equal(Math.Sqrt(measured), correction.OcvSocStandardDeviation, 5);
        Assert.Equal(stored / (stored + measured), correction.Gain, 3);
        Assert.Equal(0.5, estimator.StateOfCharge, 4);
        Assert.Equal(remaining, estimator.SlowBranchVolts, 6);
    }

    [Fact]
    public void UnknownRest_GrowsStoredVariance()
    {
        var estimator = NewEstimator(0.5f, 0.02f);
        var correction = NewCorrection();

        correction.Apply(estimator, float.NaN, 3.73f, 25f);

        // Stored 0.02² + 0.05²; polarisation variance is the reset branch variances 2 · 0.03².
        double stored = 0.02 * 0.02 + 0.05 * 0.05;
        double measured = (0.005 * 0.005 + 2 * 0.03 * 0.03) / (0.75 * 0.75);
        double gain = stored / (stored + measured);
        Assert.False(correction.RestTimeKnown);
        Assert.Equal(Math.Sqrt(stored), correction.StoredSocStandardDeviation, 5);
        Assert.Equal(0.5 + gain * 0.1, estimator.StateOfCharge, 4);
    }

    [Fact]
    public void FlatOcv_KeepsStoredSoc()
    {
        // An LFP-like plateau: OCV rises 1 mV per 0.1 SOC from 0.1 to 0.9, a slope of 0.01 V, below the
        // 0.02 V minimum set here.
        var flat = TestCells.Synthetic();
        flat.OcvVolts = new[] { 3.0f, 3.300f, 3.301f, 3.302f, 3.303f, 3.304f, 3.305f, 3.306f, 3.307f, 3.308f, 3.5f };
        var estimator = new SocEstimator(flat, new SocEstimatorSettings { InitialSocStandardDeviation = 0.02f });
        estimator.Reset(0.3f);
        var correction = NewCorrection(gate: 3f, cell: flat, minimumSlope: 0.02f);

        correction.Apply(estimator, ThreeHours, 3.305f, 25f);

        Assert.Equal(0f, correction.Gain);
        Assert.Equal(0.3f, estimator.StateOfCharge);
        Assert.Equal(Math.Sqrt(0.02 * 0.02 + Math.Pow(4e-5 * 3, 2)), estimator.StateOfChargeStandardDeviation, 6);
    }

    [Fact]
    public void Pack_CorrectsAverageAndDeltas()
    {
        var pack = new PackSocEstimator(TestCells.Synthetic(), 2, new SocEstimatorSettings(), new DeltaSocSettings());
        pack.Reset(0.5f);
        var correction = NewCorrection();

        correction.Apply(pack, ThreeHours, new[] { 3.73f, 3.61f }, 25f);

        // Mean 3.67 V reads SOC 0.5 + 0.1 · 0.01 / 0.07 on the 0.5 to 0.6 segment (slope 0.7 V).
        double meanSoc = 0.5 + 0.1 / 7;
        double growth = Math.Pow(4e-5 * 3, 2);
        double averageStored = 0.3 * 0.3 + growth;
        double averageGain = averageStored / (averageStored + 0.005 * 0.005 / 0.49);
        double average = 0.5 + averageGain * (meanSoc - 0.5);

        // Deltas: stored 0 with variance 0.1² + growth; measured 0.6 - meanSoc (slope 0.75 V) and
        // 0.4 - meanSoc (slope (3.615 - 3.605) / 0.02 = 0.5 V), each with 2 mV difference noise.
        double deltaStored = 0.1 * 0.1 + growth;
        double gain0 = deltaStored / (deltaStored + 0.002 * 0.002 / (0.75 * 0.75));
        double gain1 = deltaStored / (deltaStored + 0.002 * 0.002 / (0.5 * 0.5));
        Assert.Equal(meanSoc, correction.OcvSoc, 5);
        Assert.Equal(average, pack.AverageStateOfCharge, 4);
        Assert.Equal(gain0 * (0.6 - meanSoc), pack.GetDeltaStateOfCharge(0), 4);
        Assert.Equal(gain1 * (0.4 - meanSoc), pack.GetDeltaStateOfCharge(1), 4);
    }

    [Fact]
    public void InvertOcv_ClampsOutsideCurve()
    {
        var correction = NewCorrection();

        Assert.Equal(0f, correction.InvertOpenCircuitVoltage(2.9f, 25f));
        Assert.Equal(1f, correction.InvertOpenCircuitVoltage(4.3f, 25f));
        Assert.Equal(0.45, correction.InvertOpenCircuitVoltage(3.635f, 25f), 5);
    }

    [Fact]
    public void Apply_NaNTemperatureRejected()
    {
        var estimator = NewEstimator(0.5f, 0.02f);

        var error = Assert.Throws<ArgumentException>(() => NewCorrection().Apply(estimator, 60f, 3.7f, float.NaN));

        Assert.Contains("temperatureCelsius", error.Message);
    }

    [Fact]
    public void Settings_OutOfRangeNamed()
    {
        var settings = new RestCorrectionSettings { SelfDischargeSocPerHour = 0.5f };

        var error = Assert.Throws<ArgumentException>(() => settings.Validate());

        Assert.Contains("SelfDischargeSocPerHour = 0.5", error.Message);
    }
}

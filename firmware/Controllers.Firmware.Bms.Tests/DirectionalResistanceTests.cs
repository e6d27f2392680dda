using System;
using Controllers.Firmware.Bms.Estimation;
using Xunit;

namespace Controllers.Firmware.Bms.Tests;

// TestCells.Synthetic with a charge R0 of 25 mΩ beside its 15 mΩ discharge R0, capacity 3 Ah, so the
// direction dead band is ±0.01 × 3 = ±0.03 A.
public class DirectionalResistanceTests
{
    private const double ChargeOhmicResistanceOhms = 0.025;

    private static CellParameters SplitCell()
    {
        var parameters = TestCells.Synthetic();
        parameters.ChargeOhmicResistanceOhms = new float[parameters.SocBreakpoints.Length];
        for (int i = 0; i < parameters.ChargeOhmicResistanceOhms.Length; i++)
        {
            parameters.ChargeOhmicResistanceOhms[i] = (float)ChargeOhmicResistanceOhms;
        }

        return parameters;
    }

    [Theory]
    [InlineData(1.0, 0.025)]     // charging beyond the dead band
    [InlineData(-1.0, 0.015)]    // discharging beyond the dead band
    [InlineData(0.03, 0.025)]    // at the charge edge
    [InlineData(-0.03, 0.015)]   // at the discharge edge
    [InlineData(0.0, 0.020)]     // middle: (15 + 25) / 2 mΩ
    [InlineData(0.015, 0.0225)]  // weight (0.015 + 0.03) / 0.06 = 0.75: 15 + 0.75 × 10 mΩ
    public void OhmicResistance_FollowsCurrentSign(double amperes, double expectedOhms)
    {
        var model = new CellModel(SplitCell());
        var impedance = new ImpedanceValues();
        model.GetImpedance(0.5f, 25f, impedance);

        Assert.Equal(0.03f, model.DirectionDeadBandAmperes, 1e-6f);
        Assert.Equal(expectedOhms, model.GetOhmicResistanceOhms(impedance, (float)amperes), 1e-6);
    }

    [Fact]
    public void OhmicResistance_WithoutChargeTableIsDischarge()
    {
        var model = new CellModel(TestCells.Synthetic());
        var impedance = new ImpedanceValues();
        model.GetImpedance(0.5f, 25f, impedance);

        Assert.Equal(TestCells.OhmicResistanceOhms, model.GetOhmicResistanceOhms(impedance, 2f), 1e-6);
        Assert.Equal(TestCells.OhmicResistanceOhms, model.GetOhmicResistanceOhms(impedance, -2f), 1e-6);
        Assert.Equal(TestCells.OhmicResistanceOhms, model.GetIncrementalOhmicResistanceOhms(impedance, 0f), 1e-6);
    }

    [Theory]
    [InlineData(1.0, 0.025)]
    [InlineData(-1.0, 0.015)]
    // At 0 A: R0 = 20 mΩ and dR0/dI = 10 mΩ / 0.06 A, so I dR0/dI = 0 and d(I R0)/dI = 20 mΩ.
    [InlineData(0.0, 0.020)]
    // At 0.015 A: R0 = 22.5 mΩ, I dR0/dI = 0.015 × 0.010 / 0.06 = 2.5 mΩ, sum 25 mΩ.
    [InlineData(0.015, 0.025)]
    public void IncrementalResistance_IsDerivativeOfOhmicDrop(double amperes, double expectedOhms)
    {
        var model = new CellModel(SplitCell());
        var impedance = new ImpedanceValues();
        model.GetImpedance(0.5f, 25f, impedance);

        Assert.Equal(expectedOhms, model.GetIncrementalOhmicResistanceOhms(impedance, (float)amperes), 1e-5);
    }

    [Theory]
    // One 0.1 s step from rest at SOC 0.5 (OCV 3.66 V) with ±1 A. ΔSOC = ±0.1 / (3600 × 3) = ±9.26e-6.
    // OCV moves by +0.7 V/SOC × 9.26e-6 = +6.5 µV on charge (segment 0.5–0.6: (3.73 − 3.66) / 0.1) and
    // by −0.5 V/SOC × 9.26e-6 = −4.6 µV on discharge (segment 0.4–0.5: (3.66 − 3.61) / 0.1).
    // V1 = 0.01 × (1 − e^(−0.1/2)) × I = ±0.48771 mV, V2 = 0.02 × (1 − e^(−0.1/40)) × I = ±0.04994 mV.
    // Charge: 3.66 + 0.0000065 + 0.025 + 0.00048771 + 0.00004994 = 3.6855442 V.
    // Discharge: 3.66 − 0.0000046 − 0.015 − 0.00048771 − 0.00004994 = 3.6444578 V.
    [InlineData(1.0, 3.6855442)]
    [InlineData(-1.0, 3.6444578)]
    public void ModelVoltage_UsesDirectionalResistance(double amperes, double expectedVolts)
    {
        var estimator = new SocEstimator(SplitCell(), new SocEstimatorSettings());
        estimator.Reset(0.5f);

        estimator.Step((float)(amperes * 0.1), 0.1f, 3.66f, (float)amperes, 25f);

        Assert.Equal(expectedVolts, estimator.LastModelVoltageVolts, 5e-6);
    }

    [Theory]
    [InlineData(0.2)]   // below the 0.5 times bound
    [InlineData(3.0)]   // above the 2 times bound
    public void Validate_RejectsChargeResistanceRatioOutOfRange(double ratio)
    {
        var parameters = SplitCell();
        parameters.ChargeOhmicResistanceOhms[3] = (float)(ratio * TestCells.OhmicResistanceOhms);

        var error = Assert.Throws<ArgumentException>(() => parameters.Validate());

        Assert.Equal("ChargeOhmicResistanceOhms", error.ParamName);
        Assert.Contains("ChargeOhmicResistanceOhms[3]", error.Message);
    }

    [Fact]
    public void Validate_RejectsChargeTableOfWrongLength()
    {
        var parameters = SplitCell();
        parameters.ChargeOhmicResistanceOhms = new[] { 0.02f, 0.02f };

        var error = Assert.Throws<ArgumentException>(() => parameters.Validate());

        Assert.Equal("ChargeOhmicResistanceOhms", error.ParamName);
    }

    [Fact]
    public void Validate_RejectsNullChargeTable()
    {
        var parameters = SplitCell();
        parameters.ChargeOhmicResistanceOhms = null!;

        var error = Assert.Throws<ArgumentException>(() => parameters.Validate());

        Assert.Equal("ChargeOhmicResistanceOhms", error.ParamName);
    }
}

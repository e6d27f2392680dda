using System;
using Controllers.Firmware.Bms.Estimation;
using Xunit;

namespace Controllers.Firmware.Bms.Tests;

// TestCells.Small: SOC 0, 0.5, 1. OCV at 0 °C: 3.0, 3.6, 4.0 V; at 20 °C: 3.2, 3.7, 4.2 V.
// Ohmic resistance at 0 °C: 40, 30, 20 mΩ; at 40 °C: 20, 15, 10 mΩ.
public class CellModelTests
{
    private const float Tolerance = 1e-5f;

    private readonly CellModel model = new(TestCells.Small());

    [Theory]
    [InlineData(0.25f, 10f, 3.375f)]  // 0 °C: 3.3; 20 °C: 3.45; halfway: 3.375
    [InlineData(0.75f, 20f, 3.95f)]   // 3.7 + 0.5 * 0.5
    [InlineData(0.5f, 5f, 3.625f)]    // 3.6 + 0.25 * (3.7 - 3.6)
    [InlineData(0f, 0f, 3.0f)]
    [InlineData(1f, 20f, 4.2f)]
    public void Ocv_InterpolatesSocAndTemperature(float soc, float temperature, float expected)
    {
        Assert.Equal(expected, model.GetOpenCircuitVoltage(soc, temperature), Tolerance);
    }

    [Theory]
    [InlineData(1.2f, 30f, 4.2f)]
    [InlineData(-0.1f, -5f, 3.0f)]
    [InlineData(0.25f, 50f, 3.45f)]   // 20 °C row: 3.2 + 0.5 * 0.5
    public void Ocv_ClampsOutsideTable(float soc, float temperature, float expected)
    {
        Assert.Equal(expected, model.GetOpenCircuitVoltage(soc, temperature), Tolerance);
    }

    [Theory]
    [InlineData(0.25f, 20f, 1.0f)]   // (3.7 - 3.2) / 0.5
    [InlineData(0.75f, 20f, 1.0f)]   // (4.2 - 3.7) / 0.5
    [InlineData(0.25f, 0f, 1.2f)]    // (3.6 - 3.0) / 0.5
    [InlineData(0.75f, 0f, 0.8f)]    // (4.0 - 3.6) / 0.5
    [InlineData(0f, 0f, 1.2f)]       // one-sided at the lower end
    [InlineData(1f, 0f, 0.8f)]       // one-sided at the upper end
    [InlineData(0.5f, 0f, 1.0f)]     // at the kink: (3.6 + 0.8 * 0.01 - (3.6 - 1.2 * 0.01)) / 0.02
    public void OcvSlope_CentralDifference(float soc, float temperature, float expected)
    {
        Assert.Equal(expected, model.GetOpenCircuitVoltageSlope(soc, temperature), 1e-3f);
    }

    [Fact]
    public void Impedance_InterpolatesEveryTable()
    {
        // SOC 0.25 and 20 °C sit halfway in both axes, so each value is the mean of a 2 x 2 block.
        var values = new ImpedanceValues();
        model.GetImpedance(0.25f, 20f, values);

        Assert.Equal((0.04f + 0.03f + 0.02f + 0.015f) / 4, values.OhmicResistanceOhms, Tolerance);
        Assert.Equal((0.02f + 0.02f + 0.01f + 0.01f) / 4, values.FastBranchResistanceOhms, Tolerance);
        Assert.Equal((1f + 2f + 5f + 6f) / 4, values.FastBranchTimeConstantSeconds, Tolerance);
        Assert.Equal(0.03f, values.SlowBranchResistanceOhms, Tolerance);
        Assert.Equal((100f + 80f + 50f + 40f) / 4, values.SlowBranchTimeConstantSeconds, Tolerance);
    }

    [Fact]
    public void Impedance_WeightsBothAxes()
    {
        // SOC 0.9 is 80 % of the way from 0.5 to 1, and 10 °C a quarter of the way from 0 to 40 °C.
        // 0 °C: 0.03 + 0.8 * (0.02 - 0.03) = 0.022; 40 °C: 0.015 + 0.8 * (0.01 - 0.015) = 0.011.
        // 0.022 + 0.25 * (0.011 - 0.022) = 0.01925.
        var values = new ImpedanceValues();
        model.GetImpedance(0.9f, 10f, values);

        Assert.Equal(0.01925f, values.OhmicResistanceOhms, Tolerance);
    }

    [Fact]
    public void Impedance_ClampsOutsideTable()
    {
        var values = new ImpedanceValues();
        model.GetImpedance(1.5f, 60f, values);

        Assert.Equal(0.01f, values.OhmicResistanceOhms, Tolerance);
        Assert.Equal(7f, values.FastBranchTimeConstantSeconds, Tolerance);
    }

    [Theory]
    [InlineData(0.1f, 2f)]
    [InlineData(0.1f, 40f)]
    [InlineData(1f, 0.5f)]
    [InlineData(60f, 20f)]
    public void BranchDecay_MatchesExponential(float dt, float tau)
    {
        double expected = Math.Exp(-(double)dt / tau);

        Assert.Equal(expected, CellModel.GetBranchDecay(dt, tau), 1e-6);
    }

    [Fact]
    public void Constructor_RejectsInvalidParameters()
    {
        var parameters = TestCells.Small();
        parameters.CapacityAmpereHours = 0f;

        var error = Assert.Throws<ArgumentException>(() => new CellModel(parameters));

        Assert.Equal("CapacityAmpereHours", error.ParamName);
    }

    [Fact]
    public void Capacity_FromScalarWithoutTable()
    {
        var model = new CellModel(TestCells.Small());

        Assert.Equal(2.5f, model.GetCapacityAmpereHours(-20f));
        Assert.Equal(2.5f, model.GetCapacityAmpereHours(40f));
    }

    // Table 2.4 Ah at 0 °C and 3.0 Ah at 25 °C: at 10 °C, 2.4 + (10 / 25) * 0.6 = 2.64 Ah; outside the
    // axis the end values hold.
    [Theory]
    [InlineData(10f, 2.64f)]
    [InlineData(0f, 2.4f)]
    [InlineData(25f, 3.0f)]
    [InlineData(-10f, 2.4f)]
    [InlineData(45f, 3.0f)]
    public void Capacity_InterpolatesTableOverTemperature(float temperature, float expected)
    {
        var parameters = TestCells.Small();
        parameters.CapacityTemperaturesCelsius = new[] { 0f, 25f };
        parameters.CapacityByTemperatureAmpereHours = new[] { 2.4f, 3.0f };
        var model = new CellModel(parameters);

        Assert.Equal(expected, model.GetCapacityAmpereHours(temperature), 1e-5f);
    }

    [Fact]
    public void Hysteresis_ZeroWithoutTable()
    {
        var model = new CellModel(TestCells.Small());

        Assert.False(model.HasHysteresis);
        Assert.Equal(0.01f, model.StepHysteresis(0.01f, -0.05f, 25f));
    }

    // M = 0.02 V and rate 30 per unit SOC at 25 °C. Discharging 0.05 of SOC from h = 0:
    // h = -0.02 (1 - exp(-1.5)) = -0.02 * 0.776870 = -0.0155374 V. Charging 0.05 from there:
    // h = exp(-1.5) (-0.0155374) + 0.02 (1 - exp(-1.5)) = -0.0034669 + 0.0155374 = 0.0120705 V.
    [Fact]
    public void Hysteresis_MovesTowardSignedMagnitude()
    {
        var parameters = TestCells.Small();
        parameters.HysteresisTemperaturesCelsius = new[] { 25f };
        parameters.HysteresisMagnitudeVolts = new[] { 0.02f };
        parameters.HysteresisRatePerSoc = new[] { 30f };
        var model = new CellModel(parameters);

        float afterDischarge = model.StepHysteresis(0f, -0.05f, 25f);
        float afterCharge = model.StepHysteresis(afterDischarge, 0.05f, 25f);
        float atRest = model.StepHysteresis(afterCharge, 0f, 25f);

        Assert.Equal(-0.0155374f, afterDischarge, 1e-6f);
        Assert.Equal(0.0120705f, afterCharge, 1e-6f);
        Assert.Equal(afterCharge, atRest);
    }
}

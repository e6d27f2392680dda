using System;
using Controllers.Firmware.Bms.Estimation;
using Xunit;

namespace Controllers.Firmware.Bms.Tests;

// The linear cell below has OCV = 3.2 + 0.8 * SOC volts, C = 3 Ah = 10800 As, and the impedance of
// TestCells at every SOC: R0 = 15 mΩ, R1 = 10 mΩ with τ1 = 2 s, R2 = 20 mΩ with τ2 = 40 s. The window is
// 2.8 to 4.2 V. For a current I held for Δt the end voltage is
//   V = 3.2 + 0.8 * (SOC + I Δt / 10800) + V1 a1 + V2 a2 + I Rs,   a_k = e^(−Δt/τk),
//   Rs = R0 + R1 (1 − a1) + R2 (1 − a2),
// which is linear in I, so the voltage-bound limit has the closed form
//   charge    I = (4.2 − OCV − V1 a1 − V2 a2) / D,   discharge |I| = (OCV + V1 a1 + V2 a2 − 2.8) / D,
//   D = Rs + 0.8 Δt / 10800.
// Per horizon (exp from a calculator):
//   Δt = 2 s:  a1 = 0.367879, a2 = 0.951229, Rs = 0.022297 Ω, D = 0.022445 Ω
//   Δt = 10 s: a1 = 0.006738, a2 = 0.778801, Rs = 0.029357 Ω, D = 0.030097 Ω
//   Δt = 30 s: a1 = 0.000000, a2 = 0.472367, Rs = 0.035553 Ω, D = 0.037775 Ω
public class PowerLimitEstimatorTests
{
    // The solver stops within 10 µV of the voltage limit, which is below 1 mA at D ≥ 0.022 Ω.
    private const double CurrentTolerance = 2e-3;
    private const double PowerTolerance = 0.01;

    private static CellParameters LinearCell()
    {
        const int n = 2;
        return new CellParameters
        {
            CapacityAmpereHours = 3f,
            ChargeEfficiency = 1f,
            MinimumVoltageVolts = 2.8f,
            MaximumVoltageVolts = 4.2f,
            SocBreakpoints = new[] { 0f, 1f },
            OcvTemperaturesCelsius = new[] { 25f },
            OcvVolts = new[] { 3.2f, 4.0f },
            ImpedanceTemperaturesCelsius = new[] { 25f },
            OhmicResistanceOhms = Filled(n, 0.015f),
            FastBranchResistanceOhms = Filled(n, 0.01f),
            FastBranchTimeConstantSeconds = Filled(n, 2f),
            SlowBranchResistanceOhms = Filled(n, 0.02f),
            SlowBranchTimeConstantSeconds = Filled(n, 40f),
        };
    }

    // Ratings high enough that only the voltage window and SOC bind.
    private static PowerLimitSettings WideSettings() => new()
    {
        MaximumChargeCurrentAmperes = 200f,
        MaximumDischargeCurrentAmperes = 200f,
    };

    private static float[] Filled(int count, float value)
    {
        var values = new float[count];
        Array.Fill(values, value);
        return values;
    }

    private static PowerLimits CalculateCell(PowerLimitSettings settings, float soc, float fast, float slow, float temperature)
    {
        var estimator = new PowerLimitEstimator(LinearCell(), settings, 1);
        var result = new PowerLimits(estimator.HorizonCount);
        estimator.CalculateCell(soc, fast, slow, temperature, result);
        return result;
    }

    [Theory]
    // SOC 0.5, relaxed: OCV = 3.6 V. Discharge |I| = 0.8 / D, power = |I| * 2.8 V.
    [InlineData(0, 35.6431, 99.8006)]   // 0.8 / 0.022445
    [InlineData(1, 26.5804, 74.4252)]   // 0.8 / 0.030097
    [InlineData(2, 21.1781, 59.2987)]   // 0.8 / 0.037775
    public void Cell_DischargeMatchesClosedForm(int horizon, double current, double power)
    {
        var result = CalculateCell(WideSettings(), 0.5f, 0f, 0f, 25f);

        Assert.Equal(current, result.DischargeCurrentAmperes[horizon], CurrentTolerance);
        Assert.Equal(power, result.DischargePowerWatts[horizon], PowerTolerance);
    }

    [Theory]
    // SOC 0.5, relaxed: charge I = (4.2 − 3.6) / D, power = I * 4.2 V.
    [InlineData(0, 26.7323, 112.2756)]  // 0.6 / 0.022445
    [InlineData(1, 19.9353, 83.7283)]   // 0.6 / 0.030097
    [InlineData(2, 15.8836, 66.7110)]   // 0.6 / 0.037775
    public void Cell_ChargeMatchesClosedForm(int horizon, double current, double power)
    {
        var result = CalculateCell(WideSettings(), 0.5f, 0f, 0f, 25f);

        Assert.Equal(current, result.ChargeCurrentAmperes[horizon], CurrentTolerance);
        Assert.Equal(power, result.ChargePowerWatts[horizon], PowerTolerance);
    }

    [Theory]
    // SOC 0.5 after a discharge: V1 = −20 mV, V2 = −30 mV, so the branches add −0.02 a1 − 0.03 a2.
    // 2 s: −0.007358 − 0.028537 = −0.035894 V; 10 s: −0.000135 − 0.023364 = −0.023499 V;
    // 30 s: −0.014171 V. Discharge |I| = (0.8 + branches) / D, charge I = (0.6 − branches) / D.
    [InlineData(0, 34.0438, 28.3315)]   // 0.764106 / 0.022445, 0.635894 / 0.022445
    [InlineData(1, 25.7997, 20.7161)]   // 0.776501 / 0.030097, 0.623499 / 0.030097
    [InlineData(2, 20.8029, 16.2587)]   // 0.785829 / 0.037775, 0.614171 / 0.037775
    public void Cell_IncludesBranchVoltages(int horizon, double discharge, double charge)
    {
        var result = CalculateCell(WideSettings(), 0.5f, -0.02f, -0.03f, 25f);

        Assert.Equal(discharge, result.DischargeCurrentAmperes[horizon], CurrentTolerance);
        Assert.Equal(charge, result.ChargeCurrentAmperes[horizon], CurrentTolerance);
    }

    [Theory]
    // Ratings 10 A charge and 15 A discharge sit below every voltage-bound limit at SOC 0.5, so the
    // current is the rating and the power is rating * V(rating):
    // 2 s charge: 3.6 + 0.8 * 10 * 2 / 10800 + 10 * 0.022297 = 3.824445 V -> 38.2445 W;
    // 2 s discharge: 3.6 − 0.8 * 15 * 2 / 10800 − 15 * 0.022297 = 3.263333 V -> 48.9500 W.
    // 10 s: 3.900973 V -> 39.0097 W and 3.148540 V -> 47.2281 W.
    // 30 s: 3.977749 V -> 39.7775 W and 3.033377 V -> 45.5007 W.
    [InlineData(0, 38.2445, 48.9500)]
    [InlineData(1, 39.0097, 47.2281)]
    [InlineData(2, 39.7775, 45.5007)]
    public void Cell_CappedByCurrentRating(int horizon, double chargePower, double dischargePower)
    {
        var settings = new PowerLimitSettings
        {
            MaximumChargeCurrentAmperes = 10f,
            MaximumDischargeCurrentAmperes = 15f,
        };

        var result = CalculateCell(settings, 0.5f, 0f, 0f, 25f);

        Assert.Equal(10.0, result.ChargeCurrentAmperes[horizon], 1e-5);
        Assert.Equal(15.0, result.DischargeCurrentAmperes[horizon], 1e-5);
        Assert.Equal(chargePower, result.ChargePowerWatts[horizon], PowerTolerance);
        Assert.Equal(dischargePower, result.DischargePowerWatts[horizon], PowerTolerance);
    }

    [Theory]
    // Derating table: −10, 0, 10, 45, 55 °C; charge 0, 0.2, 1, 1, 0; discharge 0.5, 0.8, 1, 1, 0, on
    // 20 A ratings. At 2 s and SOC 0.5 the voltage-bound limits (26.7 A, 35.6 A) are above 20 A, so the
    // derated rating is the limit.
    [InlineData(5f, 12.0, 18.0)]     // halfway 0 to 10 °C: charge 0.6 * 20, discharge 0.9 * 20
    [InlineData(25f, 20.0, 20.0)]    // flat part of the table
    [InlineData(50f, 10.0, 10.0)]    // halfway 45 to 55 °C: 0.5 * 20
    [InlineData(-20f, 0.0, 10.0)]    // below the table the −10 °C factors apply: 0 and 0.5 * 20
    [InlineData(60f, 0.0, 0.0)]      // above the table the 55 °C factors apply
    public void Cell_AppliesTemperatureDerating(float temperature, double charge, double discharge)
    {
        var settings = new PowerLimitSettings
        {
            MaximumChargeCurrentAmperes = 20f,
            MaximumDischargeCurrentAmperes = 20f,
            DeratingTemperaturesCelsius = new[] { -10f, 0f, 10f, 45f, 55f },
            ChargeDeratingFactors = new[] { 0f, 0.2f, 1f, 1f, 0f },
            DischargeDeratingFactors = new[] { 0.5f, 0.8f, 1f, 1f, 0f },
        };

        var result = CalculateCell(settings, 0.5f, 0f, 0f, temperature);

        Assert.Equal(charge, result.ChargeCurrentAmperes[0], 1e-4);
        Assert.Equal(discharge, result.DischargeCurrentAmperes[0], 1e-4);
    }

    [Fact]
    public void Cell_NearEmptyLimitedBySoc()
    {
        // SOC 0.01: OCV = 3.208 V, charge left = 0.01 * 10800 = 108 As.
        // 2 s: voltage bound 0.408 / 0.022445 = 18.1780 A, SOC bound 108 / 2 = 54 A -> voltage binds.
        // 10 s: 0.408 / 0.030097 = 13.5560 A, SOC bound 10.8 A -> SOC binds.
        // 30 s: 0.408 / 0.037775 = 10.8008 A, SOC bound 3.6 A -> SOC binds; SOC ends at 0, so
        // V = 3.2 − 3.6 * 0.035553 = 3.072010 V and P = 3.6 * 3.072010 = 11.0592 W.
        var result = CalculateCell(WideSettings(), 0.01f, 0f, 0f, 25f);

        Assert.Equal(18.1780, result.DischargeCurrentAmperes[0], CurrentTolerance);
        Assert.Equal(10.8, result.DischargeCurrentAmperes[1], 1e-3);
        Assert.Equal(3.6, result.DischargeCurrentAmperes[2], 1e-3);
        Assert.Equal(11.0592, result.DischargePowerWatts[2], PowerTolerance);
    }

    [Fact]
    public void Cell_NearFullLimitedBySoc()
    {
        // SOC 0.99: OCV = 3.992 V, room = 0.01 * 10800 = 108 As.
        // 2 s: (4.2 − 3.992) / 0.022445 = 9.2672 A, SOC bound 54 A -> voltage binds, P = 9.2672 * 4.2.
        // 10 s: 0.208 / 0.030097 = 6.9109 A, SOC bound 10.8 A -> voltage binds.
        // 30 s: 0.208 / 0.037775 = 5.5063 A, SOC bound 3.6 A -> SOC binds; SOC ends at 1, so
        // V = 4.0 + 3.6 * 0.035553 = 4.127990 V and P = 3.6 * 4.127990 = 14.8608 W.
        var result = CalculateCell(WideSettings(), 0.99f, 0f, 0f, 25f);

        Assert.Equal(9.2672, result.ChargeCurrentAmperes[0], CurrentTolerance);
        Assert.Equal(38.9222, result.ChargePowerWatts[0], PowerTolerance);
        Assert.Equal(6.9109, result.ChargeCurrentAmperes[1], CurrentTolerance);
        Assert.Equal(3.6, result.ChargeCurrentAmperes[2], 1e-3);
        Assert.Equal(14.8608, result.ChargePowerWatts[2], PowerTolerance);
    }

    [Fact]
    public void Cell_ChargeEfficiencyScalesSocBound()
    {
        // η = 0.95 stores 95 % of the charge, so from SOC 0.99 the 30 s room is
        // 0.01 * 10800 / (0.95 * 30) = 3.78947 A. The voltage bound, with D = 0.035553 + 0.8 * 0.95 * 30 / 10800
        // = 0.037664 Ω, is 0.208 / 0.037664 = 5.5225 A, so SOC binds. Discharge counts fully: from SOC 0.01
        // the 30 s bound stays 0.01 * 10800 / 30 = 3.6 A.
        var parameters = LinearCell();
        parameters.ChargeEfficiency = 0.95f;
        var estimator = new PowerLimitEstimator(parameters, WideSettings(), 1);
        var nearFull = new PowerLimits(estimator.HorizonCount);
        var nearEmpty = new PowerLimits(estimator.HorizonCount);

        estimator.CalculateCell(0.99f, 0f, 0f, 25f, nearFull);
        estimator.CalculateCell(0.01f, 0f, 0f, 25f, nearEmpty);

        Assert.Equal(3.78947, nearFull.ChargeCurrentAmperes[2], 1e-3);
        Assert.Equal(3.6, nearEmpty.DischargeCurrentAmperes[2], 1e-3);
    }

    [Fact]
    public void Cell_FullAndEmptyGiveZero()
    {
        var full = CalculateCell(WideSettings(), 1f, 0f, 0f, 25f);
        var empty = CalculateCell(WideSettings(), 0f, 0f, 0f, 25f);

        for (int h = 0; h < 3; h++)
        {
            Assert.Equal(0f, full.ChargeCurrentAmperes[h]);
            Assert.Equal(0f, full.ChargePowerWatts[h]);
            Assert.True(full.DischargeCurrentAmperes[h] > 0f);
            Assert.Equal(0f, empty.DischargeCurrentAmperes[h]);
            Assert.Equal(0f, empty.DischargePowerWatts[h]);
            Assert.True(empty.ChargeCurrentAmperes[h] > 0f);
        }
    }

    [Fact]
    public void Cell_PolarizedAboveMaximumGivesZeroCharge()
    {
        // SOC 0.99 with V2 = 0.3 V: at rest after 2 s, 3.992 + 0.3 * 0.951229 = 4.277369 V > 4.2 V.
        var result = CalculateCell(WideSettings(), 0.99f, 0f, 0.3f, 25f);

        Assert.Equal(0f, result.ChargeCurrentAmperes[0]);
        Assert.Equal(0f, result.ChargePowerWatts[0]);
    }

    [Theory]
    [InlineData(float.NaN, 0f, 25f)]
    [InlineData(0.5f, float.PositiveInfinity, 25f)]
    [InlineData(0.5f, 0f, float.NaN)]
    public void Cell_NonFiniteInputGivesZero(float soc, float fast, float temperature)
    {
        var result = CalculateCell(WideSettings(), soc, fast, 0f, temperature);

        for (int h = 0; h < 3; h++)
        {
            Assert.Equal(0f, result.ChargeCurrentAmperes[h]);
            Assert.Equal(0f, result.DischargeCurrentAmperes[h]);
            Assert.Equal(0f, result.ChargePowerWatts[h]);
            Assert.Equal(0f, result.DischargePowerWatts[h]);
        }
    }

    [Theory]
    [InlineData(0.15f, 0)]
    [InlineData(0.15f, 2)]
    [InlineData(0.85f, 1)]
    [InlineData(0.42f, 2)]
    public void Cell_NonlinearOcvMatchesBisection(float soc, int horizon)
    {
        // TestCells.Synthetic has a piecewise-linear NMC curve, so the 30 s discharge from SOC 0.15 ends
        // across a breakpoint. The reference is a double-precision bisection written here, on the OCV
        // interpolated by TestCells.Ocv.
        var estimator = new PowerLimitEstimator(TestCells.Synthetic(), WideSettings(), 1);
        var result = new PowerLimits(estimator.HorizonCount);

        estimator.CalculateCell(soc, 0f, 0f, 25f, result);

        double dt = estimator.GetHorizonSeconds(horizon);
        double charge = ReferenceLimit(soc, dt, +1);
        double discharge = ReferenceLimit(soc, dt, -1);
        Assert.Equal(charge, result.ChargeCurrentAmperes[horizon], CurrentTolerance);
        Assert.Equal(discharge, result.DischargeCurrentAmperes[horizon], CurrentTolerance);
    }

    [Theory]
    [InlineData(0.42f, 0)]
    [InlineData(0.85f, 2)]
    public void Cell_ChargeLimitUsesChargeR0(float soc, int horizon)
    {
        // Charge R0 of 25 mΩ beside the 15 mΩ discharge R0. The limits stay above 0.03 A, outside the
        // direction dead band, so the reference takes 25 mΩ for charge and 15 mΩ for discharge.
        const double chargeR0 = 0.025;
        var parameters = TestCells.Synthetic();
        parameters.ChargeOhmicResistanceOhms = new float[parameters.SocBreakpoints.Length];
        for (int i = 0; i < parameters.ChargeOhmicResistanceOhms.Length; i++)
        {
            parameters.ChargeOhmicResistanceOhms[i] = (float)chargeR0;
        }

        var estimator = new PowerLimitEstimator(parameters, WideSettings(), 1);
        var result = new PowerLimits(estimator.HorizonCount);

        estimator.CalculateCell(soc, 0f, 0f, 25f, result);

        double dt = estimator.GetHorizonSeconds(horizon);
        double charge = ReferenceLimit(soc, dt, +1, chargeR0);
        double discharge = ReferenceLimit(soc, dt, -1);
        Assert.Equal(charge, result.ChargeCurrentAmperes[horizon], CurrentTolerance);
        Assert.Equal(discharge, result.DischargeCurrentAmperes[horizon], CurrentTolerance);
        Assert.True(charge < ReferenceLimit(soc, dt, +1), "the higher charge R0 must lower the charge limit");
    }

    private static double ReferenceLimit(double soc, double dt, int direction, double ohmicResistanceOhms = TestCells.OhmicResistanceOhms)
    {
        double a1 = Math.Exp(-dt / TestCells.FastBranchTimeConstantSeconds);
        double a2 = Math.Exp(-dt / TestCells.SlowBranchTimeConstantSeconds);
        double rs = ohmicResistanceOhms + TestCells.FastBranchResistanceOhms * (1 - a1) + TestCells.SlowBranchResistanceOhms * (1 - a2);
        double capacity = 3600 * TestCells.CapacityAmpereHours;
        double limit = direction > 0 ? 4.2 : 2.5;
        double socBound = direction > 0 ? (1 - soc) * capacity / dt : soc * capacity / dt;
        double low = 0;
        double high = Math.Min(200, socBound);

        double Margin(double x) => direction * (limit - (TestCells.Ocv(soc + direction * x * dt / capacity) + direction * x * rs));

        if (Margin(high) >= 0)
        {
            return high;
        }

        for (int i = 0; i < 100; i++)
        {
            double middle = 0.5 * (low + high);
            if (Margin(middle) >= 0)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    [Fact]
    public void Pack_PicksWeakestCell()
    {
        // Three relaxed cells at SOC 0.5, 0.3 and 0.8 (OCV 3.6, 3.44, 3.84 V), 10 s horizon, D = 0.030097 Ω.
        // Discharge limits: 0.8 / D = 26.5804, 0.64 / D = 21.2643, 1.04 / D = 34.5545 A -> cell 1.
        // Charge limits: 0.6 / D = 19.9353, 0.76 / D = 25.2514, 0.36 / D = 11.9612 A -> cell 2.
        // The cells share one impedance, so at the pack current each voltage is the weakest cell's limit
        // plus the OCV difference: discharge 2.96 + 2.8 + 3.2 = 8.96 V, P = 21.2643 * 8.96 = 190.528 W;
        // charge 3.96 + 3.8 + 4.2 = 11.96 V, P = 11.9612 * 11.96 = 143.056 W.
        var estimator = new PowerLimitEstimator(LinearCell(), WideSettings(), 3);
        var result = new PowerLimits(estimator.HorizonCount);

        estimator.CalculatePack(new[] { 0.5f, 0.3f, 0.8f }, new float[3], new float[3], new[] { 25f, 25f, 25f }, 3, result);

        Assert.Equal(21.2643, result.DischargeCurrentAmperes[1], CurrentTolerance);
        Assert.Equal(1, result.DischargeLimitingCell[1]);
        Assert.Equal(190.528, result.DischargePowerWatts[1], 0.05);
        Assert.Equal(11.9612, result.ChargeCurrentAmperes[1], CurrentTolerance);
        Assert.Equal(2, result.ChargeLimitingCell[1]);
        Assert.Equal(143.056, result.ChargePowerWatts[1], 0.05);
    }

    [Fact]
    public void Pack_ColdCellSetsChargeLimit()
    {
        // Every cell is at SOC 0.5. Cell 0 at 5 °C is derated to 0.6 * 20 = 12 A charge, the others get the
        // full 20 A (both below the 26.7 A voltage bound at 2 s). Pack voltage at 12 A, 2 s:
        // 3 * (3.6 + 0.8 * 12 * 2 / 10800 + 12 * 0.022297) = 3 * 3.869342 = 11.608027 V -> 139.296 W.
        var settings = new PowerLimitSettings
        {
            MaximumChargeCurrentAmperes = 20f,
            MaximumDischargeCurrentAmperes = 20f,
            DeratingTemperaturesCelsius = new[] { 0f, 10f },
            ChargeDeratingFactors = new[] { 0.2f, 1f },
            DischargeDeratingFactors = new[] { 1f, 1f },
        };
        var estimator = new PowerLimitEstimator(LinearCell(), settings, 3);
        var result = new PowerLimits(estimator.HorizonCount);

        estimator.CalculatePack(new[] { 0.5f, 0.5f, 0.5f }, new float[3], new float[3], new[] { 5f, 25f, 25f }, 3, result);

        Assert.Equal(12.0, result.ChargeCurrentAmperes[0], 1e-4);
        Assert.Equal(0, result.ChargeLimitingCell[0]);
        Assert.Equal(139.296, result.ChargePowerWatts[0], 0.01);
        Assert.Equal(20.0, result.DischargeCurrentAmperes[0], 1e-4);
    }

    [Fact]
    public void Pack_FailedCellInputGivesZero()
    {
        var estimator = new PowerLimitEstimator(LinearCell(), WideSettings(), 3);
        var result = new PowerLimits(estimator.HorizonCount);

        estimator.CalculatePack(new[] { 0.5f, float.NaN, 0.5f }, new float[3], new float[3], new[] { 25f, 25f, 25f }, 3, result);

        Assert.Equal(0f, result.ChargeCurrentAmperes[0]);
        Assert.Equal(0f, result.DischargeCurrentAmperes[0]);
        Assert.Equal(1, result.DischargeLimitingCell[0]);
    }

    [Fact]
    public void Pack_RejectsShortArrays()
    {
        var estimator = new PowerLimitEstimator(LinearCell(), WideSettings(), 4);
        var result = new PowerLimits(estimator.HorizonCount);

        var error = Assert.Throws<ArgumentException>(() =>
            estimator.CalculatePack(new float[4], new float[3], new float[4], new float[4], 4, result));

        Assert.Equal("fastBranchVolts", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            estimator.CalculatePack(new float[5], new float[5], new float[5], new float[5], 5, result));
    }

    [Fact]
    public void Calculate_RejectsWrongResultSize()
    {
        var estimator = new PowerLimitEstimator(LinearCell(), WideSettings(), 1);

        var error = Assert.Throws<ArgumentException>(() => estimator.CalculateCell(0.5f, 0f, 0f, 25f, new PowerLimits(2)));

        Assert.Equal("result", error.ParamName);
    }

    [Fact]
    public void Pack_AllocatesNothing()
    {
        const int cells = 16;
        var estimator = new PowerLimitEstimator(TestCells.Synthetic(), WideSettings(), cells);
        var result = new PowerLimits(estimator.HorizonCount);
        var socs = new float[cells];
        var fast = new float[cells];
        var slow = new float[cells];
        var temperatures = new float[cells];
        estimator.CalculatePack(socs, fast, slow, temperatures, cells, result);
        estimator.CalculateCell(0.5f, 0f, 0f, 25f, result);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 2_000; i++)
        {
            for (int c = 0; c < cells; c++)
            {
                socs[c] = 0.05f + 0.9f * ((i + 7 * c) % 100) / 100f;
                fast[c] = 0.001f * ((i + c) % 21 - 10);
                slow[c] = 0.002f * ((i + 3 * c) % 21 - 10);
                temperatures[c] = -5f + (i + c) % 50;
            }

            estimator.CalculatePack(socs, fast, slow, temperatures, cells, result);
            estimator.CalculateCell(socs[0], fast[0], slow[0], temperatures[0], result);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData("MaximumChargeCurrentAmperes")]
    [InlineData("MaximumDischargeCurrentAmperes")]
    [InlineData("DeratingTemperaturesCelsius")]
    [InlineData("ChargeDeratingFactors")]
    [InlineData("DischargeDeratingFactors")]
    [InlineData("HorizonsSeconds")]
    public void Settings_RejectInvalidValue(string name)
    {
        var settings = WideSettings();
        switch (name)
        {
            case "MaximumChargeCurrentAmperes":
                settings.MaximumChargeCurrentAmperes = -1f;
                break;
            case "MaximumDischargeCurrentAmperes":
                settings.MaximumDischargeCurrentAmperes = float.NaN;
                break;
            case "DeratingTemperaturesCelsius":
                settings.DeratingTemperaturesCelsius = new[] { 10f, 0f };
                settings.ChargeDeratingFactors = new[] { 1f, 1f };
                settings.DischargeDeratingFactors = new[] { 1f, 1f };
                break;
            case "ChargeDeratingFactors":
                settings.ChargeDeratingFactors = new[] { 1.5f };
                break;
            case "DischargeDeratingFactors":
                settings.DischargeDeratingFactors = new[] { 1f, 1f };
                break;
            case "HorizonsSeconds":
                settings.HorizonsSeconds = new[] { 2f, 0f };
                break;
        }

        var error = Assert.Throws<ArgumentException>(() => new PowerLimitEstimator(LinearCell(), settings, 1));

        Assert.Equal(name, error.ParamName);
    }

    [Fact]
    public void Settings_DefaultHorizonsAreTwoTenThirty()
    {
        var estimator = new PowerLimitEstimator(LinearCell(), WideSettings(), 1);

        Assert.Equal(3, estimator.HorizonCount);
        Assert.Equal(2f, estimator.GetHorizonSeconds(0));
        Assert.Equal(10f, estimator.GetHorizonSeconds(1));
        Assert.Equal(30f, estimator.GetHorizonSeconds(2));
    }
}

using Controllers.Firmware.Bms.Estimation;

namespace Controllers.Firmware.Bms.Tests;

/// <summary>Parameter sets written out in the tests, so expected values can be worked out by hand.</summary>
internal static class TestCells
{
    /// <summary>SOC axis of the synthetic cell, every 10 %.</summary>
    public static readonly double[] SocAxis = { 0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0 };

    /// <summary>OCV of the synthetic cell at <see cref="SocAxis"/>, a typical NMC shape, in volts.</summary>
    public static readonly double[] OcvVolts = { 3.00, 3.38, 3.50, 3.56, 3.61, 3.66, 3.73, 3.81, 3.90, 4.00, 4.18 };

    public const double CapacityAmpereHours = 3.0;
    public const double OhmicResistanceOhms = 0.015;
    public const double FastBranchResistanceOhms = 0.01;
    public const double FastBranchTimeConstantSeconds = 2.0;
    public const double SlowBranchResistanceOhms = 0.02;
    public const double SlowBranchTimeConstantSeconds = 40.0;

    /// <summary>
    /// The synthetic cell as firmware parameters: one temperature row at 25 °C and the same impedance at
    /// every SOC breakpoint.
    /// </summary>
    public static CellParameters Synthetic()
    {
        int n = SocAxis.Length;
        var parameters = new CellParameters
        {
            CapacityAmpereHours = (float)CapacityAmpereHours,
            ChargeEfficiency = 1f,
            MinimumVoltageVolts = 2.5f,
            MaximumVoltageVolts = 4.2f,
            SocBreakpoints = new float[n],
            OcvTemperaturesCelsius = new[] { 25f },
            OcvVolts = new float[n],
            ImpedanceTemperaturesCelsius = new[] { 25f },
            OhmicResistanceOhms = Filled(n, OhmicResistanceOhms),
            FastBranchResistanceOhms = Filled(n, FastBranchResistanceOhms),
            FastBranchTimeConstantSeconds = Filled(n, FastBranchTimeConstantSeconds),
            SlowBranchResistanceOhms = Filled(n, SlowBranchResistanceOhms),
            SlowBranchTimeConstantSeconds = Filled(n, SlowBranchTimeConstantSeconds),
        };
        for (int i = 0; i < n; i++)
        {
            parameters.SocBreakpoints[i] = (float)SocAxis[i];
            parameters.OcvVolts[i] = (float)OcvVolts[i];
        }

        return parameters;
    }

    /// <summary>
    /// A small table for hand calculation: SOC breakpoints 0, 0.5 and 1, OCV rows at 0 and 20 °C, and
    /// impedance rows at 0 and 40 °C.
    /// </summary>
    public static CellParameters Small() => new()
    {
        CapacityAmpereHours = 2.5f,
        ChargeEfficiency = 1f,
        MinimumVoltageVolts = 2.5f,
        MaximumVoltageVolts = 4.2f,
        SocBreakpoints = new[] { 0f, 0.5f, 1f },
        OcvTemperaturesCelsius = new[] { 0f, 20f },
        OcvVolts = new[] { 3.0f, 3.6f, 4.0f, 3.2f, 3.7f, 4.2f },
        ImpedanceTemperaturesCelsius = new[] { 0f, 40f },
        OhmicResistanceOhms = new[] { 0.04f, 0.03f, 0.02f, 0.02f, 0.015f, 0.01f },
        FastBranchResistanceOhms = new[] { 0.02f, 0.02f, 0.02f, 0.01f, 0.01f, 0.01f },
        FastBranchTimeConstantSeconds = new[] { 1f, 2f, 3f, 5f, 6f, 7f },
        SlowBranchResistanceOhms = new[] { 0.03f, 0.03f, 0.03f, 0.03f, 0.03f, 0.03f },
        SlowBranchTimeConstantSeconds = new[] { 100f, 80f, 60f, 50f, 40f, 30f },
    };

    /// <summary>Linear interpolation of the synthetic OCV in double precision, clamped at the ends.</summary>
    public static double Ocv(double soc)
    {
        if (soc <= SocAxis[0])
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

    private static float[] Filled(int count, double value)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)value;
        }

        return values;
    }
}

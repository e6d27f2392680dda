using System;
using System.Globalization;
using System.IO;
using System.Text;
using Controllers.Simulation.Identification;
using Xunit;
using Xunit.Abstractions;

namespace Controllers.Simulation.Tests;

public class CellParameterFitterTests
{
    // The cell that the synthetic recordings come from.
    private const double Capacity = 2.5;
    private const double R0 = 0.02;
    private const double R1 = 0.012;
    private const double Tau1 = 4.0;
    private const double R2 = 0.018;
    private const double Tau2 = 70.0;
    private const double Temperature = 25.0;

    private static readonly double[] Breakpoints = { 0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0 };

    private readonly ITestOutputHelper output;

    public CellParameterFitterTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    // Smooth, strictly rising OCV from 3.3 V empty to 4.2 V full. Its curvature of 0.6 V limits the error
    // of a linear table on a 0.1 SOC grid to 0.1^2 / 8 * 0.6 = 0.75 mV.
    private static double Ocv(double soc) => 3.3 + 0.6 * soc + 0.3 * soc * soc;

    /// <summary>
    /// Simulates the cell from full charge and writes a CSV in the McMaster column layout. Row k contains
    /// the terminal voltage at t_k and the current held from t_k to t_k+1. Each RC branch follows the
    /// exact solution for a held current: V(t + dt) = a V(t) + R (1 - a) I with a = exp(-dt / tau).
    /// </summary>
    private static void WriteRecording(string path, double stepSeconds, int rows, Func<double, double> currentAt,
        double chargeR0 = R0)
    {
        var text = new StringBuilder();
        text.AppendLine("Timestamp,Time [min],Voltage [V],Current [A],Temperature [degC],Capacity [Ah]");
        double charge = 0;
        double fast = 0;
        double slow = 0;
        for (int k = 0; k < rows; k++)
        {
            double time = k * stepSeconds;
            double current = currentAt(time);
            double soc = 1.0 + charge / Capacity;
            // The drive pattern never sits between −2 and +4 A except at 0 A, so the firmware's dead band
            // around zero current never matters here.
            double r0 = current > 0 ? chargeR0 : R0;
            double voltage = Ocv(soc) + r0 * current + fast + slow;
            text.Append("2026-01-01 00:00:00,")
                .Append((time / 60.0).ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(voltage.ToString("F6", CultureInfo.InvariantCulture)).Append(',')
                .Append(current.ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(Temperature.ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(charge.ToString("R", CultureInfo.InvariantCulture)).AppendLine();

            double fastDecay = Math.Exp(-stepSeconds / Tau1);
            double slowDecay = Math.Exp(-stepSeconds / Tau2);
            fast = fastDecay * fast + R1 * (1 - fastDecay) * current;
            slow = slowDecay * slow + R2 * (1 - slowDecay) * current;
            charge += current * stepSeconds / 3600.0;
        }

        File.WriteAllText(path, text.ToString());
    }

    // Repeating 100 s pattern, in amperes (positive when charging): 20 s at -4, 10 s at -10, 10 s rest,
    // 10 s at +4, 20 s at -7 and 30 s at -2. Mean -3.4 A, so 2250 s take SOC from 1 to about 0.15.
    private static double DriveCurrent(double seconds)
    {
        double t = seconds % 100.0;
        if (t < 20) return -4.0;
        if (t < 30) return -10.0;
        if (t < 40) return 0.0;
        if (t < 50) return 4.0;
        if (t < 70) return -7.0;
        return -2.0;
    }

    [Fact]
    public void Fit_RecoversSyntheticCell()
    {
        using var folder = new TemporaryFolder();

        // C/20 = 0.125 A for 20 h in 10 s steps ends at SOC 0 on the last row.
        string ocvPath = Path.Combine(folder.Path, "c20.csv");
        WriteRecording(ocvPath, 10.0, 7201, _ => -Capacity / 20.0);

        // 2250 s at 10 Hz, the sampling rate of the McMaster drive cycles.
        string drivePath = Path.Combine(folder.Path, "drive.csv");
        WriteRecording(drivePath, 0.1, 22_500, DriveCurrent);

        var result = CellParameterFitter.Fit(new CellFitOptions
        {
            Name = "synthetic",
            OcvDischarges = new[] { new OcvDischargeInput(ocvPath, Temperature) },
            DriveCycles = new[] { drivePath },
            SocBreakpoints = Breakpoints,

            // The synthetic OCV spans 3.3 to 4.2 V, so its C/20 discharge ends near 3.3 V.
            MinimumVoltageVolts = 3.0,
        }, output.WriteLine);
        var p = result.Definition.Parameters;
        var fit = result.DriveCycleFits[0];
        output.WriteLine($"voltage RMS error {fit.RmsVoltageErrorVolts * 1000:F2} mV, max {fit.MaxVoltageErrorVolts * 1000:F2} mV");
        output.WriteLine("R0 per breakpoint: " + string.Join(", ", Array.ConvertAll(p.OhmicResistanceOhms, r => (r * 1000).ToString("F2", CultureInfo.InvariantCulture))) + " mΩ");
        output.WriteLine("OCV per breakpoint: " + string.Join(", ", Array.ConvertAll(p.OcvVolts, v => v.ToString("F4", CultureInfo.InvariantCulture))) + " V");

        Assert.Equal(Capacity, p.CapacityAmpereHours, 1e-4);
        Assert.Equal(new[] { (float)Temperature }, p.CapacityTemperaturesCelsius);
        Assert.Single(p.CapacityByTemperatureAmpereHours);
        Assert.Equal(Capacity, p.CapacityByTemperatureAmpereHours[0], 1e-4);
        Assert.True(fit.RmsVoltageErrorVolts < 0.003, $"voltage RMS error {fit.RmsVoltageErrorVolts * 1000:F2} mV");

        // The drive cycle covers SOC 1 to about 0.15, so breakpoints from 0.2 up carry data.
        for (int j = 2; j < Breakpoints.Length; j++)
        {
            double r0 = p.OhmicResistanceOhms[j];
            Assert.True(Math.Abs(r0 - R0) < 0.1 * R0, $"R0 at SOC {Breakpoints[j]}: {r0 * 1000:F2} mΩ, expected {R0 * 1000:F2} mΩ");
        }

        // Inner breakpoints: OCV from the C/20 voltage plus its IR drop. At SOC 1 the branches have not
        // charged yet on the first row, so that end is left out.
        for (int j = 1; j < Breakpoints.Length - 1; j++)
        {
            double ocv = p.OcvVolts[j];
            Assert.True(Math.Abs(ocv - Ocv(Breakpoints[j])) < 0.002, $"OCV at SOC {Breakpoints[j]}: {ocv:F4} V, expected {Ocv(Breakpoints[j]):F4} V");
        }
    }

    [Fact]
    public void Fit_RecoversChargeAndDischargeR0()
    {
        // Charge R0 of 30 mΩ beside the 20 mΩ discharge R0: the 10 s charge pulses at +4 A then drop
        // 4 × 0.010 = 40 mV more than a shared R0 predicts.
        const double chargeR0 = 0.03;
        using var folder = new TemporaryFolder();
        string ocvPath = Path.Combine(folder.Path, "c20.csv");
        WriteRecording(ocvPath, 10.0, 7201, _ => -Capacity / 20.0, chargeR0);
        string drivePath = Path.Combine(folder.Path, "drive.csv");
        WriteRecording(drivePath, 0.1, 22_500, DriveCurrent, chargeR0);

        var result = CellParameterFitter.Fit(new CellFitOptions
        {
            Name = "synthetic split",
            OcvDischarges = new[] { new OcvDischargeInput(ocvPath, Temperature) },
            DriveCycles = new[] { drivePath },
            SocBreakpoints = Breakpoints,
            MinimumVoltageVolts = 3.0,
            SplitOhmicResistanceByDirection = true,
        }, output.WriteLine);
        var p = result.Definition.Parameters;
        var fit = result.DriveCycleFits[0];
        output.WriteLine($"split: RMS {fit.RmsVoltageErrorVolts * 1000:F2} mV; one R0: RMS {fit.SharedResistanceRmsVoltageErrorVolts * 1000:F2} mV");

        Assert.Equal(Breakpoints.Length, p.ChargeOhmicResistanceOhms.Length);
        Assert.True(fit.RmsVoltageErrorVolts < 0.003, $"voltage RMS error {fit.RmsVoltageErrorVolts * 1000:F2} mV");
        Assert.NotNull(fit.SharedResistanceRmsVoltageErrorVolts);
        Assert.True(fit.RmsVoltageErrorVolts < fit.SharedResistanceRmsVoltageErrorVolts!.Value,
            $"split RMS {fit.RmsVoltageErrorVolts * 1000:F2} mV, one R0 {fit.SharedResistanceRmsVoltageErrorVolts * 1000:F2} mV");

        for (int j = 2; j < Breakpoints.Length; j++)
        {
            double discharge = p.OhmicResistanceOhms[j];
            double charge = p.ChargeOhmicResistanceOhms[j];
            Assert.True(Math.Abs(discharge - R0) < 0.1 * R0, $"discharge R0 at SOC {Breakpoints[j]}: {discharge * 1000:F2} mΩ, expected {R0 * 1000:F2} mΩ");
            Assert.True(Math.Abs(charge - chargeR0) < 0.1 * chargeR0, $"charge R0 at SOC {Breakpoints[j]}: {charge * 1000:F2} mΩ, expected {chargeR0 * 1000:F2} mΩ");
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Controllers.Firmware.Bms.Estimation;
using Controllers.Simulation.Boards;
using Controllers.Simulation.Data;

namespace Controllers.Simulation.Identification;

/// <summary>
/// Identifies equivalent-circuit parameters from cycler recordings. OCV comes from C/20 discharges with
/// their IR drop removed. SOC-dependent R0, R1, tau1, R2 and tau2 come from a least-squares fit of the
/// simulated to the measured terminal voltage of each drive cycle, with true SOC from the cycler's
/// charge counter. The OCV correction needs the impedance and the fit needs the OCV, so the two steps
/// run twice.
/// </summary>
public static class CellParameterFitter
{
    private const int Passes = 2;

    /// <exception cref="DataFileException">An input file is missing or invalid.</exception>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    public static CellFitResult Fit(CellFitOptions options, Action<string>? log = null)
    {
        if (options.OcvDischarges.Count == 0)
        {
            throw new ArgumentException(Messages.Get("FitNeedsOcv"), nameof(options));
        }

        if (options.DriveCycles.Count == 0)
        {
            throw new ArgumentException(Messages.Get("FitNeedsDriveCycle"), nameof(options));
        }

        double[] breakpoints = options.SocBreakpoints.ToArray();
        int n = breakpoints.Length;

        var curves = options.OcvDischarges
            .Select(input => OcvCurve.FromDischarge(CellRecordingCsv.Load(input.Path), input.TemperatureCelsius, breakpoints,
                options.MinimumVoltageVolts))
            .OrderBy(curve => curve.TemperatureCelsius)
            .ToArray();
        for (int i = 1; i < curves.Length; i++)
        {
            if (curves[i].TemperatureCelsius - curves[i - 1].TemperatureCelsius < 1)
            {
                throw new ArgumentException(Messages.Format("DuplicateTemperature", "--ocv",
                    curves[i].TemperatureCelsius.ToString(CultureInfo.InvariantCulture)), nameof(options));
            }
        }

        var drives = options.DriveCycles.Select(CellRecordingCsv.Load).ToArray();
        var driveTemperatures = drives.Select(d => Math.Round(d.TemperatureCelsius.Average(), 1)).ToArray();
        var order = Enumerable.Range(0, drives.Length).OrderBy(i => driveTemperatures[i]).ToArray();
        for (int i = 1; i < order.Length; i++)
        {
            if (driveTemperatures[order[i]] - driveTemperatures[order[i - 1]] < 2)
            {
                throw new ArgumentException(Messages.Format("DuplicateTemperature", "--drive",
                    driveTemperatures[order[i]].ToString(CultureInfo.InvariantCulture)), nameof(options));
            }
        }

        // The SOC scale is the C/20 capacity at the temperature closest to the drive cycles.
        double meanDriveTemperature = driveTemperatures.Average();
        var reference = curves.OrderBy(c => Math.Abs(c.TemperatureCelsius - meanDriveTemperature)).First();
        double capacity = reference.CapacityAmpereHours;
        log?.Invoke(Messages.Format("FitCapacity", capacity, reference.TemperatureCelsius));

        // True SOC of each drive cycle is counted against the C/20 capacity at its own temperature, because the
        // OCV row at that temperature is tabulated on that scale.
        double[] driveCapacities = order
            .Select(i => curves.OrderBy(c => Math.Abs(c.TemperatureCelsius - driveTemperatures[i])).First().CapacityAmpereHours)
            .ToArray();

        double[][] ocvRows = curves.Select(c => (double[])c.Volts.Clone()).ToArray();
        double[][] impedance = new double[drives.Length][];
        for (int pass = 1; pass <= Passes; pass++)
        {
            var ocvTemperatures = curves.Select(c => c.TemperatureCelsius).ToArray();
            double[][] rowsThisPass = ocvRows;
            Func<double, double, double> ocv = (soc, temperature) =>
                Bilinear(ocvTemperatures, breakpoints, rowsThisPass, temperature, soc);
            for (int d = 0; d < drives.Length; d++)
            {
                log?.Invoke(Messages.Format("FitPass", pass, Passes, drives[order[d]].SourcePath));
                var fitter = new ImpedanceFitter(drives[order[d]], breakpoints, driveCapacities[d], ocv,
                    options.SplitOhmicResistanceByDirection);
                impedance[d] = fitter.Fit(log);
            }

            ocvRows = CorrectForIrDrop(curves, impedance, order.Select(i => driveTemperatures[i]).ToArray(), n);
        }

        var parameters = BuildParameters(options, curves, ocvRows, impedance, order.Select(i => driveTemperatures[i]).ToArray(), breakpoints, capacity);
        var model = new CellModel(parameters);
        var fits = new List<DriveCycleFit>();
        for (int d = 0; d < drives.Length; d++)
        {
            var recording = drives[order[d]];
            Func<double, double, double> finalOcv = (soc, temperature) => model.GetOpenCircuitVoltage((float)soc, (float)temperature);
            bool split = options.SplitOhmicResistanceByDirection;
            var fitter = new ImpedanceFitter(recording, breakpoints, driveCapacities[d], finalOcv, split);
            var (rms, max) = fitter.Evaluate(ImpedanceRow(parameters, d));
            if (!double.IsFinite(rms) || !double.IsFinite(max))
            {
                throw new InvalidOperationException(Messages.Format("FitDiverged", recording.SourcePath));
            }

            double? sharedRms = null, sharedMax = null;
            if (split)
            {
                // The same fit with one R0 for both directions, on the final OCV, so the two can be compared.
                log?.Invoke(Messages.Format("FitSharedResistance", recording.SourcePath));
                var shared = new ImpedanceFitter(recording, breakpoints, driveCapacities[d], finalOcv);
                (sharedRms, sharedMax) = shared.Evaluate(shared.Fit(log));
            }

            fits.Add(new DriveCycleFit(recording.SourcePath, rms, max, recording.Count, driveTemperatures[order[d]])
            {
                SharedResistanceRmsVoltageErrorVolts = sharedRms,
                SharedResistanceMaxVoltageErrorVolts = sharedMax,
            });
        }

        string method = DescribeMethod(options, capacity, fits);
        string source = $"cell fit of {string.Join(", ", options.OcvDischarges.Select(o => System.IO.Path.GetFileName(o.Path)))} and {string.Join(", ", options.DriveCycles.Select(System.IO.Path.GetFileName))}";
        return new CellFitResult
        {
            Definition = new CellDefinition(options.Name, source, parameters),
            DriveCycleFits = fits,
            Method = method,
        };
    }

    // Removes the IR drop of the C/20 discharge: OCV = V + I * (R0 + R1 + R2), the steady-state
    // resistance after the hours-long constant current, from the impedance row nearest in temperature.
    // NOTE: a temperature without a drive cycle borrows the nearest row, which understates the drop
    // when that row is warmer.
    private static double[][] CorrectForIrDrop(OcvCurve[] curves, double[][] impedance, double[] impedanceTemperatures, int n)
    {
        var corrected = new double[curves.Length][];
        for (int c = 0; c < curves.Length; c++)
        {
            int nearest = 0;
            for (int d = 1; d < impedanceTemperatures.Length; d++)
            {
                if (Math.Abs(impedanceTemperatures[d] - curves[c].TemperatureCelsius) <
                    Math.Abs(impedanceTemperatures[nearest] - curves[c].TemperatureCelsius))
                {
                    nearest = d;
                }
            }

            double[] row = impedance[nearest];
            corrected[c] = new double[n];
            for (int j = 0; j < n; j++)
            {
                double resistance = row[0 * n + j] + row[1 * n + j] + row[3 * n + j];
                corrected[c][j] = curves[c].Volts[j] + curves[c].AverageDischargeCurrentAmperes * resistance;
            }

            // Strictly rising OCV keeps the estimator's slope positive; flat steps get 0.1 mV.
            for (int j = 1; j < n; j++)
            {
                if (corrected[c][j] <= corrected[c][j - 1])
                {
                    corrected[c][j] = corrected[c][j - 1] + 1e-4;
                }
            }
        }

        return corrected;
    }

    private static CellParameters BuildParameters(CellFitOptions options, OcvCurve[] curves, double[][] ocvRows,
        double[][] impedance, double[] impedanceTemperatures, double[] breakpoints, double capacity)
    {
        int n = breakpoints.Length;
        int rows = impedance.Length;
        var parameters = new CellParameters
        {
            CapacityAmpereHours = (float)capacity,
            CapacityTemperaturesCelsius = curves.Select(c => (float)c.TemperatureCelsius).ToArray(),
            CapacityByTemperatureAmpereHours = curves.Select(c => Round(c.CapacityAmpereHours, 6)).ToArray(),
            ChargeEfficiency = 1f,
            MinimumVoltageVolts = (float)options.MinimumVoltageVolts,
            MaximumVoltageVolts = (float)options.MaximumVoltageVolts,
            SocBreakpoints = breakpoints.Select(b => (float)b).ToArray(),
            OcvTemperaturesCelsius = curves.Select(c => (float)c.TemperatureCelsius).ToArray(),
            OcvVolts = ocvRows.SelectMany(row => row.Select(v => (float)Math.Round(v, 5))).ToArray(),
            ImpedanceTemperaturesCelsius = impedanceTemperatures.Select(t => (float)t).ToArray(),
            OhmicResistanceOhms = new float[rows * n],
            FastBranchResistanceOhms = new float[rows * n],
            FastBranchTimeConstantSeconds = new float[rows * n],
            SlowBranchResistanceOhms = new float[rows * n],
            SlowBranchTimeConstantSeconds = new float[rows * n],
        };
        for (int d = 0; d < rows; d++)
        {
            for (int j = 0; j < n; j++)
            {
                parameters.OhmicResistanceOhms[d * n + j] = Round(impedance[d][0 * n + j]);
                parameters.FastBranchResistanceOhms[d * n + j] = Round(impedance[d][1 * n + j]);
                parameters.FastBranchTimeConstantSeconds[d * n + j] = Round(impedance[d][2 * n + j]);
                parameters.SlowBranchResistanceOhms[d * n + j] = Round(impedance[d][3 * n + j]);
                parameters.SlowBranchTimeConstantSeconds[d * n + j] = Round(impedance[d][4 * n + j]);
            }
        }

        if (options.SplitOhmicResistanceByDirection)
        {
            parameters.ChargeOhmicResistanceOhms = new float[rows * n];
            for (int d = 0; d < rows; d++)
            {
                for (int j = 0; j < n; j++)
                {
                    // The firmware accepts 0.5 to 2 times the discharge R0; the margin survives rounding.
                    double discharge = parameters.OhmicResistanceOhms[d * n + j];
                    double charge = impedance[d][ImpedanceFitter.ChargeResistanceQuantity * n + j];
                    parameters.ChargeOhmicResistanceOhms[d * n + j] = Round(Math.Clamp(charge, 0.51 * discharge, 1.99 * discharge));
                }
            }
        }

        parameters.Validate();
        return parameters;
    }

    // Four significant digits: far below the fit's own uncertainty, and the file stays readable.
    private static float Round(double value) => Round(value, 4);

    private static float Round(double value, int digits) =>
        (float)double.Parse(value.ToString("G" + digits, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static double[] ImpedanceRow(CellParameters parameters, int row)
    {
        int n = parameters.SocBreakpoints.Length;
        bool split = parameters.ChargeOhmicResistanceOhms.Length > 0;
        var values = new double[(split ? ImpedanceFitter.ParametersPerBreakpoint + 1 : ImpedanceFitter.ParametersPerBreakpoint) * n];
        for (int j = 0; j < n; j++)
        {
            values[0 * n + j] = parameters.OhmicResistanceOhms[row * n + j];
            values[1 * n + j] = parameters.FastBranchResistanceOhms[row * n + j];
            values[2 * n + j] = parameters.FastBranchTimeConstantSeconds[row * n + j];
            values[3 * n + j] = parameters.SlowBranchResistanceOhms[row * n + j];
            values[4 * n + j] = parameters.SlowBranchTimeConstantSeconds[row * n + j];
            if (split)
            {
                values[ImpedanceFitter.ChargeResistanceQuantity * n + j] = parameters.ChargeOhmicResistanceOhms[row * n + j];
            }
        }

        return values;
    }

    private static double Bilinear(double[] temperatures, double[] breakpoints, double[][] rows, double temperature, double soc)
    {
        double Row(int r)
        {
            double[] values = rows[r];
            if (soc <= breakpoints[0])
            {
                return values[0];
            }

            for (int j = 0; j + 1 < breakpoints.Length; j++)
            {
                if (soc <= breakpoints[j + 1])
                {
                    double f = (soc - breakpoints[j]) / (breakpoints[j + 1] - breakpoints[j]);
                    return values[j] + f * (values[j + 1] - values[j]);
                }
            }

            return values[^1];
        }

        if (temperatures.Length == 1 || temperature <= temperatures[0])
        {
            return Row(0);
        }

        for (int t = 0; t + 1 < temperatures.Length; t++)
        {
            if (temperature <= temperatures[t + 1])
            {
                double f = (temperature - temperatures[t]) / (temperatures[t + 1] - temperatures[t]);
                return Row(t) + f * (Row(t + 1) - Row(t));
            }
        }

        return Row(temperatures.Length - 1);
    }

    private static string DescribeMethod(CellFitOptions options, double capacity, IReadOnlyList<DriveCycleFit> fits)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine($"Cell definition written by `ctl cell fit` for {options.Name}.");
        text.AppendLine("Method (docs/cell-identification.md):");
        text.AppendLine($"- SOC scale: the charge that the C/20 discharge at each temperature delivers ({capacity:F4} Ah at the temperature nearest the drive cycles).");
        text.AppendLine("- OCV: each C/20 discharge resampled on the SOC grid, plus its IR drop I * (R0 + R1 + R2).");
        text.AppendLine(options.SplitOhmicResistanceByDirection
            ? "- Impedance: discharge R0, charge R0, R1, tau1, R2, tau2 per SOC breakpoint by Levenberg-Marquardt on the terminal voltage."
            : "- Impedance: R0, R1, tau1, R2, tau2 per SOC breakpoint by Levenberg-Marquardt on the terminal voltage.");
        text.AppendLine("Inputs:");
        foreach (var ocv in options.OcvDischarges)
        {
            text.AppendLine($"- C/20 discharge at {ocv.TemperatureCelsius.ToString(CultureInfo.InvariantCulture)} °C: {System.IO.Path.GetFileName(ocv.Path)}");
        }

        foreach (var fit in fits)
        {
            string shared = fit.SharedResistanceRmsVoltageErrorVolts is { } sharedRms && fit.SharedResistanceMaxVoltageErrorVolts is { } sharedMax
                ? $" (one R0 for both directions: RMS {sharedRms * 1000:F1} mV, max {sharedMax * 1000:F1} mV)"
                : "";
            text.AppendLine($"- drive cycle {System.IO.Path.GetFileName(fit.Path)} at {fit.TemperatureCelsius.ToString(CultureInfo.InvariantCulture)} °C: voltage error RMS {fit.RmsVoltageErrorVolts * 1000:F1} mV, max {fit.MaxVoltageErrorVolts * 1000:F1} mV over {fit.SampleCount} samples{shared}");
        }

        return text.ToString().TrimEnd();
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using Controllers.Hil.Acquisition;
using Controllers.Simulation.Data;

namespace Controllers.Hil.PackEstimation;

/// <summary>Runs pack estimation scenarios and evaluates their criteria.</summary>
public static class PackEstimationSuiteRunner
{
    /// <summary>Largest accepted difference between a decoded limit and the firmware's value: half the 0.1 step plus float rounding.</summary>
    public const double LimitDecodeTolerance = 0.051;

    /// <summary>Runs <paramref name="scenarios"/> in order; <paramref name="completed"/> is called after each.</summary>
    public static PackEstimationSuiteResult Run(PackEstimationSuite suite, IReadOnlyList<PackEstimationScenario> scenarios,
        Action<PackEstimationScenarioResult>? completed = null)
    {
        var start = DateTimeOffset.Now;
        var results = new List<PackEstimationScenarioResult>();
        foreach (var scenario in scenarios)
        {
            var result = RunScenario(suite, scenario);
            results.Add(result);
            completed?.Invoke(result);
        }

        return new PackEstimationSuiteResult { Suite = suite, Scenarios = results, StartTime = start };
    }

    /// <summary>Runs one scenario. A firmware or plant exception becomes an error result that names it.</summary>
    public static PackEstimationScenarioResult RunScenario(PackEstimationSuite suite, PackEstimationScenario scenario)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var metrics = new PackEstimationRig(suite, scenario).Run();
            return new PackEstimationScenarioResult
            {
                Scenario = scenario,
                Metrics = metrics,
                Requirements = Evaluate(scenario.Criteria, metrics),
                WallTime = watch.Elapsed,
            };
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException or DataFileException)
        {
            return new PackEstimationScenarioResult
            {
                Scenario = scenario,
                ErrorMessage = error.GetType().Name + ": " + error.Message,
                WallTime = watch.Elapsed,
            };
        }
    }

    /// <summary>Turns the figures of a run into verdicts: worst-cell SOC error, RMS SOC error, capacity SOH error and the CAN limits.</summary>
    public static IReadOnlyList<RequirementResult> Evaluate(PackEstimationCriteria criteria, PackEstimationMetrics metrics)
    {
        var results = new List<RequirementResult>
        {
            new()
            {
                Requirement = "B7",
                Quantity = "max-cell-soc-error",
                Measured = metrics.MaxCellSocErrorPercent,
                Limit = criteria.MaxCellSocErrorPercent,
                Unit = "%",
                Passed = metrics.MaxCellSocErrorPercent <= criteria.MaxCellSocErrorPercent,
                Detail = Messages.Format("PackSocMaxError", Number(metrics.MaxCellSocErrorPercent), Number(criteria.MaxCellSocErrorPercent),
                    metrics.MaxSocErrorCell, Number(metrics.MaxSocErrorAtSeconds / 60)),
            },
            new()
            {
                Requirement = "B7-RMS",
                Quantity = "rms-cell-soc-error",
                Measured = metrics.RmsSocErrorPercent,
                Limit = criteria.RmsSocErrorPercent,
                Unit = "%",
                Passed = metrics.RmsSocErrorPercent <= criteria.RmsSocErrorPercent,
                Detail = Messages.Format("RequirementAtMost", Number(metrics.RmsSocErrorPercent), Number(criteria.RmsSocErrorPercent), "%"),
            },
            new()
            {
                Requirement = "SOH",
                Quantity = "max-capacity-soh-error",
                Measured = metrics.MaxCapacitySohErrorPercent,
                Limit = criteria.MaxCapacitySohErrorPercent,
                Unit = "%",
                Passed = metrics.CapacityUpdates > 0 && metrics.MaxCapacitySohErrorPercent <= criteria.MaxCapacitySohErrorPercent,
                Detail = Messages.Format("PackSohError", Number(metrics.MaxCapacitySohErrorPercent), Number(criteria.MaxCapacitySohErrorPercent),
                    metrics.MaxSohErrorCell, Number(metrics.TrueCapacitySohMinPercent), Number(metrics.TrueCapacitySohMaxPercent),
                    Number(metrics.EstimatedPackSohPercent), metrics.CapacityUpdates),
            },
            new()
            {
                Requirement = "B15",
                Quantity = "power-limits-over-can",
                Measured = metrics.MaxLimitDecodeDifference,
                Limit = LimitDecodeTolerance,
                Unit = "",
                Passed = metrics.LimitFramesDecoded > 0 && metrics.MaxLimitDecodeDifference <= LimitDecodeTolerance,
                Detail = Messages.Format("PackLimitsOverCan", Limits(metrics, 0), Limits(metrics, 1), Limits(metrics, 2),
                    metrics.LimitFramesDecoded, Number(metrics.MaxLimitDecodeDifference), Number(metrics.DecodedPackSocPercent),
                    Number(metrics.DecodedPackSohPercent)),
            },
        };
        return results;
    }

    private static string Limits(PackEstimationMetrics metrics, int horizon)
    {
        double[] values = metrics.DecodedLimits[horizon];
        return Messages.Format("PackLimitsHorizon", Number(values[0]), Number(values[2]), Number(values[1]), Number(values[3]));
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.CurrentCulture);
}

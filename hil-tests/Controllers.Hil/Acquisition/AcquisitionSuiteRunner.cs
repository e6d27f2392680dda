using System;
using System.Collections.Generic;
using System.Diagnostics;
using Controllers.Simulation.Data;

namespace Controllers.Hil.Acquisition;

/// <summary>Runs acquisition scenarios on a simulated pack and evaluates their requirements.</summary>
public static class AcquisitionSuiteRunner
{
    /// <summary>Runs <paramref name="scenarios"/> in order; <paramref name="completed"/> is called after each.</summary>
    public static AcquisitionSuiteResult Run(AcquisitionSuite suite, IReadOnlyList<AcquisitionScenario> scenarios,
        Action<AcquisitionScenarioResult>? completed = null)
    {
        var start = DateTimeOffset.Now;
        var results = new List<AcquisitionScenarioResult>();
        foreach (var scenario in scenarios)
        {
            var result = RunScenario(suite, scenario);
            results.Add(result);
            completed?.Invoke(result);
        }

        return new AcquisitionSuiteResult { Suite = suite, Scenarios = results, StartTime = start };
    }

    /// <summary>
    /// Runs one scenario. A firmware or plant exception becomes an error result that names it, so one broken
    /// scenario does not stop the suite.
    /// </summary>
    public static AcquisitionScenarioResult RunScenario(AcquisitionSuite suite, AcquisitionScenario scenario)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var rig = new PackRig(suite.Board, scenario);
            var metrics = rig.Run();
            return new AcquisitionScenarioResult
            {
                Scenario = scenario,
                Metrics = metrics,
                Requirements = RequirementChecks.Evaluate(scenario, metrics),
                WallTime = watch.Elapsed,
            };
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException or DataFileException)
        {
            return new AcquisitionScenarioResult
            {
                Scenario = scenario,
                ErrorMessage = error.GetType().Name + ": " + error.Message,
                WallTime = watch.Elapsed,
            };
        }
    }
}

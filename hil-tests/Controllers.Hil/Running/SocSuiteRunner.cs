using System;
using System.Collections.Generic;
using System.Diagnostics;
using Controllers.Hil.Suites;
using Controllers.Simulation.Data;
using Controllers.Simulation.Replay;

namespace Controllers.Hil.Running;

/// <summary>Replays suite scenarios through the virtual board and checks them against their criteria.</summary>
public static class SocSuiteRunner
{
    /// <summary>
    /// Runs one scenario. An exception from the replay is recorded as <see cref="ScenarioOutcome.Error"/> so the
    /// other scenarios still run, except <see cref="DataFileException"/>, which means invalid input and propagates.
    /// </summary>
    public static SocScenarioResult RunScenario(SocSuite suite, SocSuiteScenario scenario,
        Action<double>? progress = null)
    {
        var stopwatch = Stopwatch.StartNew();
        SocTrace trace;
        try
        {
            trace = SocReplay.Run(suite.BoardFor(scenario), suite.ToReplayScenario(scenario), progress);
        }
        catch (Exception error) when (error is not DataFileException)
        {
            return new SocScenarioResult
            {
                Scenario = scenario,
                ErrorMessage = error.GetType().Name + ": " + error.Message,
                WallTime = stopwatch.Elapsed,
            };
        }

        var metrics = SocErrorMetrics.Compute(trace, scenario.Criteria.ConvergenceMinutes);
        var failures = SocCriteriaCheck.Evaluate(metrics, scenario.Criteria);
        return new SocScenarioResult
        {
            Scenario = scenario,
            Trace = trace,
            Metrics = metrics,
            Failures = failures,
            WallTime = stopwatch.Elapsed,
        };
    }

    /// <summary>Runs <paramref name="scenarios"/> in order and calls <paramref name="completed"/> after each one.</summary>
    public static SocSuiteResult Run(SocSuite suite, IReadOnlyList<SocSuiteScenario> scenarios,
        Action<SocSuiteScenario, double>? progress = null, Action<SocScenarioResult>? completed = null)
    {
        var start = DateTimeOffset.Now;
        var results = new List<SocScenarioResult>();
        foreach (var scenario in scenarios)
        {
            Action<double>? scenarioProgress = progress == null ? null : fraction => progress(scenario, fraction);
            var result = RunScenario(suite, scenario, scenarioProgress);
            results.Add(result);
            completed?.Invoke(result);
        }

        return new SocSuiteResult { Suite = suite, Scenarios = results, StartTime = start };
    }
}

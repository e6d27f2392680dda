using System;
using System.Collections.Generic;
using Controllers.Hil.Suites;
using Controllers.Simulation.Replay;

namespace Controllers.Hil.Running;

/// <summary>A criterion that a scenario did not meet, with a localized explanation.</summary>
/// <param name="Criterion">Suite key of the criterion, for example <c>maxAbsSocErrorPercent</c>.</param>
public sealed record CriterionFailure(string Criterion, double Limit, double Measured, string Message);

public enum ScenarioOutcome
{
    Passed,
    Failed,

    /// <summary>The replay threw, so no criterion could be checked.</summary>
    Error,
}

/// <summary>Outcome of one scenario: the trace, its error statistics and the failed criteria.</summary>
public sealed class SocScenarioResult
{
    public required SocSuiteScenario Scenario { get; init; }

    /// <summary>Null when the replay threw.</summary>
    public SocTrace? Trace { get; init; }

    /// <summary>Null when the replay threw.</summary>
    public SocErrorMetrics? Metrics { get; init; }

    public IReadOnlyList<CriterionFailure> Failures { get; init; } = [];

    /// <summary>Type and message of the exception the replay threw, or null.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>Wall-clock time of the replay and the metrics.</summary>
    public TimeSpan WallTime { get; init; }

    public ScenarioOutcome Outcome =>
        ErrorMessage != null ? ScenarioOutcome.Error
        : Failures.Count > 0 ? ScenarioOutcome.Failed
        : ScenarioOutcome.Passed;
}

/// <summary>Results of the scenarios that were run from one suite, in suite order.</summary>
public sealed class SocSuiteResult
{
    public required SocSuite Suite { get; init; }

    public required IReadOnlyList<SocScenarioResult> Scenarios { get; init; }

    public required DateTimeOffset StartTime { get; init; }

    public bool AllPassed
    {
        get
        {
            foreach (var result in Scenarios)
            {
                if (result.Outcome != ScenarioOutcome.Passed)
                {
                    return false;
                }
            }

            return true;
        }
    }
}

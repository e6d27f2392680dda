using System;
using System.Collections.Generic;
using Controllers.Hil.Running;

namespace Controllers.Hil.Acquisition;

/// <summary>Verdict on one requirement in one scenario.</summary>
public sealed class RequirementResult
{
    /// <summary>Requirement identifier from the customer's specification (B1, B2, ...).</summary>
    public required string Requirement { get; init; }

    /// <summary>Invariant name of the measured quantity, for JUnit properties.</summary>
    public required string Quantity { get; init; }

    public double? Measured { get; init; }

    public required double Limit { get; init; }

    public required string Unit { get; init; }

    public required bool Passed { get; init; }

    /// <summary>Localized sentence with the figures, for people.</summary>
    public required string Detail { get; init; }
}

/// <summary>Outcome of one scenario: its requirement verdicts, or the error that stopped it.</summary>
public sealed class AcquisitionScenarioResult : IRequirementScenarioResult
{
    public required AcquisitionScenario Scenario { get; init; }

    public IReadOnlyList<RequirementResult> Requirements { get; init; } = [];

    public PackRunMetrics? Metrics { get; init; }

    public string? ErrorMessage { get; init; }

    public TimeSpan WallTime { get; init; }

    public string ScenarioName => Scenario.Name;

    public ScenarioOutcome Outcome => RequirementOutcomes.Of(ErrorMessage, Requirements);
}

/// <summary>Results of a whole acquisition suite run.</summary>
public sealed class AcquisitionSuiteResult
{
    public required AcquisitionSuite Suite { get; init; }

    public required IReadOnlyList<AcquisitionScenarioResult> Scenarios { get; init; }

    public DateTimeOffset StartTime { get; init; }

    public bool AllPassed => RequirementOutcomes.AllPassed(Scenarios);
}

using System;
using System.Collections.Generic;
using Controllers.Hil.Running;

namespace Controllers.Hil.Acquisition;

/// <summary>
/// Result of one scenario of a suite that checks requirements one by one (acquisition, pack estimation), as the
/// console table and the run summary read it.
/// </summary>
public interface IRequirementScenarioResult
{
    string ScenarioName { get; }

    IReadOnlyList<RequirementResult> Requirements { get; }

    /// <summary>Message of the error that stopped the scenario, or null when it ran to the end.</summary>
    string? ErrorMessage { get; }

    TimeSpan WallTime { get; }

    ScenarioOutcome Outcome { get; }
}

/// <summary>Verdicts shared by every requirement-based suite.</summary>
public static class RequirementOutcomes
{
    /// <summary>Returns Error when the scenario stopped, Failed when a requirement is not met, and Passed otherwise.</summary>
    public static ScenarioOutcome Of(string? errorMessage, IReadOnlyList<RequirementResult> requirements)
    {
        if (errorMessage != null)
        {
            return ScenarioOutcome.Error;
        }

        foreach (var requirement in requirements)
        {
            if (!requirement.Passed)
            {
                return ScenarioOutcome.Failed;
            }
        }

        return ScenarioOutcome.Passed;
    }

    /// <summary>Returns true when every scenario passed.</summary>
    public static bool AllPassed(IEnumerable<IRequirementScenarioResult> scenarios)
    {
        foreach (var scenario in scenarios)
        {
            if (scenario.Outcome != ScenarioOutcome.Passed)
            {
                return false;
            }
        }

        return true;
    }
}

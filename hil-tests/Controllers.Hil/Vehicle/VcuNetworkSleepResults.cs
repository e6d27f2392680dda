using System;
using System.Collections.Generic;
using Controllers.Hil.Acquisition;
using Controllers.Hil.Running;

namespace Controllers.Hil.Vehicle;

/// <summary>
/// Time series of one <see cref="VcuSleepRig"/> run, one sample per rig step (10 ms awake, 1 s asleep; thermal-load scenarios one per second). The NM state is
/// the <c>NmState</c> value while the processor runs and -1 while it sleeps or boots.
/// </summary>
public sealed class VcuSleepTrace
{
    public List<double> TimeSeconds { get; } = [];

    public List<double> NmState { get; } = [];

    /// <summary>Board supply current from <c>BoardPowerModel</c>, mA.</summary>
    public List<double> CurrentMilliamps { get; } = [];

    public List<double> MotorPumpDuty { get; } = [];

    public List<double> RadiatorFanDuty { get; } = [];

    /// <summary>Thermal torque cap, fraction of the full limit; 1 without thermal management.</summary>
    public List<double> TorqueCapFraction { get; } = [];

    /// <summary>Motor winding, inverter and coolant temperatures; the coolant is NaN without a cooling-loop plant, °C.</summary>
    public List<double> MotorCelsius { get; } = [];

    public List<double> InverterCelsius { get; } = [];

    public List<double> CoolantCelsius { get; } = [];

    /// <summary>Times of wake events, deep-sleep entries and scenario actions, s.</summary>
    public List<double> EventSeconds { get; } = [];

    /// <summary>Invariant labels of the events in <see cref="EventSeconds"/> (for example <c>wake:key</c>, <c>sleep</c>).</summary>
    public List<string> EventLabels { get; } = [];

    public int Count => TimeSeconds.Count;

    public void AddEvent(long microseconds, string label)
    {
        EventSeconds.Add(microseconds / 1e6);
        EventLabels.Add(label);
    }
}

/// <summary>Outcome of one scenario: its requirement verdicts, or the error that stopped it, and its trace.</summary>
public sealed class VcuNetworkSleepScenarioResult : IRequirementScenarioResult
{
    public required VcuNetworkSleepScenario Scenario { get; init; }

    public IReadOnlyList<RequirementResult> Requirements { get; init; } = [];

    public VcuSleepTrace? Trace { get; init; }

    public string? ErrorMessage { get; init; }

    public TimeSpan WallTime { get; init; }

    public string ScenarioName => Scenario.Name;

    public ScenarioOutcome Outcome => RequirementOutcomes.Of(ErrorMessage, Requirements);
}

/// <summary>Results of a whole <c>vcu-network-sleep</c> suite run.</summary>
public sealed class VcuNetworkSleepSuiteResult
{
    public required VcuNetworkSleepSuite Suite { get; init; }

    public required IReadOnlyList<VcuNetworkSleepScenarioResult> Scenarios { get; init; }

    public DateTimeOffset StartTime { get; init; }
}

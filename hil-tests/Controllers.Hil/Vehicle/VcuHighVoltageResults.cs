using System;
using System.Collections.Generic;
using Controllers.Hil.Acquisition;
using Controllers.Hil.Running;

namespace Controllers.Hil.Vehicle;

/// <summary>
/// Time series of one high-voltage scenario, sampled every <see cref="VcuHighVoltageSuiteRunner.TraceIntervalMicroseconds"/>
/// and at every contactor change. Contactor states are those of the plant's contacts (1 closed, 0 open); the HV state
/// is the firmware's <c>HvPowerState</c> value.
/// </summary>
public sealed class VcuHvTrace
{
    public List<double> TimeSeconds { get; } = [];

    /// <summary>DC-link voltage, V.</summary>
    public List<double> LinkVolts { get; } = [];

    /// <summary>Pack current, A; positive discharges the pack.</summary>
    public List<double> PackAmperes { get; } = [];

    /// <summary>Charger output current, A; zero without a charger.</summary>
    public List<double> ChargerAmperes { get; } = [];

    public List<double> NegativeClosed { get; } = [];

    public List<double> PrechargeClosed { get; } = [];

    public List<double> PositiveClosed { get; } = [];

    /// <summary>The VCU's HV power state (HvPowerState value).</summary>
    public List<double> HvState { get; } = [];

    /// <summary>Torque at the motor shaft, N·m.</summary>
    public List<double> MotorNewtonMetres { get; } = [];

    public int Count => TimeSeconds.Count;
}

/// <summary>Outcome of one scenario: its requirement verdicts, or the error that stopped it, and its trace.</summary>
public sealed class VcuHighVoltageScenarioResult : IRequirementScenarioResult
{
    public required VcuHighVoltageScenario Scenario { get; init; }

    public IReadOnlyList<RequirementResult> Requirements { get; init; } = [];

    public VcuHvTrace? Trace { get; init; }

    public string? ErrorMessage { get; init; }

    public TimeSpan WallTime { get; init; }

    public string ScenarioName => Scenario.Name;

    public ScenarioOutcome Outcome => RequirementOutcomes.Of(ErrorMessage, Requirements);
}

/// <summary>Results of a whole <c>vcu-high-voltage</c> suite run.</summary>
public sealed class VcuHighVoltageSuiteResult
{
    public required VcuHighVoltageSuite Suite { get; init; }

    public required IReadOnlyList<VcuHighVoltageScenarioResult> Scenarios { get; init; }

    public DateTimeOffset StartTime { get; init; }
}

using System;
using System.Collections.Generic;
using Controllers.Hil.Acquisition;
using Controllers.Hil.Running;

namespace Controllers.Hil.Vehicle;

/// <summary>
/// Time series of one rig run, sampled every <see cref="VcuTorqueSuiteRunner.TraceIntervalMicroseconds"/>. Torques are
/// shaft torques, positive forward. SOC and engine state come from the plant, so they show once energy management and
/// the generator node drive them.
/// </summary>
public sealed class VcuTrace
{
    public List<double> TimeSeconds { get; } = [];

    public List<double> SpeedKmh { get; } = [];

    public List<double> PedalPercent { get; } = [];

    /// <summary>Arbitrated request before the feedback correction (the arbiter's rate-limited target), N·m.</summary>
    public List<double> TargetNewtonMetres { get; } = [];

    /// <summary>Command after the monitor's gate, as VCU_TorqueCommand carries it, N·m.</summary>
    public List<double> CommandNewtonMetres { get; } = [];

    /// <summary>Torque at the motor shaft, N·m.</summary>
    public List<double> DeliveredNewtonMetres { get; } = [];

    /// <summary>Mean cell SOC of the plant's pack, %.</summary>
    public List<double> SocPercent { get; } = [];

    /// <summary>Engine-generator state of the plant (the EngineGeneratorState value).</summary>
    public List<double> EngineState { get; } = [];

    public int Count => TimeSeconds.Count;
}

/// <summary>Outcome of one scenario: its requirement verdicts, or the error that stopped it, and its trace.</summary>
public sealed class VcuTorqueScenarioResult : IRequirementScenarioResult
{
    public required VcuTorqueScenario Scenario { get; init; }

    public IReadOnlyList<RequirementResult> Requirements { get; init; } = [];

    public VcuTrace? Trace { get; init; }

    public string? ErrorMessage { get; init; }

    public TimeSpan WallTime { get; init; }

    public string ScenarioName => Scenario.Name;

    public ScenarioOutcome Outcome => RequirementOutcomes.Of(ErrorMessage, Requirements);
}

/// <summary>Results of a whole <c>vcu-torque</c> suite run.</summary>
public sealed class VcuTorqueSuiteResult
{
    public required VcuTorqueSuite Suite { get; init; }

    public required IReadOnlyList<VcuTorqueScenarioResult> Scenarios { get; init; }

    public DateTimeOffset StartTime { get; init; }
}

using System;
using System.Collections.Generic;
using Controllers.Hil.Acquisition;
using Controllers.Hil.Running;

namespace Controllers.Hil.Vehicle;

/// <summary>Time series of one <c>vcu-energy</c> run, sampled every <see cref="VcuEnergySuiteRunner.TraceIntervalMicroseconds"/>.</summary>
public sealed class VcuEnergyTrace
{
    /// <summary>Time since the cycle started, s.</summary>
    public List<double> TimeSeconds { get; } = [];

    /// <summary>Speed of the (clipped) cycle, km/h.</summary>
    public List<double> TargetSpeedKmh { get; } = [];

    public List<double> SpeedKmh { get; } = [];

    /// <summary>Driver request as VcuOutputs carries it before the monitor, N·m.</summary>
    public List<double> RequestNewtonMetres { get; } = [];

    /// <summary>Command after the monitor's gate, as VCU_TorqueCommand carries it, N·m.</summary>
    public List<double> CommandNewtonMetres { get; } = [];

    /// <summary>Torque at the motor shaft, N·m.</summary>
    public List<double> DeliveredNewtonMetres { get; } = [];

    /// <summary>Mean cell SOC of the plant's pack, %.</summary>
    public List<double> SocPercent { get; } = [];

    /// <summary>Engine-generator state of the plant (the EngineGeneratorState value).</summary>
    public List<double> EngineState { get; } = [];

    /// <summary>Electrical power of the generator into the DC link, kW.</summary>
    public List<double> GeneratorKilowatts { get; } = [];

    /// <summary>Electrical power the motor takes from the DC link, kW, negative while it regenerates.</summary>
    public List<double> MotorKilowatts { get; } = [];

    /// <summary>Current into the pack, A, negative while the pack discharges.</summary>
    public List<double> PackChargeAmperes { get; } = [];

    /// <summary>The BMS node's charge current limit, A.</summary>
    public List<double> ChargeLimitAmperes { get; } = [];

    public int Count => TimeSeconds.Count;
}

/// <summary>Figures of one run, from which the requirement rows are judged.</summary>
public sealed class VcuEnergyFigures
{
    public double DistanceMetres { get; init; }

    public double SpeedErrorRmsKmh { get; init; }

    public double StartSoc { get; init; }

    public double EndSoc { get; init; }

    public double MinSoc { get; init; }

    public double MaxSoc { get; init; }

    public double FuelGrams { get; init; }

    /// <summary>Fuel equivalent of the SOC change, g; positive when the pack ended lower.</summary>
    public double SocCorrectionGrams { get; init; }

    public double CorrectedFuelGrams => FuelGrams + SocCorrectionGrams;

    public double BaselineFuelGrams { get; init; }

    public double BaselineDistanceMetres { get; init; }

    /// <summary>Saving of the corrected fuel against the baseline, %; negative when the range extender burns more.</summary>
    public double FuelSavingPercent => BaselineFuelGrams > 0 ? (1 - CorrectedFuelGrams / BaselineFuelGrams) * 100 : double.NaN;

    public int EngineStarts { get; init; }

    /// <summary>Shortest completed engine run, s; null when no run ended.</summary>
    public double? ShortestOnSeconds { get; init; }

    /// <summary>Shortest pause between a stop and the next start, s; null when the engine did not restart.</summary>
    public double? ShortestOffSeconds { get; init; }

    /// <summary>Largest 2 s mean of the pack's charge current (generator and regeneration), % of the BMS charge limit.</summary>
    public double MaxChargePercent { get; init; }

    public double GeneratorJoules { get; init; }

    /// <summary>Energy returned to the DC link by the motor, J.</summary>
    public double RegenJoules { get; init; }

    /// <summary>Braking energy at the wheels (regenerative plus friction), J.</summary>
    public double BrakingJoules { get; init; }

    public double DurationSeconds { get; init; }
}

/// <summary>Outcome of one scenario: its requirement verdicts, or the error that stopped it, and its trace.</summary>
public sealed class VcuEnergyScenarioResult : IRequirementScenarioResult
{
    public required VcuEnergyScenario Scenario { get; init; }

    public IReadOnlyList<RequirementResult> Requirements { get; init; } = [];

    public VcuEnergyFigures? Figures { get; init; }

    public VcuEnergyTrace? Trace { get; init; }

    public string? ErrorMessage { get; init; }

    public TimeSpan WallTime { get; init; }

    public string ScenarioName => Scenario.Name;

    public ScenarioOutcome Outcome => RequirementOutcomes.Of(ErrorMessage, Requirements);
}

/// <summary>Results of a whole <c>vcu-energy</c> suite run.</summary>
public sealed class VcuEnergySuiteResult
{
    public required VcuEnergySuite Suite { get; init; }

    public required IReadOnlyList<VcuEnergyScenarioResult> Scenarios { get; init; }

    public DateTimeOffset StartTime { get; init; }
}

using System;
using System.Collections.Generic;
using Controllers.Hil.Acquisition;
using Controllers.Hil.Running;
using Controllers.Simulation.Boards;
using Controllers.Simulation.Data;

namespace Controllers.Hil.PackEstimation;

/// <summary>A pack estimation suite: the pack board, the drive cycle that supplies the discharge current, criteria and scenarios.</summary>
public sealed class PackEstimationSuite
{
    public required string Name { get; init; }

    public required string Description { get; init; }

    public required string FilePath { get; init; }

    public required PackBoardDefinition Board { get; init; }

    /// <summary>Measured single-cell current trace whose discharge phases the scenarios replay, scaled per cell.</summary>
    public required CellRecording DriveCycle { get; init; }

    public required IReadOnlyList<PackEstimationScenario> Scenarios { get; init; }
}

/// <summary>Pass limits of a pack estimation scenario.</summary>
public sealed class PackEstimationCriteria
{
    /// <summary>Time after which SOC errors count, in minutes of simulated time.</summary>
    public double ConvergenceMinutes { get; init; } = 60;

    /// <summary>Largest |estimated − true| cell SOC after convergence, in percentage points (B7: 2.5).</summary>
    public double MaxCellSocErrorPercent { get; init; } = 2.5;

    /// <summary>Largest RMS of the cell SOC error over cells and time after convergence, in percentage points.</summary>
    public double RmsSocErrorPercent { get; init; } = 1.5;

    /// <summary>Largest |estimated − true| capacity SOH of any cell at the end, in percentage points.</summary>
    public double MaxCapacitySohErrorPercent { get; init; } = 3;
}

/// <summary>
/// One pack estimation scenario: the plant's ageing and spread, the cycle (rest, drive-cycle discharge, rest, constant
/// current charge, repeated) and the estimator's starting point.
/// </summary>
public sealed class PackEstimationScenario
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    public int LineNumber { get; init; }

    /// <summary>Mean plant cell capacity as a fraction of the cell definition's; the estimator starts from the definition's.</summary>
    public double CapacityFactor { get; init; } = 1;

    /// <summary>Uniform capacity spread, ± this fraction of the nominal capacity.</summary>
    public double CapacitySpreadFraction { get; init; } = 0.03;

    /// <summary>Uniform resistance spread, ± this fraction.</summary>
    public double ResistanceSpreadFraction { get; init; } = 0.1;

    /// <summary>Mean initial plant SOC, as a fraction.</summary>
    public double InitialSoc { get; init; } = 0.9;

    /// <summary>Uniform initial SOC spread, ± this fraction.</summary>
    public double InitialSocSpread { get; init; } = 0.03;

    /// <summary>SOC at which the firmware's estimator starts every cell, as a fraction.</summary>
    public double EstimatorInitialSoc { get; init; } = 0.5;

    /// <summary>Seed of the plant's spread.</summary>
    public int Seed { get; init; } = 1;

    public double AmbientCelsius { get; init; } = 25;

    /// <summary>Number of discharge and charge cycles.</summary>
    public int Cycles { get; init; } = 3;

    /// <summary>Rest before each discharge and each charge, in minutes.</summary>
    public double RestMinutes { get; init; } = 15;

    /// <summary>Factor on the drive cycle's cell current.</summary>
    public double DriveCurrentScale { get; init; } = 1;

    /// <summary>The discharge stops when the lowest plant cell SOC reaches this fraction.</summary>
    public double DischargeToSoc { get; init; } = 0.2;

    /// <summary>Constant charge current per cell, in amperes.</summary>
    public double ChargeAmperesPerCell { get; init; } = 2;

    /// <summary>The charge stops when the highest plant cell SOC reaches this fraction.</summary>
    public double ChargeToSoc { get; init; } = 0.9;

    public required PackEstimationCriteria Criteria { get; init; }
}

/// <summary>Figures of one pack estimation run.</summary>
public sealed class PackEstimationMetrics
{
    public double SimulatedSeconds { get; set; }

    public double MaxCellSocErrorPercent { get; set; }

    public int MaxSocErrorCell { get; set; }

    public double MaxSocErrorAtSeconds { get; set; }

    public double RmsSocErrorPercent { get; set; }

    public double MaxCapacitySohErrorPercent { get; set; }

    public int MaxSohErrorCell { get; set; }

    public double TrueCapacitySohMinPercent { get; set; }

    public double TrueCapacitySohMaxPercent { get; set; }

    public double EstimatedPackSohPercent { get; set; }

    public long CapacityUpdates { get; set; }

    public long StatusFramesDecoded { get; set; }

    public long LimitFramesDecoded { get; set; }

    /// <summary>Latest decoded limits per horizon (2, 10, 30 s): charge power kW, discharge power kW, charge current A, discharge current A.</summary>
    public double[][] DecodedLimits { get; } = [new double[4], new double[4], new double[4]];

    /// <summary>The firmware's pack limits at the time of the latest decoded frames, in the same order and units.</summary>
    public double[][] FirmwareLimits { get; } = [new double[4], new double[4], new double[4]];

    /// <summary>Largest difference between a decoded limit and the firmware value, in the signal's unit.</summary>
    public double MaxLimitDecodeDifference { get; set; }

    public double DecodedPackSocPercent { get; set; }

    public double DecodedPackSohPercent { get; set; }
}

/// <summary>Outcome of one pack estimation scenario.</summary>
public sealed class PackEstimationScenarioResult : IRequirementScenarioResult
{
    public required PackEstimationScenario Scenario { get; init; }

    public IReadOnlyList<RequirementResult> Requirements { get; init; } = [];

    public PackEstimationMetrics? Metrics { get; init; }

    public string? ErrorMessage { get; init; }

    public TimeSpan WallTime { get; init; }

    public string ScenarioName => Scenario.Name;

    public ScenarioOutcome Outcome => RequirementOutcomes.Of(ErrorMessage, Requirements);
}

/// <summary>Results of a whole pack estimation suite run.</summary>
public sealed class PackEstimationSuiteResult
{
    public required PackEstimationSuite Suite { get; init; }

    public required IReadOnlyList<PackEstimationScenarioResult> Scenarios { get; init; }

    public DateTimeOffset StartTime { get; init; }

    public bool AllPassed => RequirementOutcomes.AllPassed(Scenarios);
}

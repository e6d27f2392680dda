using System.Collections.Generic;
using Controllers.Firmware.Vcu.Energy;
using Controllers.Simulation.Vehicle;

namespace Controllers.Hil.Vehicle;

/// <summary>A <c>vcu-energy</c> suite: the vehicle, the suite's default criteria and the scenarios.</summary>
public sealed class VcuEnergySuite
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    public required string FilePath { get; init; }

    /// <summary>Path of the vehicle definition file.</summary>
    public required string VehiclePath { get; init; }

    public required VehicleDefinition Vehicle { get; init; }

    /// <summary>Speed above which every cycle is clipped, m/s (the vehicle's top speed).</summary>
    public required double TopSpeedMetresPerSecond { get; init; }

    public required IReadOnlyList<VcuEnergyScenario> Scenarios { get; init; }
}

/// <summary>How the fuel-saving row counts: as a pass/fail requirement or as a figure that is only reported.</summary>
public enum FuelSavingMode
{
    Requirement,
    Reported,
}

/// <summary>Pass/fail limits; a scenario's values override the suite's.</summary>
public sealed record VcuEnergyCriteria
{
    /// <summary>Largest RMS error of the vehicle speed against the (clipped) cycle, km/h.</summary>
    public double SpeedErrorRmsKmh { get; init; } = 2;

    /// <summary>Lowest mean cell SOC allowed during the run.</summary>
    public double MinSoc { get; init; } = 0.40;

    /// <summary>Highest mean cell SOC allowed during the run.</summary>
    public double MaxSoc { get; init; } = 0.60;

    /// <summary>Largest difference between the SOC at the end and at the start.</summary>
    public double EndSocTolerance { get; init; } = 0.05;

    /// <summary>SOC-corrected fuel saving against the fuel-only baseline on the same cycle, % (customer figure: 15 %).</summary>
    public double FuelSavingPercent { get; init; } = 15;

    public FuelSavingMode FuelSavingMode { get; init; } = FuelSavingMode.Requirement;

    /// <summary>Fewest engine starts, so the on/off checks are not empty.</summary>
    public int MinEngineStarts { get; init; } = 1;

    /// <summary>
    /// Most engine starts per hour of driving; null: the most that the minimum on and off times allow, one start per
    /// <see cref="MinOnSeconds"/> + <see cref="MinOffSeconds"/> plus the first.
    /// </summary>
    public double? MaxEngineStartsPerHour { get; init; }

    /// <summary>Shortest engine run from start to reported stop, s (the calibration's minimum on time).</summary>
    public double MinOnSeconds { get; init; } = 60;

    /// <summary>Shortest pause from reported stop to the next start, s (the calibration's minimum off time).</summary>
    public double MinOffSeconds { get; init; } = 30;

    /// <summary>Lowest share of the braking energy at the wheels that returns to the DC link, %.</summary>
    public double MinRegenPercent { get; init; } = 60;
}

/// <summary>One scenario of a <c>vcu-energy</c> suite: a cycle driven with one strategy from one SOC.</summary>
public sealed class VcuEnergyScenario
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    public int LineNumber { get; init; }

    /// <summary>Path of the drive-cycle CSV file.</summary>
    public required string CyclePath { get; init; }

    /// <summary>The cycle as driven: clipped to the top speed, cut to the excerpt and repeated.</summary>
    public required DriveCycle Cycle { get; init; }

    public required EnergyStrategy Strategy { get; init; }

    /// <summary>Mean cell SOC at the start.</summary>
    public double InitialSoc { get; init; } = 0.5;

    /// <summary>Times the cycle (or its excerpt) is driven back to back.</summary>
    public int Repeats { get; init; } = 1;

    public required VcuEnergyCriteria Criteria { get; init; }
}

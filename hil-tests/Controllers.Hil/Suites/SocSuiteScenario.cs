using Controllers.Simulation.Boards;
using Controllers.Simulation.Replay;

namespace Controllers.Hil.Suites;

/// <summary>One scenario of a suite file, with the suite defaults already applied.</summary>
public sealed class SocSuiteScenario
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    /// <summary>Recording time at which the replay starts, in minutes.</summary>
    public double StartMinutes { get; init; }

    /// <summary>Recording time at which the replay stops, in minutes, or null to run to the end of the recording.</summary>
    public double? EndMinutes { get; init; }

    /// <summary>Initial SOC estimate minus true SOC, in percentage points.</summary>
    public double InitialSocErrorPercent { get; init; }

    /// <summary>Sensor errors converted to the simulator's units (fractions, volts, amperes).</summary>
    public SensorErrorSettings Sensors { get; init; } = SensorErrorSettings.None;

    /// <summary>
    /// Capacity the estimator is given minus the cell definition's, in percent of the definition's value
    /// (+5 gives the estimator a capacity 5 % above the cell's). Scales every capacity in the
    /// definition, including its per-temperature table.
    /// </summary>
    public double CapacityErrorPercent { get; init; }

    /// <summary>
    /// Cell definition the estimator runs instead of the board's, for example one identified at another
    /// temperature, or null to use the board's.
    /// </summary>
    public CellDefinition? Cell { get; init; }

    public required SocCriteria Criteria { get; init; }

    /// <summary>1-based line of the scenario in the suite file.</summary>
    public int LineNumber { get; init; }
}

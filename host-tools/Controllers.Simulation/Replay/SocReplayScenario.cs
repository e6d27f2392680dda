using Controllers.Simulation.Data;

namespace Controllers.Simulation.Replay;

/// <summary>One replay of a recording through a virtual BMS board.</summary>
public sealed class SocReplayScenario
{
    public required string Name { get; init; }

    public required CellRecording Recording { get; init; }

    /// <summary>
    /// Capacity that defines true SOC as 1 + charge / capacity, in Ah: the capacity that a C/20 discharge
    /// delivers at the recording's temperature, for a recording that starts at full charge.
    /// </summary>
    public required double ReferenceCapacityAmpereHours { get; init; }

    /// <summary>Recording time at which the replay starts, in seconds.</summary>
    public double StartSeconds { get; init; }

    /// <summary>Recording time at which the replay stops, in seconds; null runs to the end.</summary>
    public double? EndSeconds { get; init; }

    /// <summary>Initial SOC estimate minus true SOC at the start, as a fraction (-0.2 is 20 points low).</summary>
    public double InitialSocError { get; init; }

    public SensorErrorSettings Sensors { get; init; } = SensorErrorSettings.None;
}

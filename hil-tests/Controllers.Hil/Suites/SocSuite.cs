using System.Collections.Generic;
using Controllers.Simulation.Boards;
using Controllers.Simulation.Data;
using Controllers.Simulation.Replay;

namespace Controllers.Hil.Suites;

/// <summary>A loaded SOC estimation suite: one board, one recording and the scenarios replayed on them.</summary>
public sealed class SocSuite
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    public required string FilePath { get; init; }

    public required BmsBoardDefinition Board { get; init; }

    public required CellRecording Recording { get; init; }

    /// <summary>Capacity that defines true SOC, in Ah (see <see cref="SocReplayScenario.ReferenceCapacityAmpereHours"/>).</summary>
    public required double ReferenceCapacityAmpereHours { get; init; }

    public required IReadOnlyList<SocSuiteScenario> Scenarios { get; init; }

    /// <summary>Builds the simulator's input for <paramref name="scenario"/>.</summary>
    public SocReplayScenario ToReplayScenario(SocSuiteScenario scenario) => new()
    {
        Name = scenario.Name,
        Recording = Recording,
        ReferenceCapacityAmpereHours = ReferenceCapacityAmpereHours,
        StartSeconds = scenario.StartMinutes * 60.0,
        EndSeconds = scenario.EndMinutes * 60.0,
        InitialSocError = scenario.InitialSocErrorPercent / 100.0,
        Sensors = scenario.Sensors,
    };
}

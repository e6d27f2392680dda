using System;
using Controllers.Simulation.Boards;

namespace Controllers.Simulation.Replay;

/// <summary>Runs a recording through a virtual BMS board in simulated time.</summary>
public static class SocReplay
{
    /// <summary>
    /// Replays <paramref name="scenario"/> and returns the trace. <paramref name="progress"/> receives the
    /// completed fraction (0 to 1) now and then.
    /// </summary>
    public static SocTrace Run(BmsBoardDefinition board, SocReplayScenario scenario, Action<double>? progress = null) =>
        throw new NotImplementedException("TODO: lands with the virtual board.");
}

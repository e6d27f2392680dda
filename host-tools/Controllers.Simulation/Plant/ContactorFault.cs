namespace Controllers.Simulation.Plant;

/// <summary>Mechanical fault injected into one simulated contactor.</summary>
public enum ContactorFault
{
    /// <summary>The contactor follows its coil.</summary>
    None,

    /// <summary>The main contacts are welded closed; the feedback contact reports closed.</summary>
    Welded,

    /// <summary>The main contacts never close; the feedback contact reports open.</summary>
    StuckOpen,

    /// <summary>The main contacts are welded closed and the feedback circuit is broken, so it reports open.</summary>
    WeldedFeedbackOpen,
}

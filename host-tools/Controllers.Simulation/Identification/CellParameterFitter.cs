using System;

namespace Controllers.Simulation.Identification;

/// <summary>Identifies equivalent-circuit parameters from cycler recordings.</summary>
public static class CellParameterFitter
{
    public static CellFitResult Fit(CellFitOptions options, Action<string>? log = null) =>
        throw new NotImplementedException("TODO: identification lands with the estimator.");
}

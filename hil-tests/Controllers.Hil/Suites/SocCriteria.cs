namespace Controllers.Hil.Suites;

/// <summary>
/// Pass limits for one scenario. Samples before <see cref="ConvergenceMinutes"/> (replay time) are ignored
/// so that the estimator can recover from a wrong initial SOC. Errors are in SOC percentage points.
/// </summary>
public sealed record SocCriteria
{
    public required double ConvergenceMinutes { get; init; }

    /// <summary>Limit on the maximum absolute SOC error after convergence.</summary>
    public required double MaxAbsSocErrorPercent { get; init; }

    /// <summary>Limit on the RMS SOC error after convergence, or null when the suite does not check it.</summary>
    public double? RmsSocErrorPercent { get; init; }
}

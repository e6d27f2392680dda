namespace Controllers.Simulation.Replay;

/// <summary>
/// Per-step record of a replay: row 0 is the initial estimate before the first correction, then one row
/// per estimation step. SOC values are fractions; time is seconds since the replay started.
/// </summary>
public sealed class SocTrace
{
    public required double[] TimeSeconds { get; init; }

    public required float[] TrueSoc { get; init; }

    public required float[] EstimatedSoc { get; init; }

    /// <summary>One standard deviation of the estimate, as the estimator reports it.</summary>
    public required float[] EstimatedSocStandardDeviation { get; init; }

    /// <summary>Cell voltage as the firmware measured it (with sensor errors).</summary>
    public required float[] MeasuredVoltageVolts { get; init; }

    /// <summary>Terminal voltage that the estimator's model predicts for the same step.</summary>
    public required float[] ModelVoltageVolts { get; init; }

    /// <summary>Current as the firmware measured it (with sensor errors), positive when charging.</summary>
    public required float[] MeasuredCurrentAmperes { get; init; }

    public required float[] TemperatureCelsius { get; init; }

    public int Count => TimeSeconds.Length;
}

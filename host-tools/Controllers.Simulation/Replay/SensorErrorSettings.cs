namespace Controllers.Simulation.Replay;

/// <summary>
/// Errors that the simulated acquisition adds to the recorded values. Noise is Gaussian with the given
/// standard deviation and drawn from a generator seeded with <see cref="Seed"/>, so runs repeat exactly.
/// </summary>
public sealed class SensorErrorSettings
{
    /// <summary>Cell voltage noise as a fraction of the reading (0.002 is 0.2 %).</summary>
    public double VoltageNoiseFraction { get; init; }

    public double VoltageOffsetVolts { get; init; }

    /// <summary>Cell voltage gain error as a fraction (0.001 reads 0.1 % high).</summary>
    public double VoltageGainError { get; init; }

    public double CurrentOffsetAmperes { get; init; }

    public double CurrentNoiseAmperes { get; init; }

    /// <summary>Current gain error as a fraction.</summary>
    public double CurrentGainError { get; init; }

    public double TemperatureOffsetCelsius { get; init; }

    public double TemperatureNoiseCelsius { get; init; }

    public int Seed { get; init; } = 1;

    public static SensorErrorSettings None { get; } = new();
}

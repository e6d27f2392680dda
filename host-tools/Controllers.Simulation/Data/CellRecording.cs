namespace Controllers.Simulation.Data;

/// <summary>
/// One cycler test of a single cell: samples of time, terminal voltage, current, surface temperature
/// and the cycler's charge counter. Current and charge are positive when charging.
/// </summary>
public sealed class CellRecording
{
    public CellRecording(string sourcePath, double[] timeSeconds, float[] voltageVolts, float[] currentAmperes,
        float[] temperatureCelsius, double[] chargeAmpereHours)
    {
        SourcePath = sourcePath;
        TimeSeconds = timeSeconds;
        VoltageVolts = voltageVolts;
        CurrentAmperes = currentAmperes;
        TemperatureCelsius = temperatureCelsius;
        ChargeAmpereHours = chargeAmpereHours;
    }

    public string SourcePath { get; }

    public int Count => TimeSeconds.Length;

    /// <summary>Seconds since the first sample; non-decreasing.</summary>
    public double[] TimeSeconds { get; }

    public float[] VoltageVolts { get; }

    public float[] CurrentAmperes { get; }

    public float[] TemperatureCelsius { get; }

    /// <summary>Charge counted by the cycler since the test started, in Ah (negative when discharged).</summary>
    public double[] ChargeAmpereHours { get; }

    /// <summary>Duration from the first to the last sample, in seconds.</summary>
    public double DurationSeconds => Count == 0 ? 0 : TimeSeconds[Count - 1] - TimeSeconds[0];

    /// <summary>Index of the last sample at or before <paramref name="timeSeconds"/> (0 before the start).</summary>
    public int IndexAt(double timeSeconds)
    {
        int index = System.Array.BinarySearch(TimeSeconds, timeSeconds);
        if (index < 0)
        {
            index = ~index - 1;
        }
        else
        {
            // Repeated timestamps occur in the cycler files; take the last sample of the run.
            while (index + 1 < Count && TimeSeconds[index + 1] == timeSeconds)
            {
                index++;
            }
        }

        return index < 0 ? 0 : index;
    }
}

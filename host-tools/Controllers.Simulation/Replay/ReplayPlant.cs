using System;
using Controllers.Simulation.Data;

namespace Controllers.Simulation.Replay;

/// <summary>
/// Plant that plays a cycler recording back in simulated time: at replay time t it returns the sample
/// recorded at or just before start + t (zero-order hold, as a sampling converter would see it).
/// </summary>
public sealed class ReplayPlant
{
    private readonly CellRecording recording;
    private int index;

    /// <param name="recording">The recording to play.</param>
    /// <param name="startSeconds">Recording time that replay time 0 maps to.</param>
    /// <param name="referenceCapacityAmpereHours">Capacity that turns the charge counter into true SOC.</param>
    public ReplayPlant(CellRecording recording, double startSeconds, double referenceCapacityAmpereHours)
    {
        if (startSeconds < 0 || startSeconds >= recording.DurationSeconds)
        {
            throw new ArgumentOutOfRangeException(nameof(startSeconds), startSeconds,
                $"The start must lie within the recording (0 to {recording.DurationSeconds:F1} s).");
        }

        if (!(referenceCapacityAmpereHours > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(referenceCapacityAmpereHours), referenceCapacityAmpereHours,
                "The reference capacity must be positive.");
        }

        this.recording = recording;
        StartSeconds = startSeconds;
        ReferenceCapacityAmpereHours = referenceCapacityAmpereHours;
        index = recording.IndexAt(startSeconds);
    }

    public double StartSeconds { get; }

    public double ReferenceCapacityAmpereHours { get; }

    /// <summary>Replay time at which the recording ends.</summary>
    public double EndSeconds => recording.DurationSeconds - StartSeconds;

    public float VoltageVolts => recording.VoltageVolts[index];

    public float CurrentAmperes => recording.CurrentAmperes[index];

    public float TemperatureCelsius => recording.TemperatureCelsius[index];

    /// <summary>True SOC from the cycler's charge counter: 1 + charge / reference capacity.</summary>
    public double TrueSoc => 1.0 + recording.ChargeAmpereHours[index] / ReferenceCapacityAmpereHours;

    /// <summary>Moves the plant to replay time <paramref name="replaySeconds"/>; time only moves forward.</summary>
    public void AdvanceTo(double replaySeconds)
    {
        double target = StartSeconds + replaySeconds;
        double[] time = recording.TimeSeconds;
        while (index + 1 < time.Length && time[index + 1] <= target)
        {
            index++;
        }
    }
}

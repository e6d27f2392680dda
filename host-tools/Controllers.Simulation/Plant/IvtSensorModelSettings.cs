using System;
using Controllers.Firmware.Common.Can.Generated.Bms;

namespace Controllers.Simulation.Plant;

/// <summary>
/// Cycle times and measurement errors of an <see cref="IvtSensorModel"/>. The errors are fixed numbers chosen by
/// the caller; only the noise is drawn from the seeded generator.
/// </summary>
/// <remarks>
/// NOTE: the error defaults are zero, not the IVT-S datasheet's gain, offset and noise figures. Set them from
/// the datasheet of the fitted sensor variant before drawing accuracy conclusions from a simulation.
/// </remarks>
public sealed class IvtSensorModelSettings
{
    /// <summary>Cycle time of IVT_Result_I in milliseconds; the DBC's GenMsgCycleTime by default.</summary>
    public int CurrentCycleMilliseconds { get; init; } = IVT_Result_I.CycleTimeMilliseconds;

    /// <summary>Cycle time of IVT_Result_U1 to _U3 in milliseconds; the DBC's value by default.</summary>
    public int VoltageCycleMilliseconds { get; init; } = IVT_Result_U1.CycleTimeMilliseconds;

    /// <summary>Cycle time of IVT_Result_T in milliseconds; the DBC's value by default.</summary>
    public int TemperatureCycleMilliseconds { get; init; } = IVT_Result_T.CycleTimeMilliseconds;

    /// <summary>Current gain error as a fraction of reading (0.001 = 0.1 %).</summary>
    public double GainError { get; init; }

    /// <summary>Current offset in amperes.</summary>
    public double OffsetAmperes { get; init; }

    /// <summary>Gaussian current noise per frame in amperes RMS.</summary>
    public double NoiseAmperesRms { get; init; }

    /// <summary>Seed of the noise generator.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Throws when a value is outside what a sensor can be configured to.</summary>
    public void Validate()
    {
        if (CurrentCycleMilliseconds < 1 || CurrentCycleMilliseconds > 60000)
        {
            throw new ArgumentOutOfRangeException(nameof(CurrentCycleMilliseconds), CurrentCycleMilliseconds,
                "The current cycle time must be 1 to 60000 ms.");
        }

        if (VoltageCycleMilliseconds < 1 || VoltageCycleMilliseconds > 60000)
        {
            throw new ArgumentOutOfRangeException(nameof(VoltageCycleMilliseconds), VoltageCycleMilliseconds,
                "The voltage cycle time must be 1 to 60000 ms.");
        }

        if (TemperatureCycleMilliseconds < 1 || TemperatureCycleMilliseconds > 60000)
        {
            throw new ArgumentOutOfRangeException(nameof(TemperatureCycleMilliseconds), TemperatureCycleMilliseconds,
                "The temperature cycle time must be 1 to 60000 ms.");
        }

        if (!(NoiseAmperesRms >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(NoiseAmperesRms), NoiseAmperesRms, "The noise must be zero or positive.");
        }
    }
}

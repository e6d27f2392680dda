using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Simulation.Storage;

/// <summary>
/// A real-time clock for the simulator: the test sets and advances the time, and <see cref="LosePower"/>
/// makes it invalid as a full power loss would on an ESP32 board without a backup battery.
/// </summary>
public sealed class SimulatedWallClock : IWallClock
{
    /// <summary>Creates a valid clock at <paramref name="unixSeconds"/>.</summary>
    public SimulatedWallClock(long unixSeconds)
    {
        UnixSeconds = unixSeconds;
        IsValid = true;
    }

    /// <inheritdoc />
    public bool IsValid { get; private set; }

    /// <inheritdoc />
    public long UnixSeconds { get; private set; }

    /// <summary>Moves the time on by <paramref name="seconds"/>.</summary>
    public void Advance(long seconds) => UnixSeconds += seconds;

    /// <summary>Loses the time: the clock restarts at 0 and reads invalid until <see cref="Set"/>.</summary>
    public void LosePower()
    {
        UnixSeconds = 0;
        IsValid = false;
    }

    /// <summary>Sets the time, as a network or host time sync would, and makes the clock valid.</summary>
    public void Set(long unixSeconds)
    {
        UnixSeconds = unixSeconds;
        IsValid = true;
    }
}

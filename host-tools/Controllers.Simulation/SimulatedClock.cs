using System;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Simulation;

/// <summary>Monotonic clock that moves only when the simulation advances it.</summary>
public sealed class SimulatedClock : IMonotonicClock
{
    public long NowMicroseconds { get; private set; }

    /// <summary>Moves time forward to <paramref name="timeMicroseconds"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The time lies in the past.</exception>
    public void AdvanceTo(long timeMicroseconds)
    {
        if (timeMicroseconds < NowMicroseconds)
        {
            throw new ArgumentOutOfRangeException(nameof(timeMicroseconds), timeMicroseconds,
                $"Simulated time cannot go back from {NowMicroseconds} µs.");
        }

        NowMicroseconds = timeMicroseconds;
    }

    /// <summary>Moves time forward by <paramref name="durationMicroseconds"/>.</summary>
    public void Advance(long durationMicroseconds) => AdvanceTo(NowMicroseconds + durationMicroseconds);
}

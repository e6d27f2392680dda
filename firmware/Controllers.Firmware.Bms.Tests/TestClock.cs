using System;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Bms.Tests;

/// <summary>Simulated monotonic clock that moves only when a test or a test sensor advances it.</summary>
internal sealed class TestClock : IMonotonicClock
{
    public long NowMicroseconds { get; private set; }

    public void AdvanceTo(long timeMicroseconds)
    {
        if (timeMicroseconds < NowMicroseconds)
        {
            throw new InvalidOperationException($"The test clock cannot go back from {NowMicroseconds} to {timeMicroseconds} µs.");
        }

        NowMicroseconds = timeMicroseconds;
    }

    public void Advance(long durationMicroseconds) => AdvanceTo(NowMicroseconds + durationMicroseconds);
}

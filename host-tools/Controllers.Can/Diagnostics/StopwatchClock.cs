using System.Diagnostics;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Can.Diagnostics;

/// <summary>Monotonic host clock in microseconds, from <see cref="Stopwatch"/>.</summary>
public sealed class StopwatchClock : IMonotonicClock
{
    private readonly long origin = Stopwatch.GetTimestamp();

    /// <inheritdoc />
    public long NowMicroseconds => (long)((Stopwatch.GetTimestamp() - origin) * (1_000_000.0 / Stopwatch.Frequency));
}

using System;
using System.Collections.Generic;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Common.Tests;

/// <summary>
/// Periodic task that records every dispatch and models its execution time by advancing the test clock
/// inside <see cref="Run"/>.
/// </summary>
internal sealed class ScriptedTask : IPeriodicTask
{
    private readonly TestClock clock;
    private readonly Func<int, long> executionMicroseconds;
    private readonly List<string>? dispatchLog;

    /// <param name="executionMicroseconds">Execution time of the n-th activation (0-based).</param>
    public ScriptedTask(TestClock clock, Func<int, long> executionMicroseconds, string name = "", List<string>? dispatchLog = null)
    {
        this.clock = clock;
        this.executionMicroseconds = executionMicroseconds;
        Name = name;
        this.dispatchLog = dispatchLog;
    }

    public ScriptedTask(TestClock clock, long executionMicroseconds = 0, string name = "", List<string>? dispatchLog = null)
        : this(clock, _ => executionMicroseconds, name, dispatchLog)
    {
    }

    public string Name { get; }

    /// <summary>The nowMicroseconds argument of every activation.</summary>
    public List<long> DispatchTimes { get; } = new();

    /// <summary>The clock time when each activation started, read by the task itself.</summary>
    public List<long> StartTimes { get; } = new();

    public void Run(long nowMicroseconds)
    {
        DispatchTimes.Add(nowMicroseconds);
        StartTimes.Add(clock.NowMicroseconds);
        dispatchLog?.Add(Name);
        clock.Advance(executionMicroseconds(DispatchTimes.Count - 1));
    }
}

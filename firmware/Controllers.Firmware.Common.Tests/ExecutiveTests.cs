using System;
using System.Collections.Generic;
using Controllers.Firmware.Common.Scheduling;
using Xunit;

namespace Controllers.Firmware.Common.Tests;

public class ExecutiveTests
{
    // Dispatch loop of a board in simulated time: sleep until the earliest release, then run what is due.
    // A task's execution time can carry the clock past a release, so the clock never moves back.
    private static void RunUntil(Executive executive, TestClock clock, long endMicroseconds)
    {
        while (executive.NextReleaseMicroseconds <= endMicroseconds)
        {
            clock.AdvanceTo(Math.Max(clock.NowMicroseconds, executive.NextReleaseMicroseconds));
            executive.RunDueTasks();
        }
    }

    private static List<long> Grid(long first, long period, long last)
    {
        var times = new List<long>();
        for (long t = first; t <= last; t += period)
        {
            times.Add(t);
        }

        return times;
    }

    [Fact]
    public void Dispatch_ReleasesTasksAtPeriodAndOffset()
    {
        // The clock origin is not 0, so releases must be relative to Start, not to the origin.
        var clock = new TestClock(5_000);
        var executive = new Executive(clock, 3);
        var fast = new ScriptedTask(clock);
        var shifted = new ScriptedTask(clock);
        var slow = new ScriptedTask(clock);
        executive.AddTask("fast", fast, 1_000, 0);
        executive.AddTask("shifted", shifted, 1_000, 250);
        executive.AddTask("slow", slow, 3_000, 500);
        executive.Start();

        RunUntil(executive, clock, 20_000);

        Assert.Equal(Grid(5_000, 1_000, 20_000), fast.DispatchTimes);
        Assert.Equal(Grid(5_250, 1_000, 20_000), shifted.DispatchTimes);
        Assert.Equal(Grid(5_500, 3_000, 20_000), slow.DispatchTimes);
    }

    [Fact]
    public void Dispatch_CountsRunsPerTask()
    {
        var clock = new TestClock();
        var executive = new Executive(clock, 2);
        int fast = executive.AddTask("fast", new ScriptedTask(clock), 10_000, 0);
        int slow = executive.AddTask("slow", new ScriptedTask(clock), 100_000, 0);
        executive.Start();

        RunUntil(executive, clock, 1_000_000 - 1);

        // One second at 10 ms and at 100 ms, releases at 0 included.
        Assert.Equal(100, executive.GetRunCount(fast));
        Assert.Equal(10, executive.GetRunCount(slow));
    }

    [Fact]
    public void NextRelease_IsEarliestPendingRelease()
    {
        var clock = new TestClock();
        var executive = new Executive(clock, 2);
        executive.AddTask("a", new ScriptedTask(clock), 1_000, 600);
        executive.AddTask("b", new ScriptedTask(clock), 1_000, 400);
        executive.Start();

        Assert.Equal(400, executive.NextReleaseMicroseconds);

        clock.AdvanceTo(400);
        executive.RunDueTasks();

        Assert.Equal(600, executive.NextReleaseMicroseconds);
    }

    [Fact]
    public void Dispatch_RunsDueTasksInRegistrationOrder()
    {
        var clock = new TestClock();
        var executive = new Executive(clock, 3);
        var log = new List<string>();
        executive.AddTask("first", new ScriptedTask(clock, 0, "first", log), 1_000, 0);
        executive.AddTask("second", new ScriptedTask(clock, 0, "second", log), 2_000, 0);
        executive.AddTask("third", new ScriptedTask(clock, 0, "third", log), 1_000, 0);
        executive.Start();

        int ranAtZero = executive.RunDueTasks();
        clock.AdvanceTo(1_000);
        int ranAtOne = executive.RunDueTasks();

        Assert.Equal(3, ranAtZero);
        Assert.Equal(2, ranAtOne);
        Assert.Equal(new[] { "first", "second", "third", "first", "third" }, log);
    }

    [Fact]
    public void Dispatch_LowerPriorityStartsAfterHigherPriorityEnds()
    {
        var clock = new TestClock();
        var executive = new Executive(clock, 2);
        var high = new ScriptedTask(clock, 300);
        var low = new ScriptedTask(clock, 100);
        executive.AddTask("high", high, 1_000, 0);
        int lowIndex = executive.AddTask("low", low, 1_000, 0);
        executive.Start();

        RunUntil(executive, clock, 5_000);

        // Both are released together; the low-priority task waits for the 300 µs of the other.
        Assert.Equal(Grid(300, 1_000, 5_300), low.StartTimes);
        Assert.Equal(300, executive.GetMaxReleaseLatencyMicroseconds(lowIndex));
        Assert.Equal(0, executive.GetOverrunCount(lowIndex));
    }

    [Fact]
    public void Dispatch_MeasuresExecutionTime()
    {
        var clock = new TestClock();
        var executive = new Executive(clock, 1);
        long[] durations = { 100, 400, 250 };
        int index = executive.AddTask("task", new ScriptedTask(clock, n => durations[n]), 1_000, 0);
        executive.Start();

        RunUntil(executive, clock, 2_000);

        Assert.Equal(3, executive.GetRunCount(index));
        Assert.Equal(250, executive.GetLastExecutionMicroseconds(index));
        Assert.Equal(400, executive.GetMaxExecutionMicroseconds(index));
        Assert.Equal(0, executive.GetOverrunCount(index));
        Assert.Equal(0, executive.GetSkippedReleaseCount(index));
    }

    [Fact]
    public void Overrun_CountedPastNextRelease()
    {
        var clock = new TestClock();
        var executive = new Executive(clock, 1);

        // Period 1 ms. The second activation (released at 1 ms) takes 1.5 ms and ends at 2.5 ms,
        // past its next release at 2 ms.
        long[] durations = { 100, 1_500, 100, 100 };
        var task = new ScriptedTask(clock, n => durations[n]);
        int index = executive.AddTask("task", task, 1_000, 0);
        executive.Start();

        RunUntil(executive, clock, 4_000);

        Assert.Equal(1, executive.GetOverrunCount(index));
        Assert.Equal(1_500, executive.GetMaxExecutionMicroseconds(index));
    }

    [Fact]
    public void Overrun_SkipsMissedReleasesAndKeepsGrid()
    {
        var clock = new TestClock();
        var executive = new Executive(clock, 1);

        // Period 1 ms, offset 0.2 ms. The activation released at 1.2 ms takes 2.7 ms and ends at 3.9 ms,
        // so the releases at 2.2 ms and 3.2 ms pass while it runs. The next run is at 4.2 ms, on the grid.
        long[] durations = { 0, 2_700, 0, 0, 0 };
        var task = new ScriptedTask(clock, n => durations[n]);
        int index = executive.AddTask("task", task, 1_000, 200);
        executive.Start();

        RunUntil(executive, clock, 6_500);

        Assert.Equal(new long[] { 200, 1_200, 4_200, 5_200, 6_200 }, task.DispatchTimes);
        Assert.Equal(2, executive.GetSkippedReleaseCount(index));
        Assert.Equal(1, executive.GetOverrunCount(index));
        Assert.All(task.DispatchTimes, t => Assert.Equal(200, t % 1_000));
    }

    [Fact]
    public void Overrun_NoneWhenEndingAtRelease()
    {
        var clock = new TestClock();
        var executive = new Executive(clock, 1);

        // Execution time equal to the period: every activation ends exactly at the next release, which is
        // then due and must run. Nothing is late, so nothing is skipped.
        var task = new ScriptedTask(clock, 1_000);
        int index = executive.AddTask("task", task, 1_000, 0);
        executive.Start();

        RunUntil(executive, clock, 5_000);

        Assert.Equal(Grid(0, 1_000, 5_000), task.DispatchTimes);
        Assert.Equal(0, executive.GetOverrunCount(index));
        Assert.Equal(0, executive.GetSkippedReleaseCount(index));
    }

    [Fact]
    public void LateDispatch_CountsLatencySkipsAndOverrun()
    {
        var clock = new TestClock();
        var executive = new Executive(clock, 1);
        var task = new ScriptedTask(clock);
        int index = executive.AddTask("task", task, 1_000, 0);
        executive.Start();
        executive.RunDueTasks();

        // The loop oversleeps to 3.5 ms: the release at 1 ms starts 2.5 ms late and ends after the
        // releases at 2 ms and 3 ms, which are dropped. The next release stays on the grid at 4 ms.
        clock.AdvanceTo(3_500);
        executive.RunDueTasks();

        Assert.Equal(2_500, executive.GetMaxReleaseLatencyMicroseconds(index));
        Assert.Equal(2, executive.GetSkippedReleaseCount(index));
        Assert.Equal(1, executive.GetOverrunCount(index));
        Assert.Equal(4_000, executive.NextReleaseMicroseconds);
    }

    [Fact]
    public void Dispatch_BeforeReleaseRunsNothing()
    {
        var clock = new TestClock();
        var executive = new Executive(clock, 1);
        var task = new ScriptedTask(clock);
        executive.AddTask("task", task, 1_000, 500);
        executive.Start();

        clock.AdvanceTo(499);
        int ran = executive.RunDueTasks();

        Assert.Equal(0, ran);
        Assert.Empty(task.DispatchTimes);
    }

    [Fact]
    public void Registration_StoresNameAndPeriod()
    {
        var clock = new TestClock();
        var executive = new Executive(clock, 2);
        executive.AddTask("current", new ScriptedTask(clock), 10_000, 0);
        int index = executive.AddTask("voltage", new ScriptedTask(clock), 100_000, 5_000);

        Assert.Equal(1, index);
        Assert.Equal(2, executive.TaskCount);
        Assert.Equal("voltage", executive.GetName(index));
        Assert.Equal(100_000, executive.GetPeriodMicroseconds(index));
        Assert.False(executive.IsStarted);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(long.MinValue)]
    public void AddTask_RejectsNonPositivePeriod(long period)
    {
        var clock = new TestClock();
        var executive = new Executive(clock, 1);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => executive.AddTask("task", new ScriptedTask(clock), period, 0));

        Assert.Equal("periodMicroseconds", error.ParamName);
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(1_001)]
    [InlineData(-1)]
    public void AddTask_RejectsOffsetOutsidePeriod(long offset)
    {
        var clock = new TestClock();
        var executive = new Executive(clock, 1);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => executive.AddTask("task", new ScriptedTask(clock), 1_000, offset));

        Assert.Equal("offsetMicroseconds", error.ParamName);
    }

    [Fact]
    public void AddTask_AcceptsLargestOffset()
    {
        var clock = new TestClock();
        var executive = new Executive(clock, 1);
        var task = new ScriptedTask(clock);
        executive.AddTask("task", task, 1_000, 999);
        executive.Start();

        Assert.Equal(999, executive.NextReleaseMicroseconds);
    }

    [Fact]
    public void AddTask_RejectsNullTask()
    {
        var executive = new Executive(new TestClock(), 1);

        var error = Assert.Throws<ArgumentNullException>(() => executive.AddTask("task", null!, 1_000, 0));

        Assert.Equal("task", error.ParamName);
    }

    [Fact]
    public void AddTask_RejectedAfterStart()
    {
        var clock = new TestClock();
        var executive = new Executive(clock, 2);
        executive.AddTask("first", new ScriptedTask(clock), 1_000, 0);
        executive.Start();

        Assert.Throws<InvalidOperationException>(() => executive.AddTask("second", new ScriptedTask(clock), 1_000, 0));
        Assert.Equal(1, executive.TaskCount);
    }

    [Fact]
    public void AddTask_RejectedWhenCapacityFull()
    {
        var clock = new TestClock();
        var executive = new Executive(clock, 2);
        executive.AddTask("first", new ScriptedTask(clock), 1_000, 0);
        executive.AddTask("second", new ScriptedTask(clock), 1_000, 0);

        Assert.Throws<InvalidOperationException>(() => executive.AddTask("third", new ScriptedTask(clock), 1_000, 0));
        Assert.Equal(2, executive.TaskCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Constructor_RejectsCapacityBelowOne(int capacity)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Executive(new TestClock(), capacity));

        Assert.Equal("capacity", error.ParamName);
    }

    [Fact]
    public void Constructor_RejectsNullClock()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new Executive(null!, 1));

        Assert.Equal("clock", error.ParamName);
    }

    [Fact]
    public void Start_RejectedTwice()
    {
        var executive = new Executive(new TestClock(), 1);
        executive.Start();

        Assert.Throws<InvalidOperationException>(() => executive.Start());
    }

    [Fact]
    public void Dispatch_RejectedBeforeStart()
    {
        var clock = new TestClock();
        var executive = new Executive(clock, 1);
        executive.AddTask("task", new ScriptedTask(clock), 1_000, 0);

        Assert.Throws<InvalidOperationException>(() => executive.RunDueTasks());
        Assert.Throws<InvalidOperationException>(() => executive.NextReleaseMicroseconds);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void Statistics_RejectUnregisteredIndex(int index)
    {
        var clock = new TestClock();
        var executive = new Executive(clock, 4);
        executive.AddTask("task", new ScriptedTask(clock), 1_000, 0);

        Assert.Throws<ArgumentOutOfRangeException>(() => executive.GetRunCount(index));
        Assert.Throws<ArgumentOutOfRangeException>(() => executive.GetOverrunCount(index));
        Assert.Throws<ArgumentOutOfRangeException>(() => executive.GetName(index));
    }
    [Fact]
    public void Interval_MaxAndJitterUnderBlocking()
    {
        var clock = new TestClock();
        var executive = new Executive(clock, 2);
        // The high-priority task runs 100 µs on even activations and 600 µs on odd ones.
        var high = new ScriptedTask(clock, n => n % 2 == 0 ? 100 : 600);
        var low = new ScriptedTask(clock, 50);
        executive.AddTask("high", high, 1_000, 0);
        int lowIndex = executive.AddTask("low", low, 1_000, 0);
        executive.Start();

        RunUntil(executive, clock, 5_000);

        // The low task starts when the high one ends: 100, 1 600, 2 100, 3 600, 4 100, 5 600 µs.
        // Intervals alternate 1 500 and 500 µs, so the longest is 1 500 and the jitter 500 either way.
        Assert.Equal(new long[] { 100, 1_600, 2_100, 3_600, 4_100, 5_600 }, low.StartTimes);
        Assert.Equal(1_500, executive.GetMaxIntervalMicroseconds(lowIndex));
        Assert.Equal(500, executive.GetMaxJitterMicroseconds(lowIndex));
    }

    [Fact]
    public void Interval_ZeroBeforeSecondActivation()
    {
        var clock = new TestClock();
        var executive = new Executive(clock, 1);
        int index = executive.AddTask("only", new ScriptedTask(clock, 10), 1_000, 0);
        executive.Start();
        executive.RunDueTasks();

        Assert.Equal(0, executive.GetMaxIntervalMicroseconds(index));
        Assert.Equal(0, executive.GetMaxJitterMicroseconds(index));
    }
}

using System;
using Controllers.Firmware.Bms.Estimation;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Scheduling;
using Xunit;

namespace Controllers.Firmware.Bms.Tests;

public class BmsMasterCoreTests
{
    private const long OneMinuteMicroseconds = 60_000_000;

    // The board's main loop in simulated time: sleep until the earliest release, then dispatch. Sensor
    // conversion times can carry the clock past a release, so the clock never moves back.
    private static void RunUntil(Executive executive, TestClock clock, long endMicroseconds)
    {
        while (executive.NextReleaseMicroseconds <= endMicroseconds)
        {
            long next = executive.NextReleaseMicroseconds;
            if (next > clock.NowMicroseconds)
            {
                clock.AdvanceTo(next);
            }

            executive.RunDueTasks();
        }
    }

    private static long MaxInterval(long[] times, int count)
    {
        long max = 0;
        for (int i = 1; i < count; i++)
        {
            max = Math.Max(max, times[i] - times[i - 1]);
        }

        return max;
    }

    private static BmsMasterCore CreateCore(TestClock clock, RecordingSensors sensors, BmsTaskPeriods periods) =>
        new(clock, sensors, sensors, sensors, TestCells.Synthetic(), new SocEstimatorSettings(), periods, 25f);

    [Fact]
    public void SamplingPeriods_MeetLimitsOverOneMinute()
    {
        var clock = new TestClock();
        var sensors = new RecordingSensors(clock, cellCount: 4, channelCount: 4, capacity: 10_000);
        var core = CreateCore(clock, sensors, new BmsTaskPeriods());
        core.Start(0.8f);

        RunUntil(core.Executive, clock, OneMinuteMicroseconds);

        // The limits of the sampling requirement, not the configured periods.
        Assert.True(MaxInterval(sensors.CurrentReadTimes, sensors.CurrentReadCount) <= 30_000);
        Assert.True(MaxInterval(sensors.CellVoltageReadTimes, sensors.CellVoltageReadCount) <= 100_000);
        Assert.True(MaxInterval(sensors.TemperatureReadTimes, sensors.TemperatureReadCount) <= 1_000_000);

        // Releases at 0 to 60 s inclusive: 6001 current, 601 cell voltage and 61 temperature reads.
        Assert.Equal(6001, sensors.CurrentReadCount);
        Assert.Equal(601, sensors.CellVoltageReadCount);
        Assert.Equal(61, sensors.TemperatureReadCount);

        for (int task = 0; task < core.Executive.TaskCount; task++)
        {
            Assert.Equal(0, core.Executive.GetOverrunCount(task));
            Assert.Equal(0, core.Executive.GetSkippedReleaseCount(task));
        }
    }

    [Fact]
    public void Estimation_StepsOncePerVoltageSample()
    {
        var clock = new TestClock();
        var sensors = new RecordingSensors(clock, cellCount: 1, channelCount: 1, capacity: 10_000);
        var core = CreateCore(clock, sensors, new BmsTaskPeriods());
        core.Start(0.8f);

        RunUntil(core.Executive, clock, OneMinuteMicroseconds);

        Assert.Equal(601, core.Estimation.StepCount);
        Assert.Equal(601, core.CellVoltages.SampleCount);
    }

    [Fact]
    public void DispatchLoop_AllocatesNothingAfterWarmUp()
    {
        var clock = new TestClock();
        var sensors = new RecordingSensors(clock, cellCount: 4, channelCount: 4, capacity: 1_000);
        var core = CreateCore(clock, sensors, new BmsTaskPeriods());
        core.Start(0.8f);
        RunUntil(core.Executive, clock, 2_000_000);

        long before = GC.GetAllocatedBytesForCurrentThread();
        RunUntil(core.Executive, clock, 2_000_000 + OneMinuteMicroseconds);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void PackWithCan_AllocatesNothingAfterWarmUp()
    {
        var clock = new TestClock();
        var sensors = new RecordingSensors(clock, cellCount: 30, channelCount: 14, capacity: 1_000);
        var settings = PackEstimationSettings.ForCell(TestCells.Synthetic(), 2, new SocEstimatorSettings());
        settings.PowerLimits.MaximumChargeCurrentAmperes = 4f;
        settings.PowerLimits.MaximumDischargeCurrentAmperes = 20f;
        var core = new BmsMasterCore(clock, sensors, sensors, sensors, TestCells.Synthetic(), settings, new BmsTaskPeriods(), 25f);
        var transmitter = new CountingTransmitter();
        core.EnableCanTransmission(transmitter);
        core.Start(0.8f);
        RunUntil(core.Executive, clock, 2_000_000);

        long before = GC.GetAllocatedBytesForCurrentThread();
        RunUntil(core.Executive, clock, 2_000_000 + OneMinuteMicroseconds);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(core.PowerLimits.CalculationCount > 0);
    }

    [Fact]
    public void PackStateTransmitter_SendsAtMatrixRates()
    {
        var clock = new TestClock();
        var sensors = new RecordingSensors(clock, cellCount: 4, channelCount: 2, capacity: 1_000);
        var core = CreateCore(clock, sensors, new BmsTaskPeriods());
        var transmitter = new CountingTransmitter();
        core.EnableCanTransmission(transmitter);
        core.Start(0.8f);

        RunUntil(core.Executive, clock, 10_000_000);

        // Releases at 0 to 10 s inclusive: BMS_PackStatus every 20 ms gives 501 frames, and each of the
        // three power limit messages every 100 ms gives 101 (cycle times of boards/can/bms.dbc).
        Assert.Equal(501, transmitter.CountOf(0x200));
        Assert.Equal(101, transmitter.CountOf(0x201));
        Assert.Equal(101, transmitter.CountOf(0x208));
        Assert.Equal(101, transmitter.CountOf(0x209));
    }

    [Fact]
    public void EnableCanTransmission_RejectsAfterStart()
    {
        var clock = new TestClock();
        var core = CreateCore(clock, new RecordingSensors(clock, 1, 1, 1), new BmsTaskPeriods());
        core.Start(0.5f);

        Assert.Throws<InvalidOperationException>(() => core.EnableCanTransmission(new CountingTransmitter()));
    }

    [Fact]
    public void Constructor_RejectsPeriodsOutsideLimits()
    {
        var clock = new TestClock();
        var sensors = new RecordingSensors(clock, 1, 1, 1);
        var periods = new BmsTaskPeriods { CurrentMicroseconds = 40_000 };

        var error = Assert.Throws<ArgumentException>(() => CreateCore(clock, sensors, periods));

        Assert.Equal("CurrentMicroseconds", error.ParamName);
    }

    [Fact]
    public void Constructor_RegistersTasksInPriorityOrder()
    {
        var clock = new TestClock();
        var core = CreateCore(clock, new RecordingSensors(clock, 1, 1, 1), new BmsTaskPeriods());

        Assert.Equal("current", core.Executive.GetName(0));
        Assert.Equal("cell-voltage", core.Executive.GetName(1));
        Assert.Equal("temperature", core.Executive.GetName(2));
        Assert.Equal("soc-estimation", core.Executive.GetName(3));
        Assert.Equal("power-limits", core.Executive.GetName(4));
    }

    /// <summary>Counts frames per identifier in a preallocated table, so sending allocates nothing.</summary>
    private sealed class CountingTransmitter : ICanTransmitter
    {
        private readonly int[] counts = new int[0x800];

        public bool TrySend(CanFrame frame)
        {
            counts[frame.Id]++;
            return true;
        }

        public int CountOf(uint id) => counts[id];
    }
}

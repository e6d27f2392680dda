using System;
using System.Collections.Generic;
using Controllers.Firmware.Common.Hal;
using Controllers.Simulation.Boards;
using Xunit;

namespace Controllers.Simulation.Tests;

public class VirtualBmsBoardTests
{
    /// <summary>
    /// Sensors that record the simulated time of every read and then advance the clock by a conversion
    /// time, as a blocking converter does on the board.
    /// </summary>
    private sealed class TimedSensors : ICellVoltageSensor, ICurrentSensor, ITemperatureSensor
    {
        private readonly SimulatedClock clock;

        public TimedSensors(SimulatedClock clock)
        {
            this.clock = clock;
        }

        public int CellCount => 1;

        public int ChannelCount => 1;

        public List<long> CurrentReads { get; } = new();

        public List<long> CellVoltageReads { get; } = new();

        public List<long> TemperatureReads { get; } = new();

        public bool TryReadAmperes(out float currentAmperes)
        {
            CurrentReads.Add(clock.NowMicroseconds);
            currentAmperes = -1.4f;
            clock.Advance(50);
            return true;
        }

        public bool TryRead(float[] cellVoltagesVolts)
        {
            CellVoltageReads.Add(clock.NowMicroseconds);
            cellVoltagesVolts[0] = 3.8f;
            clock.Advance(2_000);
            return true;
        }

        public bool TryReadCelsius(int channel, out float temperatureCelsius)
        {
            TemperatureReads.Add(clock.NowMicroseconds);
            temperatureCelsius = 25f;
            clock.Advance(1_000);
            return true;
        }
    }

    private static long MaxInterval(List<long> times)
    {
        long max = 0;
        for (int i = 1; i < times.Count; i++)
        {
            max = Math.Max(max, times[i] - times[i - 1]);
        }

        return max;
    }

    [Fact]
    public void RunUntil_MeetsSamplingLimitsWithConversionTimes()
    {
        var clock = new SimulatedClock();
        var sensors = new TimedSensors(clock);
        var board = new VirtualBmsBoard(BoardDefinitionFile.Load(RepositoryPaths.BmsMaster1sBoard), clock,
            sensors, sensors, sensors, 25f);
        board.Start(0.7f);

        board.RunUntil(60_000_000);

        // Limits of the sampling requirement: current 30 ms, cell voltage 100 ms, temperature 1 s.
        Assert.True(MaxInterval(sensors.CurrentReads) <= 30_000);
        Assert.True(MaxInterval(sensors.CellVoltageReads) <= 100_000);
        Assert.True(MaxInterval(sensors.TemperatureReads) <= 1_000_000);

        // The board file sets 10, 100 and 1000 ms, so 0 to 60 s holds 6001, 601 and 61 releases.
        Assert.Equal(6001, sensors.CurrentReads.Count);
        Assert.Equal(601, sensors.CellVoltageReads.Count);
        Assert.Equal(61, sensors.TemperatureReads.Count);
        for (int task = 0; task < board.Core.Executive.TaskCount; task++)
        {
            Assert.Equal(0, board.Core.Executive.GetOverrunCount(task));
        }
    }

    [Fact]
    public void RunUntil_EndsAtRequestedTime()
    {
        var clock = new SimulatedClock();
        var sensors = new TimedSensors(clock);
        var board = new VirtualBmsBoard(BoardDefinitionFile.Load(RepositoryPaths.BmsMaster1sBoard), clock,
            sensors, sensors, sensors, 25f);
        board.Start(0.7f);

        // 1.005 s falls between releases, after the conversions of the dispatch at 1 s have ended.
        board.RunUntil(1_005_000);

        Assert.Equal(1_005_000, clock.NowMicroseconds);
        Assert.Equal(101, sensors.CurrentReads.Count);
    }

    [Fact]
    public void RunUntil_ConversionsMayEndPastEnd()
    {
        var clock = new SimulatedClock();
        var sensors = new TimedSensors(clock);
        var board = new VirtualBmsBoard(BoardDefinitionFile.Load(RepositoryPaths.BmsMaster1sBoard), clock,
            sensors, sensors, sensors, 25f);
        board.Start(0.7f);

        // Every task is released at 1 s. The reads take 50 + 2000 + 1000 µs, so the clock ends at 1.00305 s.
        board.RunUntil(1_000_000);

        Assert.Equal(1_003_050, clock.NowMicroseconds);
        Assert.Equal(2, sensors.TemperatureReads.Count);
    }
}

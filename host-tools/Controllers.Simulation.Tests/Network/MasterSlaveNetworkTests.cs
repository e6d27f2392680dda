using System;
using System.Collections.Generic;
using Controllers.Firmware.Bms;
using Controllers.Firmware.Bms.Network;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Hal;
using Controllers.Firmware.Common.Scheduling;
using Controllers.Simulation.Network;
using Xunit;

namespace Controllers.Simulation.Tests.Network;

/// <summary>
/// Slave cores and the master's link task on one simulated 500 kbit/s bus. The slaves read fixed voltages and
/// temperatures from stand-in sensors, so every value the master shows can be predicted by hand.
/// </summary>
public class MasterSlaveNetworkTests
{
    private sealed class FixedCells(int count, float baseVolts) : ICellVoltageSensor
    {
        public int CellCount => count;

        public bool TryRead(float[] cellVoltagesVolts)
        {
            for (int i = 0; i < count; i++)
            {
                cellVoltagesVolts[i] = baseVolts + 0.001f * i;
            }

            return true;
        }
    }

    private sealed class FixedTemperatures(int count) : ITemperatureSensor
    {
        public int ChannelCount => count;

        public bool TryReadCelsius(int channel, out float temperatureCelsius)
        {
            temperatureCelsius = 20f + 0.5f * channel;
            return true;
        }
    }

    private sealed class RecordingBleed : IBleedSwitches
    {
        public uint Mask { get; private set; }

        public void SetBleedMask(uint cellMask) => Mask = cellMask;
    }

    private sealed class Rig
    {
        public readonly SimulatedClock Clock = new();
        public readonly SimulatedCanNetwork Network = new(500_000);
        public readonly List<BmsSlaveCore> Slaves = [];
        public readonly List<ICanTransmitter> SlaveTransmitters = [];
        public readonly List<RecordingBleed> Bleeds = [];
        public readonly SlaveLink Link;
        public readonly MasterLinkTask MasterTask;
        public readonly Executive MasterExecutive;
        public readonly ICanTransmitter MasterTransmitter;
        public readonly List<CanFrame> TimingFrames = [];

        public Rig(int[] cells)
        {
            var temperatures = new int[cells.Length];
            Array.Fill(temperatures, 14);
            Link = new SlaveLink(cells, temperatures);
            MasterTransmitter = Network.Attach("master", (frame, time) =>
            {
                Link.Receive(frame, time);
                if (frame.Id >= 0x130 && frame.Id < 0x138)
                {
                    var copy = new CanFrame();
                    copy.CopyFrom(frame);
                    TimingFrames.Add(copy);
                }
            });
            MasterTask = new MasterLinkTask(Link, MasterTransmitter);
            MasterExecutive = new Executive(Clock, 1);
            MasterExecutive.AddTask("link", MasterTask, MasterLinkTask.PeriodMicroseconds, 0);
            for (int i = 0; i < cells.Length; i++)
            {
                var bleed = new RecordingBleed();
                BmsSlaveCore? core = null;
                var transmitter = Network.Attach("slave" + (i + 1), (frame, time) => core!.Receive(frame, time));
                core = new BmsSlaveCore(Clock, i + 1, new FixedCells(cells[i], 3.0f + 0.1f * i), new FixedTemperatures(14),
                    bleed, null, transmitter, 25f);
                Slaves.Add(core);
                SlaveTransmitters.Add(transmitter);
                Bleeds.Add(bleed);
            }

            MasterExecutive.Start();
            foreach (var slave in Slaves)
            {
                slave.Start();
            }
        }

        /// <summary>Runs from the current time to <paramref name="end"/> in 1 ms steps and calls <paramref name="each"/> after every step.</summary>
        public void RunUntil(long end, Action<long>? each = null)
        {
            for (long t = Clock.NowMicroseconds; t <= end; t += 1000)
            {
                Clock.AdvanceTo(t);
                foreach (var slave in Slaves)
                {
                    slave.Executive.RunDueTasks();
                }

                MasterExecutive.RunDueTasks();
                Network.AdvanceTo(t);
                each?.Invoke(t);
            }
        }
    }

    [Fact]
    public void ThirtyCellSlave_RefreshedEvery80Ms()
    {
        var rig = new Rig([6, 18, 30]);
        var lastUpdate = new long[54];
        var longestGap = new long[54];
        rig.RunUntil(3_000_000, t =>
        {
            for (int cell = 0; cell < 54; cell++)
            {
                long updated = rig.Link.CellUpdateMicroseconds[cell];
                if (t < 1_000_000 || updated == long.MinValue)
                {
                    lastUpdate[cell] = updated;
                    continue;
                }

                if (updated != lastUpdate[cell])
                {
                    longestGap[cell] = Math.Max(longestGap[cell], updated - lastUpdate[cell]);
                    lastUpdate[cell] = updated;
                }
            }
        });

        Assert.False(rig.Link.AnySlaveLost);
        // Slave s (from 0) reads 3.0 + 0.1 s + 0.001 n volts for its cell n (from 0).
        Assert.Equal(3.005f, rig.Link.CellVoltagesVolts[5], 4);
        Assert.Equal(3.100f, rig.Link.CellVoltagesVolts[6], 4);
        Assert.Equal(3.229f, rig.Link.CellVoltagesVolts[53], 4);
        // Sensor n reads 20 + 0.5 n °C.
        Assert.Equal(26.5f, rig.Link.TemperaturesCelsius[13], 4);
        Assert.Equal(26.5f, rig.Link.TemperaturesCelsius[41], 4);

        // A 30-cell slave sends 8 groups, one per 10 ms, so each cell is refreshed every 80 ms.
        for (int cell = 24; cell < 54; cell++)
        {
            Assert.InRange(longestGap[cell], 79_000, 81_000);
        }

        // Six cells take 2 groups: 20 ms.
        Assert.InRange(longestGap[0], 19_000, 21_000);
    }

    [Fact]
    public void TaskTiming_ReportsSlaveCellVoltagePeriod()
    {
        var rig = new Rig([30]);
        rig.RunUntil(2_000_000);

        // The first report comes before the task's second activation and shows no interval yet, so the latest one counts.
        IReadOnlyDictionary<string, double>? latest = null;
        foreach (var frame in rig.TimingFrames)
        {
            var values = BmsMatrix.Decode(frame);
            if (values["Slave1TaskIndex"] == 0)
            {
                latest = values;
            }
        }

        Assert.NotNull(latest);
        // Task 0 is the cell voltage task at 50 ms; the stand-in sensors take no time, so the interval is exact.
        Assert.Equal(50.0, latest["Slave1TaskMaxInterval"], 3);
        Assert.Equal(0.0, latest["Slave1TaskMaxJitter"], 3);
        Assert.Equal(0, latest["Slave1TaskOverrunCounter"]);
    }

    [Fact]
    public void SilentSlave_LostWithin525Ms()
    {
        var rig = new Rig([6, 6]);
        rig.RunUntil(1_000_000);
        Assert.False(rig.Link.AnySlaveLost);

        rig.Network.SetSilent(rig.SlaveTransmitters[1], true);
        long lostAt = 0;
        rig.RunUntil(2_000_000, t =>
        {
            if (lostAt == 0 && rig.Link.IsSlaveLost(2))
            {
                lostAt = t;
            }
        });

        // Cell voltages older than 250 ms mark the slave lost first; the link task runs every 25 ms.
        Assert.InRange(lostAt, 1_250_000, 1_300_000);
        Assert.False(rig.Link.IsSlaveLost(1));
    }

    [Fact]
    public void Balancing_StopsWhenMasterSilent()
    {
        var rig = new Rig([18, 18]);
        rig.MasterTask.BalancingAllowed = true;
        rig.MasterTask.SetBalancingMask(2, 0b1010_0000_0000_0101u);
        rig.RunUntil(1_000_000);

        Assert.Equal(0b1010_0000_0000_0101u, rig.Bleeds[1].Mask);
        Assert.Equal(0u, rig.Bleeds[0].Mask);

        rig.Network.SetSilent(rig.MasterTransmitter, true);
        long offAt = 0;
        rig.RunUntil(2_000_000, t =>
        {
            if (offAt == 0 && rig.Bleeds[1].Mask == 0)
            {
                offAt = t;
            }
        });

        // The last heartbeat arrived by 1.0 s; the slave checks every 100 ms and stops 500 ms after it.
        Assert.InRange(offAt, 1_400_000, 1_700_000);
    }

    [Fact]
    public void BalancingNotAllowed_SlaveKeepsBleedOff()
    {
        var rig = new Rig([18]);
        rig.MasterTask.BalancingAllowed = false;
        rig.MasterTask.SetBalancingMask(1, 0x3FFFF);
        rig.RunUntil(1_000_000);
        Assert.Equal(0u, rig.Bleeds[0].Mask);
    }
}

using System;
using Controllers.Firmware.Bms;
using Controllers.Firmware.Bms.Network;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Hal;
using Controllers.Firmware.Common.Scheduling;
using Xunit;

namespace Controllers.Simulation.Tests.Network;

/// <summary>
/// The slave core and the master's link tasks in their periodic paths, with frames passed straight from one to
/// the other so nothing outside the firmware allocates.
/// </summary>
public class NetworkAllocationTests
{
    private sealed class FixedCells : ICellVoltageSensor
    {
        public int CellCount => 30;

        public bool TryRead(float[] cellVoltagesVolts)
        {
            for (int i = 0; i < 30; i++)
            {
                cellVoltagesVolts[i] = 3.6f;
            }

            return true;
        }
    }

    private sealed class FixedTemperatures : ITemperatureSensor
    {
        public int ChannelCount => 14;

        public bool TryReadCelsius(int channel, out float temperatureCelsius)
        {
            temperatureCelsius = 25f;
            return true;
        }
    }

    /// <summary>Hands every frame to a receiver at once, like a loopback bus without a queue.</summary>
    private sealed class DirectLink(SimulatedClock clock) : ICanTransmitter
    {
        public Action<CanFrame, long>? Receiver { get; set; }

        public bool TrySend(CanFrame frame)
        {
            Receiver?.Invoke(frame, clock.NowMicroseconds);
            return true;
        }
    }

    [Fact]
    public void SlaveAndMasterLink_AllocateNothingPerCycle()
    {
        var clock = new SimulatedClock();
        var toMaster = new DirectLink(clock);
        var toSlave = new DirectLink(clock);
        var link = new SlaveLink([30], [14]);
        var slave = new BmsSlaveCore(clock, 1, new FixedCells(), new FixedTemperatures(), null, null, toMaster, 25f);
        var master = new Executive(clock, 2);
        master.AddTask("link", new MasterLinkTask(link, toSlave), MasterLinkTask.PeriodMicroseconds, 0);
        master.AddTask("timing", new TaskTimingReporter(master, toSlave, 0x207), 100_000, 0);
        toMaster.Receiver = link.Receive;
        toSlave.Receiver = slave.Receive;
        slave.Start();
        master.Start();

        void RunUntil(long end)
        {
            for (long t = clock.NowMicroseconds; t <= end; t += 1000)
            {
                clock.AdvanceTo(t);
                slave.Executive.RunDueTasks();
                master.RunDueTasks();
            }
        }

        RunUntil(2_000_000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        RunUntil(12_000_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(link.AnySlaveLost);
        Assert.Equal(0, allocated);
    }
}

using System;
using Controllers.Firmware.Bms.Afe;
using Controllers.Firmware.Common.Hal;
using Xunit;

namespace Controllers.Simulation.Tests.Chips;

/// <summary>
/// Steady-state allocation of the driver. The emulator allocates per transfer, so this test returns one
/// fixed, valid register group for every read instead. Only the firmware code is measured.
/// </summary>
public class Ltc6813AllocationTests
{
    private sealed class FixedResponseBus : ISpiBus
    {
        private readonly byte[] group = { 0x88, 0x90, 0x88, 0x90, 0x88, 0x90, 0, 0 };

        public FixedResponseBus()
        {
            Pec15.Append(group, 0, 6);
        }

        public void Transfer(byte[] write, byte[]? read, int length)
        {
            if (read == null)
            {
                return;
            }

            for (int i = 0; i < length; i++)
            {
                read[i] = i < 4 ? (byte)0xFF : group[(i - 4) % 8];
            }

            // A PLADC poll is five bytes; report the conversion as done.
            if (length == 5)
            {
                read[4] = 0xFF;
            }
        }
    }

    [Fact]
    public void TryRead_AllocatesNothingAfterWarmUp()
    {
        var clock = new SimulatedClock();
        var chain = new Ltc6813Chain(new FixedResponseBus(), clock, 2);
        var sensor = new AfeCellVoltageSensor(chain, new[] { 15, 15 });
        var volts = new float[30];
        var gpio = new float[18];
        var reference = new float[2];
        // Warm-up runs every path once, so that JIT compilation does not count.
        for (int i = 0; i < 3; i++)
        {
            clock.Advance(100_000);
            Assert.True(sensor.TryRead(volts));
            Assert.True(sensor.TryReadAuxiliary(gpio, reference));
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            clock.Advance(100_000);
            sensor.TryRead(volts);
            sensor.TryReadAuxiliary(gpio, reference);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(3.7f, volts[29], 3);
    }
}

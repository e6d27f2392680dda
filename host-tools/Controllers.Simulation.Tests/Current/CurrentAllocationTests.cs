using System;
using Controllers.Firmware.Bms.Current;
using Controllers.Firmware.Common.Can;
using Controllers.Simulation.Plant;
using Xunit;

namespace Controllers.Simulation.Tests.Current;

/// <summary>The periodic current paths allocate nothing once running (measured on the test thread).</summary>
public class CurrentAllocationTests
{
    [Fact]
    public void ShuntChainRead_AllocatesNothing()
    {
        var chain = new ShuntChain(new OffsetTrackingSettings { RestTimeMilliseconds = 1_000 }) { CurrentAmperes = 0.1 };
        chain.Sensor.ContactorsOpen = true;
        var counter = new ChargeCounter(1_000_000);
        for (int i = 0; i < 200; i++)
        {
            counter.Add(chain.Clock.NowMicroseconds, chain.ReadNext());
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
        {
            counter.Add(chain.Clock.NowMicroseconds, chain.ReadNext());
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(chain.Sensor.TrackedSampleCount > 0);
    }

    [Fact]
    public void IvtFrameHandling_AllocatesNothing()
    {
        var clock = new SimulatedClock();
        var sensor = new IvtCurrentSensor(clock, new IvtSensorSettings());
        var model = new IvtSensorModel(() => 42.0);
        var frames = new CanFrame[500];
        int count = 0;
        for (long time = 0; time < 10_000_000 && count < frames.Length; time += 10_000)
        {
            model.AdvanceTo(time, frame =>
            {
                if (count < frames.Length)
                {
                    frames[count] = new CanFrame();
                    frames[count].CopyFrom(frame);
                    count++;
                }
            });
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < count; i++)
        {
            clock.Advance(4_000);
            sensor.HandleFrame(frames[i]);
            sensor.TryReadAmperes(out _);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}

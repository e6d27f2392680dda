using System;
using System.Collections.Generic;
using Controllers.Can.Transports;
using Controllers.Firmware.Common.Can;
using Xunit;

namespace Controllers.Can.Tests.Transports;

public sealed class VirtualCanBusTests
{
    private static readonly TimeSpan NoWait = TimeSpan.Zero;

    [Fact]
    public void Delivery_CarriesEndOfFrameTimestamp()
    {
        var bus = new VirtualCanBus(500_000);
        using VirtualCanNode sender = bus.Attach("bms");
        using VirtualCanNode receiver = bus.Attach("tester");

        sender.Send(CanBitTimingTests.Frame(0x123, false, 8));
        sender.Send(CanBitTimingTests.Frame(0x18FF50E5, true, 2));
        Assert.Equal(2, bus.RunUntilIdle());

        var frame = new CanFrame();
        Assert.True(receiver.TryReceive(frame, NoWait, out TimeSpan first));
        Assert.Equal(0x123u, frame.Id);
        Assert.Equal(TimeSpan.FromMicroseconds(270), first); // 135 bits at 2 us
        Assert.True(receiver.TryReceive(frame, NoWait, out TimeSpan second));
        Assert.True(frame.IsExtended);

        // Extended, 2 bytes: 67 + 16 = 83 nominal, floor((54 + 16 - 1) / 4) = 17 stuff, 100 bits = 200 us.
        Assert.Equal(TimeSpan.FromMicroseconds(470), second);
        Assert.False(receiver.TryReceive(frame, NoWait, out _));
    }

    [Fact]
    public void Sender_DoesNotReceiveOwnFrame()
    {
        var bus = new VirtualCanBus(500_000);
        using VirtualCanNode sender = bus.Attach("bms");
        using VirtualCanNode receiver = bus.Attach("tester");

        sender.Send(CanBitTimingTests.Frame(0x10, false, 0));
        bus.RunUntilIdle();

        Assert.False(sender.TryReceive(new CanFrame(), NoWait, out _));
        Assert.True(receiver.TryReceive(new CanFrame(), NoWait, out _));
    }

    [Fact]
    public void Arbitration_LowestIdWinsEachSlot()
    {
        var bus = new VirtualCanBus(250_000);
        using VirtualCanNode a = bus.Attach("a");
        using VirtualCanNode b = bus.Attach("b");
        using VirtualCanNode c = bus.Attach("c");
        using VirtualCanNode monitor = bus.Attach("monitor");

        // Each node sends its queue in order, so only the head of each queue contends in a slot.
        a.Send(CanBitTimingTests.Frame(0x300, false, 1));
        a.Send(CanBitTimingTests.Frame(0x050, false, 1));
        b.Send(CanBitTimingTests.Frame(0x200, false, 1));
        c.Send(CanBitTimingTests.Frame(0x100u << 18, true, 1));
        c.Send(CanBitTimingTests.Frame(0x100, false, 1));
        bus.RunUntilIdle();

        var order = new List<string>();
        var frame = new CanFrame();
        for (int i = 0; i < 10 && monitor.TryReceive(frame, NoWait, out _); i++)
        {
            order.Add($"{(frame.IsExtended ? "x" : "s")}{frame.Id:X}");
        }

        // Slot 1 has 0x300, 0x200 and the extended id with base 0x100, which wins. Slot 2 has 0x300, 0x200 and
        // 0x100. The 0x050 frame waits behind 0x300 in the queue of node a, so it goes last.
        Assert.Equal(new[] { "x4000000", "s100", "s200", "s300", "s50" }, order);
    }

    [Fact]
    public void Load_IsBusyTimeOverElapsedTime()
    {
        var bus = new VirtualCanBus(500_000);
        using VirtualCanNode sender = bus.Attach("bms");
        for (int i = 0; i < 10; i++)
        {
            sender.Send(CanBitTimingTests.Frame(0x100 + (uint)i, false, 8));
        }

        bus.RunUntilIdle();
        Assert.Equal(TimeSpan.FromMicroseconds(2700), bus.BusyTime); // 10 x 135 bits x 2 us
        bus.Advance(TimeSpan.FromMilliseconds(10) - bus.Now);

        Assert.Equal(TimeSpan.FromMilliseconds(10), bus.Now);
        Assert.Equal(0.27, bus.Load, 6);
        Assert.Equal(10, bus.FramesTransmitted);
    }

    [Fact]
    public void Filter_DropsFramesQueuedBeforeIt()
    {
        var bus = new VirtualCanBus(500_000);
        using VirtualCanNode sender = bus.Attach("bms");
        using VirtualCanNode receiver = bus.Attach("tester");

        // Both frames arrive before the filter is set, as between connecting and filtering in ctl monitor.
        sender.Send(CanBitTimingTests.Frame(0x123, false, 1));
        sender.Send(CanBitTimingTests.Frame(0x100, false, 1));
        bus.RunUntilIdle();
        receiver.AddFilter(CanFilter.Standard(0x100));

        var frame = new CanFrame();
        Assert.True(receiver.TryReceive(frame, NoWait, out _));
        Assert.Equal(0x100u, frame.Id);
        Assert.False(receiver.TryReceive(frame, NoWait, out _));
        Assert.Equal(1, receiver.Statistics.FramesFiltered);
    }

    [Fact]
    public void Filters_RejectOtherIds()
    {
        var bus = new VirtualCanBus(500_000);
        using VirtualCanNode sender = bus.Attach("bms");
        using VirtualCanNode receiver = bus.Attach("tester");
        receiver.AddFilter(new CanFilter(0x100, 0x700, false));

        sender.Send(CanBitTimingTests.Frame(0x123, false, 1));
        sender.Send(CanBitTimingTests.Frame(0x223, false, 1));
        sender.Send(CanBitTimingTests.Frame(0x123, true, 1));
        bus.RunUntilIdle();

        var frame = new CanFrame();
        Assert.True(receiver.TryReceive(frame, NoWait, out _));
        Assert.Equal(0x123u, frame.Id);
        Assert.False(frame.IsExtended);
        Assert.False(receiver.TryReceive(frame, NoWait, out _));
        Assert.Equal(2, receiver.Statistics.FramesFiltered);
        Assert.Equal(1, receiver.Statistics.FramesReceived);
        Assert.Equal(3, sender.Statistics.FramesSent);
    }

    [Fact]
    public void TryReceive_TimesOutWhenIdle()
    {
        var bus = new VirtualCanBus(500_000);
        using VirtualCanNode node = bus.Attach("tester");
        DateTime start = DateTime.UtcNow;

        Assert.False(node.TryReceive(new CanFrame(), TimeSpan.FromMilliseconds(50), out _));
        Assert.True(DateTime.UtcNow - start >= TimeSpan.FromMilliseconds(40));
    }

    [Fact]
    public void RealTimeClock_DeliversOnSend()
    {
        var bus = new VirtualCanBus(1_000_000, VirtualBusClock.RealTime);
        using VirtualCanNode sender = bus.Attach("bms");
        using VirtualCanNode receiver = bus.Attach("tester");

        sender.Send(CanBitTimingTests.Frame(0x7FF, false, 8));

        Assert.True(receiver.TryReceive(new CanFrame(), TimeSpan.FromSeconds(1), out TimeSpan timestamp));
        Assert.True(timestamp >= TimeSpan.FromMicroseconds(135));
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using Controllers.Firmware.Common.Can;

namespace Controllers.Can.Transports;

/// <summary>How a <see cref="VirtualCanBus"/> advances its clock.</summary>
public enum VirtualBusClock
{
    /// <summary>Time moves only in <see cref="VirtualCanBus.RunUntilIdle"/>, <see cref="VirtualCanBus.RunOneFrame"/> and <see cref="VirtualCanBus.Advance"/>; runs are deterministic.</summary>
    Simulated,

    /// <summary>Time follows the host's monotonic clock, and every send is transmitted before <see cref="ICanTransport.Send"/> returns.</summary>
    RealTime,
}

/// <summary>
/// In-process CAN bus with a bit-timing model. Attached nodes queue frames, and in each bus slot the
/// pending frame with the lowest arbitration key wins (see <see cref="CanBitTiming.ArbitrationKey"/>).
/// A frame occupies the bus for its worst-case bit count (<see cref="CanBitTiming.WorstCaseBits"/>) and is
/// delivered to every other node with the bus time at its end as time stamp.
/// </summary>
public sealed class VirtualCanBus
{
    private readonly object gate = new object();
    private readonly List<VirtualCanNode> nodes = new List<VirtualCanNode>();
    private readonly Stopwatch realTime = Stopwatch.StartNew();
    private long nowNanoseconds;
    private long busyNanoseconds;
    private long framesTransmitted;

    /// <summary>Creates a bus running at <paramref name="bitrate"/> bit/s.</summary>
    public VirtualCanBus(int bitrate, VirtualBusClock clock = VirtualBusClock.Simulated)
    {
        if (bitrate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bitrate), bitrate, "The bitrate must be positive, in bit/s.");
        }

        Bitrate = bitrate;
        Clock = clock;
    }

    /// <summary>Nominal bitrate in bit/s.</summary>
    public int Bitrate { get; }

    /// <summary>Clock mode chosen at construction.</summary>
    public VirtualBusClock Clock { get; }

    /// <summary>Current bus time since the bus was created.</summary>
    public TimeSpan Now
    {
        get
        {
            lock (gate)
            {
                return FromNanoseconds(CurrentNanoseconds());
            }
        }
    }

    /// <summary>Total time the bus carried frames.</summary>
    public TimeSpan BusyTime
    {
        get
        {
            lock (gate)
            {
                return FromNanoseconds(busyNanoseconds);
            }
        }
    }

    /// <summary>Frames transmitted since the bus was created.</summary>
    public long FramesTransmitted
    {
        get
        {
            lock (gate)
            {
                return framesTransmitted;
            }
        }
    }

    /// <summary>Bus load: busy time divided by elapsed bus time, from 0 to 1; 0 before any time has passed.</summary>
    public double Load
    {
        get
        {
            lock (gate)
            {
                long now = CurrentNanoseconds();
                return now == 0 ? 0 : Math.Min(1.0, (double)busyNanoseconds / now);
            }
        }
    }

    /// <summary>Attaches a new node. Nodes attached earlier win a tie between identical arbitration fields.</summary>
    public VirtualCanNode Attach(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (gate)
        {
            var node = new VirtualCanNode(this, name);
            nodes.Add(node);
            return node;
        }
    }

    /// <summary>Advances simulated time by <paramref name="duration"/>, transmitting pending frames on the way.</summary>
    public void Advance(TimeSpan duration)
    {
        if (Clock != VirtualBusClock.Simulated)
        {
            throw new InvalidOperationException("Advance is only valid on a bus with the simulated clock.");
        }

        if (duration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "Time cannot move backwards.");
        }

        lock (gate)
        {
            long end = nowNanoseconds + (long)(duration.Ticks * 100);
            while (TransmitNext())
            {
            }

            nowNanoseconds = Math.Max(nowNanoseconds, end);
        }
    }

    /// <summary>Transmits the winner of the next bus slot; returns false when no node has a pending frame.</summary>
    public bool RunOneFrame()
    {
        lock (gate)
        {
            return TransmitNext();
        }
    }

    /// <summary>Transmits pending frames until every transmit queue is empty; returns the number transmitted.</summary>
    public int RunUntilIdle()
    {
        lock (gate)
        {
            int count = 0;
            while (TransmitNext())
            {
                count++;
            }

            return count;
        }
    }

    internal void Detach(VirtualCanNode node)
    {
        lock (gate)
        {
            nodes.Remove(node);
        }
    }

    internal void Enqueue(VirtualCanNode node, CanFrame frame)
    {
        lock (gate)
        {
            var copy = new CanFrame();
            copy.CopyFrom(frame);
            node.PendingFrames.Enqueue(copy);
            if (Clock == VirtualBusClock.RealTime)
            {
                while (TransmitNext())
                {
                }
            }
        }
    }

    private bool TransmitNext()
    {
        VirtualCanNode? winner = null;
        ulong winnerKey = ulong.MaxValue;
        foreach (VirtualCanNode node in nodes)
        {
            if (node.PendingFrames.Count == 0)
            {
                continue;
            }

            ulong key = CanBitTiming.ArbitrationKey(node.PendingFrames.Peek());

            // NOTE: two nodes sending the same arbitration field would both transmit on a real bus and
            // collide with a bit error if the data differ. Here the node attached first wins.
            if (winner is null || key < winnerKey)
            {
                winner = node;
                winnerKey = key;
            }
        }

        if (winner is null)
        {
            return false;
        }

        CanFrame frame = winner.PendingFrames.Dequeue();
        long start = Math.Max(nowNanoseconds, Clock == VirtualBusClock.RealTime ? RealTimeNanoseconds() : nowNanoseconds);
        long duration = CanBitTiming.BitsToNanoseconds(CanBitTiming.WorstCaseBits(frame), Bitrate);
        nowNanoseconds = start + duration;
        busyNanoseconds += duration;
        framesTransmitted++;

        TimeSpan timestamp = FromNanoseconds(nowNanoseconds);
        foreach (VirtualCanNode node in nodes)
        {
            if (!ReferenceEquals(node, winner))
            {
                node.Deliver(frame, timestamp);
            }
        }

        return true;
    }

    private long CurrentNanoseconds()
    {
        return Clock == VirtualBusClock.RealTime ? Math.Max(nowNanoseconds, RealTimeNanoseconds()) : nowNanoseconds;
    }

    private long RealTimeNanoseconds()
    {
        return (long)(realTime.ElapsedTicks * (1_000_000_000.0 / Stopwatch.Frequency));
    }

    private static TimeSpan FromNanoseconds(long nanoseconds)
    {
        return TimeSpan.FromTicks(nanoseconds / 100);
    }
}

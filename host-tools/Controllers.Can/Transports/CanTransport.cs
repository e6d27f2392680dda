using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using Controllers.Firmware.Common.Can;

namespace Controllers.Can.Transports;

/// <summary>
/// Base class for transports: owns the acceptance filters, the bounded receive queue, the receive timeout
/// and the statistics. An adapter overrides <see cref="SendCore"/> and calls <see cref="OnFrameReceived"/>
/// from its receive path.
/// </summary>
public abstract class CanTransport : ICanTransport
{
    /// <summary>Default receive queue capacity in frames.</summary>
    public const int DefaultReceiveQueueCapacity = 4096;

    private readonly object gate = new object();
    private readonly Queue<(CanFrame Frame, TimeSpan Timestamp)> receiveQueue = new Queue<(CanFrame, TimeSpan)>();
    private readonly List<CanFilter> filters = new List<CanFilter>();
    private readonly int receiveQueueCapacity;
    private bool disposed;

    /// <summary>Creates the base with a receive queue of at most <paramref name="receiveQueueCapacity"/> frames.</summary>
    protected CanTransport(int receiveQueueCapacity = DefaultReceiveQueueCapacity)
    {
        if (receiveQueueCapacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(receiveQueueCapacity), receiveQueueCapacity, "The receive queue needs room for at least one frame.");
        }

        this.receiveQueueCapacity = receiveQueueCapacity;
    }

    /// <inheritdoc />
    public CanTransportStatistics Statistics { get; } = new CanTransportStatistics();

    /// <summary>True once <see cref="Dispose()"/> has run.</summary>
    protected bool IsDisposed
    {
        get
        {
            lock (gate)
            {
                return disposed;
            }
        }
    }

    /// <inheritdoc />
    public void Send(CanFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        SendCore(frame);
        Statistics.CountSent();
    }

    /// <inheritdoc />
    public bool TryReceive(CanFrame into, TimeSpan timeout, out TimeSpan timestamp)
    {
        ArgumentNullException.ThrowIfNull(into);
        long deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        lock (gate)
        {
            while (receiveQueue.Count == 0)
            {
                long remainingTicks = deadline - Stopwatch.GetTimestamp();
                if (disposed || remainingTicks <= 0)
                {
                    timestamp = TimeSpan.Zero;
                    return false;
                }

                Monitor.Wait(gate, TimeSpan.FromSeconds((double)remainingTicks / Stopwatch.Frequency));
            }

            (CanFrame frame, TimeSpan time) = receiveQueue.Dequeue();
            into.CopyFrom(frame);
            timestamp = time;
            return true;
        }
    }

    /// <inheritdoc />
    public void AddFilter(CanFilter filter)
    {
        lock (gate)
        {
            filters.Add(filter);

            // Frames queued before the first filter was set, between connecting and filtering, must not reach
            // the caller either: drop the queued frames that no filter accepts.
            int queued = receiveQueue.Count;
            for (int i = 0; i < queued; i++)
            {
                var entry = receiveQueue.Dequeue();
                if (filters.Exists(f => f.Matches(entry.Frame)))
                {
                    receiveQueue.Enqueue(entry);
                }
                else
                {
                    Statistics.CountFiltered();
                }
            }
        }
    }

    /// <inheritdoc />
    public void ClearFilters()
    {
        lock (gate)
        {
            filters.Clear();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            Monitor.PulseAll(gate);
        }

        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Transmits <paramref name="frame"/>; called by <see cref="Send"/> after the argument checks.</summary>
    protected abstract void SendCore(CanFrame frame);

    /// <summary>Releases the adapter's resources; called once, after waiting receivers have been woken.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>
    /// Applies the acceptance filters to <paramref name="frame"/> and queues a copy for <see cref="TryReceive"/>.
    /// A frame that arrives when the queue is full is dropped and counted in <see cref="CanTransportStatistics.FramesDropped"/>.
    /// </summary>
    protected void OnFrameReceived(CanFrame frame, TimeSpan timestamp)
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            if (filters.Count > 0 && !filters.Exists(f => f.Matches(frame)))
            {
                Statistics.CountFiltered();
                return;
            }

            if (receiveQueue.Count >= receiveQueueCapacity)
            {
                Statistics.CountDropped();
                return;
            }

            var copy = new CanFrame();
            copy.CopyFrom(frame);
            receiveQueue.Enqueue((copy, timestamp));
            Statistics.CountReceived();
            Monitor.PulseAll(gate);
        }
    }

    /// <summary>Counts an error response, invalid message or I/O failure in <see cref="Statistics"/>.</summary>
    protected void OnError()
    {
        Statistics.CountError();
    }
}

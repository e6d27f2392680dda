using System.Threading;

namespace Controllers.Can.Transports;

/// <summary>Frame and error counters of one transport; every member is safe to read from any thread.</summary>
public sealed class CanTransportStatistics
{
    private long framesSent;
    private long framesReceived;
    private long framesFiltered;
    private long framesDropped;
    private long errors;

    /// <summary>Frames handed to the bus, server or adapter.</summary>
    public long FramesSent => Interlocked.Read(ref framesSent);

    /// <summary>Frames that passed the acceptance filters and were queued for <see cref="ICanTransport.TryReceive"/>.</summary>
    public long FramesReceived => Interlocked.Read(ref framesReceived);

    /// <summary>Frames rejected by the acceptance filters.</summary>
    public long FramesFiltered => Interlocked.Read(ref framesFiltered);

    /// <summary>Accepted frames discarded because the receive queue was full.</summary>
    public long FramesDropped => Interlocked.Read(ref framesDropped);

    /// <summary>Error responses, invalid messages and I/O failures reported by the transport.</summary>
    public long Errors => Interlocked.Read(ref errors);

    internal void CountSent() => Interlocked.Increment(ref framesSent);

    internal void CountReceived() => Interlocked.Increment(ref framesReceived);

    internal void CountFiltered() => Interlocked.Increment(ref framesFiltered);

    internal void CountDropped() => Interlocked.Increment(ref framesDropped);

    internal void CountError() => Interlocked.Increment(ref errors);
}

using System;
using Controllers.Firmware.Common.Can;

namespace Controllers.Can.Transports;

/// <summary>
/// A connection to one CAN bus: a virtual bus node, a socketcand server or an slcan serial adapter.
/// Implementations are safe to call from one sending thread and one receiving thread at the same time.
/// </summary>
public interface ICanTransport : IDisposable
{
    /// <summary>Counters for sent, received, filtered and dropped frames and for errors.</summary>
    CanTransportStatistics Statistics { get; }

    /// <summary>Queues <paramref name="frame"/> for transmission; the transport copies it before returning.</summary>
    void Send(CanFrame frame);

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for the next received frame that passes the acceptance filters,
    /// copies it into <paramref name="into"/> and returns true, or returns false on timeout or after Dispose.
    /// </summary>
    /// <param name="timestamp">Receive time on the transport's clock: bus time for the virtual bus,
    /// the server's time stamp for socketcand, the adapter's or the host's time for slcan.</param>
    bool TryReceive(CanFrame into, TimeSpan timeout, out TimeSpan timestamp);

    /// <summary>Adds an acceptance filter. With no filters every frame is accepted, otherwise a frame must match one.</summary>
    void AddFilter(CanFilter filter);

    /// <summary>Removes all acceptance filters, so every frame is accepted again.</summary>
    void ClearFilters();
}

/// <summary>Convenience overloads for <see cref="ICanTransport"/>.</summary>
public static class CanTransportExtensions
{
    /// <summary>Waits for the next accepted frame without returning its time stamp.</summary>
    public static bool TryReceive(this ICanTransport transport, CanFrame into, TimeSpan timeout)
    {
        return transport.TryReceive(into, timeout, out _);
    }
}

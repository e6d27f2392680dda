using System;
using System.Runtime.InteropServices;

namespace Controllers.Can.Transports;

// poll(2) from the C library, used to wait for a readable CAN_RAW socket with a timeout.
public sealed partial class SocketCanTransport
{
    /// <summary>POLLIN from poll.h: data is waiting to be read.</summary>
    private const short PollIn = 0x001;

    /// <summary>EINTR from errno.h: a signal interrupted the call.</summary>
    private const int PollInterrupted = 4;

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for <paramref name="descriptor"/> to become readable or to
    /// report an error. Returns 1 when it did, 0 on timeout, and -1 on failure with errno set.
    /// </summary>
    private static int PollReadable(int descriptor, TimeSpan timeout)
    {
        var entry = new PollDescriptor { Descriptor = descriptor, Events = PollIn };
        return Poll(ref entry, 1, (int)timeout.TotalMilliseconds);
    }

    // DllImport rather than LibraryImport, which would need unsafe code enabled for the whole project.
    [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static extern int Poll(ref PollDescriptor descriptors, nuint count, int timeoutMilliseconds);

    /// <summary>struct pollfd from poll.h.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct PollDescriptor
    {
        public int Descriptor;
        public short Events;
        public short ReturnedEvents;
    }
}

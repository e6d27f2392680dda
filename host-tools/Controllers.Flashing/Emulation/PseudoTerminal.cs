using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;

namespace Controllers.Flashing.Emulation;

/// <summary>
/// A Linux pseudo-terminal pair opened with posix_openpt. The emulator works on the master side; the client
/// opens <see cref="SlavePath"/> as an ordinary serial port. A pty has no real line speed, but it keeps the
/// speed a program configures, so the emulator can check that both sides agree on the baud rate.
/// </summary>
public sealed class PseudoTerminal : IDisposable
{
    private const int OpenReadWrite = 0x2;
    private const int OpenNoControllingTerminal = 0x100;
    private const short PollIn = 0x1;

    // Linux glibc speed_t codes from termios.h (B115200 and above are in the 0x1000 range).
    private static readonly (uint Code, int BaudRate)[] SpeedCodes =
    {
        (0x0000000D, 9600), (0x0000000E, 19200), (0x0000000F, 38400), (0x00001001, 57600),
        (0x00001002, 115200), (0x00001003, 230400), (0x00001004, 460800), (0x00001005, 500000),
        (0x00001006, 576000), (0x00001007, 921600), (0x00001008, 1000000), (0x00001009, 1152000),
        (0x0000100A, 1500000), (0x0000100B, 2000000),
    };

    private readonly int _master;
    private readonly int _slaveWatch;

    private PseudoTerminal(int master, int slaveWatch, string slavePath)
    {
        _master = master;
        _slaveWatch = slaveWatch;
        SlavePath = slavePath;
    }

    /// <summary>Device path of the slave side, for example /dev/pts/3.</summary>
    public string SlavePath { get; }

    /// <summary>Opens a new pair. Throws <see cref="PlatformNotSupportedException"/> outside Linux.</summary>
    public static PseudoTerminal Open()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Pseudo-terminal pairs are only supported on Linux.");
        }

        int master = posix_openpt(OpenReadWrite | OpenNoControllingTerminal);
        if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "posix_openpt failed.");
        }

        var name = new byte[128];
        if (ptsname_r(master, name, name.Length) != 0)
        {
            close(master);
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "ptsname_r failed.");
        }

        string path = Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0));

        // The emulator keeps its own slave descriptor: it reads the configured speed through it, and the master
        // does not report end of file while the client closes and reopens the port.
        byte[] pathBytes = Encoding.ASCII.GetBytes(path + "\0");
        int slave = open(pathBytes, OpenReadWrite | OpenNoControllingTerminal);
        if (slave < 0)
        {
            close(master);
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "Opening " + path + " failed.");
        }

        // Raw mode, so the line discipline neither echoes nor translates bytes before the client configures the port.
        var termios = new byte[256];
        if (tcgetattr(slave, termios) == 0)
        {
            cfmakeraw(termios);
            tcsetattr(slave, 0, termios);
        }

        return new PseudoTerminal(master, slave, path);
    }

    /// <summary>Returns the output speed configured on the slave side in bit/s, or 0 for an unlisted speed code.</summary>
    public int SlaveBaudRate()
    {
        var termios = new byte[256];
        if (tcgetattr(_slaveWatch, termios) != 0)
        {
            return 0;
        }

        uint code = cfgetospeed(termios);
        foreach (var entry in SpeedCodes)
        {
            if (entry.Code == code)
            {
                return entry.BaudRate;
            }
        }

        return 0;
    }

    /// <summary>Reads from the master side, waiting at most <paramref name="timeoutMilliseconds"/>; returns 0 on timeout.</summary>
    public int Read(byte[] buffer, int timeoutMilliseconds)
    {
        var poll = new PollFd { Fd = _master, Events = PollIn };
        int ready = PollOne(ref poll, 1, timeoutMilliseconds);
        if (ready <= 0 || (poll.Revents & PollIn) == 0)
        {
            return 0;
        }

        nint count = read(_master, buffer, buffer.Length);
        return count > 0 ? (int)count : 0;
    }

    /// <summary>Writes all of <paramref name="data"/> to the master side.</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        byte[] copy = data.ToArray();
        int offset = 0;
        while (offset < copy.Length)
        {
            nint written = write(_master, copy.AsSpan(offset).ToArray(), copy.Length - offset);
            if (written <= 0)
            {
                throw new Win32Exception(Marshal.GetLastPInvokeError(), "Writing to the pseudo-terminal failed.");
            }

            offset += (int)written;
        }
    }

    public void Dispose()
    {
        close(_slaveWatch);
        close(_master);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int posix_openpt(int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int grantpt(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int unlockpt(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int ptsname_r(int fd, byte[] buffer, nint length);

    [DllImport("libc", SetLastError = true)]
    private static extern int open(byte[] path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern nint read(int fd, byte[] buffer, nint count);

    [DllImport("libc", SetLastError = true)]
    private static extern nint write(int fd, byte[] buffer, nint count);

    [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static extern int PollOne(ref PollFd fds, nuint count, int timeout);

    [DllImport("libc", SetLastError = true)]
    private static extern int tcgetattr(int fd, byte[] termios);

    [DllImport("libc", SetLastError = true)]
    private static extern int tcsetattr(int fd, int action, byte[] termios);

    [DllImport("libc")]
    private static extern void cfmakeraw(byte[] termios);

    [DllImport("libc")]
    private static extern uint cfgetospeed(byte[] termios);
}

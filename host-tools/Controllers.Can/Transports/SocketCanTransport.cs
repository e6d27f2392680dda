using System;
using System.Globalization;
using System.IO;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;
using Controllers.Firmware.Common.Can;
using Iot.Device.SocketCan;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Controllers.Can.Transports;

/// <summary>
/// Linux SocketCAN interface (can0, vcan0, slcan0 and similar) through a CAN_RAW socket of
/// <see cref="CanRaw"/> from Iot.Device.Bindings 4.2.0. Sends and receives classic data and remote
/// frames with standard and extended identifiers. The kernel delivers no error frames to a CAN_RAW
/// socket unless asked to, so none arrive here; a frame the binding reports as invalid counts in
/// <see cref="CanTransportStatistics.Errors"/>.
/// </summary>
public sealed partial class SocketCanTransport : CanTransport
{
    /// <summary>Longest time the reader waits in poll(2) before it checks for a stop request.</summary>
    private static readonly TimeSpan ReadPollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest wait in <see cref="Dispose(bool)"/> for the reader thread to exit.</summary>
    private static readonly TimeSpan ReaderStopTimeout = TimeSpan.FromSeconds(2);

    private readonly CanRaw socket;
    private readonly SafeHandle socketHandle;
    private readonly ILogger logger;
    private readonly object writeGate = new object();
    private readonly Thread readerThread;
    private volatile bool stopping;

    private SocketCanTransport(string interfaceName, CanRaw socket, SafeHandle socketHandle, ILogger logger)
    {
        InterfaceName = interfaceName;
        this.socket = socket;
        this.socketHandle = socketHandle;
        this.logger = logger;
        readerThread = new Thread(ReadLoop) { IsBackground = true, Name = $"socketcan {interfaceName}" };
    }

    /// <summary>Network interface name, such as can0 or vcan0.</summary>
    public string InterfaceName { get; }

    /// <summary>True while the receive thread runs; false once <see cref="CanTransport.Dispose()"/> has stopped it.</summary>
    public bool IsReceiving => readerThread.IsAlive;

    /// <summary>
    /// Opens a CAN_RAW socket on <paramref name="interfaceName"/> and starts receiving. The interface must
    /// exist and be a CAN interface; it may be down, in which case sending fails until it is set up.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not a valid Linux interface name.</exception>
    /// <exception cref="PlatformNotSupportedException">The operating system is not Linux.</exception>
    /// <exception cref="SocketCanException">The interface is missing, is not a CAN interface, or the socket cannot be opened.</exception>
    public static SocketCanTransport Open(string interfaceName, ILogger? logger = null)
    {
        CheckInterfaceName(interfaceName);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException($"SocketCAN exists only on Linux, so '{interfaceName}' cannot be opened here; use socketcand or an slcan adapter instead.");
        }

        CheckInterfaceIsCan(interfaceName);

        CanRaw socket;
        try
        {
            socket = new CanRaw(interfaceName);
        }
        catch (IOException error)
        {
            throw new SocketCanException(
                $"Failed to open a CAN_RAW socket on '{interfaceName}': {error.Message}. " +
                "The kernel needs the can and can_raw modules (modprobe can_raw).",
                error);
        }

        SafeHandle handle;
        try
        {
            handle = AcquireSocketHandle(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var transport = new SocketCanTransport(interfaceName, socket, handle, logger ?? NullLogger.Instance);
        transport.readerThread.Start();
        transport.logger.LogInformation("Opened SocketCAN interface {Interface}", interfaceName);
        return transport;
    }

    /// <inheritdoc />
    protected override void SendCore(CanFrame frame)
    {
        CanId id = ToCanId(frame);

        // CanRaw takes the DLC from the span length. For a remote frame the kernel sends the DLC
        // and no data, so the bytes in the span are not transmitted.
        var data = new ReadOnlySpan<byte>(frame.Data, 0, frame.Length);
        try
        {
            lock (writeGate)
            {
                socket.WriteFrame(data, id);
            }
        }
        catch (SocketException error)
        {
            OnError();
            throw new SocketCanException(
                $"Failed to send frame 0x{frame.Id.ToString("X", CultureInfo.InvariantCulture)} on '{InterfaceName}': {error.Message} ({error.SocketErrorCode}). " +
                "Check that the interface is up (ip link set " + InterfaceName + " up) and that its transmit queue is not full.",
                error);
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        stopping = true;
        if (!readerThread.Join(ReaderStopTimeout))
        {
            // The reader is still inside poll(2) or read(2) on this socket. Keeping the handle referenced
            // leaks the descriptor but stops the kernel from giving its number to another file meanwhile.
            logger.LogError("SocketCAN reader on {Interface} did not stop within {Timeout}; the socket stays open", InterfaceName, ReaderStopTimeout);
            return;
        }

        socket.Dispose();
        socketHandle.DangerousRelease();
        logger.LogInformation("Closed SocketCAN interface {Interface}", InterfaceName);
    }

    private static void CheckInterfaceName(string interfaceName)
    {
        ArgumentException.ThrowIfNullOrEmpty(interfaceName);

        // IFNAMSIZ is 16 bytes including the terminating zero (linux/if.h).
        if (interfaceName.Length > 15 || interfaceName.Contains('/') || interfaceName.Contains(':') ||
            interfaceName.AsSpan().ContainsAny(" \t\n\r\v\f") || interfaceName is "." or "..")
        {
            throw new ArgumentException(
                $"'{interfaceName}' is not a valid network interface name: give 1 to 15 characters without '/', ':' or white space, for example can0.",
                nameof(interfaceName));
        }
    }

    private static void CheckInterfaceIsCan(string interfaceName)
    {
        string directory = Path.Combine("/sys/class/net", interfaceName);
        if (!Directory.Exists(directory))
        {
            throw new SocketCanException(
                $"CAN interface '{interfaceName}' not found (no {directory}). " +
                $"List CAN interfaces with 'ip -details link show type can', or create a virtual one with 'ip link add dev {interfaceName} type vcan'.");
        }

        // ARPHRD_CAN is 280 (linux/if_arp.h); vcan, vxcan and real controllers all report it.
        const string CanLinkType = "280";
        string linkType = File.ReadAllText(Path.Combine(directory, "type")).Trim();
        if (linkType != CanLinkType)
        {
            throw new SocketCanException(
                $"Network interface '{interfaceName}' is not a CAN interface (link type {linkType}, CAN is {CanLinkType}). Give a CAN interface such as can0 or vcan0.");
        }
    }

    /// <summary>
    /// Returns the socket handle inside <paramref name="socket"/> with its reference count raised, so the
    /// descriptor stays valid until <see cref="Dispose(bool)"/> releases it.
    /// </summary>
    /// <remarks>
    /// CanRaw's only read blocks in read(2) without a timeout, and neither closing nor shutting down a
    /// CAN_RAW socket from another thread wakes that read (CAN_RAW has no shutdown operation, and close
    /// leaves the blocked call holding the file). The reader therefore waits in poll(2) with a timeout
    /// and calls TryReadFrame only when a frame is queued, which needs the descriptor.
    /// NOTE: CanRaw 4.2.0 keeps it in the private field _handle; another binding version may not.
    /// </remarks>
    private static SafeHandle AcquireSocketHandle(CanRaw socket)
    {
        var field = typeof(CanRaw).GetField("_handle", BindingFlags.Instance | BindingFlags.NonPublic);
        if (field?.GetValue(socket) is not SafeHandle handle || handle.IsInvalid)
        {
            throw new SocketCanException(
                "Iot.Device.SocketCan.CanRaw has no socket handle in the field _handle; SocketCanTransport was written against Iot.Device.Bindings 4.2.0 and needs updating for this version.");
        }

        bool added = false;
        handle.DangerousAddRef(ref added);
        return handle;
    }

    private void ReadLoop()
    {
        var frame = new CanFrame();
        var data = new byte[8];
        int descriptor = (int)socketHandle.DangerousGetHandle();
        long errorCount = 0;
        while (!stopping)
        {
            int ready = PollReadable(descriptor, ReadPollInterval);
            if (ready == 0)
            {
                continue;
            }

            if (ready < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == PollInterrupted)
                {
                    continue;
                }

                OnError();
                logger.LogError("poll(2) on SocketCAN interface {Interface} failed with errno {Errno}; receiving stops", InterfaceName, errno);
                return;
            }

            try
            {
                if (!socket.TryReadFrame(data, out int length, out CanId id, out DateTimeOffset receivedAt))
                {
                    OnError();
                    LogReadError(ref errorCount, $"invalid frame, identifier 0x{id.Value:X}, error flag {id.Error}");
                    continue;
                }

                CopyToFrame(id, data, length, frame);
                OnFrameReceived(frame, receivedAt - DateTimeOffset.UnixEpoch);
            }
            catch (SocketException error)
            {
                // net/can/raw.c sets ENETDOWN when the interface goes down or is down at open time, and
                // ENODEV when it is deleted. One read returns the error, and later reads wait for frames again.
                OnError();
                LogReadError(ref errorCount, $"{error.Message} ({error.SocketErrorCode})");
            }
        }
    }

    /// <summary>Returns the SocketCAN identifier of <paramref name="frame"/>, with the EFF and RTR flags set from it.</summary>
    internal static CanId ToCanId(CanFrame frame)
    {
        var id = new CanId();
        if (frame.IsExtended)
        {
            id.Extended = frame.Id;
        }
        else
        {
            id.Standard = frame.Id;
        }

        id.RemoteTransmissionRequest = frame.IsRemote;
        return id;
    }

    /// <summary>Fills <paramref name="into"/> with the identifier, flags and first <paramref name="length"/> bytes of a received frame.</summary>
    internal static void CopyToFrame(CanId id, byte[] data, int length, CanFrame into)
    {
        into.SetId(id.Value, id.ExtendedFrameFormat);
        into.IsRemote = id.RemoteTransmissionRequest;
        into.Length = length;
        Array.Copy(data, into.Data, length);
    }

    /// <summary>Logs the first read error and then every 1000th, so a bus fault cannot flood the log.</summary>
    private void LogReadError(ref long errorCount, string reason)
    {
        errorCount++;
        if (errorCount == 1 || errorCount % 1000 == 0)
        {
            logger.LogWarning("SocketCAN interface {Interface}: read error {Count}: {Reason}", InterfaceName, errorCount, reason);
        }
    }
}

/// <summary>Error opening or using a SocketCAN interface; the message names the interface.</summary>
public sealed class SocketCanException : IOException
{
    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public SocketCanException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the lower-level <paramref name="innerException"/>.</summary>
    public SocketCanException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

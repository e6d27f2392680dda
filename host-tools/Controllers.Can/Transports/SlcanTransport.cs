using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.IO.Ports;
using System.Text;
using System.Threading;
using Controllers.Firmware.Common.Can;

namespace Controllers.Can.Transports;

/// <summary>
/// Lawicel slcan adapter on a serial port (CANable, USBtin, CAN232 and similar). The adapter replies to
/// each command with a carriage return, or with BEL (0x07) when it rejects the command. Transmit
/// commands are not waited for: their replies (<c>z</c>, <c>Z</c> or BEL) arrive asynchronously, and BEL
/// replies count in <see cref="CanTransportStatistics.Errors"/>.
/// </summary>
public sealed class SlcanTransport : CanTransport
{
    private const char Bell = '\a';
    private static readonly TimeSpan DefaultCommandTimeout = TimeSpan.FromSeconds(1);

    private readonly SerialPort port;
    private readonly TimeSpan commandTimeout;
    private readonly BlockingCollection<string?> replies = new BlockingCollection<string?>();
    private readonly object writeGate = new object();
    private readonly Stopwatch hostClock = Stopwatch.StartNew();
    private readonly Thread readerThread;
    private volatile bool stopping;
    private volatile bool commandPending;

    private SlcanTransport(SerialPort port, TimeSpan commandTimeout)
    {
        this.port = port;
        this.commandTimeout = commandTimeout;
        readerThread = new Thread(ReadLoop) { IsBackground = true, Name = $"slcan {port.PortName}" };
    }

    /// <summary>Serial port name, such as /dev/ttyACM0 or COM3.</summary>
    public string PortName => port.PortName;

    /// <summary>
    /// Opens <paramref name="portName"/>, closes the CAN channel in case it was left open, sets
    /// <paramref name="bitrate"/> bit/s, switches adapter time stamps on or off and opens the channel.
    /// </summary>
    /// <param name="serialBaudRate">Serial line speed in baud, which USB adapters ignore.</param>
    /// <param name="commandTimeout">Maximum wait for each command reply, 1 s when null.</param>
    /// <exception cref="SlcanException">The adapter rejected a command or did not reply in time.</exception>
    public static SlcanTransport Open(string portName, int bitrate, bool timestamps = false, int serialBaudRate = 115_200, TimeSpan? commandTimeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(portName);
        string bitrateCommand = SlcanProtocol.FormatBitrateCommand(bitrate);
        var port = new SerialPort(portName, serialBaudRate)
        {
            ReadTimeout = 100,
            WriteTimeout = 1000,
            Encoding = Encoding.ASCII,
        };
        port.Open();
        var transport = new SlcanTransport(port, commandTimeout ?? DefaultCommandTimeout);
        try
        {
            transport.readerThread.Start();

            // An adapter whose channel is already closed rejects C with BEL, so that reply is ignored.
            transport.TryCommand("C");
            transport.Command(bitrateCommand);
            transport.Command(timestamps ? "Z1" : "Z0");
            transport.OpenChannel();
            return transport;
        }
        catch
        {
            transport.Dispose();
            throw;
        }
    }

    /// <summary>Opens the CAN channel with <c>O</c>. The adapter rejects it while the channel is open.</summary>
    public void OpenChannel() => Command("O");

    /// <summary>Closes the CAN channel with <c>C</c>. The adapter rejects it while the channel is closed.</summary>
    public void CloseChannel() => Command("C");

    /// <summary>Sends <paramref name="command"/> and returns the reply without its carriage return.</summary>
    /// <exception cref="SlcanException">The adapter replied with BEL or did not reply in time.</exception>
    public string Command(string command)
    {
        string? reply = TryCommand(command);
        if (reply is null)
        {
            OnError();
        }

        return reply ?? throw new SlcanException($"slcan adapter on {PortName} rejected command '{command}' (BEL reply).");
    }

    /// <inheritdoc />
    protected override void SendCore(CanFrame frame)
    {
        Write(SlcanProtocol.FormatFrame(frame) + "\r");
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        stopping = true;
        if (port.IsOpen)
        {
            try
            {
                Write("C\r");
            }
            catch (Exception e) when (e is IOException or TimeoutException or InvalidOperationException)
            {
                // The adapter may be unplugged; closing the port below is all that is left to do.
            }
        }

        readerThread.Join(TimeSpan.FromSeconds(2));
        port.Dispose();
        replies.Dispose();
    }

    private string? TryCommand(string command)
    {
        while (replies.TryTake(out _))
        {
        }

        // NOTE: a BEL reply to an earlier transmit command that arrives after the drain above is taken
        // as the reply to this command, because slcan replies carry no reference to their command.
        commandPending = true;
        try
        {
            Write(command + "\r");
            if (!replies.TryTake(out string? reply, commandTimeout))
            {
                OnError();
                throw new SlcanException($"slcan adapter on {PortName} did not reply to '{command}' within {commandTimeout.TotalMilliseconds} ms.");
            }

            return reply;
        }
        finally
        {
            commandPending = false;
        }
    }

    private void Write(string text)
    {
        lock (writeGate)
        {
            port.Write(text);
        }
    }

    private void ReadLoop()
    {
        var line = new StringBuilder();
        var buffer = new byte[256];
        var frame = new CanFrame();
        while (!stopping)
        {
            int count;
            try
            {
                count = port.Read(buffer, 0, buffer.Length);
            }
            catch (TimeoutException)
            {
                continue;
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
            {
                if (!stopping)
                {
                    OnError();
                }

                return;
            }

            for (int i = 0; i < count; i++)
            {
                char c = (char)buffer[i];
                if (c == Bell)
                {
                    // A rejected command is counted by Command; a rejected transmit is counted here.
                    if (!commandPending)
                    {
                        OnError();
                    }

                    replies.Add(null);
                    line.Clear();
                }
                else if (c == '\r')
                {
                    HandleLine(line.ToString(), frame);
                    line.Clear();
                }
                else if (c != '\n' && line.Length < 64)
                {
                    line.Append(c);
                }
            }
        }
    }

    private void HandleLine(string text, CanFrame frame)
    {
        if (text.Length > 0 && "tTrR".IndexOf(text[0]) >= 0 && text.Length > 1)
        {
            try
            {
                int? adapterMilliseconds = SlcanProtocol.ParseFrame(text, frame);
                TimeSpan timestamp = adapterMilliseconds is int ms ? TimeSpan.FromMilliseconds(ms) : hostClock.Elapsed;
                OnFrameReceived(frame, timestamp);
            }
            catch (FormatException)
            {
                OnError();
            }

            return;
        }

        if (text is "z" or "Z")
        {
            // Transmit acknowledgement; nothing waits for it.
            return;
        }

        replies.Add(text);
    }
}

/// <summary>Error reported by an slcan adapter: a rejected command or a missing reply.</summary>
public sealed class SlcanException : IOException
{
    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public SlcanException(string message)
        : base(message)
    {
    }
}

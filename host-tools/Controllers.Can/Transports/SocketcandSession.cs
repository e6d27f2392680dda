using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using Controllers.Firmware.Common.Can;
using Microsoft.Extensions.Logging;

namespace Controllers.Can.Transports;

/// <summary>
/// One client connection of <see cref="SocketcandServer"/>: a command thread that reads the client's
/// messages and a forwarding thread that writes the bus frames in raw mode.
/// </summary>
internal sealed class SocketcandSession
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly SocketcandServer server;
    private readonly TcpClient client;
    private readonly NetworkStream stream;
    private readonly VirtualCanBus bus;
    private readonly string busName;
    private readonly ILogger logger;
    private readonly string remote;
    private readonly object writeGate = new object();
    private readonly Thread commandThread;
    private readonly Thread forwardThread;
    private VirtualCanNode? node;
    private volatile bool rawMode;
    private volatile bool closed;
    private bool endRequested;

    public SocketcandSession(SocketcandServer server, TcpClient client, VirtualCanBus bus, string busName, ILogger logger)
    {
        this.server = server;
        this.client = client;
        this.bus = bus;
        this.busName = busName;
        this.logger = logger;
        client.NoDelay = true;
        remote = client.Client.RemoteEndPoint?.ToString() ?? "unknown";
        stream = client.GetStream();
        commandThread = new Thread(CommandLoop) { IsBackground = true, Name = $"socketcand {remote}" };
        forwardThread = new Thread(ForwardLoop) { IsBackground = true, Name = $"socketcand forward {remote}" };
    }

    public void Start()
    {
        logger.LogInformation("socketcand client {Client} connected", remote);
        commandThread.Start();
    }

    public void Close()
    {
        if (closed)
        {
            return;
        }

        closed = true;
        client.Dispose();
        node?.Dispose();
        if (Thread.CurrentThread != commandThread)
        {
            commandThread.Join(TimeSpan.FromSeconds(2));
        }

        if (forwardThread.IsAlive && Thread.CurrentThread != forwardThread)
        {
            forwardThread.Join(TimeSpan.FromSeconds(2));
        }

        server.Remove(this);
        logger.LogInformation("socketcand client {Client} disconnected", remote);
    }

    private void CommandLoop()
    {
        var reader = new SocketcandMessageReader();
        var buffer = new byte[512];
        try
        {
            Write("< hi >");
            while (!closed && !endRequested)
            {
                int count = stream.Read(buffer, 0, buffer.Length);
                if (count == 0)
                {
                    break;
                }

                reader.Feed(
                    buffer.AsSpan(0, count),
                    HandleMessage,
                    m => Reject($"message longer than {SocketcandProtocol.MaxMessageLength} characters"));
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            if (!closed)
            {
                logger.LogWarning(e, "socketcand client {Client} connection failed", remote);
            }
        }

        Close();
    }

    private void HandleMessage(string message)
    {
        if (endRequested)
        {
            return;
        }

        string[] fields = SocketcandProtocol.SplitFields(message);
        string command = fields.Length > 0 ? fields[0] : string.Empty;
        if (node is null)
        {
            HandleOpen(fields, message);
            return;
        }

        switch (command)
        {
            case "rawmode":
                // Frames queued before raw mode are not part of the raw stream.
                var discard = new CanFrame();
                while (node.TryReceive(discard, TimeSpan.Zero, out _))
                {
                }

                rawMode = true;
                Write("< ok >");
                break;
            case "bcmmode":
                rawMode = false;
                Write("< ok >");
                break;
            case "echo":
                Write("< echo >");
                break;
            case "send":
            case "sendrtr":
                HandleSend(fields, message);
                break;
            default:
                Reject($"unsupported command '{message}'");
                Write("< error unknown command >");
                break;
        }
    }

    private void HandleOpen(string[] fields, string message)
    {
        if (fields.Length != 2 || fields[0] != "open")
        {
            Reject($"expected '< open {busName} >' but received '{message}'");
            Write("< error expected open >");
            return;
        }

        if (fields[1] != busName)
        {
            logger.LogWarning("socketcand client {Client} requested bus {Requested}, but only {BusName} is served", remote, fields[1], busName);
            Write("< error could not open bus >");
            endRequested = true;
            return;
        }

        node = bus.Attach($"socketcand {remote}");
        Write("< ok >");
        forwardThread.Start();
    }

    private void HandleSend(string[] fields, string message)
    {
        var frame = new CanFrame();
        try
        {
            SocketcandProtocol.ParseSend(fields, frame);
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException)
        {
            Reject(e.Message);
            Write("< error invalid send command >");
            return;
        }

        node!.Send(frame);
    }

    private void ForwardLoop()
    {
        var frame = new CanFrame();
        VirtualCanNode current = node!;
        try
        {
            while (!closed)
            {
                if (!current.TryReceive(frame, PollInterval, out TimeSpan timestamp) || !rawMode)
                {
                    continue;
                }

                Write(SocketcandProtocol.FormatReceived(frame, timestamp));
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            if (!closed)
            {
                logger.LogWarning(e, "socketcand client {Client}: forwarding a frame failed", remote);
                Close();
            }
        }
    }

    private void Reject(string reason)
    {
        logger.LogWarning("socketcand client {Client}: {Reason}", remote, reason);
    }

    private void Write(string message)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(message);
        lock (writeGate)
        {
            stream.Write(bytes, 0, bytes.Length);
        }
    }
}

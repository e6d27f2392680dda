using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using Controllers.Firmware.Common.Can;

namespace Controllers.Can.Transports;

/// <summary>
/// Client for a socketcand server in raw mode: after <c>&lt; hi &gt;</c> it sends <c>&lt; open channel &gt;</c> and
/// <c>&lt; rawmode &gt;</c>, then receives every frame on the bus. Error messages from the server count in
/// <see cref="CanTransportStatistics.Errors"/>.
/// </summary>
public sealed class SocketcandTransport : CanTransport
{
    private static readonly TimeSpan ReadPollInterval = TimeSpan.FromMilliseconds(100);

    private readonly TcpClient client;
    private readonly NetworkStream stream;
    private readonly object writeGate = new object();
    private readonly Thread readerThread;
    private volatile bool stopping;

    private SocketcandTransport(TcpClient client)
    {
        this.client = client;
        stream = client.GetStream();
        readerThread = new Thread(ReadLoop) { IsBackground = true, Name = "socketcand reader" };
    }

    /// <summary>
    /// Connects to <paramref name="host"/>:<paramref name="port"/>, opens <paramref name="channel"/> and switches
    /// to raw mode. Each step waits at most <paramref name="timeout"/>.
    /// </summary>
    /// <exception cref="IOException">The server did not greet, rejected the channel or timed out.</exception>
    public static SocketcandTransport Connect(string host, int port, string channel, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentException.ThrowIfNullOrEmpty(channel);
        var client = new TcpClient { NoDelay = true };
        try
        {
            if (!client.ConnectAsync(host, port).Wait(timeout))
            {
                throw new IOException($"Connecting to socketcand at {host}:{port} timed out after {timeout.TotalSeconds} s.");
            }

            client.ReceiveTimeout = (int)timeout.TotalMilliseconds;
            var transport = new SocketcandTransport(client);
            transport.Handshake(channel);
            client.ReceiveTimeout = (int)ReadPollInterval.TotalMilliseconds;
            transport.readerThread.Start();
            return transport;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    protected override void SendCore(CanFrame frame)
    {
        Write(SocketcandProtocol.FormatSend(frame));
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        stopping = true;
        client.Dispose();
        readerThread.Join(TimeSpan.FromSeconds(2));
    }

    private void Handshake(string channel)
    {
        Expect("< hi >", "greeting");
        Write($"< open {channel} >");
        Expect("< ok >", $"reply to opening channel '{channel}'");
        Write("< rawmode >");
        Expect("< ok >", "reply to rawmode");
    }

    private void Expect(string expected, string what)
    {
        var reader = new SocketcandMessageReader();
        string? message = null;
        var buffer = new byte[1];
        while (message is null)
        {
            int count;
            try
            {
                count = stream.Read(buffer, 0, 1);
            }
            catch (IOException e)
            {
                throw new IOException($"Waiting for the socketcand {what} failed: {e.Message}", e);
            }

            if (count == 0)
            {
                throw new IOException($"The socketcand server closed the connection before its {what}.");
            }

            reader.Feed(buffer, m => message = m, m => throw new IOException($"Invalid socketcand {what}: '{m}'."));
        }

        if (message != expected)
        {
            throw new IOException($"Unexpected socketcand {what}: '{message}', expected '{expected}'.");
        }
    }

    private void Write(string message)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(message);
        lock (writeGate)
        {
            stream.Write(bytes, 0, bytes.Length);
        }
    }

    private void ReadLoop()
    {
        var reader = new SocketcandMessageReader();
        var buffer = new byte[1024];
        var frame = new CanFrame();
        while (!stopping)
        {
            int count;
            try
            {
                count = stream.Read(buffer, 0, buffer.Length);
            }
            catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.TimedOut })
            {
                continue;
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                if (!stopping)
                {
                    OnError();
                }

                return;
            }

            if (count == 0)
            {
                // The server closed the connection, so no further frames can arrive.
                if (!stopping)
                {
                    OnError();
                }

                return;
            }

            reader.Feed(buffer.AsSpan(0, count), m => HandleMessage(m, frame), _ => OnError());
        }
    }

    private void HandleMessage(string message, CanFrame frame)
    {
        string[] fields;
        try
        {
            fields = SocketcandProtocol.SplitFields(message);
        }
        catch (FormatException)
        {
            OnError();
            return;
        }

        switch (fields.Length > 0 ? fields[0] : string.Empty)
        {
            case "frame":
            case "rtr":
                try
                {
                    TimeSpan timestamp = SocketcandProtocol.ParseReceived(fields, frame);
                    OnFrameReceived(frame, timestamp);
                }
                catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException)
                {
                    OnError();
                }

                break;
            case "ok":
            case "echo":
                break;
            default:
                // "< error ... >" and any message this client does not recognize.
                OnError();
                break;
        }
    }
}

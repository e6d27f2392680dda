using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Controllers.Can.Transports;

/// <summary>
/// Serves a <see cref="VirtualCanBus"/> over the socketcand protocol, so tools such as python-can, Kayak or
/// <see cref="SocketcandTransport"/> can watch and drive a simulated board. Each client gets its own node
/// on the bus. Supported: <c>open</c>, <c>rawmode</c>, <c>bcmmode</c>, <c>echo</c>, <c>send</c> and <c>sendrtr</c>.
/// The broadcast-manager commands (add, update, delete, filter, subscribe) are rejected with an error message.
/// </summary>
public sealed class SocketcandServer : IDisposable
{
    private readonly VirtualCanBus bus;
    private readonly string busName;
    private readonly ILogger logger;
    private readonly TcpListener listener;
    private readonly List<SocketcandSession> sessions = new List<SocketcandSession>();
    private readonly Thread acceptThread;
    private volatile bool stopping;

    /// <summary>
    /// Starts listening on <paramref name="address"/>:<paramref name="port"/>. Port 0 picks a free port, see
    /// <see cref="Port"/>. Clients open the bus by the name <paramref name="busName"/>.
    /// </summary>
    public SocketcandServer(VirtualCanBus bus, IPAddress address, int port = 0, string busName = "can0", ILogger<SocketcandServer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(address);
        ArgumentException.ThrowIfNullOrEmpty(busName);
        this.bus = bus;
        this.busName = busName;
        this.logger = (ILogger?)logger ?? NullLogger.Instance;
        listener = new TcpListener(address, port);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        acceptThread = new Thread(AcceptLoop) { IsBackground = true, Name = "socketcand accept" };
        acceptThread.Start();
        this.logger.LogInformation("socketcand server for bus {BusName} listening on {Address}:{Port}", busName, address, Port);
    }

    /// <summary>TCP port the server listens on.</summary>
    public int Port { get; }

    /// <summary>Stops listening, closes every client connection and detaches their nodes.</summary>
    public void Dispose()
    {
        if (stopping)
        {
            return;
        }

        stopping = true;
        listener.Stop();
        acceptThread.Join(TimeSpan.FromSeconds(2));
        SocketcandSession[] open;
        lock (sessions)
        {
            open = sessions.ToArray();
        }

        foreach (SocketcandSession session in open)
        {
            session.Close();
        }

        logger.LogInformation("socketcand server on port {Port} stopped", Port);
    }

    internal void Remove(SocketcandSession session)
    {
        lock (sessions)
        {
            sessions.Remove(session);
        }
    }

    private void AcceptLoop()
    {
        while (!stopping)
        {
            TcpClient client;
            try
            {
                client = listener.AcceptTcpClient();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                if (!stopping)
                {
                    logger.LogError(e, "socketcand server on port {Port} failed to accept a connection", Port);
                }

                return;
            }

            var session = new SocketcandSession(this, client, bus, busName, logger);
            lock (sessions)
            {
                sessions.Add(session);
            }

            session.Start();
        }
    }
}

using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Controllers.Can.Transports;
using Controllers.Firmware.Common.Can;
using Xunit;

namespace Controllers.Cli.Tests;

/// <summary>
/// A socketcand server on 127.0.0.1 with an ephemeral port that serves an in-process virtual bus, and a node on
/// that bus, for tests that run ctl against it. Every run is bounded by --count or --duration and by a test timeout.
/// </summary>
public abstract class LogSocketcandBench : IDisposable
{
    protected static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ctl-socketcand-tests-" + Guid.NewGuid().ToString("N"));
    private readonly VirtualCanBus _bus = new(500_000, VirtualBusClock.RealTime);
    private readonly SocketcandServer _server;
    private readonly VirtualCanNode _node;

    protected LogSocketcandBench()
    {
        Directory.CreateDirectory(_folder);
        _server = new SocketcandServer(_bus, IPAddress.Loopback);
        _node = _bus.Attach("test");
    }

    protected string Folder => _folder;

    protected string Endpoint => "127.0.0.1:" + _server.Port;

    /// <summary>Node of the test on the virtual bus: it sends the frames that ctl records and receives what ctl replays.</summary>
    protected VirtualCanNode Node => _node;

    public void Dispose()
    {
        _node.Dispose();
        _server.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private protected CtlRun Run(params string[] arguments) => CtlProcess.Run(_folder, arguments);

    protected void Write(string name, string text) => File.WriteAllText(Path.Combine(_folder, name), text);

    protected string Read(string name) => File.ReadAllText(Path.Combine(_folder, name));

    protected bool Exists(string name) => File.Exists(Path.Combine(_folder, name));

    protected static CanFrame Frame(uint id, params byte[] data)
    {
        var frame = new CanFrame();
        frame.SetId(id, extended: id > CanFrame.MaxStandardId);
        data.CopyTo(frame.Data, 0);
        frame.Length = data.Length;
        return frame;
    }

    /// <summary>
    /// Runs ctl and sends frames from <paramref name="next"/> every 20 ms until it exits, because frames sent
    /// before ctl has connected are not seen. Stops sending after the run timeout.
    /// </summary>
    private protected CtlRun RunWhileSending(Func<int, CanFrame> next, params string[] arguments)
    {
        var run = Task.Run(() => Run(arguments));
        var deadline = DateTime.UtcNow + RunTimeout;
        for (int i = 0; !run.IsCompleted && DateTime.UtcNow < deadline; i++)
        {
            _node.Send(next(i));
            Thread.Sleep(20);
        }

        Assert.True(run.Wait(RunTimeout), "ctl did not exit within " + RunTimeout);
        return run.Result;
    }

    protected static int UnusedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

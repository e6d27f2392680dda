using System;
using System.Net;
using System.Threading;
using Controllers.Can.Diagnostics;
using Controllers.Can.Transports;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Storage;
using Controllers.Simulation.Boards;

namespace Controllers.Cli.Tests;

/// <summary>
/// A <see cref="CalibrationBoard"/> on a real-time <see cref="VirtualCanBus"/>, served by a
/// <see cref="SocketcandServer"/> on 127.0.0.1 with an ephemeral port. A background thread moves frames into
/// the board's ISO-TP endpoint and runs its UDS server every millisecond.
/// </summary>
internal sealed class CalibrationTestEcu : IDisposable
{
    public const uint RequestId = 0x7E0;
    public const uint ResponseId = 0x7E8;

    /// <summary>SecurityAccess secret of the test board, 32 bytes as hex.</summary>
    public const string SecretHex = "00112233445566778899AABBCCDDEEFF0123456789ABCDEF0011223344556677";

    private readonly VirtualCanBus bus = new(500_000, VirtualBusClock.RealTime);
    private readonly SocketcandServer socketcand;
    private readonly VirtualCanNode node;
    private readonly IsoTpEndpoint endpoint;
    private readonly UdsIsoTpAdapter adapter;
    private readonly Thread pumpThread;
    private readonly object gate = new();
    private readonly CalibrationBoard board;
    private volatile bool stopping;

    /// <summary>Starts the board on <paramref name="store"/>, which keeps the calibration record across instances.</summary>
    public CalibrationTestEcu(INonVolatileStore store, Action<CalibrationBoard>? configure = null)
    {
        var clock = new StopwatchClock();
        board = new CalibrationBoard(store, clock, Convert.FromHexString(SecretHex));
        configure?.Invoke(board);

        socketcand = new SocketcandServer(bus, IPAddress.Loopback);
        node = bus.Attach("bms");
        endpoint = new IsoTpEndpoint(new IsoTpSettings { TransmitId = ResponseId, ReceiveId = RequestId }, new NodeTransmitter(node), clock);
        adapter = new UdsIsoTpAdapter(board.Server, endpoint);
        pumpThread = new Thread(() => Pump(clock)) { IsBackground = true, Name = "calibration-test-ecu" };
        pumpThread.Start();
    }

    /// <summary>socketcand endpoint for <c>--socketcand</c>.</summary>
    public string Endpoint => "127.0.0.1:" + socketcand.Port;

    /// <summary>Runs <paramref name="action"/> on the board while the pump thread is paused.</summary>
    public T With<T>(Func<CalibrationBoard, T> action)
    {
        lock (gate)
        {
            return action(board);
        }
    }

    public void Dispose()
    {
        stopping = true;
        pumpThread.Join(TimeSpan.FromSeconds(5));
        node.Dispose();
        socketcand.Dispose();
    }

    private void Pump(StopwatchClock clock)
    {
        var frame = new CanFrame();
        while (!stopping)
        {
            bool received = node.TryReceive(frame, TimeSpan.FromMilliseconds(1));
            lock (gate)
            {
                if (received)
                {
                    endpoint.OnFrameReceived(frame);
                    while (node.TryReceive(frame, TimeSpan.Zero))
                    {
                        endpoint.OnFrameReceived(frame);
                    }
                }

                endpoint.Run(clock.NowMicroseconds);
                adapter.Run(clock.NowMicroseconds);
            }
        }
    }

    private sealed class NodeTransmitter(VirtualCanNode node) : ICanTransmitter
    {
        public bool TrySend(CanFrame frame)
        {
            node.Send(frame);
            return true;
        }
    }
}

using System;
using System.Net;
using System.Threading;
using Controllers.Can.Diagnostics;
using Controllers.Can.Transports;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Scheduling;
using Controllers.Simulation.Boards;

namespace Controllers.Cli.Tests;

/// <summary>
/// A calibration rig board (<see cref="CalibrationBoard"/> or <see cref="VcuCalibrationBoard"/>) on a real-time <see cref="VirtualCanBus"/>, served by a
/// <see cref="SocketcandServer"/> on 127.0.0.1 with an ephemeral port. A background thread moves frames into
/// the board's ISO-TP endpoint and runs its UDS server every millisecond.
/// </summary>
internal sealed class CalibrationTestEcu<TBoard> : IDisposable
{
    public const uint RequestId = 0x7E0;
    public const uint ResponseId = 0x7E8;

    /// <summary>SecurityAccess secret of the test board, 32 bytes as hex.</summary>
    public const string SecretHex = CalibrationTestEcus.SecretHex;

    private readonly VirtualCanBus bus = new(500_000, VirtualBusClock.RealTime);
    private readonly SocketcandServer socketcand;
    private readonly VirtualCanNode node;
    private readonly IsoTpEndpoint endpoint;
    private readonly UdsIsoTpAdapter adapter;
    private readonly Thread pumpThread;
    private readonly object gate = new();
    private readonly TBoard board;
    private readonly Action<TBoard>? tick;
    private volatile bool stopping;

    /// <summary>
    /// Starts the board that <paramref name="create"/> builds on the UDS clock and the test secret. The pump thread
    /// calls <paramref name="tick"/>, when given, once per loop, about every millisecond.
    /// </summary>
    public CalibrationTestEcu(Func<IMonotonicClock, byte[], TBoard> create, Func<TBoard, UdsServer> serverOf, Action<TBoard>? tick = null)
    {
        this.tick = tick;
        var clock = new StopwatchClock();
        board = create(clock, Convert.FromHexString(SecretHex));

        socketcand = new SocketcandServer(bus, IPAddress.Loopback);
        node = bus.Attach("bms");
        endpoint = new IsoTpEndpoint(new IsoTpSettings { TransmitId = ResponseId, ReceiveId = RequestId }, new NodeTransmitter(node), clock);
        adapter = new UdsIsoTpAdapter(serverOf(board), endpoint);
        pumpThread = new Thread(() => Pump(clock)) { IsBackground = true, Name = "calibration-test-ecu" };
        pumpThread.Start();
    }

    /// <summary>socketcand endpoint for <c>--socketcand</c>.</summary>
    public string Endpoint => "127.0.0.1:" + socketcand.Port;

    /// <summary>Runs <paramref name="action"/> on the board while the pump thread is paused.</summary>
    public T With<T>(Func<TBoard, T> action)
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
                tick?.Invoke(board);
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

/// <summary>Rig boards for the calibration tests.</summary>
internal static class CalibrationTestEcus
{
    /// <summary>SecurityAccess secret of the test boards, 32 bytes as hex.</summary>
    public const string SecretHex = "00112233445566778899AABBCCDDEEFF0123456789ABCDEF0011223344556677";

    /// <summary>A BMS rig board on <paramref name="store"/>, which keeps the calibration record across instances.</summary>
    /// <remarks>
    /// The pump runs the insulation monitor for 100 ms of simulated time per loop, so insulation cycles pass about
    /// a hundred times faster than real time.
    /// </remarks>
    public static CalibrationTestEcu<CalibrationBoard> Bms(Firmware.Common.Storage.INonVolatileStore store, Action<CalibrationBoard>? configure = null,
        Simulation.Plant.InsulationPlantSettings? insulationCircuit = null) =>
        new((clock, secret) =>
        {
            var board = new CalibrationBoard(store, clock, secret, insulationCircuit ?? CalibrationBoard.InsulationErrors);
            configure?.Invoke(board);
            return board;
        }, board => board.Server, board => board.AdvanceInsulation());

    /// <summary>A VCU pedal rig board on <paramref name="store"/>.</summary>
    public static CalibrationTestEcu<VcuCalibrationBoard> Vcu(Firmware.Common.Storage.INonVolatileStore store) =>
        new((clock, secret) => new VcuCalibrationBoard(store, clock, secret), board => board.Server);
}

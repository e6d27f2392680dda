using System;
using System.Net;
using System.Threading;
using Controllers.Can.Diagnostics;
using Controllers.Can.Transports;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Diagnostics;

namespace Controllers.Cli.Tests;

/// <summary>
/// A firmware <see cref="UdsServer"/> with a DTC memory on a real-time <see cref="VirtualCanBus"/>, served
/// by a <see cref="SocketcandServer"/> on 127.0.0.1 with an ephemeral port. A background thread moves
/// frames into the server's ISO-TP endpoint and runs it every millisecond.
/// </summary>
internal sealed class DtcTestEcu : IDisposable
{
    public const uint RequestId = 0x7E0;
    public const uint ResponseId = 0x7E8;

    private readonly VirtualCanBus bus = new(500_000, VirtualBusClock.RealTime);
    private readonly SocketcandServer socketcand;
    private readonly VirtualCanNode node;
    private readonly IsoTpEndpoint endpoint;
    private readonly UdsIsoTpAdapter adapter;
    private readonly Thread pumpThread;
    private readonly object gate = new();
    private volatile bool stopping;

    /// <summary>
    /// Registers <paramref name="dtcs"/>, lets <paramref name="configure"/> set debounce, snapshots or ageing,
    /// and reports a failed test for each of <paramref name="failedDtcs"/>.
    /// </summary>
    public DtcTestEcu(uint[] dtcs, uint[] failedDtcs, Action<DtcMemory>? configure = null)
    {
        var clock = new StopwatchClock();
        Dtcs = new DtcMemory(dtcs.Length);
        foreach (uint dtc in dtcs)
        {
            Dtcs.Register(dtc);
        }

        configure?.Invoke(Dtcs);

        foreach (uint dtc in failedDtcs)
        {
            Dtcs.ReportTestResult(dtc, failed: true);
        }

        var server = new UdsServer(clock) { Dtcs = Dtcs };
        socketcand = new SocketcandServer(bus, IPAddress.Loopback);
        node = bus.Attach("ecu");
        endpoint = new IsoTpEndpoint(new IsoTpSettings { TransmitId = ResponseId, ReceiveId = RequestId }, new NodeTransmitter(node), clock);
        adapter = new UdsIsoTpAdapter(server, endpoint);
        pumpThread = new Thread(() => Pump(clock)) { IsBackground = true, Name = "dtc-test-ecu" };
        pumpThread.Start();
    }

    /// <summary>socketcand endpoint for <c>--socketcand</c>.</summary>
    public string Endpoint => "127.0.0.1:" + Port;

    public int Port => socketcand.Port;

    /// <summary>The server's DTC memory. Read it under <see cref="Read{T}"/> while the ECU runs.</summary>
    private DtcMemory Dtcs { get; }

    /// <summary>Runs <paramref name="read"/> on the DTC memory while the pump thread is paused.</summary>
    public T Read<T>(Func<DtcMemory, T> read)
    {
        lock (gate)
        {
            return read(Dtcs);
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

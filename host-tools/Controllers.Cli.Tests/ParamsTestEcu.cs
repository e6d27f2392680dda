using System;
using System.Net;
using System.Threading;
using Controllers.Can.Diagnostics;
using Controllers.Can.Transports;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Parameters;
using Controllers.Firmware.Vcu;
using Controllers.Firmware.Vcu.Parameters;
using Controllers.Hil.Vehicle;
using Controllers.Simulation.Storage;

namespace Controllers.Cli.Tests;

/// <summary>
/// A whole <see cref="VcuCore"/> with diagnostics (request 0x7E0, response 0x7E8) and its parameter record on a
/// simulated flash store, on a real-time <see cref="VirtualCanBus"/> served by a <see cref="SocketcandServer"/>
/// on 127.0.0.1. A background thread passes received frames to the core and runs its executive every millisecond.
/// </summary>
internal sealed class ParamsTestEcu : IDisposable
{
    public const string SecretHex = "000102030405060708090A0B0C0D0E0F";

    private readonly VirtualCanBus bus = new(500_000, VirtualBusClock.RealTime);
    private readonly SocketcandServer socketcand;
    private readonly VirtualCanNode node;
    private readonly VcuCore core;
    private readonly Thread pumpThread;
    private readonly object gate = new();
    private volatile bool stopping;

    public ParamsTestEcu()
    {
        var clock = new StopwatchClock();
        Store = new SimulatedFlashStore(4, 4096, SimulatedRegionKind.File);
        Record = new ParameterRecord(VcuParameters.CreateDatabase(), Store, 0, 1);
        Record.Load();
        core = new VcuCore(clock, new VcuRigInputs(), VcuParameters.CreateSettings(Record.Database, out _));
        socketcand = new SocketcandServer(bus, IPAddress.Loopback);
        node = bus.Attach("vcu");
        core.AddDiagnostics(new NodeTransmitter(node), new BoardDiagnosticsSettings
        {
            RequestId = 0x7E0,
            ResponseId = 0x7E8,
            SecuritySecret = Convert.FromHexString(SecretHex),
            RandomSource = new CountingRandom(),
            AttemptStore = new RamAttemptStore(),
            PartNumber = "VCU-ATV-01",
            SerialNumber = "SN-TEST-1",
            Parameters = Record,
            ParameterValidator = new VcuParameters(),
            DtcStore = Store,
            DtcRegionA = 2,
            DtcRegionB = 3,
        });
        core.Executive.Start();
        pumpThread = new Thread(() => Pump(clock)) { IsBackground = true, Name = "params-test-ecu" };
        pumpThread.Start();
    }

    /// <summary>socketcand endpoint for <c>--socketcand</c>.</summary>
    public string Endpoint => "127.0.0.1:" + socketcand.Port;

    /// <summary>Flash of the board; read it under <see cref="Read{T}"/> while the ECU runs.</summary>
    private SimulatedFlashStore Store { get; }

    private ParameterRecord Record { get; }

    /// <summary>Runs <paramref name="read"/> on the parameter record and the store while the pump thread is paused.</summary>
    public T Read<T>(Func<ParameterRecord, SimulatedFlashStore, T> read)
    {
        lock (gate)
        {
            return read(Record, Store);
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
                while (received)
                {
                    core.Receive(frame, clock.NowMicroseconds);
                    received = node.TryReceive(frame, TimeSpan.Zero);
                }

                core.Executive.RunDueTasks();
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

    private sealed class CountingRandom : IUdsRandomSource
    {
        private uint next = 0x13572468;

        public uint NextUInt32() => next++;
    }

    private sealed class RamAttemptStore : IUdsSecurityAttemptStore
    {
        private int count;

        public int LoadFailedAttempts() => count;

        public void StoreFailedAttempts(int value) => count = value;
    }
}

using System;
using System.Collections.Generic;
using Controllers.Can.Transports;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Can.Tests.Diagnostics;

/// <summary>
/// A firmware <see cref="UdsServer"/> behind an <see cref="IsoTpEndpoint"/> on a simulated-time
/// <see cref="VirtualCanBus"/>, seen by the client as its transport. Each <see cref="TryReceive"/> moves the
/// simulated world forward by at most its timeout: it transmits pending frames, runs the server side and
/// advances the bus clock. So client and server run on one thread, and P2 and P2* pass in simulated time.
/// </summary>
internal sealed class SimulatedUdsEcu : ICanTransport
{
    public const uint RequestId = 0x7E0;
    public const uint ResponseId = 0x7E8;

    public const ushort VinIdentifier = 0xF190;
    public const ushort SettingIdentifier = 0x0100;
    public const ushort LargeIdentifier = 0x0400;
    public const ushort QuickRoutine = 0xFF00;
    public const ushort SlowRoutine = 0xFF01;

    public static readonly byte[] Secret = Convert.FromHexString("0102030405060708090A0B0C0D0E0F101112131415161718");

    private static readonly TimeSpan IdleStep = TimeSpan.FromMicroseconds(100);

    // Upper bound on steps per TryReceive, far above what any timeout here needs.
    private const int MaxStepsPerReceive = 1_000_000;

    private readonly VirtualCanBus bus = new(500_000);
    private readonly VirtualCanNode tester;
    private readonly VirtualCanNode ecu;
    private readonly IsoTpEndpoint ecuEndpoint;
    private readonly UdsIsoTpAdapter adapter;
    private readonly CanFrame frame = new();

    public SimulatedUdsEcu()
    {
        tester = bus.Attach("tester");
        ecu = bus.Attach("ecu");
        Clock = new BusClock(bus);
        ecuEndpoint = new IsoTpEndpoint(IsoTp(ResponseId, RequestId), new NodeTransmitter(ecu), Clock);

        Server = new UdsServer(Clock)
        {
            ResetHandler = Resets,
            DataIdentifiers = new UdsDataIdentifierTable(4),
            Routines = new UdsRoutineTable(4),
            Dtcs = new DtcMemory(4),
        };
        Server.ConfigureSecurity(Secret, 1, new CountingRandom(), new MemoryAttemptStore());

        Data.Values[VinIdentifier] = "TESTVIN0000000001"u8.ToArray();
        Data.Values[SettingIdentifier] = [0x12, 0x34];
        Data.Values[LargeIdentifier] = new byte[100];
        for (int i = 0; i < 100; i++)
        {
            Data.Values[LargeIdentifier][i] = (byte)i;
        }

        Server.DataIdentifiers!.Add(VinIdentifier, 17, true, false, UdsSession.AllMask, 0, Data);
        Server.DataIdentifiers.Add(SettingIdentifier, 2, true, true, UdsSession.AllMask, 0x01, Data);
        Server.DataIdentifiers.Add(LargeIdentifier, 100, true, true, UdsSession.AllMask, 0, Data);

        Routine = new TimedRoutine(Clock);
        Server.Routines!.Add(QuickRoutine, UdsSession.AllMask, 0, true, true, Routine);
        Server.Routines.Add(SlowRoutine, UdsSession.AllMask, 0, false, false, Routine);

        adapter = new UdsIsoTpAdapter(Server, ecuEndpoint);
    }

    public BusClock Clock { get; }

    public UdsServer Server { get; }

    public ResetRecorder Resets { get; } = new();

    public DataStore Data { get; } = new();

    public TimedRoutine Routine { get; }

    /// <summary>When true, the server side receives requests but never processes them.</summary>
    public bool Silent { get; set; }

    public CanTransportStatistics Statistics => tester.Statistics;

    public static IsoTpSettings IsoTp(uint transmitId, uint receiveId) => new()
    {
        TransmitId = transmitId,
        ReceiveId = receiveId,
    };

    public void Send(CanFrame frame) => tester.Send(frame);

    public bool TryReceive(CanFrame into, TimeSpan timeout, out TimeSpan timestamp)
    {
        TimeSpan end = bus.Now + timeout;
        for (int step = 0; step < MaxStepsPerReceive; step++)
        {
            RunServerSide();
            if (tester.TryReceive(into, TimeSpan.Zero, out timestamp))
            {
                return true;
            }

            TimeSpan remaining = end - bus.Now;
            if (bus.RunOneFrame())
            {
                continue;
            }

            if (remaining <= TimeSpan.Zero)
            {
                return false;
            }

            bus.Advance(remaining < IdleStep ? remaining : IdleStep);
        }

        throw new InvalidOperationException("The simulated ECU did not settle within the step limit.");
    }

    public void AddFilter(CanFilter filter) => tester.AddFilter(filter);

    public void ClearFilters() => tester.ClearFilters();

    public void Dispose()
    {
        tester.Dispose();
        ecu.Dispose();
    }

    private void RunServerSide()
    {
        while (ecu.TryReceive(frame, TimeSpan.Zero, out _))
        {
            ecuEndpoint.OnFrameReceived(frame);
        }

        long now = Clock.NowMicroseconds;
        ecuEndpoint.Run(now);
        if (!Silent)
        {
            adapter.Run(now);
        }
    }

    internal sealed class BusClock(VirtualCanBus bus) : IMonotonicClock
    {
        public long NowMicroseconds => bus.Now.Ticks / 10;
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
        private uint next = 0xA1B2C3D4;

        public uint NextUInt32() => next += 0x01020304;
    }

    private sealed class MemoryAttemptStore : IUdsSecurityAttemptStore
    {
        private int count;

        public int LoadFailedAttempts() => count;

        public void StoreFailedAttempts(int value) => count = value;
    }

    internal sealed class ResetRecorder : IUdsResetHandler
    {
        public List<int> Performed { get; } = new();

        public bool IsResetAllowed(int resetType) => true;

        public void Reset(int resetType) => Performed.Add(resetType);
    }

    internal sealed class DataStore : IUdsDataIdentifierHandler
    {
        public Dictionary<int, byte[]> Values { get; } = new();

        public byte Read(int identifier, byte[] destination, int offset)
        {
            Values[identifier].CopyTo(destination, offset);
            return UdsNegativeResponseCode.PositiveResponse;
        }

        public byte Write(int identifier, byte[] source, int offset, int length)
        {
            Values[identifier] = source[offset..(offset + length)];
            return UdsNegativeResponseCode.PositiveResponse;
        }
    }

    /// <summary>
    /// The quick routine echoes its options after a 0x00 status byte. The slow routine replies
    /// responsePending and finishes <see cref="SlowRoutineDuration"/> after its start with status 0x01.
    /// </summary>
    internal sealed class TimedRoutine(IMonotonicClock clock) : IUdsRoutineHandler
    {
        private long startMicroseconds;

        public TimeSpan SlowRoutineDuration { get; set; } = TimeSpan.FromSeconds(7);

        public byte Start(int identifier, byte[] options, int offset, int length, byte[] result, int resultOffset, out int resultLength)
        {
            resultLength = 0;
            if (identifier == SlowRoutine)
            {
                startMicroseconds = clock.NowMicroseconds;
                return UdsNegativeResponseCode.ResponsePending;
            }

            result[resultOffset] = 0x00;
            Array.Copy(options, offset, result, resultOffset + 1, length);
            resultLength = 1 + length;
            return UdsNegativeResponseCode.PositiveResponse;
        }

        public byte Stop(int identifier, byte[] options, int offset, int length, byte[] result, int resultOffset, out int resultLength)
        {
            result[resultOffset] = 0x02;
            resultLength = 1;
            return UdsNegativeResponseCode.PositiveResponse;
        }

        public byte RequestResults(int identifier, byte[] result, int resultOffset, out int resultLength)
        {
            result[resultOffset] = 0xAA;
            resultLength = 1;
            return UdsNegativeResponseCode.PositiveResponse;
        }

        public byte Poll(int identifier, byte[] result, int resultOffset, out int resultLength)
        {
            resultLength = 0;
            if (clock.NowMicroseconds - startMicroseconds < SlowRoutineDuration.Ticks / 10)
            {
                return UdsNegativeResponseCode.ResponsePending;
            }

            result[resultOffset] = 0x01;
            resultLength = 1;
            return UdsNegativeResponseCode.PositiveResponse;
        }
    }
}

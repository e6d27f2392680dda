using System;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Controllers.Can.Transports;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Benchmarks;

/// <summary>
/// One 4095-byte ISO-TP transfer between two firmware <see cref="IsoTpEndpoint"/>s (each an IsoTpSender
/// and an IsoTpReceiver) over a <see cref="VirtualCanBus"/> at 500 kbit/s in simulated time. The mean is
/// host time per transfer. The extra columns give the simulated bus time of the transfer and the payload
/// rate as a fraction of back-to-back consecutive frames at that bitrate.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputColumns))]
public class IsoTpThroughputBenchmarks
{
    /// <summary>Bus bitrate in bit/s.</summary>
    public const int Bitrate = 500_000;

    /// <summary>Largest ISO-TP message on classic CAN: the 12-bit length of a first frame (ISO 15765-2).</summary>
    public const int PayloadBytes = 4095;

    private byte[] payload = [];
    private byte[] received = [];

    [GlobalSetup]
    public void Setup()
    {
        payload = new byte[PayloadBytes];
        new Random(3).NextBytes(payload);
        received = new byte[PayloadBytes];
    }

    /// <summary>Transfers the message once and returns the simulated bus time it took, in seconds.</summary>
    [Benchmark]
    public double Transfer4095Bytes() => Transfer(payload, received).TotalSeconds;

    /// <summary>
    /// Returns the time that <paramref name="payloadBytes"/> take when every bus slot carries a consecutive
    /// frame, the fastest ISO-TP can go, counting the worst-case stuff bits of each frame.
    /// </summary>
    public static double BackToBackSeconds(int payloadBytes, int bitrate)
    {
        // A classic data frame with an 11-bit id and 8 data bytes (ISO 11898-1 frame fields):
        //   SOF 1 + id 11 + RTR 1 + IDE 1 + r0 1 + DLC 4 + data 64 + CRC 15       = 98 bits
        //   CRC delimiter 1 + ACK slot 1 + ACK delimiter 1 + EOF 7                 = 10 bits
        //   interframe space (intermission) 3                                      =  3 bits
        // Stuff bits can occur in the 98 bits from SOF to the end of the CRC. The first stuff bit needs
        // 5 equal bits, and in the worst case each stuff bit starts the next run, so every further 4 bits
        // add one: floor((98 - 1) / 4) = 24 stuff bits. Total 98 + 10 + 3 + 24 = 135 bits per frame.
        const int frameFieldBits = 98 + 10;
        const int intermissionBits = 3;
        const int worstCaseStuffBits = (98 - 1) / 4;
        const int bitsPerFrame = frameFieldBits + intermissionBits + worstCaseStuffBits;

        // A consecutive frame carries 7 payload bytes after its 1-byte PCI (ISO 15765-2).
        const double payloadBytesPerFrame = 7.0;
        return payloadBytes / payloadBytesPerFrame * bitsPerFrame / bitrate;
    }

    /// <summary>
    /// Sends <paramref name="message"/> from a tester endpoint to a board endpoint and returns the simulated
    /// time the transfer took. Throws when the message does not arrive intact.
    /// </summary>
    public static TimeSpan Transfer(byte[] message, byte[] destination)
    {
        var bus = new VirtualCanBus(Bitrate);
        var testerNode = bus.Attach("tester");
        var boardNode = bus.Attach("board");
        var clock = new BusClock(bus);
        var tester = new IsoTpEndpoint(Settings(0x7E0, 0x7E8), new NodeTransmitter(testerNode), clock);
        var board = new IsoTpEndpoint(Settings(0x7E8, 0x7E0), new NodeTransmitter(boardNode), clock);

        if (!tester.TryStartTransmit(message, 0, message.Length))
        {
            throw new InvalidOperationException("The tester endpoint rejected the message.");
        }

        var frame = new CanFrame();

        // One bit time at 500 kbit/s is 2 µs (20 ticks); the bus idles that long when no frame is queued.
        var idleStep = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / Bitrate);
        const int maxSteps = 100_000;
        for (int step = 0; step < maxSteps && !board.IsMessageAvailable; step++)
        {
            if (!bus.RunOneFrame())
            {
                bus.Advance(idleStep);
            }

            while (testerNode.TryReceive(frame, TimeSpan.Zero))
            {
                tester.OnFrameReceived(frame);
            }

            while (boardNode.TryReceive(frame, TimeSpan.Zero))
            {
                board.OnFrameReceived(frame);
            }

            tester.Run(clock.NowMicroseconds);
            board.Run(clock.NowMicroseconds);
        }

        if (!board.IsMessageAvailable)
        {
            throw new InvalidOperationException($"The transfer did not finish within {maxSteps} bus steps (last receive result {board.LastReceiveResult}).");
        }

        int length = board.ReadMessage(destination, 0);
        if (length != message.Length || !destination.AsSpan(0, length).SequenceEqual(message))
        {
            throw new InvalidOperationException($"The board received {length} bytes that differ from the {message.Length} bytes sent.");
        }

        return bus.Now;
    }

    private static IsoTpSettings Settings(uint transmitId, uint receiveId) => new()
    {
        TransmitId = transmitId,
        ReceiveId = receiveId,
        BlockSize = 0,
        SeparationTimeMinimum = 0,
        PaddingEnabled = true,
        PaddingByte = 0xCC,
    };

    private sealed class BusClock(VirtualCanBus bus) : IMonotonicClock
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

    /// <summary>Adds the simulated transfer time and the fraction of the back-to-back rate to the summary.</summary>
    private sealed class ThroughputColumns : ManualConfig
    {
        public ThroughputColumns()
        {
            AddColumn(new SimulatedColumn("SimulatedTime", "Simulated bus time of one transfer", seconds => $"{seconds * 1000:F2} ms"));
            AddColumn(new SimulatedColumn(
                "RateOfMax",
                "Payload rate as a fraction of back-to-back consecutive frames with worst-case stuff bits",
                seconds => (BackToBackSeconds(PayloadBytes, Bitrate) / seconds).ToString("P1", CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>A summary column computed from one simulated transfer, which is exact and repeatable.</summary>
    private sealed class SimulatedColumn(string name, string legend, Func<double, string> format) : IColumn
    {
        private static readonly Lazy<double> SimulatedSeconds = new(() =>
        {
            var message = new byte[PayloadBytes];
            new Random(3).NextBytes(message);
            return Transfer(message, new byte[PayloadBytes]).TotalSeconds;
        });

        public string Id => name;

        public string ColumnName => name;

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => false;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => legend;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => format(SimulatedSeconds.Value);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}

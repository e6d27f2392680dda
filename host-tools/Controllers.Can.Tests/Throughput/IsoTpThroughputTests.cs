using System;
using Controllers.Can.Transports;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Scheduling;
using Xunit;
using Xunit.Abstractions;

namespace Controllers.Can.Tests.Throughput;

// ISO-TP efficiency on the virtual bus, measured in the bus's simulated time, so the figure is exact
// and repeatable rather than a wall-clock timing.
public class IsoTpThroughputTests
{
    private readonly ITestOutputHelper output;

    public IsoTpThroughputTests(ITestOutputHelper output) => this.output = output;

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

    [Fact]
    public void Transfer4095BytesAt500kbit_ReachesEightyFivePercent()
    {
        const int bitrate = 500_000;
        const int payload = 4095;
        var bus = new VirtualCanBus(bitrate);
        var testerNode = bus.Attach("tester");
        var boardNode = bus.Attach("board");
        var clock = new BusClock(bus);
        var tester = new IsoTpEndpoint(Settings(0x7E0, 0x7E8), new NodeTransmitter(testerNode), clock);
        var board = new IsoTpEndpoint(Settings(0x7E8, 0x7E0), new NodeTransmitter(boardNode), clock);
        var data = new byte[payload];
        new Random(3).NextBytes(data);

        Assert.True(tester.TryStartTransmit(data, 0, payload));
        var frame = new CanFrame();
        for (int step = 0; step < 100_000 && !board.IsMessageAvailable; step++)
        {
            if (!bus.RunOneFrame())
            {
                // Nothing queued: let the endpoints' timers run one bit time later.
                bus.Advance(TimeSpan.FromTicks(20));
            }

            while (testerNode.TryReceive(frame, TimeSpan.Zero, out _))
            {
                tester.OnFrameReceived(frame);
            }

            while (boardNode.TryReceive(frame, TimeSpan.Zero, out _))
            {
                board.OnFrameReceived(frame);
            }

            tester.Run(clock.NowMicroseconds);
            board.Run(clock.NowMicroseconds);
        }

        Assert.True(board.IsMessageAvailable);
        var received = new byte[payload];
        Assert.Equal(payload, board.ReadMessage(received, 0));
        Assert.Equal(data, received);

        // Back-to-back consecutive frames: 7 payload bytes in an 8-byte standard frame of 47 + 64 = 111
        // bits plus floor((34 + 64 - 1) / 4) = 24 worst-case stuff bits, 135 bits = 270 µs at 500 kbit/s.
        double idealSeconds = payload / 7.0 * 135 / bitrate;
        double actualSeconds = bus.Now.TotalSeconds;
        double efficiency = idealSeconds / actualSeconds;
        output.WriteLine($"4095 bytes in {actualSeconds * 1000:F2} ms, ideal {idealSeconds * 1000:F2} ms: {efficiency:P1}");

        Assert.True(efficiency >= 0.85, $"ISO-TP efficiency {efficiency:P1} is below 85 %.");
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
}

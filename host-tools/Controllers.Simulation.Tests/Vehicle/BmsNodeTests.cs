using System;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Can.Generated.Vcu;
using Controllers.Simulation.Network;
using Controllers.Simulation.Vehicle;
using Controllers.Simulation.Vehicle.Nodes;
using Xunit;

namespace Controllers.Simulation.Tests.Vehicle;

// Link figures from boards/vcu-atv.yaml: 1 mF, 47 Ω precharge (τ = 47 ms), contactors close 25 ms and open
// 10 ms after their coils. A test "VCU" on the same bus sends VCU_HvRequest every 20 ms and counts what it receives.
public class BmsNodeTests
{
    private sealed class Bench
    {
        public readonly SimulatedCanNetwork Network = new(500000);
        public readonly HighVoltageLink Link;
        public readonly BmsNode Bms;
        public readonly int[] ReceivedCounts = new int[0x800];
        public readonly BMS_PackStatus PackStatus = new();
        public readonly BMS_ContactorStatus ContactorStatus = new();
        public readonly BMS_FaultSummary FaultSummary = new();
        public int PackStatusCrcErrors;
        public int Request = VCU_HvRequest.HvConnectRequestConnect;
        public bool Crash;
        public bool CorruptCrc;
        public bool Silent;
        public long Now;

        private readonly ICanTransmitter vcu;
        private readonly VCU_HvRequest request = new();
        private readonly CanFrame frame = new();
        private int counter;

        public Bench(Func<HighVoltageLink, SimulatedCanNetwork, BmsNode>? create = null)
        {
            var definition = VehicleFiles.LoadAtv();
            Link = new HighVoltageLink(definition.HighVoltage, definition.Cell.Parameters);
            vcu = Network.Attach("VCU", Receive);
            Bms = create != null ? create(Link, Network) : new BmsNode(Link, Network);
        }

        public void Step()
        {
            Now += 1000;
            Link.Step(0.001, 0);
            Network.AdvanceTo(Now);
            Bms.Step(Now);
            if (Now % 20000 == 0 && !Silent)
            {
                request.HvConnectRequest = Request;
                request.CrashDetected = Crash ? 1 : 0;
                request.HvilClosed = 1;
                request.HvRequestAliveCounter = counter;
                request.Encode(frame);
                byte crc = Crc8SaeJ1850.Compute(frame.Data, 0, VCU_HvRequest.Length - 1);
                frame.Data[VCU_HvRequest.Length - 1] = CorruptCrc ? (byte)(crc ^ 0x01) : crc;
                vcu.TrySend(frame);
                counter = (counter + 1) & 0xF;
            }
        }

        public void Run(long microseconds)
        {
            long end = Now + microseconds;
            while (Now < end)
            {
                Step();
            }
        }

        public long RunUntil(Func<bool> condition, long limitMicroseconds)
        {
            long start = Now;
            while (!condition())
            {
                Assert.True(Now - start <= limitMicroseconds, $"Condition not met within {limitMicroseconds / 1000} ms; phase {Bms.Phase}.");
                Step();
            }

            return Now - start;
        }

        private void Receive(CanFrame received, long time)
        {
            ReceivedCounts[received.Id & 0x7FF]++;
            if (PackStatus.TryDecode(received))
            {
                if (Crc8SaeJ1850.Compute(received.Data, 0, 7) != received.Data[7])
                {
                    PackStatusCrcErrors++;
                }
            }

            ContactorStatus.TryDecode(received);
            FaultSummary.TryDecode(received);
        }
    }

    [Fact]
    public void Connect_RunsSequenceAndPrechargesTo95Percent()
    {
        var bench = new Bench();
        long closedAfter = bench.RunUntil(() => bench.Bms.Phase == BmsContactorPhase.Closed, 1_000_000);

        // First request at 20 ms, then 25 ms negative + 25 ms precharge contact + 3τ = 141 ms to 95 % + 25 ms positive
        // + 10 ms precharge release = 226 ms; the 1 ms step adds up to 1 ms per phase change.
        Assert.InRange(closedAfter, 20_000 + 226_000 - 5_000, 20_000 + 226_000 + 5_000);
        Assert.True(bench.Link.IsConnected);
        Assert.False(bench.Link.IsClosed(HighVoltageContactor.Precharge));
        Assert.True(bench.Link.LastClosingDifferenceVolts > -0.06 * bench.Link.Pack.PackVolts);

        bench.Run(200_000);
        Assert.Equal(BMS_PackStatus.BmsStateConnected, (int)bench.PackStatus.BmsState);
        Assert.Equal(BMS_ContactorStatus.MainPositiveContactorClosed, (int)bench.ContactorStatus.MainPositiveContactor);
        Assert.Equal(BMS_ContactorStatus.MainNegativeContactorClosed, (int)bench.ContactorStatus.MainNegativeContactor);
        Assert.Equal(BMS_ContactorStatus.PrechargeContactorOpen, (int)bench.ContactorStatus.PrechargeContactor);
    }

    [Fact]
    public void Messages_SentAtDbcCycleTimes()
    {
        var bench = new Bench();
        bench.Run(2_000_000);

        // 2 s at 20 ms, 100 ms and 1000 ms cycles, the first of each at time 1 ms.
        Assert.Equal(100, bench.ReceivedCounts[BMS_PackStatus.Id]);
        Assert.Equal(20, bench.ReceivedCounts[BMS_PowerLimits.Id]);
        Assert.Equal(20, bench.ReceivedCounts[BMS_PowerLimits10s.Id]);
        Assert.Equal(20, bench.ReceivedCounts[BMS_PowerLimits30s.Id]);
        Assert.Equal(20, bench.ReceivedCounts[BMS_ContactorStatus.Id]);
        Assert.Equal(20, bench.ReceivedCounts[BMS_FaultSummary.Id]);
        Assert.Equal(2, bench.ReceivedCounts[BMS_Insulation.Id]);
        Assert.Equal(0, bench.PackStatusCrcErrors);
    }

    [Fact]
    public void RequestWithBadCrc_IsRejectedAndTimesOut()
    {
        var bench = new Bench { CorruptCrc = true };
        bench.Run(500_000);

        // Frames go out at 20, 40, … 500 ms; the one sent at 500 ms is still on the bus when the run ends.
        Assert.Equal(24, bench.Bms.RejectedRequests);
        Assert.True(bench.Bms.RequestTimedOut);
        Assert.Equal(BmsContactorPhase.Open, bench.Bms.Phase);
        Assert.False(bench.Link.IsClosed(HighVoltageContactor.Negative));
    }

    [Fact]
    public void RequestTimeout_OpensContactors()
    {
        var bench = new Bench();
        bench.RunUntil(() => bench.Bms.Phase == BmsContactorPhase.Closed, 1_000_000);
        bench.Silent = true;
        long lastFrame = bench.Now - bench.Now % 20000;
        long openedAfter = bench.RunUntil(() => !bench.Link.IsClosed(HighVoltageContactor.Positive), 500_000);

        // The last frame arrived at most 20 ms before silence; the timeout is 100 ms, the release 10 ms.
        long fromLastFrame = bench.Now - lastFrame;
        Assert.InRange(fromLastFrame, 100_000, 100_000 + 10_000 + 2_000);
        Assert.True(openedAfter <= 112_000);
        Assert.True(bench.Bms.LastEmergencyOpenMicroseconds > 0);
    }

    [Fact]
    public void EmergencyOpen_OpensAtOnce()
    {
        var bench = new Bench();
        bench.RunUntil(() => bench.Bms.Phase == BmsContactorPhase.Closed, 1_000_000);
        bench.Request = VCU_HvRequest.HvConnectRequestEmergencyOpen;
        long openedAfter = bench.RunUntil(() => !bench.Link.IsClosed(HighVoltageContactor.Positive) && !bench.Link.IsClosed(HighVoltageContactor.Negative), 100_000);

        // At most 20 ms until the next request frame, about 0.25 ms on the bus, then 10 ms release.
        Assert.InRange(openedAfter, 10_000, 32_000);
    }

    [Fact]
    public void CrashDetected_OpensEvenWithConnectRequested()
    {
        var bench = new Bench();
        bench.RunUntil(() => bench.Bms.Phase == BmsContactorPhase.Closed, 1_000_000);
        bench.Crash = true;
        long openedAfter = bench.RunUntil(() => !bench.Link.IsConnected, 100_000);

        Assert.InRange(openedAfter, 10_000, 32_000);
        Assert.Equal(VCU_HvRequest.HvConnectRequestConnect, bench.Request);
        bench.Run(200_000);
        Assert.Equal(BmsContactorPhase.Open, bench.Bms.Phase);
    }

    [Fact]
    public void OpenPrechargeResistor_SetsFlagAndClearsOnDisconnect()
    {
        var bench = new Bench();
        bench.Link.PrechargeResistorOpen = true;
        bench.RunUntil(() => bench.Bms.PrechargeFailed, 1_000_000);
        Assert.False(bench.Link.IsCoilEnergised(HighVoltageContactor.Negative));
        Assert.False(bench.Link.IsCoilEnergised(HighVoltageContactor.Precharge));

        bench.Run(200_000);
        Assert.Equal(1, (int)bench.FaultSummary.PrechargeFailedFlag);
        Assert.Equal(BMS_PackStatus.BmsStateFault, (int)bench.PackStatus.BmsState);

        // Still latched while Connect stays requested; a Disconnect clears it.
        Assert.Equal(BmsContactorPhase.Open, bench.Bms.Phase);
        bench.Request = VCU_HvRequest.HvConnectRequestDisconnect;
        bench.Run(100_000);
        Assert.False(bench.Bms.PrechargeFailed);
    }

    [Fact]
    public void WeldedPositive_ReportedAfterDisconnect()
    {
        var bench = new Bench();
        bench.RunUntil(() => bench.Bms.Phase == BmsContactorPhase.Closed, 1_000_000);
        bench.Link.SetWelded(HighVoltageContactor.Positive, true);
        bench.Request = VCU_HvRequest.HvConnectRequestDisconnect;
        bench.Run(300_000);

        Assert.Equal(2, bench.Bms.GetFeedback(HighVoltageContactor.Positive));
        Assert.Equal(0, bench.Bms.GetFeedback(HighVoltageContactor.Negative));
        Assert.Equal(BMS_ContactorStatus.MainPositiveContactorWelded, (int)bench.ContactorStatus.MainPositiveContactor);
        Assert.Equal(1, (int)bench.FaultSummary.ContactorFaultFlag);
    }

    [Fact]
    public void InsulationBelow100OhmsPerVolt_SetsFlag()
    {
        // 40 kΩ over 403.2 V is 99.2 Ω/V, below the 100 Ω/V of UN ECE R100 §5.1.3 for DC buses; 41 kΩ is 101.7 Ω/V.
        var bench = new Bench();
        bench.Bms.InsulationKiloohms = 41;
        bench.Run(200_000);
        Assert.Equal(0, (int)bench.FaultSummary.InsulationFaultFlag);

        bench.Bms.InsulationKiloohms = 40;
        bench.Run(200_000);
        Assert.Equal(1, (int)bench.FaultSummary.InsulationFaultFlag);
        Assert.Equal(BMS_FaultSummary.FaultLevelWarning, (int)bench.FaultSummary.FaultLevel);
    }

    [Fact]
    public void FaultLevelContactorsOpening_OpensWithinOneSecond()
    {
        var bench = new Bench();
        bench.RunUntil(() => bench.Bms.Phase == BmsContactorPhase.Closed, 1_000_000);
        bench.Bms.InjectedFaultLevel = BMS_FaultSummary.FaultLevelContactorsOpening;

        // No load on the link, so the current is below the 5 A break limit and the contactors open at once.
        long openedAfter = bench.RunUntil(() => !bench.Link.IsConnected, 1_100_000);
        Assert.True(openedAfter <= 12_000);
    }
}

using System;
using Controllers.Firmware.Common.Diagnostics;
using Xunit;

namespace Controllers.Firmware.Common.Tests.Diagnostics;

/// <summary>
/// Fault detection counter, freeze frames, ageing and severity of <see cref="DtcMemory"/>, through
/// ReadDTCInformation (0x19). Expected bytes follow the ISO 14229-1 ReadDTCInformation message layouts
/// written above each test; status bytes are worked out bit by bit in the comments.
/// </summary>
public class DtcMemoryDepthTests
{
    private const uint Pedal = 0x123456;
    private const uint Supply = 0xABCDEF;
    private const uint Monitor = 0x400100;

    private readonly DtcMemory memory = new(4);
    private readonly UdsServer server;
    private readonly FixedSnapshotSource source = new();

    public DtcMemoryDepthTests()
    {
        server = new UdsServer(new TestClock(1_000_000)) { Dtcs = memory };
        memory.Register(Pedal);
        memory.Register(Supply, DtcMemory.SeverityMaintenanceOnly, 0x11);
        memory.Register(Monitor, DtcMemory.SeverityCheckImmediately, 0x10);
    }

    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    private byte[] Send(string hex)
    {
        byte[] request = Hex(hex);
        server.HandleRequest(request, request.Length);
        var response = new byte[server.ResponseLength];
        server.ReadResponse(response, 0);
        return response;
    }

    private int Index(uint number) => memory.IndexOf(number);

    private byte Status(uint number) => memory.StatusAt(Index(number));

    private void UseLayout(bool keepLatest)
    {
        // DID 0x0100 with two bytes and DID 0x0101 with one byte.
        memory.SetSnapshotLayout([0x0100, 0x0101], [2, 1], keepLatest, source);
    }

    [Fact]
    public void Debounce_CountsUpToFailure()
    {
        memory.ConfigureDebounce(Pedal, 32, 16, false);

        memory.ReportMonitorSample(Pedal, true);
        memory.ReportMonitorSample(Pedal, true);
        memory.ReportMonitorSample(Pedal, true);

        // 3 x 32 = 96 = 0x60; the test has not completed, so the status keeps 0x50.
        Assert.Equal(96, memory.FaultDetectionCounterAt(Index(Pedal)));
        Assert.Equal(0x50, Status(Pedal));

        // Request 19 14. Response 59 14, then per prefailed DTC: DTC (3 bytes), DTCFaultDetectionCounter.
        Assert.Equal(Hex("59 14 12 34 56 60"), Send("19 14"));

        // 96 + 32 = 128 reaches +127: the test completes as failed (status 0x2F) and the DTC leaves the 0x14 list.
        memory.ReportMonitorSample(Pedal, true);
        Assert.Equal(127, memory.FaultDetectionCounterAt(Index(Pedal)));
        Assert.Equal(0x2F, Status(Pedal));
        Assert.Equal(Hex("59 14"), Send("19 14"));
    }

    [Fact]
    public void Debounce_CountsDownToPassed()
    {
        memory.ConfigureDebounce(Pedal, 32, 64, false);

        memory.ReportMonitorSample(Pedal, false);
        Assert.Equal(-64, memory.FaultDetectionCounterAt(Index(Pedal)));
        Assert.Equal(0x50, Status(Pedal));

        // -64 - 64 = -128: the test completes as passed, so both "not completed" bits clear (0x00).
        memory.ReportMonitorSample(Pedal, false);
        Assert.Equal(-128, memory.FaultDetectionCounterAt(Index(Pedal)));
        Assert.Equal(0x00, Status(Pedal));
    }

    [Fact]
    public void Debounce_JumpToZero()
    {
        memory.ConfigureDebounce(Pedal, 10, 10, true);
        memory.ConfigureDebounce(Supply, 10, 10, false);
        for (int i = 0; i < 3; i++)
        {
            memory.ReportMonitorSample(Pedal, false);
            memory.ReportMonitorSample(Supply, false);
        }

        memory.ReportMonitorSample(Pedal, true);
        memory.ReportMonitorSample(Supply, true);

        // With the jump: -30 jumps to 0, then +10. Without it: -30 + 10 = -20.
        Assert.Equal(10, memory.FaultDetectionCounterAt(Index(Pedal)));
        Assert.Equal(-20, memory.FaultDetectionCounterAt(Index(Supply)));
    }

    [Fact]
    public void Debounce_OperationCycleRestartsCounter()
    {
        memory.ConfigureDebounce(Pedal, 32, 16, false);
        memory.ReportMonitorSample(Pedal, true);

        memory.StartOperationCycle();

        Assert.Equal(0, memory.FaultDetectionCounterAt(Index(Pedal)));
    }

    [Fact]
    public void Debounce_InvalidSteps_Rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.ConfigureDebounce(Pedal, 0, 16, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.ConfigureDebounce(Pedal, 16, 256, false));
        Assert.Throws<ArgumentException>(() => memory.ConfigureDebounce(0x999999, 16, 16, false));
    }

    [Fact]
    public void ReportTestResult_SetsCounterEnds()
    {
        memory.ReportTestResult(Pedal, true);
        Assert.Equal(127, memory.FaultDetectionCounterAt(Index(Pedal)));

        memory.ReportTestResult(Pedal, false);
        Assert.Equal(-128, memory.FaultDetectionCounterAt(Index(Pedal)));
    }

    [Fact]
    public void Snapshot_FirstAndLatestRecords()
    {
        UseLayout(keepLatest: true);

        source.Values = [0x12, 0x34, 0x56];
        memory.ReportTestResult(Supply, true);
        memory.ReportTestResult(Supply, false);
        source.Values = [0x0A, 0xBC, 0x0D];
        memory.ReportTestResult(Supply, true);

        // Request 19 03. Response 59 03, then per stored record: DTC (3 bytes), DTCSnapshotRecordNumber.
        Assert.Equal(Hex("59 03 AB CD EF 01 AB CD EF 02"), Send("19 03"));

        // Request 19 04 DTC(3) DTCSnapshotRecordNumber. Response 59 04 DTC(3) statusOfDTC, then per record:
        // DTCSnapshotRecordNumber, DTCSnapshotRecordNumberOfIdentifiers, then per identifier DID (2) and data.
        // Record 0x01 keeps the first failure's values, record 0x02 the latest.
        Assert.Equal(Hex("59 04 AB CD EF 2F 01 02 01 00 12 34 01 01 56"), Send("19 04 AB CD EF 01"));
        Assert.Equal(Hex("59 04 AB CD EF 2F 02 02 01 00 0A BC 01 01 0D"), Send("19 04 AB CD EF 02"));
        Assert.Equal(
            Hex("59 04 AB CD EF 2F 01 02 01 00 12 34 01 01 56 02 02 01 00 0A BC 01 01 0D"),
            Send("19 04 AB CD EF FF"));
    }

    [Fact]
    public void Snapshot_FirstRecordOnly()
    {
        UseLayout(keepLatest: false);

        source.Values = [0x12, 0x34, 0x56];
        memory.ReportTestResult(Supply, true);
        memory.ReportTestResult(Supply, false);
        source.Values = [0x0A, 0xBC, 0x0D];
        memory.ReportTestResult(Supply, true);

        Assert.Equal(Hex("59 03 AB CD EF 01"), Send("19 03"));
        Assert.Equal(Hex("59 04 AB CD EF 2F 01 02 01 00 12 34 01 01 56"), Send("19 04 AB CD EF FF"));

        // Without keepLatest the record 0x02 does not exist.
        Assert.Equal(Hex("7F 19 31"), Send("19 04 AB CD EF 02"));
    }

    [Fact]
    public void Snapshot_NotStoredGivesStatusOnly()
    {
        UseLayout(keepLatest: true);

        // 0x123456 never failed: only DTC and status 0x50 come back.
        Assert.Equal(Hex("59 04 12 34 56 50"), Send("19 04 12 34 56 01"));
        Assert.Equal(Hex("59 03"), Send("19 03"));
    }

    [Fact]
    public void Snapshot_ClearedWithDtc()
    {
        UseLayout(keepLatest: true);
        memory.ReportTestResult(Supply, true);

        memory.Clear(DtcMemory.AllGroups);

        Assert.False(memory.IsSnapshotStored(Index(Supply), DtcMemory.FirstFailureSnapshotRecord));
        Assert.Equal(Hex("59 03"), Send("19 03"));
    }

    [Theory]
    [InlineData("19 04 99 99 99 01", "7F 19 31")]
    [InlineData("19 04 AB CD EF 03", "7F 19 31")]
    [InlineData("19 04 AB CD EF", "7F 19 13")]
    [InlineData("19 04 AB CD EF 01 00", "7F 19 13")]
    [InlineData("19 03 00", "7F 19 13")]
    [InlineData("19 14 00", "7F 19 13")]
    [InlineData("19 08 80", "7F 19 13")]
    [InlineData("19 09 40 01", "7F 19 13")]
    [InlineData("19 09 99 99 99", "7F 19 31")]
    [InlineData("19 06 AB CD EF 02", "7F 19 31")]
    [InlineData("19 05 01", "7F 19 12")]
    public void InvalidRequests_NegativeResponses(string request, string expected)
    {
        UseLayout(keepLatest: true);

        Assert.Equal(Hex(expected), Send(request));
    }

    [Fact]
    public void Snapshot_WithoutLayout_NotSupported()
    {
        Assert.Equal(Hex("7F 19 12"), Send("19 03"));
        Assert.Equal(Hex("7F 19 12"), Send("19 04 AB CD EF 01"));
    }

    [Fact]
    public void Snapshot_InvalidLayout_Rejected()
    {
        Assert.Throws<ArgumentException>(() => memory.SetSnapshotLayout([0x0100], [2, 1], false, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.SetSnapshotLayout([0x10000], [2], false, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.SetSnapshotLayout([0x0100], [0], false, null));

        memory.SetSnapshotLayout([0x0100], [2], false, null);
        Assert.Throws<InvalidOperationException>(() => memory.SetSnapshotLayout([0x0100], [2], false, null));
    }

    [Fact]
    public void Ageing_ClearsConfirmedAfterThreshold()
    {
        memory.AgeingThresholdCycles = 3;
        memory.ReportTestResult(Supply, true);
        memory.ReportTestResult(Supply, false);

        // Cycle with a failure: no ageing. 0x2E less thisOperationCycle (0x02), plus notCompletedThisCycle (0x40) = 0x6C.
        memory.StartOperationCycle();
        Assert.Equal(0x6C, Status(Supply));
        Assert.Equal(0, memory.AgeingCounterAt(Index(Supply)));

        // Two passed cycles: pending clears, confirmed stays: 0x28 | 0x40 = 0x68, ageing counter 1 then 2.
        for (int cycle = 1; cycle <= 2; cycle++)
        {
            memory.ReportTestResult(Supply, false);
            memory.StartOperationCycle();
            Assert.Equal(0x68, Status(Supply));
            Assert.Equal(cycle, memory.AgeingCounterAt(Index(Supply)));
        }

        // Third passed cycle reaches the threshold: confirmed (0x08) clears, leaving 0x20 | 0x40 = 0x60.
        memory.ReportTestResult(Supply, false);
        memory.StartOperationCycle();
        Assert.Equal(0x60, Status(Supply));

        // Request 19 06 DTC(3) DTCExtDataRecordNumber. Response 59 06 DTC(3) status, then per record its
        // number and data: 0x01 occurrence counter (1), 0x02 ageing counter (3).
        Assert.Equal(Hex("59 06 AB CD EF 60 01 01 02 03"), Send("19 06 AB CD EF FF"));
        Assert.Equal(Hex("59 06 AB CD EF 60 02 03"), Send("19 06 AB CD EF 02"));
        Assert.Equal(Hex("59 06 AB CD EF 60 01 01"), Send("19 06 AB CD EF 01"));
    }

    [Fact]
    public void Ageing_UntestedCycleDoesNotCount()
    {
        memory.AgeingThresholdCycles = 3;
        memory.ReportTestResult(Supply, true);
        memory.ReportTestResult(Supply, false);
        memory.StartOperationCycle();

        memory.StartOperationCycle();

        Assert.Equal(0, memory.AgeingCounterAt(Index(Supply)));
    }

    [Fact]
    public void Ageing_FailureRestartsCounter()
    {
        memory.AgeingThresholdCycles = 3;
        memory.ReportTestResult(Supply, true);
        memory.StartOperationCycle();
        memory.ReportTestResult(Supply, false);
        memory.StartOperationCycle();
        Assert.Equal(1, memory.AgeingCounterAt(Index(Supply)));

        memory.ReportTestResult(Supply, true);

        Assert.Equal(0, memory.AgeingCounterAt(Index(Supply)));
    }

    [Fact]
    public void Ageing_InvalidThreshold_Rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.AgeingThresholdCycles = 256);
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.AgeingThresholdCycles = -1);
    }

    [Fact]
    public void Severity_ByMaskRecord()
    {
        memory.ReportTestResult(Monitor, true);

        // Request 19 08 DTCSeverityMask DTCStatusMask. Response 59 08 DTCStatusAvailabilityMask (FF), then per
        // DTC matching both masks: DTCSeverity, DTCFunctionalUnit, DTC (3 bytes), statusOfDTC.
        Assert.Equal(Hex("59 08 FF 80 10 40 01 00 2F"), Send("19 08 80 FF"));
        Assert.Equal(Hex("59 08 FF 20 11 AB CD EF 50 80 10 40 01 00 2F"), Send("19 08 A0 FF"));

        // Status mask 0x01 (testFailed) keeps only the failed DTC; the DTC without severity never matches.
        Assert.Equal(Hex("59 08 FF 80 10 40 01 00 2F"), Send("19 08 E0 01"));
        Assert.Equal(Hex("59 08 FF"), Send("19 08 40 FF"));
    }

    [Fact]
    public void Severity_OfOneDtc()
    {
        // Request 19 09 DTC(3). Response 59 09 DTCStatusAvailabilityMask, DTCSeverity, DTCFunctionalUnit, DTC(3), status.
        Assert.Equal(Hex("59 09 FF 20 11 AB CD EF 50"), Send("19 09 AB CD EF"));
        Assert.Equal(Hex("59 09 FF 00 00 12 34 56 50"), Send("19 09 12 34 56"));
    }

    [Fact]
    public void Severity_InvalidValues_Rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.Register(0x400200, 0x01, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.Register(0x400200, 0x80, 256));
    }

    private sealed class FixedSnapshotSource : IDtcSnapshotSource
    {
        public byte[] Values { get; set; } = [0, 0, 0];

        public void FillSnapshot(byte[] values) => Array.Copy(Values, values, Values.Length);
    }
}

using System;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Storage;
using Controllers.Simulation.Plant;
using Controllers.Simulation.Storage;
using Xunit;

namespace Controllers.Simulation.Tests.Storage;

public class DtcMemoryRecordTests
{
    private const uint Failed = 0x012300;
    private const uint Recovered = 0x045600;
    private const uint Untested = 0x078900;
    private const uint Other = 0x0ABC00;

    private static readonly int RegionLength = DtcMemoryRecord.GetRegionLength(4, 3);

    private sealed class Values : IDtcSnapshotSource
    {
        public byte[] Next { get; set; } = { 0x11, 0x22, 0x33 };

        public void FillSnapshot(byte[] values) => Next.CopyTo(values, 0);
    }

    // Three DTCs with a 3-byte freeze frame (DID 0x0100, 1 byte; DID 0x0101, 2 bytes) and record 0x02 kept.
    private static DtcMemory NewMemory(Values? source = null, bool withOther = false)
    {
        var memory = new DtcMemory(4);
        memory.Register(Failed);
        memory.Register(Recovered);
        memory.Register(Untested);
        if (withOther)
        {
            memory.Register(Other);
        }

        memory.SetSnapshotLayout(new[] { 0x0100, 0x0101 }, new[] { 1, 2 }, true, source ?? new Values());
        return memory;
    }

    private static DtcMemoryRecord NewRecord(DtcMemory memory, INonVolatileStore medium) => new(memory, medium, 0, 1, 4);

    [Fact]
    public void PowerCycle_KeepsStatusBitsByIsoRule()
    {
        var medium = new SimulatedFlashStore(2, RegionLength, SimulatedRegionKind.File);
        var before = NewMemory();
        NewRecord(before, medium).Load();
        before.ReportMonitorSample(Failed, true);
        before.SetWarningIndicator(Failed, true);
        before.ReportTestResult(Recovered, true);
        before.ReportTestResult(Recovered, false);
        var record = NewRecord(before, medium);
        record.Load();
        before.ReportTestResult(Failed, true);
        Assert.True(record.Save());

        var after = NewMemory();
        var reader = NewRecord(after, medium);
        Assert.Equal(RecordLoadResult.Loaded, reader.Load());

        // Failed: testFailed 0x01, thisOperationCycle 0x02, pending 0x04, confirmed 0x08, sinceLastClear 0x20 = 0x2F.
        // warningIndicatorRequested 0x80 is not kept: the application sets it again from the other bits.
        Assert.Equal(0x2F, after.StatusAt(0));

        // Recovered: as Failed but the latest result passed, so testFailed is 0: 0x2E.
        Assert.Equal(0x2E, after.StatusAt(1));

        // Untested: the registered status, notCompletedSinceLastClear 0x10 and notCompletedThisCycle 0x40.
        Assert.Equal(0x50, after.StatusAt(2));

        // The fault detection counter is not persisted: it restarts at 0 (Failed ended at +127).
        Assert.Equal(0, after.FaultDetectionCounterAt(0));
        Assert.Equal(1, after.OccurrenceCounterAt(0));
        Assert.Equal(1, after.OccurrenceCounterAt(1));
        Assert.True(after.IsSnapshotStored(0, DtcMemory.FirstFailureSnapshotRecord));
        var snapshot = new byte[3];
        after.CopySnapshot(0, DtcMemory.FirstFailureSnapshotRecord, snapshot, 0);
        Assert.Equal(new byte[] { 0x11, 0x22, 0x33 }, snapshot);

        // The application then starts the new operation cycle: thisOperationCycle clears and notCompletedThisCycle
        // 0x40 sets; pending stays because both DTCs failed in the cycle that ended.
        after.StartOperationCycle();
        Assert.Equal(0x6D, after.StatusAt(0));
        Assert.Equal(0x6C, after.StatusAt(1));
        Assert.Equal(0x50, after.StatusAt(2));
    }

    [Theory]
    [InlineData(SimulatedRegionKind.FlashSector, 1)]
    [InlineData(SimulatedRegionKind.File, 1)]
    [InlineData(SimulatedRegionKind.FlashSector, 2)]
    [InlineData(SimulatedRegionKind.File, 2)]
    public void PowerCut_AtEveryByteKeepsLastGoodRecord(SimulatedRegionKind kind, int completedSaves)
    {
        int frameLength = RecordStore.FramingLength + DtcMemoryRecord.GetPayloadLength(3, 3);
        for (int cut = 0; cut < frameLength; cut++)
        {
            var medium = new SimulatedFlashStore(2, RegionLength, kind);
            var memory = NewMemory();
            var writer = NewRecord(memory, medium);
            writer.Load();
            memory.ReportTestResult(Failed, true);
            for (int save = 1; save <= completedSaves; save++)
            {
                writer.Save();
            }

            memory.ReportTestResult(Untested, true);
            medium.CutPowerDuringNextWrite(cut);
            Assert.Throws<SimulatedPowerCutException>(() => writer.Save());

            var restored = NewMemory();
            var reader = NewRecord(restored, medium);
            Assert.Equal(RecordLoadResult.Loaded, reader.Load());
            Assert.Equal(0x2F, restored.StatusAt(0));
            Assert.Equal(0x50, restored.StatusAt(2));
            Assert.Equal((uint)completedSaves, reader.Sequence);
        }
    }

    [Fact]
    public void Load_MatchesDtcsByNumber()
    {
        var medium = new SimulatedFlashStore(2, RegionLength, SimulatedRegionKind.File);
        var before = NewMemory();
        var record = NewRecord(before, medium);
        record.Load();
        before.ReportTestResult(Untested, true);
        record.Save();

        // A firmware that registers another DTC before the known ones.
        var after = new DtcMemory(4);
        after.Register(Other);
        after.Register(Untested);
        after.SetSnapshotLayout(new[] { 0x0100, 0x0101 }, new[] { 1, 2 }, true, null);
        var reader = NewRecord(after, medium);

        Assert.Equal(RecordLoadResult.Loaded, reader.Load());
        Assert.Equal(1, reader.RestoredCount);
        Assert.Equal(DtcMemory.ClearedStatus, after.StatusAt(0));
        Assert.Equal(0x2F, after.StatusAt(1));
    }

    [Fact]
    public void Load_OtherSnapshotLayoutDropsFreezeFrames()
    {
        var medium = new SimulatedFlashStore(2, RegionLength, SimulatedRegionKind.File);
        var before = NewMemory();
        var record = NewRecord(before, medium);
        record.Load();
        before.ReportTestResult(Failed, true);
        record.Save();

        var after = new DtcMemory(4);
        after.Register(Failed);
        after.SetSnapshotLayout(new[] { 0x0100 }, new[] { 1 }, false, null);
        var sameMedium = new DtcMemoryRecord(after, medium, 0, 1, 4);

        Assert.Equal(RecordLoadResult.Loaded, sameMedium.Load());
        Assert.Equal(0x2F, after.StatusAt(0));
        Assert.False(after.IsSnapshotStored(0, DtcMemory.FirstFailureSnapshotRecord));
    }

    [Fact]
    public void RecordTask_RateLimitsConfirmedChanges()
    {
        var medium = new SimulatedFlashStore(2, RegionLength, SimulatedRegionKind.File);
        var memory = NewMemory();
        var record = NewRecord(memory, medium);
        record.Load();
        var task = new DtcRecordTask(record);

        memory.ReportTestResult(Failed, true);
        task.Run(1_000_000);
        Assert.Equal(1, task.SaveCount);

        // A second confirmation 10 s later waits until 60 s after the first save.
        memory.ReportTestResult(Recovered, true);
        task.Run(11_000_000);
        task.Run(60_999_999);
        Assert.Equal(1, task.SaveCount);
        task.Run(61_000_000);
        Assert.Equal(2, task.SaveCount);

        // A passed result changes testFailed but no confirmed bit: only SaveNow writes it.
        memory.ReportTestResult(Failed, false);
        task.Run(200_000_000);
        Assert.Equal(2, task.SaveCount);
        Assert.True(task.SaveNow(200_000_001));
        Assert.Equal(3, task.SaveCount);
        Assert.True(task.SaveNow(200_000_002));
        Assert.Equal(3, task.SaveCount);
        Assert.Equal(3, medium.WriteCount);
    }

    [Fact]
    public void Clear_CountsAsConfirmedChange()
    {
        var medium = new SimulatedFlashStore(2, RegionLength, SimulatedRegionKind.File);
        var memory = NewMemory();
        var record = NewRecord(memory, medium);
        record.Load();
        memory.ReportTestResult(Failed, true);
        record.Save();

        memory.Clear(DtcMemory.AllGroups);

        Assert.True(record.HasUnsavedConfirmedChange);
        record.Save();
        var after = NewMemory();
        NewRecord(after, medium).Load();
        Assert.Equal(DtcMemory.ClearedStatus, after.StatusAt(0));
        Assert.Equal(0, after.OccurrenceCounterAt(0));
    }
}

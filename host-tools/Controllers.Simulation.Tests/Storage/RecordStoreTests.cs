using System;
using System.IO;
using Controllers.Firmware.Common.Numerics;
using Controllers.Firmware.Common.Storage;
using Controllers.Simulation.Plant;
using Controllers.Simulation.Storage;
using Xunit;

namespace Controllers.Simulation.Tests.Storage;

public class RecordStoreTests
{
    private const ushort TypeId = 0x0042;
    private const int MaximumPayload = 40;
    private const int RegionLength = 64;

    private static RecordStore NewStore(INonVolatileStore medium, ushort version = 1) =>
        new(medium, 0, 1, TypeId, version, MaximumPayload);

    // Payload bytes that differ between saves and lengths, so a mixed copy cannot look like a whole one.
    private static byte[] Payload(int seed, int length)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(seed * 31 + i * 7 + 1);
        }

        return bytes;
    }

    // Frame written by hand from the documented layout: "NR", type, version, length, sequence, payload, CRC-32.
    private static byte[] Frame(ushort type, ushort version, uint sequence, byte[] payload)
    {
        var frame = new byte[RecordStore.FramingLength + payload.Length];
        frame[0] = (byte)'N';
        frame[1] = (byte)'R';
        BitConverter.TryWriteBytes(frame.AsSpan(2), type);
        BitConverter.TryWriteBytes(frame.AsSpan(4), version);
        BitConverter.TryWriteBytes(frame.AsSpan(6), (ushort)payload.Length);
        BitConverter.TryWriteBytes(frame.AsSpan(8), sequence);
        payload.CopyTo(frame, 12);
        uint crc = Crc32.Compute(frame, 0, 12 + payload.Length);
        BitConverter.TryWriteBytes(frame.AsSpan(12 + payload.Length), crc);
        return frame;
    }

    private static byte[] LoadPayload(RecordStore store, out RecordLoadResult result)
    {
        var buffer = new byte[MaximumPayload];
        result = store.Load(buffer);
        return buffer.AsSpan(0, store.LoadedPayloadLength).ToArray();
    }

    [Fact]
    public void Save_WritesDocumentedLayout()
    {
        var medium = new SimulatedFlashStore(2, RegionLength, SimulatedRegionKind.File);
        var store = NewStore(medium);
        store.Load(new byte[MaximumPayload]);

        store.Save(Payload(1, 5), 5);

        Assert.Equal(Frame(TypeId, 1, 1, Payload(1, 5)), medium.GetRegion(0));
    }

    [Fact]
    public void Load_EmptyMediumIsNotFound()
    {
        var store = NewStore(new SimulatedFlashStore(2, RegionLength));

        var buffer = new byte[MaximumPayload];
        var result = store.Load(buffer);

        Assert.Equal(RecordLoadResult.NotFound, result);
        Assert.Equal(RecordCopyStatus.Empty, store.GetCopyStatus(0));
        Assert.Equal(RecordCopyStatus.Empty, store.GetCopyStatus(1));
    }

    [Fact]
    public void Save_AlternatesCopiesAndLoadsNewest()
    {
        var medium = new SimulatedFlashStore(2, RegionLength);
        var store = NewStore(medium);
        store.Load(new byte[MaximumPayload]);

        store.Save(Payload(1, 10), 10);
        store.Save(Payload(2, 20), 20);
        store.Save(Payload(3, 7), 7);

        var reader = NewStore(medium);
        byte[] loaded = LoadPayload(reader, out var result);
        Assert.Equal(RecordLoadResult.Loaded, result);
        Assert.Equal(Payload(3, 7), loaded);
        Assert.Equal(3u, reader.Sequence);
        Assert.Equal(0, reader.NewestCopy);
        Assert.Equal(2, medium.GetEraseCount(0));
        Assert.Equal(1, medium.GetEraseCount(1));
    }

    [Theory]
    [InlineData(SimulatedRegionKind.FlashSector)]
    [InlineData(SimulatedRegionKind.File)]
    public void PowerCut_FirstWriteLeavesNoRecord(SimulatedRegionKind kind)
    {
        byte[] payload = Payload(1, 30);
        int frameLength = RecordStore.FramingLength + payload.Length;
        for (int cut = 0; cut < frameLength; cut++)
        {
            var medium = new SimulatedFlashStore(2, RegionLength, kind);
            var writer = NewStore(medium);
            writer.Load(new byte[MaximumPayload]);
            medium.CutPowerDuringNextWrite(cut);

            Assert.Throws<SimulatedPowerCutException>(() => writer.Save(payload, payload.Length));

            var reader = NewStore(medium);
            LoadPayload(reader, out var result);
            Assert.NotEqual(RecordLoadResult.Loaded, result);
            Assert.Equal(cut == 0 ? RecordLoadResult.NotFound : RecordLoadResult.Corrupt, result);
        }
    }

    [Theory]
    [InlineData(SimulatedRegionKind.FlashSector, 2)]
    [InlineData(SimulatedRegionKind.File, 2)]
    [InlineData(SimulatedRegionKind.FlashSector, 3)]
    [InlineData(SimulatedRegionKind.File, 3)]
    public void PowerCut_AtEveryByteKeepsLastGoodRecord(SimulatedRegionKind kind, int completedSaves)
    {
        // After two saves the cut write goes to copy A, after three to copy B, so both copies are cut.
        // The cut payload is longer than the good one, so the length field changes too.
        byte[] cutPayload = Payload(9, 36);
        int frameLength = RecordStore.FramingLength + cutPayload.Length;
        for (int cut = 0; cut < frameLength; cut++)
        {
            var medium = new SimulatedFlashStore(2, RegionLength, kind);
            var writer = NewStore(medium);
            writer.Load(new byte[MaximumPayload]);
            for (int save = 1; save <= completedSaves; save++)
            {
                writer.Save(Payload(save, 10 + save), 10 + save);
            }

            int cutCopy = completedSaves % 2 == 0 ? 0 : 1;
            medium.CutPowerDuringNextWrite(cut);
            Assert.Throws<SimulatedPowerCutException>(() => writer.Save(cutPayload, cutPayload.Length));

            var reader = NewStore(medium);
            byte[] loaded = LoadPayload(reader, out var result);
            Assert.Equal(RecordLoadResult.Loaded, result);
            Assert.Equal(Payload(completedSaves, 10 + completedSaves), loaded);
            Assert.Equal((uint)completedSaves, reader.Sequence);
            Assert.Equal(1 - cutCopy, reader.NewestCopy);
            Assert.NotEqual(RecordCopyStatus.Valid, reader.GetCopyStatus(cutCopy));

            // The next save after the restart overwrites the damaged copy and becomes the newest record.
            Assert.True(reader.Save(Payload(20, 12), 12));
            byte[] after = LoadPayload(NewStore(medium), out var afterResult);
            Assert.Equal(RecordLoadResult.Loaded, afterResult);
            Assert.Equal(Payload(20, 12), after);
        }
    }

    [Fact]
    public void Load_BadCrcFallsBackToOtherCopy()
    {
        var medium = new SimulatedFlashStore(2, RegionLength, SimulatedRegionKind.File);
        medium.SetRegion(0, Frame(TypeId, 1, 4, Payload(4, 8)));
        byte[] damaged = Frame(TypeId, 1, 5, Payload(5, 8));
        damaged[14] ^= 0x01;
        medium.SetRegion(1, damaged);

        var store = NewStore(medium);
        byte[] loaded = LoadPayload(store, out var result);

        Assert.Equal(RecordLoadResult.Loaded, result);
        Assert.Equal(Payload(4, 8), loaded);
        Assert.Equal(RecordCopyStatus.Valid, store.GetCopyStatus(0));
        Assert.Equal(RecordCopyStatus.BadCrc, store.GetCopyStatus(1));
    }

    [Fact]
    public void Load_BothCopiesDamagedIsCorrupt()
    {
        var medium = new SimulatedFlashStore(2, RegionLength, SimulatedRegionKind.File);
        byte[] badCrc = Frame(TypeId, 1, 1, Payload(1, 8));
        badCrc[^1] ^= 0x80;
        medium.SetRegion(0, badCrc);
        medium.SetRegion(1, Frame(TypeId, 1, 2, Payload(2, 8)).AsSpan(0, 15).ToArray());

        var store = NewStore(medium);
        var buffer = new byte[MaximumPayload];
        Array.Fill(buffer, (byte)0xAA);
        var result = store.Load(buffer);

        Assert.Equal(RecordLoadResult.Corrupt, result);
        Assert.Equal(RecordCopyStatus.BadCrc, store.GetCopyStatus(0));
        Assert.Equal(RecordCopyStatus.Truncated, store.GetCopyStatus(1));
        Assert.All(buffer, b => Assert.Equal(0xAA, b));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(19)]
    public void Load_TruncatedFileReported(int keptBytes)
    {
        var medium = new SimulatedFlashStore(2, RegionLength, SimulatedRegionKind.File);
        medium.SetRegion(0, Frame(TypeId, 1, 1, Payload(1, 8)).AsSpan(0, keptBytes).ToArray());

        var store = NewStore(medium);
        LoadPayload(store, out var result);

        // An empty file reads as no record; anything shorter than the 24-byte frame is truncated.
        Assert.Equal(keptBytes == 0 ? RecordCopyStatus.Empty : RecordCopyStatus.Truncated, store.GetCopyStatus(0));
        Assert.Equal(keptBytes == 0 ? RecordLoadResult.NotFound : RecordLoadResult.Corrupt, result);
    }

    [Fact]
    public void Load_NewerVersionReportedNotLoaded()
    {
        var medium = new SimulatedFlashStore(2, RegionLength, SimulatedRegionKind.File);
        medium.SetRegion(1, Frame(TypeId, 2, 7, Payload(7, 8)));

        var store = NewStore(medium, version: 1);
        LoadPayload(store, out var result);

        Assert.Equal(RecordLoadResult.UnknownVersion, result);
        Assert.Equal(RecordCopyStatus.UnknownVersion, store.GetCopyStatus(1));
    }

    [Fact]
    public void Load_NewerVersionWithLongerPayloadReported()
    {
        // 44 payload bytes exceed this firmware's 40 but fit the 64-byte region with the 16 framing bytes.
        var medium = new SimulatedFlashStore(2, RegionLength, SimulatedRegionKind.File);
        medium.SetRegion(0, Frame(TypeId, 2, 3, Payload(3, 44)));

        var store = NewStore(medium, version: 1);
        LoadPayload(store, out var result);

        Assert.Equal(RecordLoadResult.UnknownVersion, result);
        Assert.Equal(RecordCopyStatus.UnknownVersion, store.GetCopyStatus(0));
    }

    [Fact]
    public void Load_OlderVersionBesideNewerIsLoaded()
    {
        var medium = new SimulatedFlashStore(2, RegionLength, SimulatedRegionKind.File);
        medium.SetRegion(0, Frame(TypeId, 1, 6, Payload(6, 8)));
        medium.SetRegion(1, Frame(TypeId, 2, 7, Payload(7, 8)));

        var store = NewStore(medium, version: 1);
        byte[] loaded = LoadPayload(store, out var result);

        Assert.Equal(RecordLoadResult.Loaded, result);
        Assert.Equal(Payload(6, 8), loaded);
        Assert.Equal((ushort)1, store.LoadedFormatVersion);
        Assert.Equal(RecordCopyStatus.UnknownVersion, store.GetCopyStatus(1));

        // The next save replaces the newer-version copy and numbers itself after it (7 + 1).
        store.Save(Payload(8, 8), 8);
        Assert.Equal(Frame(TypeId, 1, 8, Payload(8, 8)), medium.GetRegion(1));
    }

    [Fact]
    public void Load_OlderVersionGivesItsVersion()
    {
        var medium = new SimulatedFlashStore(2, RegionLength, SimulatedRegionKind.File);
        medium.SetRegion(0, Frame(TypeId, 1, 3, Payload(3, 6)));

        var store = NewStore(medium, version: 2);
        byte[] loaded = LoadPayload(store, out var result);

        Assert.Equal(RecordLoadResult.Loaded, result);
        Assert.Equal((ushort)1, store.LoadedFormatVersion);
        Assert.Equal(6, store.LoadedPayloadLength);
        Assert.Equal(Payload(3, 6), loaded);
    }

    [Fact]
    public void Load_OtherRecordTypeIsBadHeader()
    {
        var medium = new SimulatedFlashStore(2, RegionLength, SimulatedRegionKind.File);
        medium.SetRegion(0, Frame(0x0043, 1, 1, Payload(1, 8)));

        var store = NewStore(medium);
        LoadPayload(store, out var result);

        Assert.Equal(RecordLoadResult.Corrupt, result);
        Assert.Equal(RecordCopyStatus.BadHeader, store.GetCopyStatus(0));
    }

    [Fact]
    public void Load_SequenceWrapsAround()
    {
        // Serial number arithmetic: 0 follows 0xFFFFFFFF.
        var medium = new SimulatedFlashStore(2, RegionLength, SimulatedRegionKind.File);
        medium.SetRegion(0, Frame(TypeId, 1, 0xFFFFFFFF, Payload(1, 8)));
        medium.SetRegion(1, Frame(TypeId, 1, 0, Payload(2, 8)));

        var store = NewStore(medium);
        byte[] loaded = LoadPayload(store, out _);

        Assert.Equal(Payload(2, 8), loaded);
        Assert.Equal(1, store.NewestCopy);
    }

    [Fact]
    public void Load_ReadFailureReported()
    {
        var medium = new SimulatedFlashStore(2, RegionLength) { FailReads = true };

        var store = NewStore(medium);
        LoadPayload(store, out var result);

        Assert.Equal(RecordLoadResult.Corrupt, result);
        Assert.Equal(RecordCopyStatus.ReadFailed, store.GetCopyStatus(0));
    }

    [Fact]
    public void Save_WriteFailureKeepsSequence()
    {
        var medium = new SimulatedFlashStore(2, RegionLength);
        var store = NewStore(medium);
        store.Load(new byte[MaximumPayload]);
        store.Save(Payload(1, 8), 8);
        medium.FailWrites = true;

        bool saved = store.Save(Payload(2, 8), 8);

        Assert.False(saved);
        Assert.Equal(1u, store.Sequence);
        Assert.Equal(0, store.NewestCopy);
    }

    [Fact]
    public void Constructor_RegionTooSmallRejected()
    {
        var medium = new SimulatedFlashStore(2, 32);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RecordStore(medium, 0, 1, TypeId, 1, 17));

        Assert.Contains("maximumPayloadLength = 17", error.Message);
    }

    [Fact]
    public void Constructor_SameRegionTwiceRejected()
    {
        var medium = new SimulatedFlashStore(2, RegionLength);

        Assert.Throws<ArgumentOutOfRangeException>(() => new RecordStore(medium, 1, 1, TypeId, 1, 8));
    }

    [Fact]
    public void Save_AllocatesNothing()
    {
        var medium = new SimulatedFlashStore(2, RegionLength);
        var store = NewStore(medium);
        store.Load(new byte[MaximumPayload]);
        byte[] payload = Payload(1, MaximumPayload);
        store.Save(payload, payload.Length);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            store.Save(payload, payload.Length);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void FileRegionStore_KeepsRecordsInFiles()
    {
        using var folder = new TemporaryFolder();
        string a = Path.Combine(folder.Path, "state-a.bin");
        string b = Path.Combine(folder.Path, "state-b.bin");
        var medium = new FileRegionStore(new HostFileAccess(), new[] { a, b }, RegionLength);
        var store = NewStore(medium);
        store.Load(new byte[MaximumPayload]);

        store.Save(Payload(1, 8), 8);
        store.Save(Payload(2, 9), 9);

        Assert.Equal(Frame(TypeId, 1, 1, Payload(1, 8)), File.ReadAllBytes(a));
        Assert.Equal(Frame(TypeId, 1, 2, Payload(2, 9)), File.ReadAllBytes(b));
        byte[] loaded = LoadPayload(NewStore(medium), out var result);
        Assert.Equal(RecordLoadResult.Loaded, result);
        Assert.Equal(Payload(2, 9), loaded);
    }

    [Fact]
    public void FileRegionStore_TruncatedFileFallsBack()
    {
        using var folder = new TemporaryFolder();
        string a = Path.Combine(folder.Path, "state-a.bin");
        string b = Path.Combine(folder.Path, "state-b.bin");
        var medium = new FileRegionStore(new HostFileAccess(), new[] { a, b }, RegionLength);
        var store = NewStore(medium);
        store.Load(new byte[MaximumPayload]);
        store.Save(Payload(1, 8), 8);
        store.Save(Payload(2, 9), 9);
        using (var stream = new FileStream(b, FileMode.Open))
        {
            stream.SetLength(17);
        }

        var reader = NewStore(medium);
        byte[] loaded = LoadPayload(reader, out var result);

        Assert.Equal(RecordLoadResult.Loaded, result);
        Assert.Equal(Payload(1, 8), loaded);
        Assert.Equal(RecordCopyStatus.Truncated, reader.GetCopyStatus(1));
    }

    [Fact]
    public void FileRegionStore_MissingFilesAreNotFound()
    {
        using var folder = new TemporaryFolder();
        var medium = new FileRegionStore(new HostFileAccess(), new[] { Path.Combine(folder.Path, "a.bin"), Path.Combine(folder.Path, "b.bin") }, RegionLength);

        LoadPayload(NewStore(medium), out var result);

        Assert.Equal(RecordLoadResult.NotFound, result);
    }

    [Fact]
    public void FileRegionStore_RepeatedPathRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new FileRegionStore(new HostFileAccess(), new[] { "I:\\soc.bin", "I:\\soc.bin" }, RegionLength));

        Assert.Contains("paths[0] and paths[1]", error.Message);
    }
}

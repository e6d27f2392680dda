using System;
using Controllers.Firmware.Common.Numerics;
using Controllers.Firmware.Common.Parameters;
using Controllers.Firmware.Common.Storage;
using Controllers.Simulation.Plant;
using Controllers.Simulation.Storage;
using Xunit;

namespace Controllers.Simulation.Tests.Storage;

public class ParameterRecordTests
{
    private const int Capacity = 4;

    private static readonly int RegionLength = ParameterRecord.GetRegionLength(Capacity);

    private static ParameterDatabase NewDatabase()
    {
        var database = new ParameterDatabase(Capacity);
        database.AddFloat(0x0101, "cell.max", ParameterUnit.Volt, 2.5f, 4.2f, 3.6f);
        database.AddInt32(0x0102, "timeout", ParameterUnit.Millisecond, 10, 1000, 50, 1f);
        database.AddEnum(0x0103, "mode", 0, 4, 0);
        return database;
    }

    // Frame written by hand from the RecordStore layout: "NR", type, version, length, sequence, payload, CRC-32.
    private static byte[] Frame(ushort version, uint sequence, byte[] payload)
    {
        var frame = new byte[RecordStore.FramingLength + payload.Length];
        frame[0] = (byte)'N';
        frame[1] = (byte)'R';
        BitConverter.TryWriteBytes(frame.AsSpan(2), ParameterRecord.RecordTypeId);
        BitConverter.TryWriteBytes(frame.AsSpan(4), version);
        BitConverter.TryWriteBytes(frame.AsSpan(6), (ushort)payload.Length);
        BitConverter.TryWriteBytes(frame.AsSpan(8), sequence);
        payload.CopyTo(frame, 12);
        BitConverter.TryWriteBytes(frame.AsSpan(12 + payload.Length), Crc32.Compute(frame, 0, 12 + payload.Length));
        return frame;
    }

    [Fact]
    public void Save_WritesDocumentedLayout()
    {
        var medium = new SimulatedFlashStore(2, RegionLength, SimulatedRegionKind.File);
        var database = NewDatabase();
        var record = new ParameterRecord(database, medium, 0, 1);
        record.Load();
        database.TrySetInt32(0x0102, 200);

        Assert.True(record.Save());

        // Count 3, then id and value bits little-endian: 3.6f = 0x40666666, 200 = 0xC8, mode 0.
        byte[] payload = Convert.FromHexString("0300" + "0101" + "66666640" + "0201" + "C8000000" + "0301" + "00000000");
        Assert.Equal(Frame(2, 1, payload), medium.GetRegion(0));
        Assert.False(record.HasUnsavedChanges);
    }

    [Theory]
    [InlineData(SimulatedRegionKind.FlashSector, 1)]
    [InlineData(SimulatedRegionKind.File, 1)]
    [InlineData(SimulatedRegionKind.FlashSector, 2)]
    [InlineData(SimulatedRegionKind.File, 2)]
    public void PowerCut_AtEveryByteKeepsLastGoodRecord(SimulatedRegionKind kind, int completedSaves)
    {
        // One completed save puts the cut write in copy B, two in copy A.
        int frameLength = RecordStore.FramingLength + ParameterRecord.GetPayloadLength(3);
        for (int cut = 0; cut < frameLength; cut++)
        {
            var medium = new SimulatedFlashStore(2, RegionLength, kind);
            var database = NewDatabase();
            var writer = new ParameterRecord(database, medium, 0, 1);
            writer.Load();
            for (int save = 1; save <= completedSaves; save++)
            {
                database.TrySetInt32(0x0102, 100 * save);
                writer.Save();
            }

            database.TrySetInt32(0x0102, 999);
            database.TrySetFloat(0x0101, 4.1f);
            medium.CutPowerDuringNextWrite(cut);
            Assert.Throws<SimulatedPowerCutException>(() => writer.Save());

            var reloaded = NewDatabase();
            var reader = new ParameterRecord(reloaded, medium, 0, 1);
            Assert.Equal(ParameterLoadStatus.Loaded, reader.Load());
            Assert.Equal(100 * completedSaves, reloaded.GetInt32(0x0102));
            Assert.Equal(3.6f, reloaded.GetFloat(0x0101));
            Assert.Equal((uint)completedSaves, reader.Sequence);
        }
    }

    [Fact]
    public void Load_Version1IsMigratedFieldByField()
    {
        var medium = new SimulatedFlashStore(2, RegionLength, SimulatedRegionKind.File);

        // Version 1: count 3, then value bits by position. 3.9f = 0x4079999A; 300 = 0x12C; mode 7 is above the maximum 4.
        byte[] version1 = Convert.FromHexString("0300" + "9A997940" + "2C010000" + "07000000");
        medium.SetRegion(0, Frame(1, 5, version1));
        var database = NewDatabase();
        var record = new ParameterRecord(database, medium, 0, 1);

        Assert.Equal(ParameterLoadStatus.Migrated, record.Load());
        Assert.Equal(3.9f, database.GetFloat(0x0101));
        Assert.Equal(300, database.GetInt32(0x0102));
        Assert.Equal(0, database.GetInt32(0x0103));
        Assert.Equal(1, record.RejectedValueCount);

        Assert.True(record.Save());
        byte[] written = medium.GetRegion(1);
        Assert.Equal(2, BitConverter.ToUInt16(written, 4));
        Assert.Equal(6u, BitConverter.ToUInt32(written, 8));
    }

    [Fact]
    public void Load_MatchesValuesById()
    {
        var medium = new SimulatedFlashStore(2, RegionLength, SimulatedRegionKind.File);

        // Ids in another order, plus id 0x0999 that this database does not have: count 3.
        byte[] payload = Convert.FromHexString("0300" + "0201" + "F4010000" + "9909" + "01000000" + "0101" + "9A997940");
        medium.SetRegion(1, Frame(2, 9, payload));
        var database = NewDatabase();
        var record = new ParameterRecord(database, medium, 0, 1);

        Assert.Equal(ParameterLoadStatus.Loaded, record.Load());
        Assert.Equal(500, database.GetInt32(0x0102));
        Assert.Equal(3.9f, database.GetFloat(0x0101));
        Assert.Equal(0, database.GetInt32(0x0103));
        Assert.Equal(1, record.RejectedValueCount);
    }

    [Fact]
    public void Load_DamagedCopiesGiveDefaults()
    {
        var medium = new SimulatedFlashStore(2, RegionLength, SimulatedRegionKind.File);
        byte[] frame = Frame(2, 1, Convert.FromHexString("0100" + "0201" + "F4010000"));
        frame[14] ^= 0x01;
        medium.SetRegion(0, frame);
        var database = NewDatabase();
        var record = new ParameterRecord(database, medium, 0, 1);

        Assert.Equal(ParameterLoadStatus.DefaultsCorrupt, record.Load());
        Assert.Equal(50, database.GetInt32(0x0102));
    }

    [Fact]
    public void Load_NewerVersionGivesDefaults()
    {
        var medium = new SimulatedFlashStore(2, RegionLength, SimulatedRegionKind.File);
        medium.SetRegion(0, Frame(3, 1, Convert.FromHexString("0100" + "0201" + "F4010000")));
        var database = NewDatabase();
        var record = new ParameterRecord(database, medium, 0, 1);

        Assert.Equal(ParameterLoadStatus.DefaultsUnknownVersion, record.Load());
        Assert.Equal(50, database.GetInt32(0x0102));
    }
}

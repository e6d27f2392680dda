using System;
using System.Buffers.Binary;
using System.Security.Cryptography;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Parameters;
using Controllers.Firmware.Common.Storage;
using Controllers.Firmware.Common.Tests.Diagnostics;
using Xunit;

namespace Controllers.Firmware.Common.Tests.Parameters;

public class ParameterDiagnosticsTests
{
    private static readonly byte[] Secret = Convert.FromHexString("0102030405060708090A0B0C0D0E0F10");

    private sealed class Bench
    {
        public Bench(IParameterValidator? validator = null)
        {
            Database = new ParameterDatabase(4);
            Database.AddFloat(0x0101, "limit.voltage", ParameterUnit.Volt, 2.5f, 4.2f, 3.6f);
            Database.AddInt32(0x0102, "timeout", ParameterUnit.Millisecond, 10, 1000, 50, 1f);
            Database.AddBool(0x0103, "feature.on", true);
            Store = new MemoryStore(2, 64);
            Record = new ParameterRecord(Database, Store, 0, 1);
            Record.Load();
            Server = new UdsServer(Clock)
            {
                DataIdentifiers = new UdsDataIdentifierTable(8),
                Routines = new UdsRoutineTable(4),
            };
            Server.ConfigureSecurity(Secret, 1, new TestRandomSource(), new TestAttemptStore());
            Diagnostics = new ParameterDiagnostics(Database, Record, Server, validator);
            Diagnostics.Register(Server.DataIdentifiers!, Server.Routines!);
        }

        public TestClock Clock { get; } = new(1_000_000);

        public ParameterDatabase Database { get; }

        public MemoryStore Store { get; }

        public ParameterRecord Record { get; }

        public UdsServer Server { get; }

        public ParameterDiagnostics Diagnostics { get; }

        public byte[] Send(string hex)
        {
            byte[] request = Convert.FromHexString(hex.Replace(" ", ""));
            Server.HandleRequest(request, request.Length);
            var response = new byte[Server.ResponseLength];
            Server.ReadResponse(response, 0);
            return response;
        }

        public void EnterExtendedUnlocked()
        {
            Send("10 03");
            byte[] seed = Send("27 01")[2..6];
            byte[] key = HMACSHA256.HashData(Secret, seed)[..4];
            Assert.Equal(new byte[] { 0x67, 0x02 }, Send("27 02" + Convert.ToHexString(key)));
        }
    }

    [Fact]
    public void ReadValue_ReturnsBigEndianBits()
    {
        var bench = new Bench();

        // 3.6f = 0x40666666 (IEEE 754: sign 0, exponent 128, mantissa 0x666666); 50 = 0x00000032.
        Assert.Equal(Convert.FromHexString("62400040666666"), bench.Send("22 40 00"));
        Assert.Equal(Convert.FromHexString("62400100000032"), bench.Send("22 40 01"));
        Assert.Equal(Convert.FromHexString("62400200000001"), bench.Send("22 40 02"));
    }

    [Fact]
    public void WriteValue_NeedsExtendedSessionAndSecurity()
    {
        var bench = new Bench();

        Assert.Equal(Convert.FromHexString("7F2E31"), bench.Send("2E 40 01 00 00 00 64"));
        bench.Send("10 03");
        Assert.Equal(Convert.FromHexString("7F2E33"), bench.Send("2E 40 01 00 00 00 64"));
        Assert.Equal(50, bench.Database.GetInt32(0x0102));
    }

    [Fact]
    public void WriteValue_InRangeIsLiveInRam()
    {
        var bench = new Bench();
        bench.EnterExtendedUnlocked();

        // 100 ms = 0x64, inside 10..1000.
        Assert.Equal(Convert.FromHexString("6E4001"), bench.Send("2E 40 01 00 00 00 64"));

        Assert.Equal(100, bench.Database.GetInt32(0x0102));
        Assert.True(bench.Record.HasUnsavedChanges);
    }

    [Theory]
    [InlineData("2E 40 00 40 86 66 66", "4.2f (0x40866666), the maximum")]
    [InlineData("2E 40 01 00 00 03 E8", "1000 ms, the maximum")]
    [InlineData("2E 40 01 00 00 00 0A", "10 ms, the minimum")]
    public void WriteValue_AtLimitsIsAccepted(string request, string note)
    {
        var bench = new Bench();
        bench.EnterExtendedUnlocked();

        byte[] response = bench.Send(request);

        Assert.True(response[0] == 0x6E, note);
    }

    [Theory]
    [InlineData("2E 40 00 40 86 66 67", "one ulp above 4.2f")]
    [InlineData("2E 40 00 40 1F FF FF", "2.4999998f, below 2.5")]
    [InlineData("2E 40 00 7F C0 00 00", "NaN")]
    [InlineData("2E 40 01 00 00 03 E9", "1001 ms, above 1000")]
    [InlineData("2E 40 01 00 00 00 09", "9 ms, below 10")]
    [InlineData("2E 40 01 FF FF FF F6", "-10 ms")]
    [InlineData("2E 40 02 00 00 00 02", "2 is neither false nor true")]
    public void WriteValue_OutOfRangeIsRejectedWith0x31(string request, string note)
    {
        var bench = new Bench();
        bench.EnterExtendedUnlocked();
        uint[] before = { bench.Database.ValueBitsAt(0), bench.Database.ValueBitsAt(1), bench.Database.ValueBitsAt(2) };

        byte[] response = bench.Send(request);

        Assert.True(response.AsSpan().SequenceEqual(new byte[] { 0x7F, 0x2E, 0x31 }), note);
        Assert.Equal(before[0], bench.Database.ValueBitsAt(0));
        Assert.Equal(before[1], bench.Database.ValueBitsAt(1));
        Assert.Equal(before[2], bench.Database.ValueBitsAt(2));
        Assert.False(bench.Record.HasUnsavedChanges);
    }

    [Fact]
    public void Descriptor_MatchesDocumentedLayout()
    {
        var bench = new Bench();

        // Written from the layout in ParameterDiagnostics: version 1, count 3, then per entry id, type, unit,
        // min, max, default, scale (1.0f = 0x3F800000), name length and ASCII name.
        string expected = "01" + "0003"
            + "0101" + "01" + "01" + "40200000" + "40866666" + "40666666" + "3F800000" + "0D" + Convert.ToHexString("limit.voltage"u8)
            + "0102" + "00" + "07" + "0000000A" + "000003E8" + "00000032" + "3F800000" + "07" + Convert.ToHexString("timeout"u8)
            + "0103" + "03" + "00" + "00000000" + "00000001" + "00000001" + "3F800000" + "0A" + Convert.ToHexString("feature.on"u8);

        byte[] response = bench.Send("22 3F FF");

        Assert.Equal("623FFF" + expected, Convert.ToHexString(response));
    }

    [Fact]
    public void SaveRoutine_PersistsAndReportsSequence()
    {
        var bench = new Bench();
        bench.EnterExtendedUnlocked();
        bench.Send("2E 40 01 00 00 00 64");

        byte[] response = bench.Send("31 01 03 00");

        Assert.Equal("7101030000000001", Convert.ToHexString(response));
        Assert.False(bench.Record.HasUnsavedChanges);
        var reloaded = new ParameterDatabase(4);
        reloaded.AddFloat(0x0101, "limit.voltage", ParameterUnit.Volt, 2.5f, 4.2f, 3.6f);
        reloaded.AddInt32(0x0102, "timeout", ParameterUnit.Millisecond, 10, 1000, 50, 1f);
        reloaded.AddBool(0x0103, "feature.on", true);
        Assert.Equal(ParameterLoadStatus.Loaded, new ParameterRecord(reloaded, bench.Store, 0, 1).Load());
        Assert.Equal(100, reloaded.GetInt32(0x0102));
    }

    [Fact]
    public void SaveRoutine_InDefaultSessionIsRejected()
    {
        var bench = new Bench();

        Assert.Equal("7F3131", Convert.ToHexString(bench.Send("31 01 03 00")));
        Assert.Equal(0, bench.Store.WriteCount);
    }

    [Fact]
    public void SaveRoutine_InconsistentValuesGet0x22()
    {
        var bench = new Bench(new RejectAll());
        bench.EnterExtendedUnlocked();

        Assert.Equal("7F3122", Convert.ToHexString(bench.Send("31 01 03 00")));
        Assert.Equal(0, bench.Store.WriteCount);
    }

    [Fact]
    public void SaveRoutine_WriteFailureGet0x72()
    {
        var bench = new Bench();
        bench.EnterExtendedUnlocked();
        bench.Store.FailWrites = true;

        Assert.Equal("7F3172", Convert.ToHexString(bench.Send("31 01 03 00")));
    }

    [Fact]
    public void RestoreDefaultsRoutine_ResetsAndSaves()
    {
        var bench = new Bench();
        bench.EnterExtendedUnlocked();
        bench.Send("2E 40 01 00 00 00 64");
        bench.Send("31 01 03 00");

        byte[] response = bench.Send("31 01 03 01");

        Assert.Equal("7101030100000002", Convert.ToHexString(response));
        Assert.Equal(50, bench.Database.GetInt32(0x0102));
        Assert.Equal(2, bench.Store.WriteCount);
    }

    [Fact]
    public void RecordState_ReportsSequenceCrcAndFlags()
    {
        var bench = new Bench();
        bench.EnterExtendedUnlocked();
        bench.Send("31 01 03 00");
        bench.Send("2E 40 01 00 00 00 64");

        byte[] response = bench.Send("22 3F FE");

        // Payload of the saved record, from the ParameterRecord layout: count 3, then id and value bits, little-endian.
        byte[] payload = Convert.FromHexString("0300" + "0101" + "66666640" + "0201" + "32000000" + "0301" + "01000000");
        uint crc = BitwiseCrc32(payload);
        Assert.Equal(Convert.FromHexString("623FFE"), response[..3]);
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32BigEndian(response.AsSpan(3)));
        Assert.Equal(crc, BinaryPrimitives.ReadUInt32BigEndian(response.AsSpan(7)));
        Assert.Equal((byte)ParameterLoadStatus.DefaultsNotFound, response[11]);
        Assert.Equal(1, response[12]);
        Assert.Equal(0, response[13]);
    }

    [Fact]
    public void Database_RejectsInvalidDefinitions()
    {
        var database = new ParameterDatabase(2);

        Assert.Throws<ArgumentOutOfRangeException>(() => database.AddFloat(1, "a", ParameterUnit.Volt, 2f, 1f, 1.5f));
        Assert.Throws<ArgumentOutOfRangeException>(() => database.AddFloat(1, "a", ParameterUnit.Volt, 1f, 2f, 3f));
        Assert.Throws<ArgumentException>(() => database.AddFloat(1, "bad name", ParameterUnit.Volt, 1f, 2f, 1.5f));
        database.AddFloat(1, "a", ParameterUnit.Volt, 1f, 2f, 1.5f);
        Assert.Throws<ArgumentException>(() => database.AddFloat(1, "b", ParameterUnit.Volt, 1f, 2f, 1.5f));
        Assert.Throws<ArgumentException>(() => database.AddFloat(2, "a", ParameterUnit.Volt, 1f, 2f, 1.5f));
    }

    // CRC-32 of IEEE 802.3 (reflected polynomial 0xEDB88320, initial and final XOR 0xFFFFFFFF), bit by bit,
    // independent of the table-driven firmware implementation.
    private static uint BitwiseCrc32(byte[] data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        return ~crc;
    }

    private sealed class RejectAll : IParameterValidator
    {
        public int FindInconsistentParameter(ParameterDatabase database) => 0;
    }

    /// <summary>Regions in RAM, written whole; enough for protocol tests (power cuts are tested with SimulatedFlashStore).</summary>
    internal sealed class MemoryStore(int regionCount, int regionLength) : INonVolatileStore
    {
        private readonly byte[][] regions = CreateRegions(regionCount);

        public int RegionCount => regions.Length;

        public int RegionLength => regionLength;

        public bool FailWrites { get; set; }

        public int WriteCount { get; private set; }

        public int Read(int region, byte[] buffer, int offset, int count)
        {
            int length = Math.Min(count, regions[region].Length);
            Array.Copy(regions[region], 0, buffer, offset, length);
            return length;
        }

        public bool Write(int region, byte[] data, int offset, int count)
        {
            if (FailWrites)
            {
                return false;
            }

            WriteCount++;
            regions[region] = data.AsSpan(offset, count).ToArray();
            return true;
        }

        private static byte[][] CreateRegions(int count)
        {
            var result = new byte[count][];
            for (int i = 0; i < count; i++)
            {
                result[i] = Array.Empty<byte>();
            }

            return result;
        }
    }
}

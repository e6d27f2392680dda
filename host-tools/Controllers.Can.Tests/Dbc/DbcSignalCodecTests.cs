using System;
using System.Globalization;
using Controllers.Can.Dbc;
using Xunit;

namespace Controllers.Can.Tests.Dbc;

public class DbcSignalCodecTests
{
    private static readonly DbcFile Powertrain = DbcParser.ParseFile(DbcParserTests.DataPath("powertrain.dbc"));
    private static readonly DbcFile Numeric = DbcParser.ParseFile(DbcParserTests.DataPath("numeric.dbc"));
    private static readonly DbcFile Multiplexed = DbcParser.ParseFile(DbcParserTests.DataPath("multiplexed.dbc"));

    private static DbcSignal Signal(DbcFile file, string message, string signal) =>
        file.FindMessage(message)!.FindSignal(signal)!;

    /// <summary>Parses a one-signal message from an SG_ definition such as <c>0|8@1+</c>.</summary>
    private static DbcSignal SignalFromLayout(string layout, int messageLength = 8)
    {
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"BO_ 1 Test: {messageLength} Node\n SG_ S : {layout} (1,0) [0|0] \"\" Node\n");
        return DbcParser.Parse(text).Messages[0].Signals[0];
    }

    [Fact]
    public void Intel_SignedTwelveBitsSharesByteWithNibble()
    {
        var torque = Signal(Powertrain, "VcuTorque", "TorqueRequest");
        var gear = Signal(Powertrain, "VcuTorque", "Gear");
        var data = new byte[4];

        // TorqueRequest 0|12@1-: raw -3 is 0xFFD in 12 bits. Byte 0 takes the low 8 bits (0xFD),
        // the low nibble of byte 1 the top 4 bits (0xF). Gear 12|4 = 3 fills the high nibble: 0x3F.
        DbcSignalCodec.EncodeRaw(data, torque, -3L);
        DbcSignalCodec.EncodeRaw(data, gear, 3L);

        Assert.Equal(new byte[] { 0xFD, 0x3F, 0x00, 0x00 }, data);
        Assert.Equal(-3.0, DbcSignalCodec.DecodeRaw(data, torque));
        Assert.Equal(-1.5, DbcSignalCodec.DecodePhysical(data, torque));
        Assert.Equal(3.0, DbcSignalCodec.DecodeRaw(data, gear));
    }

    [Fact]
    public void Motorola_UnsignedSixteenBitsIsBigEndian()
    {
        var voltage = Signal(Powertrain, "ChargerRequest", "RequestVoltage");
        var data = new byte[8];

        // RequestVoltage 7|16@0+: the MSB is byte 0 bit 7, so 0x1234 is stored as 12 34.
        DbcSignalCodec.EncodeRaw(data, voltage, 0x1234UL);

        Assert.Equal(new byte[] { 0x12, 0x34, 0, 0, 0, 0, 0, 0 }, data);
        Assert.Equal(0x1234UL, DbcSignalCodec.ReadBits(data, voltage));
        Assert.Equal(466.0, DbcSignalCodec.DecodePhysical(data, voltage), 9);
    }

    [Fact]
    public void Motorola_SignedCrossesByteBoundary()
    {
        var signal = SignalFromLayout("2|10@0-");
        var data = new byte[8];

        // Start bit 2 is byte 0 bit 2. The 10 bits run over byte 0 bits 2..0, then byte 1 bits 7..1.
        // -5 in 10 bits is 11_1111_1011: "111" goes to byte 0 (0x07), "1111011" to byte 1 bits 7..1 (0xF6).
        DbcSignalCodec.EncodeRaw(data, signal, -5L);

        Assert.Equal(new byte[] { 0x07, 0xF6, 0, 0, 0, 0, 0, 0 }, data);
        Assert.Equal(-5.0, DbcSignalCodec.DecodeRaw(data, signal));
    }

    [Fact]
    public void Motorola_SignedTwelveBitsWithScaling()
    {
        var temperature = Signal(Powertrain, "BmsPackStatus", "MaxCellTemp");
        var data = new byte[8];

        // MaxCellTemp 55|12@0- (0.125,-40): -52.5 degC is raw (-52.5 + 40) / 0.125 = -100 = 0xF9C.
        // Byte 6 contains the top 8 bits (0xF9) and byte 7 bits 7..4 the low nibble (0xC0).
        DbcSignalCodec.EncodePhysical(data, temperature, -52.5);

        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 0xF9, 0xC0 }, data);
        Assert.Equal(-100.0, DbcSignalCodec.DecodeRaw(data, temperature));
        Assert.Equal(-52.5, DbcSignalCodec.DecodePhysical(data, temperature));
    }

    [Fact]
    public void SingleBit_SignedAndBothByteOrders()
    {
        var bitZero = Signal(Numeric, "SingleBits", "BitZero");
        var bitSeven = Signal(Numeric, "SingleBits", "BitSeven");
        var signedBit = Signal(Numeric, "SingleBits", "SignedBit");
        var data = new byte[1];

        // BitZero 0|1@1+ sets 0x01, BitSeven 7|1@0+ sets 0x80, SignedBit 3|1@1- with raw -1 sets 0x08.
        DbcSignalCodec.EncodeRaw(data, bitZero, 1UL);
        DbcSignalCodec.EncodeRaw(data, bitSeven, 1UL);
        DbcSignalCodec.EncodeRaw(data, signedBit, -1L);

        Assert.Equal(new byte[] { 0x89 }, data);
        Assert.Equal(1.0, DbcSignalCodec.DecodeRaw(data, bitSeven));
        Assert.Equal(-1.0, DbcSignalCodec.DecodeRaw(data, signedBit));
        Assert.Throws<ArgumentOutOfRangeException>(() => DbcSignalCodec.EncodeRaw(data, signedBit, 1L));
    }

    [Fact]
    public void Intel_SixtyFourBitsUnsigned()
    {
        var timestamp = Signal(Numeric, "WideIntegers", "Timestamp");
        var data = new byte[8];

        // Timestamp 0|64@1+: little endian, so 0x0102030405060708 is stored as 08 07 ... 01.
        DbcSignalCodec.EncodeRaw(data, timestamp, 0x0102030405060708UL);
        Assert.Equal(new byte[] { 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01 }, data);
        Assert.Equal(0x0102030405060708UL, DbcSignalCodec.ReadBits(data, timestamp));

        DbcSignalCodec.EncodeRaw(data, timestamp, ulong.MaxValue);
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF }, data);
        Assert.Equal(ulong.MaxValue, DbcSignalCodec.ReadBits(data, timestamp));
    }

    [Fact]
    public void Motorola_SixtyFourBitsSigned()
    {
        var position = Signal(Numeric, "WideMotorola", "Position");
        var data = new byte[8];

        // Position 7|64@0-: big endian from byte 0 bit 7, so -2 (0xFFFF_FFFF_FFFF_FFFE) is FF .. FF FE.
        DbcSignalCodec.EncodeRaw(data, position, -2L);
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE }, data);
        Assert.Equal(-2.0, DbcSignalCodec.DecodeRaw(data, position));
        Assert.Equal(-2e-6, DbcSignalCodec.DecodePhysical(data, position));

        // long.MinValue is 0x8000_0000_0000_0000.
        DbcSignalCodec.EncodeRaw(data, position, long.MinValue);
        Assert.Equal(new byte[] { 0x80, 0, 0, 0, 0, 0, 0, 0 }, data);
        Assert.Equal(0x8000000000000000UL, DbcSignalCodec.ReadBits(data, position));
    }

    [Fact]
    public void Float_SingleInBothByteOrders()
    {
        var temperature = Signal(Numeric, "FloatValues", "Temperature");
        var pressure = Signal(Numeric, "FloatValues", "Pressure");
        var data = new byte[16];

        // 25.5f is 0x41CC0000. Temperature 0|32@1- stores it little endian: 00 00 CC 41.
        // 1.0f is 0x3F800000. Pressure 39|32@0- stores it big endian from byte 4: 3F 80 00 00.
        DbcSignalCodec.EncodePhysical(data, temperature, 25.5);
        DbcSignalCodec.EncodeFloat(data, pressure, 1.0);

        Assert.Equal(new byte[] { 0x00, 0x00, 0xCC, 0x41, 0x3F, 0x80, 0x00, 0x00 }, data[..8]);
        Assert.Equal(25.5, DbcSignalCodec.DecodePhysical(data, temperature));
        Assert.Equal(1.0, DbcSignalCodec.DecodeRaw(data, pressure));
    }

    [Fact]
    public void Float_DoubleAppliesFactor()
    {
        var energy = Signal(Numeric, "FloatValues", "Energy");
        var data = new byte[16];

        // Energy 64|64@1- (0.001,0): 0.0015 Wh is raw 1.5, which is 0x3FF8000000000000, stored
        // little endian in bytes 8..15: 00 00 00 00 00 00 F8 3F.
        DbcSignalCodec.EncodePhysical(data, energy, 0.0015);

        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 0xF8, 0x3F }, data[8..]);
        Assert.Equal(1.5, DbcSignalCodec.DecodeRaw(data, energy), 12);
        Assert.Throws<InvalidOperationException>(() => DbcSignalCodec.EncodeRaw(data, energy, 1L));
    }

    [Fact]
    public void EncodePhysical_RoundsAndHandlesNegativeFactor()
    {
        var negative = Signal(Numeric, "Scaled", "Negative");
        var exponent = Signal(Numeric, "Scaled", "Exponent");
        var data = new byte[8];

        // Negative 0|8@1+ (-0.5,10): 0 is raw (0 - 10) / -0.5 = 20 = 0x14.
        DbcSignalCodec.EncodePhysical(data, negative, 0.0);
        Assert.Equal(0x14, data[0]);

        // Exponent 8|16@1+ (0.0025,-125): -124.99874 is raw 0.504, which rounds to 1.
        DbcSignalCodec.EncodePhysical(data, exponent, -124.99874);
        Assert.Equal(1.0, DbcSignalCodec.DecodeRaw(data, exponent));
    }

    [Fact]
    public void Encode_RejectsValuesOutsideBitField()
    {
        var unsigned8 = SignalFromLayout("0|8@1+");
        var signed8 = SignalFromLayout("0|8@1-");
        var data = new byte[8];

        Assert.Throws<ArgumentOutOfRangeException>(() => DbcSignalCodec.EncodeRaw(data, unsigned8, 256UL));
        Assert.Throws<ArgumentOutOfRangeException>(() => DbcSignalCodec.EncodeRaw(data, unsigned8, -1L));
        Assert.Throws<ArgumentOutOfRangeException>(() => DbcSignalCodec.EncodeRaw(data, signed8, -129L));
        Assert.Throws<ArgumentOutOfRangeException>(() => DbcSignalCodec.EncodeRaw(data, signed8, 128L));
        Assert.Throws<ArgumentOutOfRangeException>(() => DbcSignalCodec.EncodePhysical(data, signed8, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => DbcSignalCodec.EncodePhysical(data, unsigned8, 255.6));
        Assert.Equal(new byte[8], data);
    }

    [Fact]
    public void Codec_RejectsDataTooShort()
    {
        var signal = SignalFromLayout("7|16@0+");

        Assert.Throws<ArgumentException>(() => DbcSignalCodec.ReadBits(new byte[1], signal));
        Assert.Throws<ArgumentException>(() => DbcSignalCodec.WriteBits(new byte[1], signal, 0));
    }

    [Fact]
    public void WriteBits_RoundTripsAndKeepsOtherBits()
    {
        var random = new Random(7);

        for (var round = 0; round < 2000; round++)
        {
            var length = random.Next(1, 65);
            var intel = random.Next(2) == 0;
            int startBit;
            if (intel)
            {
                startBit = random.Next(0, 64 - length + 1);
            }
            else
            {
                // In big endian (MSB0) bit order a Motorola field is contiguous, so pick its MSB
                // index there and convert it to the DBC's LSB0 start bit.
                var msbIndex = random.Next(0, 64 - length + 1);
                startBit = (msbIndex / 8 * 8) + 7 - (msbIndex % 8);
            }

            var signal = SignalFromLayout(string.Create(
                CultureInfo.InvariantCulture, $"{startBit}|{length}@{(intel ? 1 : 0)}+"));
            var background = new byte[8];
            random.NextBytes(background);
            var data = (byte[])background.Clone();
            var value = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40);
            var mask = length == 64 ? ulong.MaxValue : (1UL << length) - 1;

            DbcSignalCodec.WriteBits(data, signal, value & mask);
            var readBack = DbcSignalCodec.ReadBits(data, signal);

            Assert.Equal(value & mask, readBack);

            // Clearing the field in both buffers must leave identical bytes.
            DbcSignalCodec.WriteBits(data, signal, 0);
            DbcSignalCodec.WriteBits(background, signal, 0);
            Assert.Equal(background, data);
        }
    }

    [Fact]
    public void DecodeMessage_SimpleMultiplexing()
    {
        var cells = Multiplexed.FindMessage("CellVoltages")!;

        // CellBlock = 1 selects Cell4 and Cell5. Cell4 = 3700 mV = 0x0E74 (74 0E), Cell5 = 3200 mV = 0x0C80 (80 0C).
        var data = new byte[] { 0x01, 0x74, 0x0E, 0x80, 0x0C, 0x00, 0x00, 0x05 };

        var values = DbcSignalCodec.DecodeMessage(data, cells);

        Assert.Equal(4, values.Count);
        Assert.Equal(1.0, values["CellBlock"]);
        Assert.Equal(3.7, values["Cell4"], 9);
        Assert.Equal(3.2, values["Cell5"], 9);
        Assert.Equal(5.0, values["Counter"]);
        Assert.False(values.ContainsKey("Cell0"));
    }

    [Fact]
    public void DecodeMessage_ExtendedMultiplexing()
    {
        var diagnostics = Multiplexed.FindMessage("Diagnostics")!;

        // Service 1, SubFunction 2: ResetCount (23|16@0+) is bytes 2..3 big endian, 0x012C = 300.
        var reset = DbcSignalCodec.DecodeMessage(new byte[] { 0x01, 0x02, 0x01, 0x2C, 0, 0, 0, 0 }, diagnostics);
        Assert.Equal(new[] { "ResetCount", "Service", "SubFunction" }, Sorted(reset.Keys));
        Assert.Equal(300.0, reset["ResetCount"]);

        // SubFunction 20 lies in ErrorCode's range 16-31.
        var error = DbcSignalCodec.DecodeMessage(new byte[] { 0x01, 0x14, 0x00, 0x07, 0, 0, 0, 0 }, diagnostics);
        Assert.Equal(new[] { "ErrorCode", "Service", "SubFunction" }, Sorted(error.Keys));
        Assert.Equal(7.0, error["ErrorCode"]);

        // Service 4: SubFunction is absent, so ResetCount and ErrorCode are too, whatever byte 1
        // contains. ModeData (15|24@0-) is bytes 1..3 big endian: 0xFFFFFE = -2.
        var mode = DbcSignalCodec.DecodeMessage(new byte[] { 0x04, 0xFF, 0xFF, 0xFE, 0, 0, 0, 0 }, diagnostics);
        Assert.Equal(new[] { "ModeData", "Service" }, Sorted(mode.Keys));
        Assert.Equal(-2.0, mode["ModeData"]);
    }

    [Fact]
    public void DecodeMessage_SkipsSignalsPastShortData()
    {
        var status = Powertrain.FindMessage("BmsPackStatus")!;

        var values = DbcSignalCodec.DecodeMessage(new byte[] { 0x10, 0x27 }, status);

        // Only PackVoltage (0|16@1+) fits in 2 bytes: 0x2710 = 10000, times 0.01 V.
        Assert.Equal(new[] { "PackVoltage" }, Sorted(values.Keys));
        Assert.Equal(100.0, values["PackVoltage"], 9);
    }

    private static string[] Sorted(System.Collections.Generic.IEnumerable<string> names)
    {
        var array = new System.Collections.Generic.List<string>(names).ToArray();
        Array.Sort(array, StringComparer.Ordinal);
        return array;
    }
}

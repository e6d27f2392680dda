using System;
using System.Linq;
using Controllers.Can.Dbc;
using Controllers.Can.Logs;
using Xunit;

namespace Controllers.Can.Tests.Logs;

public class LogDecoderTests
{
    // Pack 0x100: Voltage little-endian 0.1 V, Current signed 0.1 A, Temperature big-endian in byte 4 with offset -40.
    // Status 0x18FF0001 (extended): Mode in byte 0.
    private const string PackDbc = """
        VERSION ""

        BU_: Bms Vcu

        BO_ 256 Pack: 8 Bms
         SG_ Voltage : 0|16@1+ (0.1,0) [0|1000] "V" Vcu
         SG_ Current : 16|16@1- (0.1,0) [-1000|1000] "A" Vcu
         SG_ Temperature : 39|8@0+ (1,-40) [-40|215] "degC" Vcu

        BO_ 2566848513 Status: 1 Bms
         SG_ Mode : 0|8@1+ (1,0) [0|255] "" Vcu
        """;

    // Mux 0x200: Page switches between A (page 0) and B (page 1, factor 2).
    private const string MuxDbc = """
        VERSION ""

        BU_: Bms Vcu

        BO_ 512 Mux: 2 Vcu
         SG_ Page M : 0|8@1+ (1,0) [0|1] "" Bms
         SG_ A m0 : 8|8@1+ (1,0) [0|255] "" Bms
         SG_ B m1 : 8|8@1+ (2,0) [0|510] "mA" Bms

        BO_ 256 Shadow: 1 Vcu
         SG_ Shadowed : 0|8@1+ (1,0) [0|255] "" Bms
        """;

    private static LogDecoder CreateDecoder(params string[] signals) => new(
        [DbcParser.Parse(PackDbc, "pack.dbc"), DbcParser.Parse(MuxDbc, "mux.dbc")],
        signals.Length == 0 ? null : signals);

    private static LoggedFrame Frame(string candumpLine) => CandumpLog.ParseLine(candumpLine);

    [Fact]
    public void Decode_PackFrame_ReturnsPhysicalValues()
    {
        var decoder = CreateDecoder();

        // Voltage 0x0FE8 = 4072 -> 407.2 V, Current 0xFFF6 = -10 -> -1.0 A, byte 4 0x5A = 90 -> 50 degC.
        var signals = decoder.Decode(Frame("(12.500000) can0 100#E80FF6FF5A000000"));

        Assert.Equal(3, signals.Count);
        Assert.Equal(new DecodedSignal(12.5m, "Pack", "Voltage", 407.2, "V"), signals[0] with { Value = Math.Round(signals[0].Value, 6) });
        Assert.Equal(-1.0, signals[1].Value, 9);
        Assert.Equal("A", signals[1].Unit);
        Assert.Equal(50.0, signals[2].Value, 9);
        Assert.Equal("Temperature", signals[2].SignalName);
        Assert.Equal(1, decoder.DecodedFrameCount);
    }

    [Fact]
    public void Decode_ExtendedFrame_MatchesExtendedMessage()
    {
        var decoder = CreateDecoder();

        var signals = decoder.Decode(Frame("(1.000000) can0 18FF0001#07"));

        var mode = Assert.Single(signals);
        Assert.Equal("Status", mode.MessageName);
        Assert.Equal(7.0, mode.Value);
    }

    [Fact]
    public void Decode_StandardFrameWithExtendedNumber_IsUnknown()
    {
        var decoder = CreateDecoder();

        // 0x001 as a standard frame is not the extended message 0x18FF0001 and not any other message.
        var signals = decoder.Decode(Frame("(1.000000) can0 001#07"));

        Assert.Empty(signals);
        Assert.Equal(1, decoder.UnknownFrameCount);
        Assert.Equal(1, decoder.UnknownFrames[(0x001u, false)]);
    }

    [Fact]
    public void Decode_MultiplexedFrame_ReturnsActivePage()
    {
        var decoder = CreateDecoder();

        var signals = decoder.Decode(Frame("(2.000000) can0 200#0105"));

        Assert.Equal(["Page", "B"], signals.Select(signal => signal.SignalName));
        Assert.Equal(1.0, signals[0].Value);
        Assert.Equal(10.0, signals[1].Value);
        Assert.Equal("mA", signals[1].Unit);
    }

    [Fact]
    public void Decode_DuplicateId_FirstFileWins()
    {
        var decoder = CreateDecoder();

        var signals = decoder.Decode(Frame("(0.000000) can0 100#E80FF6FF5A000000"));

        Assert.All(signals, signal => Assert.Equal("Pack", signal.MessageName));
    }

    [Fact]
    public void Decode_SelectedSignals_ReturnsOnlyThose()
    {
        var decoder = CreateDecoder("Temperature", "Mode");

        var pack = decoder.Decode(Frame("(0.000000) can0 100#E80FF6FF5A000000"));
        var status = decoder.Decode(Frame("(0.000000) can0 18FF0001#03"));

        Assert.Equal("Temperature", Assert.Single(pack).SignalName);
        Assert.Equal("Mode", Assert.Single(status).SignalName);
    }

    [Fact]
    public void Constructor_UnknownSignal_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => CreateDecoder("Voltage", "Missing"));

        Assert.Contains("'Missing'", error.Message);
    }

    [Fact]
    public void Decode_ErrorAndRemoteFrames_AreSkipped()
    {
        var decoder = CreateDecoder();

        Assert.Empty(decoder.Decode(Frame("(0.000000) can0 20000080#0000000000000000")));
        Assert.Empty(decoder.Decode(Frame("(0.000000) can0 100#R")));

        Assert.Equal(2, decoder.SkippedFrameCount);
        Assert.Equal(0, decoder.UnknownFrameCount);
        Assert.Equal(0, decoder.DecodedFrameCount);
    }

    [Fact]
    public void Decode_ShortFrame_LeavesOutSignalsBeyondData()
    {
        var decoder = CreateDecoder();

        // Two bytes hold Voltage only: 0x0064 = 100 -> 10.0 V.
        var signals = decoder.Decode(Frame("(0.000000) can0 100#6400"));

        var voltage = Assert.Single(signals);
        Assert.Equal(10.0, voltage.Value, 9);
    }
}

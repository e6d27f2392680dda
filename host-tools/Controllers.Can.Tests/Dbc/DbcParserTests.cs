using System;
using System.IO;
using System.Linq;
using Controllers.Can.Dbc;
using Xunit;

namespace Controllers.Can.Tests.Dbc;

public class DbcParserTests
{
    internal static string DataPath(string fileName) => Path.Combine(AppContext.BaseDirectory, "Dbc", "Data", fileName);

    private static DbcFile LoadPowertrain() => DbcParser.ParseFile(DataPath("powertrain.dbc"));

    [Fact]
    public void Parse_ReadsVersionNodesAndValueTables()
    {
        var file = LoadPowertrain();

        Assert.Equal("1.4.2", file.Version);
        Assert.Equal(new[] { "Bms", "Vcu", "Charger", "Logger" }, file.Nodes.Select(node => node.Name));
        Assert.Equal(2, file.ValueTables.Count);
        Assert.Equal("Welded", file.ValueTables["ContactorStates"][3]);
        Assert.Empty(file.ValueTables["Empty"]);
    }

    [Fact]
    public void Parse_ReadsMessageHeaders()
    {
        var file = LoadPowertrain();

        Assert.Equal(3, file.Messages.Count);

        var status = file.Messages[0];
        Assert.Equal("BmsPackStatus", status.Name);
        Assert.Equal(0x110u, status.Id);
        Assert.False(status.IsExtended);
        Assert.Equal(8, status.Length);
        Assert.Equal("Bms", status.Transmitter);

        var request = file.FindMessage("ChargerRequest");
        Assert.NotNull(request);
        Assert.Equal(0x98FEF1FEu, request.FileId);
        Assert.Equal(0x18FEF1FEu, request.Id);
        Assert.True(request.IsExtended);
        Assert.Same(request, file.FindMessage(0x18FEF1FEu, isExtended: true));
        Assert.Null(file.FindMessage(0x18FEF1FEu, isExtended: false));

        var torque = file.FindMessage("VcuTorque");
        Assert.NotNull(torque);
        Assert.Equal(4, torque.Length);
        Assert.Equal(new[] { "Logger" }, torque.ExtraTransmitters);
    }

    [Fact]
    public void Parse_ReadsSignalFields()
    {
        var status = LoadPowertrain().Messages[0];

        var current = status.FindSignal("PackCurrent");
        Assert.NotNull(current);
        Assert.Equal(16, current.StartBit);
        Assert.Equal(16, current.Length);
        Assert.Equal(DbcByteOrder.Intel, current.ByteOrder);
        Assert.True(current.IsSigned);
        Assert.Equal(0.1, current.Factor);
        Assert.Equal(0.0, current.Offset);
        Assert.Equal(-3276.8, current.Minimum);
        Assert.Equal(3276.7, current.Maximum);
        Assert.Equal("A", current.Unit);
        Assert.Equal(new[] { "Vcu", "Charger", "Logger" }, current.Receivers);
        Assert.Equal(DbcSignalValueType.Integer, current.ValueType);
        Assert.False(current.IsMultiplexer);
        Assert.False(current.IsMultiplexed);

        var temperature = status.FindSignal("MaxCellTemp");
        Assert.NotNull(temperature);
        Assert.Equal(55, temperature.StartBit);
        Assert.Equal(DbcByteOrder.Motorola, temperature.ByteOrder);
        Assert.Equal(-40.0, temperature.Offset);
        Assert.Equal("degC", temperature.Unit);
    }

    [Fact]
    public void Parse_ReadsCommentsWithEscapesAndLineBreaks()
    {
        var file = LoadPowertrain();

        Assert.Equal("Powertrain CAN of the test pack, 500 kbit/s.", file.Comment);
        Assert.Equal("Battery management system.", file.Nodes[0].Comment);
        Assert.Equal("Pack status, sent by the BMS every 100 ms.", file.Messages[0].Comment);
        Assert.Equal(
            "Positive while discharging.\nThe sensor is a Hall effect sensor with a \"closed loop\" core.",
            file.Messages[0].FindSignal("PackCurrent")!.Comment);
    }

    [Fact]
    public void Parse_ReadsAttributesAndCycleTimes()
    {
        var file = LoadPowertrain();

        var cycleTime = file.AttributeDefinitions["GenMsgCycleTime"];
        Assert.Equal(DbcAttributeObjectType.Message, cycleTime.ObjectType);
        Assert.Equal(DbcAttributeValueType.Int, cycleTime.ValueType);
        Assert.Equal(0.0, cycleTime.Minimum);
        Assert.Equal(10000.0, cycleTime.Maximum);
        Assert.Equal(0.0, cycleTime.DefaultValue?.Number);

        Assert.Equal(100, file.Messages[0].CycleTimeMilliseconds);
        Assert.Equal(1000, file.FindMessage("ChargerRequest")!.CycleTimeMilliseconds);
        Assert.Equal(0, file.FindMessage("VcuTorque")!.CycleTimeMilliseconds);

        var sendType = file.AttributeDefinitions["GenMsgSendType"];
        Assert.Equal(DbcAttributeValueType.Enum, sendType.ValueType);
        Assert.Equal(new[] { "Cyclic", "OnEvent", "IfActive" }, sendType.EnumValues);
        Assert.Equal("Cyclic", sendType.DefaultValue?.Text);
        Assert.Equal(1.0, file.FindMessage("VcuTorque")!.Attributes["GenMsgSendType"].Number);

        Assert.Equal(-1e6, file.AttributeDefinitions["GenSigStartValue"].Minimum);
        Assert.Equal("CAN", file.Attributes["BusType"].Text);
        Assert.Equal("CANoeILNLVector.dll", file.Nodes[0].Attributes["NodeLayerModules"].Text);
        Assert.Equal(50.0, file.Messages[0].FindSignal("StateOfCharge")!.Attributes["GenSigStartValue"].Number);
    }

    [Fact]
    public void Parse_ReadsValueDescriptionsAndGroups()
    {
        var file = LoadPowertrain();

        var gear = file.FindMessage("VcuTorque")!.FindSignal("Gear")!;
        Assert.Equal(4, gear.ValueDescriptions.Count);
        Assert.Equal("Drive", gear.ValueDescriptions[3]);

        var group = Assert.Single(file.Messages[0].SignalGroups);
        Assert.Equal("PackElectrical", group.Name);
        Assert.Equal(1, group.Repetitions);
        Assert.Equal(new[] { "PackVoltage", "PackCurrent" }, group.SignalNames);
    }

    [Fact]
    public void Parse_WarnsAboutEnvironmentVariables()
    {
        var file = LoadPowertrain();

        var warning = Assert.Single(file.Warnings);
        Assert.Contains("EV_", warning.Message);
        Assert.Equal(46, warning.Line);
        Assert.Equal(1, warning.Column);
    }

    [Fact]
    public void Parse_ReadsMultiplexerIndicators()
    {
        var file = DbcParser.ParseFile(DataPath("multiplexed.dbc"));
        var cells = file.FindMessage("CellVoltages")!;

        var block = cells.FindSignal("CellBlock")!;
        Assert.True(block.IsMultiplexer);
        Assert.Null(block.MultiplexerValue);
        Assert.False(block.IsMultiplexed);

        var cell4 = cells.FindSignal("Cell4")!;
        Assert.False(cell4.IsMultiplexer);
        Assert.Equal(1UL, cell4.MultiplexerValue);
        Assert.True(cell4.IsMultiplexed);
        Assert.Null(cell4.MultiplexerSwitchName);

        var diagnostics = file.FindMessage("Diagnostics")!;
        var subFunction = diagnostics.FindSignal("SubFunction")!;
        Assert.Equal("m1M", subFunction.MultiplexerIndicator);
        Assert.True(subFunction.IsMultiplexer);
        Assert.Equal(1UL, subFunction.MultiplexerValue);
        Assert.Equal("Service", subFunction.MultiplexerSwitchName);

        var errorCode = diagnostics.FindSignal("ErrorCode")!;
        Assert.Equal("SubFunction", errorCode.MultiplexerSwitchName);
        Assert.Equal(
            new[] { new DbcMultiplexerRange(3, 3), new DbcMultiplexerRange(16, 31) },
            errorCode.MultiplexerRanges);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Parse_ReadsFloatValueTypes()
    {
        var floats = DbcParser.ParseFile(DataPath("numeric.dbc")).FindMessage("FloatValues")!;

        Assert.Equal(DbcSignalValueType.Float, floats.FindSignal("Temperature")!.ValueType);
        Assert.Equal(DbcSignalValueType.Float, floats.FindSignal("Pressure")!.ValueType);
        Assert.Equal(DbcSignalValueType.Double, floats.FindSignal("Energy")!.ValueType);
    }

    [Fact]
    public void PhysicalRange_FallsBackToBitFieldForZeroRange()
    {
        var file = DbcParser.ParseFile(DataPath("numeric.dbc"));
        var scaled = file.FindMessage("Scaled")!;

        // Unsigned 8 bits, factor -0.5, offset 10: raw 0 is 10 and raw 255 is -117.5.
        var negative = scaled.FindSignal("Negative")!;
        Assert.Equal(-117.5, negative.PhysicalMinimum);
        Assert.Equal(10.0, negative.PhysicalMaximum);

        // [0|0] in the file: the range comes from the signed 64-bit field times 1e-6.
        var position = file.FindMessage("WideMotorola")!.FindSignal("Position")!;
        Assert.Equal(-Math.Pow(2, 63) * 1e-6, position.PhysicalMinimum);
        Assert.Equal((Math.Pow(2, 63) - 1) * 1e-6, position.PhysicalMaximum);

        var enable = DbcParser.ParseFile(DataPath("powertrain.dbc")).FindMessage("ChargerRequest")!.FindSignal("Enable")!;
        Assert.Equal(0.0, enable.PhysicalMinimum);
        Assert.Equal(1.0, enable.PhysicalMaximum);
    }

    [Fact]
    public void Parse_AcceptsMissingReceiversAndCarriageReturns()
    {
        var text = "BU_: A\r\nBO_ 1 M: 1 A\r\n SG_ S : 0|8@1+ (1,0) [0|0] \"\"\r\n SG_ T : 0|8@1+ (1,0) [0|0] \"\" A\r\n";

        var message = DbcParser.Parse(text).Messages[0];

        Assert.Empty(message.Signals[0].Receivers);
        Assert.Equal(new[] { "A" }, message.Signals[1].Receivers);
    }

    [Theory]
    [InlineData("BO_ 100 Msg 8 Node", 1, 13, "':'", "'8'")]
    [InlineData("BO_ 100 Msg: 8 Node\n SG_ S : 0|8@2+ (1,0) [0|0] \"\" X", 2, 14, "a byte order, 0 (Motorola) or 1 (Intel)", "'2'")]
    [InlineData("BO_ 100 Msg: 8 Node\n SG_ S : 0|8@1* (1,0) [0|0] \"\" X", 2, 15, "an identifier, number, string or symbol", "'*'")]
    [InlineData("BO_ 100 Msg: 8 Node\n SG_ S : 0|8@1+ (1,0) [0|0] \"\" X\n SG_ S : 8|8@1+ (1,0) [0|0] \"\" X", 3, 6, "a signal name not used before in message Msg", "'S'")]
    [InlineData("BO_ 100 Msg: 8 Node\n SG_ S mX : 0|8@1+ (1,0) [0|0] \"\" X", 2, 8, "a multiplexer indicator M, mN or mNM, or ':'", "'mX'")]
    [InlineData("BO_ 100 Msg: 8 Node\n SG_ S : 0|0@1+ (1,0) [0|0] \"\" X", 2, 12, "a signal length from 1 to 64 bits", "'0'")]
    [InlineData("BO_ 100 Msg: 8 Node\n SG_ S : 0|8@1+ (1,-x) [0|0] \"\" X", 2, 20, "an offset (a number)", "'-' followed by 'x'")]
    [InlineData(" SG_ S : 0|8@1+ (1,0) [0|0] \"\" X", 1, 2, "a BO_ line before the first SG_ line", "'SG_'")]
    [InlineData("BO_ 2048 Msg: 8 Node", 1, 5, "a standard identifier up to 0x7FF, or bit 31 set for an extended one", "'2048'")]
    [InlineData("BO_ 1 A: 8 N\nBO_ 1 B: 8 N", 2, 5, "a message identifier not used before", "'1'")]
    [InlineData("VAL_TABLE_ T 0 \"a\" 1", 1, 21, "a value description string", "end of file")]
    [InlineData("CM_ \"never closed;\nBU_: A", 1, 5, "a closing '\"' for the string that starts here", "end of file")]
    [InlineData("VERSION \"\"\nFOO_ 1;", 2, 1, "a section keyword such as BO_ or SG_", "'FOO_'")]
    [InlineData("BO_ 1 M: 8 N\n SG_ S : 0|16@1+ (1,0) [0|0] \"\" X\nSIG_VALTYPE_ 1 S : 1;", 3, 20, "a value type that fits the 16-bit signal S (float needs 32 bits, double 64)", "'1'")]
    [InlineData("BA_DEF_ BO_ \"Cycle\" LONG 0 1;", 1, 21, "an attribute type INT, HEX, FLOAT, STRING or ENUM", "'LONG'")]
    public void Parse_ReportsPositionExpectedAndFound(string text, int line, int column, string expected, string found)
    {
        var error = Assert.Throws<DbcParseException>(() => DbcParser.Parse(text, "bad.dbc"));

        Assert.Equal("bad.dbc", error.FileName);
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Equal(expected, error.Expected);
        Assert.Equal(found, error.Found);
        Assert.StartsWith($"bad.dbc:{line}:{column}: expected ", error.Message);
    }

    [Fact]
    public void Parse_WarnsAboutUnknownReferences()
    {
        var text = "BU_: A\nBO_ 1 M: 8 A\n SG_ S : 0|8@1+ (1,0) [0|0] \"\" A\n"
            + "CM_ BO_ 2 \"no such message\";\nVAL_ 1 T 0 \"no such signal\";\nCM_ BU_ B \"no such node\";\n";

        var file = DbcParser.Parse(text, "refs.dbc");

        Assert.Equal(3, file.Warnings.Count);
        Assert.Equal(4, file.Warnings[0].Line);
        Assert.Contains("message 2", file.Warnings[0].Message);
        Assert.Equal(5, file.Warnings[1].Line);
        Assert.Contains("no signal T", file.Warnings[1].Message);
        Assert.Equal(6, file.Warnings[2].Line);
        Assert.StartsWith("refs.dbc:6:9: warning: ", file.Warnings[2].ToString());
    }

    [Fact]
    public void Parse_TruncatedOrGarbledFileFailsCleanly()
    {
        var original = File.ReadAllText(DataPath("powertrain.dbc"))
            + File.ReadAllText(DataPath("multiplexed.dbc")).Replace("BU_: Bms Vcu", string.Empty);
        var random = new Random(20260412);
        const string noise = " \t\n\"\\:;|@()[],+-.0123456789eEmMxX_BOSGVAL";
        var outcomes = new int[2];

        for (var cut = 0; cut <= original.Length; cut += 3)
        {
            ParseExpectingCleanOutcome(original[..cut], outcomes);
        }

        for (var round = 0; round < 3000; round++)
        {
            var chars = original.ToCharArray().ToList();
            var edits = random.Next(1, 6);
            for (var edit = 0; edit < edits; edit++)
            {
                var at = random.Next(chars.Count);
                switch (random.Next(4))
                {
                    case 0:
                        chars[at] = noise[random.Next(noise.Length)];
                        break;
                    case 1:
                        chars.RemoveAt(at);
                        break;
                    case 2:
                        chars.Insert(at, noise[random.Next(noise.Length)]);
                        break;
                    default:
                        chars[at] = (char)random.Next(0, 0x250);
                        break;
                }
            }

            ParseExpectingCleanOutcome(new string(chars.ToArray()), outcomes);
        }

        // Both outcomes must occur, or the edits are too gentle or too harsh to test anything.
        Assert.True(outcomes[0] > 100, $"only {outcomes[0]} inputs parsed");
        Assert.True(outcomes[1] > 100, $"only {outcomes[1]} inputs were rejected");
    }

    /// <summary>Parses <paramref name="text"/> and counts a success in slot 0 or a DbcParseException in slot 1.</summary>
    private static void ParseExpectingCleanOutcome(string text, int[] outcomes)
    {
        try
        {
            DbcParser.Parse(text, "fuzz.dbc");
            outcomes[0]++;
        }
        catch (DbcParseException error)
        {
            Assert.InRange(error.Line, 1, text.Count(c => c == '\n') + 1);
            Assert.True(error.Column >= 1, $"column {error.Column} in: {error.Message}");
            outcomes[1]++;
        }
    }

    [Fact]
    public void Parse_SkipsLineComments()
    {
        const string text = "// header comment\n" +
            "VERSION \"2.0\" // trailing comment\n" +
            "BU_: A\n" +
            "BO_ 100 M: 8 A // message comment\n" +
            " SG_ S : 0|8@1+ (1,0) [0|0] \"x//y\" A\n";

        var file = DbcParser.Parse(text);

        Assert.Equal("2.0", file.Version);
        var message = Assert.Single(file.Messages);
        Assert.Equal("A", message.Transmitter);

        // Inside a string the two slashes are text, not a comment.
        Assert.Equal("x//y", Assert.Single(message.Signals).Unit);
    }
}

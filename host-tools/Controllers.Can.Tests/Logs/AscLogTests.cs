using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Controllers.Can.Logs;
using Xunit;

namespace Controllers.Can.Tests.Logs;

public class AscLogTests
{
    private const string CanalyzerText =
        "date Fri Jul 10 06:17:32.249 pm 2015\r\n" +
        "base hex  timestamps absolute\r\n" +
        "internal events logged\r\n" +
        "// version 8.5.0\r\n" +
        "Begin Triggerblock Fri Jul 10 06:17:32.249 pm 2015\r\n" +
        "   0.000000 Start of measurement\r\n" +
        "   0.100000 1  123             Rx   d 8 01 02 03 04 05 06 07 08  Length = 228000 BitCount = 118 ID = 291\r\n" +
        "   0.200000 2  18FEF100x       Tx   d 2 0A FF\r\n" +
        "   0.300000 1  7FF             Rx   r\r\n" +
        "   0.400000 1  1x              Tx   r 5\r\n" +
        "   0.500000 2  ErrorFrame\r\n" +
        "   0.600000 1  Statistic: D 0 R 0 XD 0 XR 0 E 0 O 0 B 0.00%\r\n" +
        "   0.700000 1  000             Rx   d 0\r\n" +
        "End TriggerBlock\r\n";

    [Fact]
    public void Read_ParsesCanalyzerLog()
    {
        var reader = new AscLogReader(new StringReader(CanalyzerText));

        List<LoggedFrame> frames = reader.ReadFrames().ToList();

        var expected = new List<LoggedFrame>
        {
            new(0.1m, "1", LogSamples.Data(0x123, false, 1, 2, 3, 4, 5, 6, 7, 8), CanDirection.Rx),
            new(0.2m, "2", LogSamples.Data(0x18FEF100, true, 0x0A, 0xFF), CanDirection.Tx),
            new(0.3m, "1", LogSamples.Remote(0x7FF, false, 0), CanDirection.Rx),
            new(0.4m, "1", LogSamples.Remote(0x1, true, 5), CanDirection.Tx),
            LoggedFrame.CreateBusError(0.5m, "2"),
            new(0.7m, "1", LogSamples.Data(0x000, false), CanDirection.Rx),
        };
        Assert.Equal(expected, frames);
        Assert.Equal(new DateTime(2015, 7, 10, 18, 17, 32, 249), reader.StartTime);
        Assert.Equal(AscNumberBase.Hex, reader.NumberBase);
        Assert.Equal(AscTimestampMode.Absolute, reader.TimestampMode);
        Assert.True(reader.InternalEventsLogged);
        Assert.Equal(2, reader.SkippedEventCount);
    }

    [Fact]
    public void Read_ParsesDecimalBaseAndRelativeTimestamps()
    {
        const string text =
            "date Fri Jul 10 06:17:32 2015\n" +
            "base dec  timestamps relative\n" +
            "no internal events logged\n" +
            "   0.100000 1  291             Rx   d 2 10 255\n" +
            "   0.250000 1  536870911x      Tx   d 1 0\n";
        var reader = new AscLogReader(new StringReader(text));

        List<LoggedFrame> frames = reader.ReadFrames().ToList();

        Assert.Equal(new LoggedFrame(0.1m, "1", LogSamples.Data(0x123, false, 10, 255), CanDirection.Rx), frames[0]);
        Assert.Equal(new LoggedFrame(0.35m, "1", LogSamples.Data(0x1FFFFFFF, true, 0), CanDirection.Tx), frames[1]);
        Assert.Equal(new DateTime(2015, 7, 10, 6, 17, 32), reader.StartTime);
        Assert.False(reader.InternalEventsLogged);
    }

    [Theory]
    [InlineData(AscNumberBase.Hex, AscTimestampMode.Absolute)]
    [InlineData(AscNumberBase.Decimal, AscTimestampMode.Absolute)]
    [InlineData(AscNumberBase.Hex, AscTimestampMode.Relative)]
    [InlineData(AscNumberBase.Decimal, AscTimestampMode.Relative)]
    public void WriterThenReader_RoundTrips(AscNumberBase numberBase, AscTimestampMode mode)
    {
        List<LoggedFrame> frames = LogSamples.MixedFrames(0m, "1", "2");
        var start = new DateTime(2024, 2, 29, 0, 5, 6, 789);
        var options = new AscWriteOptions { NumberBase = numberBase, TimestampMode = mode };
        var output = new StringWriter();
        using (var writer = new AscLogWriter(output, start, options))
        {
            frames.ForEach(writer.Write);
        }

        var reader = new AscLogReader(new StringReader(output.ToString()));
        List<LoggedFrame> read = reader.ReadFrames().ToList();

        Assert.Equal(frames, read);
        Assert.Equal(start, reader.StartTime);
        Assert.Equal(numberBase, reader.NumberBase);
        Assert.Equal(mode, reader.TimestampMode);
    }

    [Fact]
    public void Writer_UsesLog2AscLayout()
    {
        var output = new StringWriter();
        var options = new AscWriteOptions { WriteTriggerBlock = false };
        using (var writer = new AscLogWriter(output, new DateTime(2015, 7, 10, 6, 17, 32), options))
        {
            writer.Write(new LoggedFrame(0m, "1", LogSamples.Data(0x123, false, 0xDE, 0xAD, 0xBE, 0xEF)));
            writer.Write(new LoggedFrame(0.2m, "1", LogSamples.Data(0x12345678, true, 1, 2), CanDirection.Tx));
            writer.Write(new LoggedFrame(0.3m, "2", LogSamples.Remote(0x123, false, 5)));
            writer.Write(LoggedFrame.CreateBusError(1234.5m, "1"));
        }

        string[] expected =
        {
            "date Fri Jul 10 06:17:32.000 am 2015",
            "base hex  timestamps absolute",
            "no internal events logged",
            "   0.000000 1  123             Rx   d 4 DE AD BE EF",
            "   0.200000 1  12345678x       Tx   d 2 01 02",
            "   0.300000 2  123             Rx   r 5",
            "1234.500000 1  ErrorFrame",
            string.Empty,
        };
        Assert.Equal(string.Join("\n", expected), output.ToString());
    }

    [Fact]
    public void Writer_OmitsRemoteLengthWhenAsked()
    {
        var output = new StringWriter();
        var options = new AscWriteOptions { WriteRemoteFrameLength = false };
        using (var writer = new AscLogWriter(output, DateTime.UnixEpoch, options))
        {
            writer.Write(new LoggedFrame(0m, "1", LogSamples.Remote(0x123, false, 5)));
        }

        Assert.Contains("Rx   r\n", output.ToString());
    }

    [Theory]
    [InlineData("can0")]
    [InlineData("0")]
    public void Writer_RejectsNonNumericChannel(string channel)
    {
        using var writer = new AscLogWriter(new StringWriter(), DateTime.UnixEpoch);

        Assert.Throws<ArgumentException>(() => writer.Write(new LoggedFrame(0m, channel, LogSamples.Data(1, false))));
    }

    [Fact]
    public void Writer_RejectsDecreasingRelativeTimestamps()
    {
        var options = new AscWriteOptions { TimestampMode = AscTimestampMode.Relative };
        using var writer = new AscLogWriter(new StringWriter(), DateTime.UnixEpoch, options);
        writer.Write(new LoggedFrame(1m, "1", LogSamples.Data(1, false)));

        Assert.Throws<ArgumentException>(() => writer.Write(new LoggedFrame(0.5m, "1", LogSamples.Data(1, false))));
    }

    [Theory]
    [InlineData("Fri Jul 10 06:17:32 2015", 2015, 7, 10, 6, 17, 32, 0)]
    [InlineData("Fri Jul 10 12:17:32.5 am 2015", 2015, 7, 10, 0, 17, 32, 500)]
    [InlineData("Fri Jul 10 12:17:32 PM 2015", 2015, 7, 10, 12, 17, 32, 0)]
    [InlineData("Mo Okt 05 01:02:03.004 pm 2020", 2020, 10, 5, 13, 2, 3, 4)]
    [InlineData("Di Mär 3 23:59:59 2020", 2020, 3, 3, 23, 59, 59, 0)]
    public void AscDate_ParsesCommonLayouts(string text, int year, int month, int day, int hour, int minute, int second, int millisecond)
    {
        Assert.Equal(new DateTime(year, month, day, hour, minute, second, millisecond), AscDate.TryParse(text));
    }

    [Theory]
    [InlineData("Fri Jul 32 06:17:32 2015")]
    [InlineData("Fri Jux 10 06:17:32 2015")]
    [InlineData("Fri Jul 10 13:17:32 pm 2015")]
    [InlineData("Fri Jul 10 06:17 2015")]
    [InlineData("Fri Jul 10 06:17:32")]
    public void AscDate_RejectsInvalidDate(string text)
    {
        Assert.Null(AscDate.TryParse(text));
    }

    [Theory]
    [InlineData("   0.100000 1  123  Rx   d 8 01 02 03", 4, "8 data bytes")]
    [InlineData("   0.100000 1  123  Rx", 4, "frame type d")]
    [InlineData("   0.100000 1  123", 4, "direction Rx or Tx")]
    [InlineData("   0.100000 1  800  Rx   d 0", 4, "hex identifier")]
    [InlineData("   0.100000 1  123  Rx   d 9 01 02 03 04 05 06 07 08 09", 4, "data length 0 to 8")]
    [InlineData("   0.100000 1  123  Rx   d 1 100", 4, "1 or 2 hex digits")]
    [InlineData("   0.100000 1  123  Rx   q 1 10", 4, "frame type d")]
    [InlineData("   0.100000 1", 4, "identifier or ErrorFrame")]
    [InlineData("   0.100000 0  123  Rx   d 0", 4, "from 1 upward")]
    [InlineData("   0.1.0 1  123  Rx   d 0", 4, "timestamp")]
    [InlineData("   0.100000 CANFD   1 Rx 123  1 0 8 8 01 02 03 04 05 06 07 08 0 0 1000 0 0 0 0 0", 4, "CAN FD")]
    [InlineData("garbage", 4, "header line")]
    [InlineData("base oct", 4, "'base hex|dec'")]
    [InlineData("date Fri Jul 10 06:17", 4, "a date like")]
    public void Read_NamesExpectedField(string line, int lineNumber, string expectedPart)
    {
        string text = "date Fri Jul 10 06:17:32 2015\nbase hex  timestamps absolute\nno internal events logged\n" + line + "\n";
        var reader = new AscLogReader(new StringReader(text), "bus.asc");

        var error = Assert.Throws<CanLogFormatException>(() => reader.ReadFrames().ToList());

        Assert.Contains(expectedPart, error.Expected);
        Assert.Equal(lineNumber, error.LineNumber);
        Assert.StartsWith($"bus.asc:{lineNumber}: expected ", error.Message);
    }

    [Fact]
    public void Read_LenientModeReportsAndSkips()
    {
        string text = "base hex  timestamps absolute\n   0.1 1  123  Rx d 1 01\nnonsense\n   0.2 1  124  Rx d 2 01\n   0.3 1  125  Rx d 1 01\n";
        var errors = new List<CanLogFormatException>();
        var options = new CanLogReadOptions { SkipInvalidLines = true, InvalidLine = errors.Add };

        List<LoggedFrame> frames = new AscLogReader(new StringReader(text), null, options).ReadFrames().ToList();

        Assert.Equal(new[] { 0x123u, 0x125u }, frames.Select(f => f.Frame.Id));
        Assert.Equal(new[] { 3, 4 }, errors.Select(e => e.LineNumber));
    }

    [Fact]
    public void Read_TakesStartFromFirstTriggerBlock()
    {
        const string text =
            "date Fri Dec 04 08:57:38.567 PM 2026\n" +
            "base hex  timestamps absolute\n" +
            "Begin Triggerblock Fri Jul 10 06:17:32.249 AM 2015\n" +
            "   0.100000 1  123  Rx   d 0\n" +
            "End TriggerBlock\n" +
            "Begin Triggerblock Fri Jul 10 06:20:00.000 AM 2015\n" +
            "   150.000000 1  123  Rx   d 0\n" +
            "End TriggerBlock\n";
        var reader = new AscLogReader(new StringReader(text));

        int count = reader.ReadFrames().Count();

        Assert.Equal(2, count);
        Assert.Equal(new DateTime(2015, 7, 10, 6, 17, 32, 249), reader.StartTime);
    }

    [Fact]
    public void ReadFrames_RejectsSecondEnumeration()
    {
        var reader = new AscLogReader(new StringReader(CanalyzerText));
        reader.ReadFrames();

        Assert.Throws<InvalidOperationException>(() => reader.ReadFrames());
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Controllers.Can.Logs;
using Xunit;

namespace Controllers.Can.Tests.Logs;

public class CandumpLogTests
{
    [Fact]
    public void Read_ParsesEveryFrameKind()
    {
        List<LoggedFrame> frames = CandumpLog.Read(new StringReader(LogSamples.CandumpText)).ToList();

        Assert.Equal(LogSamples.CandumpFrames(), frames);
    }

    [Fact]
    public void Read_KeepsErrorClassAndData()
    {
        LoggedFrame frame = CandumpLog.ParseLine("(1.000000) can0 20000004#0004000000000000");

        Assert.True(frame.IsErrorFrame);
        Assert.Equal(0x4u, frame.Frame.Id);
        Assert.Equal(8, frame.Frame.Length);
        Assert.Equal(0x04, frame.Frame.Data[1]);
    }

    [Theory]
    [InlineData("(1.5) can0 123#11 R", CanDirection.Rx)]
    [InlineData("(1.5) can0 123#11 T", CanDirection.Tx)]
    public void ParseLine_ReadsDirectionSuffix(string line, CanDirection expected)
    {
        LoggedFrame frame = CandumpLog.ParseLine(line);

        Assert.Equal(expected, frame.Direction);
        Assert.Equal(1.5m, frame.Timestamp);
    }

    [Fact]
    public void ParseLine_AcceptsDotSeparatedData()
    {
        LoggedFrame frame = CandumpLog.ParseLine("(0.000001) can0 123#11.22.33");

        Assert.Equal(3, frame.Frame.Length);
        Assert.Equal(0x33, frame.Frame.Data[2]);
    }

    [Fact]
    public void Writer_ReproducesCandumpText()
    {
        var output = new StringWriter();
        using (var writer = new CandumpLogWriter(output))
        {
            foreach (LoggedFrame frame in LogSamples.CandumpFrames())
            {
                writer.Write(frame);
            }
        }

        Assert.Equal(LogSamples.CandumpText, output.ToString());
    }

    [Fact]
    public void FormatLine_PadsSecondsAndWritesDirection()
    {
        var frame = new LoggedFrame(1.5m, "can1", LogSamples.Data(0x1, true, 0xAB), CanDirection.Tx);

        Assert.Equal("(0000000001.500000) can1 00000001#AB T", CandumpLog.FormatLine(frame));
    }

    [Fact]
    public void FormatLine_RoundsToMicroseconds()
    {
        var frame = new LoggedFrame(2.0000005m, "can0", LogSamples.Data(0x1, false));

        Assert.Equal("(0000000002.000001) can0 001#", CandumpLog.FormatLine(frame));
    }

    [Theory]
    [InlineData("can 0")]
    [InlineData("")]
    [InlineData("can#0")]
    [InlineData("can0\n")]
    public void FormatLine_RejectsInvalidInterfaceName(string channel)
    {
        var frame = new LoggedFrame(0m, channel, LogSamples.Data(0x1, false));

        Assert.Throws<ArgumentException>(() => CandumpLog.FormatLine(frame));
    }

    [Fact]
    public void FormatLine_RejectsNegativeTimestamp()
    {
        var frame = new LoggedFrame(-1m, "can0", LogSamples.Data(0x1, false));

        Assert.Throws<ArgumentException>(() => CandumpLog.FormatLine(frame));
    }

    [Theory]
    [InlineData("(1.0) can0 800#", "standard identifier of at most 7FF")]
    [InlineData("(1.0) can0 1234#", "3 hex digits")]
    [InlineData("(1.0) can0 40000000#", "at most 1FFFFFFF")]
    [InlineData("(1.0) can0 123#112", "pairs of hex digits")]
    [InlineData("(1.0) can0 123#1122334455667788AA", "at most 8 data bytes")]
    [InlineData("(1.0) can0 123#R9", "remote frame length")]
    [InlineData("(1.0) can0 123##1AABB", "CAN FD")]
    [InlineData("(1.0) can0 123#1122334455667788_9", "_DLC")]
    [InlineData("(1.0) can0 123#11 X", "direction R or T")]
    [InlineData("1.0 can0 123#11", "timestamp")]
    [InlineData("(1.0) can0 123", "'#'")]
    [InlineData("(1.0) can0", "INTERFACE ID#DATA")]
    [InlineData("(123456789012.0) can0 123#", "at most 11 digits")]
    [InlineData("(1.0) can0 20000080#R", "data bytes after an error frame")]
    public void ParseLine_NamesExpectedField(string line, string expectedPart)
    {
        var error = Assert.Throws<CanLogFormatException>(() => CandumpLog.ParseLine(line, "bus.log", 7));

        Assert.Contains(expectedPart, error.Expected);
        Assert.StartsWith("bus.log:7: expected ", error.Message);
        Assert.Equal(line, error.LineText);
    }

    [Fact]
    public void Read_ReportsTruncatedLastLine()
    {
        string text = LogSamples.CandumpText + "(1436509053.049713) vcan0 12";

        var error = Assert.Throws<CanLogFormatException>(() => CandumpLog.Read(new StringReader(text), "trace.log").ToList());

        Assert.Equal("trace.log", error.SourceName);
        Assert.Equal(8, error.LineNumber);
    }

    [Fact]
    public void Read_LenientModeReportsAndSkips()
    {
        string text = "(1.0) can0 123#11\ngarbage\n\n(2.0) can0 124#22\n(3.0) can0 12";
        var errors = new List<CanLogFormatException>();
        var options = new CanLogReadOptions { SkipInvalidLines = true, InvalidLine = errors.Add };

        List<LoggedFrame> frames = CandumpLog.Read(new StringReader(text), null, options).ToList();

        Assert.Equal(new[] { 0x123u, 0x124u }, frames.Select(f => f.Frame.Id));
        Assert.Equal(new[] { 2, 5 }, errors.Select(e => e.LineNumber));
    }

    [Fact]
    public void ReadFile_StreamsFromDisk()
    {
        string path = Path.Combine(Path.GetTempPath(), $"candump-{Guid.NewGuid():N}.log");
        File.WriteAllText(path, LogSamples.CandumpText);
        try
        {
            Assert.Equal(LogSamples.CandumpFrames(), CandumpLog.ReadFile(path).ToList());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoggedFrame_CopiesCallerFrame()
    {
        var source = LogSamples.Data(0x10, false, 1);
        var logged = new LoggedFrame(0m, "can0", source);

        source.Data[0] = 2;
        LoggedFrame copy = logged with { Channel = "can1" };
        copy.Frame.Data[0] = 3;

        Assert.Equal(1, logged.Frame.Data[0]);
        Assert.Equal(3, copy.Frame.Data[0]);
    }
}

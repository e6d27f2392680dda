using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Controllers.Can.Logs;
using Xunit;

namespace Controllers.Can.Tests.Logs;

public class CanLogConversionTests
{
    [Fact]
    public void CandumpToAsc_NumbersChannelsByAppearance()
    {
        var output = new StringWriter();
        var options = new CandumpToAscOptions { TimeZone = TimeZoneInfo.Utc };

        CanLogConversionResult result = CanLogConversion.CandumpToAsc(new StringReader(LogSamples.CandumpText), output, options);

        var reader = new AscLogReader(new StringReader(output.ToString()));
        List<LoggedFrame> frames = reader.ReadFrames().ToList();
        Assert.Equal(new CanLogConversionResult(7, 0), result);
        Assert.Equal(new DateTime(2015, 7, 10, 6, 17, 32, 249), reader.StartTime);
        Assert.Equal(new[] { "1", "1", "2", "2", "1", "1", "2" }, frames.Select(f => f.Channel));
        Assert.Equal(0.7m, frames[6].Timestamp);
        Assert.Equal(LoggedFrame.CreateBusError(0.5m, "1"), frames[4]);
    }

    [Fact]
    public void CandumpToAsc_SkipsUnlistedInterfaces()
    {
        var output = new StringWriter();
        var options = new CandumpToAscOptions { Channels = new[] { "vcan1" }, TimeZone = TimeZoneInfo.Utc };

        CanLogConversionResult result = CanLogConversion.CandumpToAsc(new StringReader(LogSamples.CandumpText), output, options);

        List<LoggedFrame> frames = new AscLogReader(new StringReader(output.ToString())).ReadFrames().ToList();
        Assert.Equal(new CanLogConversionResult(3, 4), result);
        Assert.All(frames, f => Assert.Equal("1", f.Channel));
        Assert.Equal(0.3m, frames[0].Timestamp);
    }

    [Fact]
    public void CandumpToAsc_RejectsFrameBeforeFirst()
    {
        const string text = "(10.0) can0 123#\n(9.0) can0 123#\n";

        var error = Assert.Throws<CanLogFormatException>(
            () => CanLogConversion.CandumpToAsc(new StringReader(text), new StringWriter(), null, "late.log"));

        Assert.Equal(2, error.LineNumber);
        Assert.Contains("not earlier than the first frame", error.Expected);
    }

    [Fact]
    public void AscToCandump_AddsStartDate()
    {
        var ascText = new StringWriter();
        List<LoggedFrame> original = LogSamples.MixedFrames(0m, "1", "2");
        using (var writer = new AscLogWriter(ascText, new DateTime(2015, 7, 10, 6, 17, 32, 249)))
        {
            original.ForEach(writer.Write);
        }

        var output = new StringWriter();
        var options = new AscToCandumpOptions { InterfaceNames = new[] { "vcan0" }, TimeZone = TimeZoneInfo.Utc };
        CanLogConversionResult result = CanLogConversion.AscToCandump(new StringReader(ascText.ToString()), output, options);

        List<LoggedFrame> frames = CandumpLog.Read(new StringReader(output.ToString())).ToList();
        Assert.Equal(new CanLogConversionResult(7, 0), result);
        Assert.Equal(LogSamples.MixedFrames(1436509052.249m, "vcan0", "can1"), frames);
    }

    [Fact]
    public void RoundTrip_CandumpThroughAscKeepsFrames()
    {
        var asc = new StringWriter();
        CanLogConversion.CandumpToAsc(new StringReader(LogSamples.CandumpText), asc, new CandumpToAscOptions { TimeZone = TimeZoneInfo.Utc });
        var candump = new StringWriter();
        var names = new[] { "vcan0", "vcan1" };
        CanLogConversion.AscToCandump(new StringReader(asc.ToString()), candump, new AscToCandumpOptions { InterfaceNames = names, TimeZone = TimeZoneInfo.Utc });

        List<LoggedFrame> frames = CandumpLog.Read(new StringReader(candump.ToString())).ToList();

        // ASC stores a direction on every frame but an error frame, and its date only to the millisecond.
        List<LoggedFrame> expected = LogSamples.CandumpFrames()
            .Select(f => f with { Timestamp = f.Timestamp - 0.000713m, Direction = f.IsErrorFrame ? null : CanDirection.Rx })
            .ToList();
        Assert.Equal(expected, frames);
    }

    [Fact]
    public void FileConversions_NameInputInErrors()
    {
        string directory = Path.Combine(Path.GetTempPath(), $"can-log-files-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            string candump = Path.Combine(directory, "in.log");
            string asc = Path.Combine(directory, "out.asc");
            string back = Path.Combine(directory, "back.log");
            File.WriteAllText(candump, LogSamples.CandumpText);

            CanLogConversion.CandumpFileToAsc(candump, asc, new CandumpToAscOptions { TimeZone = TimeZoneInfo.Utc });
            CanLogConversion.AscFileToCandump(asc, back, new AscToCandumpOptions { TimeZone = TimeZoneInfo.Utc });
            File.AppendAllText(asc, "garbage\n");
            var error = Assert.Throws<CanLogFormatException>(() => CanLogConversion.AscFileToCandump(asc, back));

            Assert.Equal(7, CandumpLog.ReadFile(back).Count());
            Assert.Equal(asc, error.SourceName);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void AscDate_ConvertsWithTimeZone()
    {
        TimeZoneInfo zone = TimeZoneInfo.CreateCustomTimeZone("UTC+02", TimeSpan.FromHours(2), "UTC+02", "UTC+02");
        var local = new DateTime(2015, 7, 10, 8, 17, 32, 249);

        decimal seconds = AscDate.ToUnixSeconds(local, zone);

        Assert.Equal(1436509052.249m, seconds);
        Assert.Equal(local, AscDate.FromUnixSeconds(seconds, zone));
    }

    [Fact]
    public void AscToCandump_WithoutDateCountsFromEpoch()
    {
        const string text = "base hex  timestamps absolute\n   1.500000 3  123  Rx   d 0\n";
        var output = new StringWriter();

        CanLogConversion.AscToCandump(new StringReader(text), output);

        Assert.Equal("(0000000001.500000) can2 123# R\n", output.ToString());
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Controllers.Can.Logs;
using Controllers.Firmware.Common.Can;
using Xunit;

namespace Controllers.Can.Tests.Logs;

/// <summary>
/// Checks the readers and writers against can-utils log2asc and asc2log and against python-can 4.1.
/// Each test is skipped, with the reason, when its tool is not installed.
/// </summary>
public sealed class CanLogInteropTests : IDisposable
{
    private const decimal CandumpStart = 1436509053.000001m;

    private readonly string directory = Path.Combine(Path.GetTempPath(), $"can-log-interop-{Guid.NewGuid():N}");

    public CanLogInteropTests()
    {
        Directory.CreateDirectory(directory);
    }

    public void Dispose()
    {
        Directory.Delete(directory, recursive: true);
    }

    [SkippableFact]
    public void Log2Asc_ReadsOurCandumpLog()
    {
        string log2asc = RequireTool("log2asc");
        List<LoggedFrame> frames = CandumpFramesWithAndWithoutDirection();
        string input = WriteCandump(frames);
        string output = Path.Combine(directory, "log2asc.asc");

        ExternalTool.RunChecked(log2asc, null, "-I", input, "-O", output, "vcan0", "vcan1");

        var reader = new AscLogReader(new StreamReader(output), output);
        List<LoggedFrame> read = reader.ReadFrames().ToList();
        decimal first = frames[0].Timestamp;
        List<LoggedFrame> expected = frames.Select(f => ToAscChannel(f with { Timestamp = f.Timestamp - first })).ToList();
        Assert.Equal(expected, read);
        Assert.NotNull(reader.StartTime);
        Assert.Equal(decimal.Truncate(first), AscDate.ToUnixSeconds(reader.StartTime!.Value, TimeZoneInfo.Local));
    }

    [SkippableTheory]
    [InlineData(AscNumberBase.Hex)]
    [InlineData(AscNumberBase.Decimal)]
    public void Asc2Log_ReadsOurAscLog(AscNumberBase numberBase)
    {
        string asc2log = RequireTool("asc2log");
        List<LoggedFrame> frames = LogSamples.MixedFrames(0m, "1", "2");
        string input = WriteAsc(frames, new AscWriteOptions { NumberBase = numberBase });
        string output = Path.Combine(directory, "asc2log.log");

        ExternalTool.RunChecked(asc2log, null, "-I", input, "-O", output);

        // asc2log (can-utils 2020.11) reads the date with the en_US or de_DE locale and uses the current time when that
        // locale is not installed, so only the times relative to the first frame are compared.
        List<LoggedFrame> read = CandumpLog.ReadFile(output).ToList();
        Assert.NotEmpty(read);
        decimal first = read[0].Timestamp;
        List<LoggedFrame> relative = read.Select(f => f with { Timestamp = f.Timestamp - first }).ToList();
        Assert.Equal(LogSamples.MixedFrames(0m, "can0", "can1"), relative);
    }

    [SkippableFact]
    public void PythonCan_ReadsOurCandumpLog()
    {
        RequirePythonCan();
        List<LoggedFrame> frames = CandumpFramesWithAndWithoutDirection();
        string path = WriteCandump(frames);

        List<string> read = ReadWithPython("candump", path);

        // python-can's CanutilsLogReader gives error frames no channel and no error class.
        List<string> expected = frames.Select(f => Describe(f, f.IsErrorFrame ? null : f.Channel)).ToList();
        Assert.Equal(expected, read);
    }

    [SkippableTheory]
    [InlineData(AscNumberBase.Hex)]
    [InlineData(AscNumberBase.Decimal)]
    public void PythonCan_ReadsOurAscLog(AscNumberBase numberBase)
    {
        RequirePythonCan();
        List<LoggedFrame> frames = LogSamples.MixedFrames(0m, "1", "2");
        string path = WriteAsc(frames, new AscWriteOptions { NumberBase = numberBase });

        List<string> read = ReadWithPython("asc", path);

        // python-can numbers ASC channels from 0, and reads an ErrorFrame line as a received frame.
        List<string> expected = frames
            .Select(f => Describe(f with { Direction = f.Direction ?? CanDirection.Rx }, ZeroBasedChannel(f.Channel)))
            .ToList();
        Assert.Equal(expected, read);
    }

    [SkippableFact]
    public void CandumpReader_ReadsPythonCanLog()
    {
        RequirePythonCan();
        List<LoggedFrame> frames = LogSamples.MixedFrames(CandumpStart, "vcan0", "vcan1");
        string path = Path.Combine(directory, "python.log");

        WriteWithPython("candump", path, frames, f => f.Channel);

        // CanutilsLogWriter writes remote frames as 'R' without the length and error frames as 20000080# without data.
        List<LoggedFrame> expected = frames.Select(ExpectedFromPythonCandump).ToList();
        Assert.Equal(expected, CandumpLog.ReadFile(path).ToList());
    }

    [SkippableFact]
    public void AscReader_ReadsPythonCanAsc()
    {
        RequirePythonCan();
        List<LoggedFrame> frames = LogSamples.MixedFrames(CandumpStart, "1", "2");
        string path = Path.Combine(directory, "python.asc");

        WriteWithPython("asc", path, frames, f => ZeroBasedChannel(f.Channel));

        var reader = new AscLogReader(new StreamReader(path), path);
        List<LoggedFrame> read = reader.ReadFrames().ToList();
        List<LoggedFrame> expected = frames.Select(f => f with { Timestamp = f.Timestamp - CandumpStart }).ToList();
        Assert.Equal(expected, read);
        Assert.Equal(1, reader.SkippedEventCount);
        Assert.NotNull(reader.StartTime);
        decimal start = AscDate.ToUnixSeconds(reader.StartTime!.Value, TimeZoneInfo.Local);
        Assert.InRange(CandumpStart - start, 0m, 0.001m);
    }

    private static string RequireTool(string name)
    {
        string? path = ExternalTool.FindOnPath(name);
        Skip.If(path == null, $"{name} not found on PATH (install the can-utils package)");
        return path!;
    }

    private static void RequirePythonCan()
    {
        string? problem = ExternalTool.GetPythonCanProblem();
        Skip.If(problem != null, problem);
    }

    private static List<LoggedFrame> CandumpFramesWithAndWithoutDirection()
    {
        List<LoggedFrame> frames = LogSamples.CandumpFrames();
        frames.AddRange(LogSamples.MixedFrames(CandumpStart, "vcan0", "vcan1"));
        return frames;
    }

    private static LoggedFrame ToAscChannel(LoggedFrame frame)
    {
        string channel = frame.Channel == "vcan0" ? "1" : "2";
        CanDirection? direction = frame.IsErrorFrame ? null : frame.Direction ?? CanDirection.Rx;
        return frame with { Channel = channel, Direction = direction };
    }

    private static string ZeroBasedChannel(string ascChannel)
    {
        return (int.Parse(ascChannel, CultureInfo.InvariantCulture) - 1).ToString(CultureInfo.InvariantCulture);
    }

    private static LoggedFrame ExpectedFromPythonCandump(LoggedFrame frame)
    {
        if (frame.IsErrorFrame)
        {
            var error = new CanFrame();
            error.SetId(LoggedFrame.BusErrorClass, extended: true);
            return new LoggedFrame(frame.Timestamp, frame.Channel, error, null, isErrorFrame: true);
        }

        if (frame.Frame.IsRemote)
        {
            var remote = new CanFrame();
            remote.CopyFrom(frame.Frame);
            remote.Length = 0;
            return new LoggedFrame(frame.Timestamp, frame.Channel, remote, frame.Direction);
        }

        return frame;
    }

    private string WriteCandump(IEnumerable<LoggedFrame> frames)
    {
        string path = Path.Combine(directory, "ours.log");
        using var writer = new CandumpLogWriter(new StreamWriter(path), ownsWriter: true);
        foreach (LoggedFrame frame in frames)
        {
            writer.Write(frame);
        }

        return path;
    }

    private string WriteAsc(IEnumerable<LoggedFrame> frames, AscWriteOptions options)
    {
        string path = Path.Combine(directory, "ours.asc");
        using var writer = new AscLogWriter(new StreamWriter(path), new DateTime(2015, 7, 10, 6, 17, 32, 249), options, ownsWriter: true);
        foreach (LoggedFrame frame in frames)
        {
            writer.Write(frame);
        }

        return path;
    }

    private static string ScriptPath()
    {
        return Path.Combine(AppContext.BaseDirectory, "Logs", "python_can_logs.py");
    }

    private static List<string> ReadWithPython(string kind, string path)
    {
        string json = ExternalTool.RunChecked(ExternalTool.SystemPython, null, ScriptPath(), "read", kind, path);
        using JsonDocument document = JsonDocument.Parse(json);
        var frames = new List<string>();
        foreach (JsonElement element in document.RootElement.EnumerateArray())
        {
            frames.Add(DescribePython(element));
        }

        return frames;
    }

    private static void WriteWithPython(string kind, string path, IEnumerable<LoggedFrame> frames, Func<LoggedFrame, string> channel)
    {
        var objects = frames.Select(f => new Dictionary<string, object?>
        {
            ["timestamp"] = f.Timestamp.ToString(CultureInfo.InvariantCulture),
            ["channel"] = channel(f),
            ["id"] = f.IsErrorFrame ? 0u : f.Frame.Id,
            ["extended"] = f.Frame.IsExtended,
            ["remote"] = f.Frame.IsRemote,
            ["error"] = f.IsErrorFrame,
            ["dlc"] = f.IsErrorFrame ? 0 : f.Frame.Length,
            ["data"] = f.IsErrorFrame || f.Frame.IsRemote ? string.Empty : Convert.ToHexString(f.Frame.Data, 0, f.Frame.Length),
            ["rx"] = f.Direction != CanDirection.Tx,
        });
        ExternalTool.RunChecked(ExternalTool.SystemPython, JsonSerializer.Serialize(objects), ScriptPath(), "write", kind, path);
    }

    /// <summary>
    /// Describes a frame in the terms python-can reports, rounding the time to microseconds.
    /// Error frames carry only time and channel because python-can keeps neither error class nor data.
    /// </summary>
    private static string Describe(LoggedFrame frame, string? channel)
    {
        string time = decimal.Round(frame.Timestamp, 6).ToString("0.000000", CultureInfo.InvariantCulture);
        if (frame.IsErrorFrame)
        {
            return $"{time} {channel ?? "-"} error";
        }

        CanFrame canFrame = frame.Frame;
        string data = canFrame.IsRemote ? "remote" : Convert.ToHexString(canFrame.Data, 0, canFrame.Length);
        string direction = frame.Direction == CanDirection.Tx ? "Tx" : "Rx";
        return $"{time} {channel} {canFrame.Id:X}{(canFrame.IsExtended ? "x" : string.Empty)} {canFrame.Length} {data} {direction}";
    }

    private static string DescribePython(JsonElement element)
    {
        decimal timestamp = decimal.Parse(element.GetProperty("timestamp").GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);
        string time = decimal.Round(timestamp, 6).ToString("0.000000", CultureInfo.InvariantCulture);
        string? channel = element.GetProperty("channel").GetString();
        if (element.GetProperty("error").GetBoolean())
        {
            return $"{time} {channel ?? "-"} error";
        }

        uint id = element.GetProperty("id").GetUInt32();
        bool extended = element.GetProperty("extended").GetBoolean();
        bool remote = element.GetProperty("remote").GetBoolean();
        int length = element.GetProperty("dlc").GetInt32();
        string data = remote ? "remote" : element.GetProperty("data").GetString()!;
        string direction = element.GetProperty("rx").GetBoolean() ? "Rx" : "Tx";
        return $"{time} {channel} {id:X}{(extended ? "x" : string.Empty)} {length} {data} {direction}";
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Controllers.Can.Dbc;
using Xunit;

namespace Controllers.Can.Tests.Dbc;

/// <summary>
/// Compares the parser's model with canmatrix (Debian package python3-canmatrix) on the test DBC
/// files. canmatrix_dump.py loads each file and prints JSON. Skipped where Python or canmatrix is missing.
/// </summary>
public class CanmatrixInteropTests
{
    private const string PythonPath = "/usr/bin/python3";
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(60);

    [SkippableTheory]
    [InlineData("powertrain.dbc")]
    [InlineData("multiplexed.dbc")]
    [InlineData("numeric.dbc")]
    public void Canmatrix_MatchesParserModel(string fileName)
    {
        SkipUnlessCanmatrixInstalled();
        var mismatches = FindMismatches(DbcParserTests.DataPath(fileName));

        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    /// <summary>Loads <paramref name="path"/> with canmatrix and with the parser, and lists every field that differs.</summary>
    internal static List<string> FindMismatches(string path)
    {
        var fileName = Path.GetFileName(path);
        var script = Path.Combine(AppContext.BaseDirectory, "Dbc", "canmatrix_dump.py");

        var (exitCode, output, error) = RunPython(script, path);
        Assert.True(exitCode == 0, $"canmatrix_dump.py exited with {exitCode}: {error}");

        using var json = JsonDocument.Parse(output);
        var expected = json.RootElement;
        var file = DbcParser.ParseFile(path);
        var mismatches = new List<string>();

        Compare(mismatches, fileName, "nodes", Strings(expected.GetProperty("nodes")), file.Nodes.Select(node => node.Name));
        CompareValueTables(mismatches, expected.GetProperty("valueTables"), file);

        var messages = expected.GetProperty("messages").EnumerateArray().ToList();
        Compare(mismatches, fileName, "message count", messages.Count, file.Messages.Count);
        foreach (var expectedMessage in messages.Take(file.Messages.Count).Zip(file.Messages))
        {
            CompareMessage(mismatches, expectedMessage.First, expectedMessage.Second);
        }

        return mismatches;
    }

    private static void CompareValueTables(List<string> mismatches, JsonElement expected, DbcFile file)
    {
        var names = expected.EnumerateObject().Select(table => table.Name).ToList();
        Compare(mismatches, "value tables", "names", names, file.ValueTables.Keys);
        foreach (var table in expected.EnumerateObject())
        {
            if (file.ValueTables.TryGetValue(table.Name, out var actual))
            {
                Compare(mismatches, $"value table {table.Name}", "entries", Describe(table.Value), Describe(actual));
            }
        }
    }

    private static void CompareMessage(List<string> mismatches, JsonElement expected, DbcMessage message)
    {
        var where = $"message {message.Name}";
        Compare(mismatches, where, "name", expected.GetProperty("name").GetString(), message.Name);
        Compare(mismatches, where, "id", expected.GetProperty("id").GetUInt32(), message.Id);
        Compare(mismatches, where, "extended", expected.GetProperty("extended").GetBoolean(), message.IsExtended);
        Compare(mismatches, where, "dlc", expected.GetProperty("dlc").GetInt32(), message.Length);
        Compare(
            mismatches, where, "transmitters", Strings(expected.GetProperty("transmitters")),
            new[] { message.Transmitter }.Concat(message.ExtraTransmitters));

        // canmatrix reports 0 where no GenMsgCycleTime applies, and "" for a missing comment.
        Compare(mismatches, where, "cycle time", expected.GetProperty("cycleTime").GetInt32(), message.CycleTimeMilliseconds ?? 0);
        Compare(mismatches, where, "comment", expected.GetProperty("comment").GetString() ?? string.Empty, message.Comment ?? string.Empty);

        var signals = expected.GetProperty("signals").EnumerateArray().ToList();
        Compare(mismatches, where, "signal count", signals.Count, message.Signals.Count);
        foreach (var (expectedSignal, signal) in signals.Take(message.Signals.Count).Zip(message.Signals))
        {
            CompareSignal(mismatches, $"{where} signal {signal.Name}", expectedSignal, signal);
        }
    }

    private static void CompareSignal(List<string> mismatches, string where, JsonElement expected, DbcSignal signal)
    {
        Compare(mismatches, where, "name", expected.GetProperty("name").GetString(), signal.Name);
        Compare(mismatches, where, "start bit", expected.GetProperty("startBit").GetInt32(), signal.StartBit);

        // canmatrix stores the Motorola MSB in MSB0 numbering (bit 7 of byte 0 is 0). Checking its
        // raw value confirms the conversion in canmatrix_dump.py rather than trusting it.
        var msb0StartBit = signal.ByteOrder == DbcByteOrder.Motorola
            ? (signal.StartBit / 8 * 8) + 7 - (signal.StartBit % 8)
            : signal.StartBit;
        Compare(mismatches, where, "canmatrix start bit", expected.GetProperty("canmatrixStartBit").GetInt32(), msb0StartBit);

        Compare(mismatches, where, "length", expected.GetProperty("length").GetInt32(), signal.Length);
        Compare(mismatches, where, "intel", expected.GetProperty("intel").GetBoolean(), signal.ByteOrder == DbcByteOrder.Intel);
        Compare(mismatches, where, "signed", expected.GetProperty("signed").GetBoolean(), signal.IsSigned);
        Compare(mismatches, where, "float", expected.GetProperty("float").GetBoolean(), signal.ValueType != DbcSignalValueType.Integer);
        Compare(mismatches, where, "factor", expected.GetProperty("factor").GetDouble(), signal.Factor);
        Compare(mismatches, where, "offset", expected.GetProperty("offset").GetDouble(), signal.Offset);
        Compare(mismatches, where, "min", expected.GetProperty("min").GetDouble(), signal.Minimum);
        Compare(mismatches, where, "max", expected.GetProperty("max").GetDouble(), signal.Maximum);
        Compare(mismatches, where, "unit", expected.GetProperty("unit").GetString(), signal.Unit);
        Compare(mismatches, where, "receivers", Strings(expected.GetProperty("receivers")), signal.Receivers);
        Compare(mismatches, where, "comment", expected.GetProperty("comment").GetString(), signal.Comment);
        Compare(mismatches, where, "is multiplexer", expected.GetProperty("isMultiplexer").GetBoolean(), signal.IsMultiplexer);

        var multiplexerValue = expected.GetProperty("multiplexerValue");
        Compare(
            mismatches, where, "multiplexer value",
            multiplexerValue.ValueKind == JsonValueKind.Null ? null : multiplexerValue.GetUInt64(),
            signal.MultiplexerValue);
        Compare(mismatches, where, "multiplexer switch", expected.GetProperty("multiplexerSwitch").GetString(), signal.MultiplexerSwitchName);

        var ranges = expected.GetProperty("multiplexerRanges").EnumerateArray()
            .Select(range => $"{range[0].GetUInt64()}-{range[1].GetUInt64()}");
        Compare(mismatches, where, "multiplexer ranges", ranges, signal.MultiplexerRanges.Select(range => $"{range.Minimum}-{range.Maximum}"));
        Compare(mismatches, where, "value descriptions", Describe(expected.GetProperty("values")), Describe(signal.ValueDescriptions));
    }

    private static void Compare<T>(List<string> mismatches, string where, string field, T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            mismatches.Add($"{where}: {field} is {actual} in the parser, {expected} in canmatrix");
        }
    }

    private static void Compare(List<string> mismatches, string where, string field, IEnumerable<string> expected, IEnumerable<string> actual)
    {
        Compare(mismatches, where, field, string.Join(",", expected), string.Join(",", actual));
    }

    private static IEnumerable<string> Strings(JsonElement array) => array.EnumerateArray().Select(item => item.GetString() ?? string.Empty).ToList();

    private static string Describe(JsonElement table)
    {
        return string.Join("; ", table.EnumerateObject()
            .Select(entry => (Key: long.Parse(entry.Name, CultureInfo.InvariantCulture), Text: entry.Value.GetString()))
            .OrderBy(entry => entry.Key)
            .Select(entry => $"{entry.Key}={entry.Text}"));
    }

    private static string Describe(IReadOnlyDictionary<long, string> table)
    {
        return string.Join("; ", table.OrderBy(entry => entry.Key).Select(entry => $"{entry.Key}={entry.Value}"));
    }

    internal static void SkipUnlessCanmatrixInstalled()
    {
        Skip.IfNot(File.Exists(PythonPath), $"{PythonPath} is not installed; install python3 and python3-canmatrix to run this test.");

        var (exitCode, _, error) = RunPython("-c", "import canmatrix.formats");
        var lastErrorLine = error.Trim().Split('\n').LastOrDefault() ?? string.Empty;
        Skip.If(exitCode != 0, $"canmatrix is not importable by {PythonPath} (install python3-canmatrix): {lastErrorLine}");
    }

    private static (int ExitCode, string Output, string Error) RunPython(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(PythonPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Failed to start {PythonPath}.");
        var errorTask = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(ProcessTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{PythonPath} {string.Join(" ", arguments)} timed out after {ProcessTimeout.TotalSeconds} s.");
        }

        return (process.ExitCode, output, errorTask.Result);
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Controllers.Can.Dbc;
using Controllers.Can.Tests.Dbc;
using Xunit;

namespace Controllers.Can.Tests.Matrix;

/// <summary>Consistency checks on the product CAN matrices in <c>boards/can</c>.</summary>
public class CanMatrixTests
{
    private const double BitRate = 500_000;
    private const double MaxBusLoad = 0.5;

    /// <summary>
    /// Signals that carry a count, an index, a code or a checksum, so they need neither a unit nor a
    /// value table. Matched against the end of the signal name.
    /// </summary>
    private static readonly string[] DimensionlessSuffixes =
    [
        "AliveCounter", "Counter", "Crc", "Index", "Group", "MuxId", "Status", "Dtc", "DtcCount",
        "FaultCode", "Address", "Mask", "CellCount",
    ];

    public static TheoryData<string> MatrixFiles => new() { "bms.dbc", "vcu.dbc" };

    internal static string MatrixPath(string fileName)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Controllers.sln")))
            {
                return Path.Combine(folder.FullName, "boards", "can", fileName);
            }
        }

        throw new DirectoryNotFoundException("No Controllers.sln above " + AppContext.BaseDirectory + ".");
    }

    private static DbcFile Load(string fileName) => DbcParser.ParseFile(MatrixPath(fileName));

    [Theory]
    [MemberData(nameof(MatrixFiles))]
    public void Parse_RaisesNoWarnings(string fileName)
    {
        var file = Load(fileName);

        Assert.Empty(file.Warnings.Select(warning => warning.ToString()));
        Assert.NotEmpty(file.Messages);
    }

    [Theory]
    [MemberData(nameof(MatrixFiles))]
    public void Signals_FitDataLength(string fileName)
    {
        var problems = new List<string>();
        foreach (var message in Load(fileName).Messages)
        {
            Assert.InRange(message.Length, 1, 8);
            foreach (var signal in message.Signals)
            {
                int highest = SignalBits(signal).Max();
                if (highest >= message.Length * 8)
                {
                    problems.Add($"{message.Name}.{signal.Name} reaches bit {highest}, DLC {message.Length}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [MemberData(nameof(MatrixFiles))]
    public void Signals_DoNotOverlap(string fileName)
    {
        var problems = new List<string>();
        foreach (var message in Load(fileName).Messages)
        {
            // Each switch value forms its own layout: the unmultiplexed signals plus that value's signals.
            var switchValues = message.Signals.Where(signal => signal.MultiplexerValue.HasValue)
                .Select(signal => signal.MultiplexerValue).Distinct().ToList();
            if (switchValues.Count == 0)
            {
                switchValues.Add(null);
            }

            foreach (var value in switchValues)
            {
                var owners = new Dictionary<int, string>();
                foreach (var signal in message.Signals.Where(s => !s.IsMultiplexed || s.MultiplexerValue == value))
                {
                    foreach (int bit in SignalBits(signal))
                    {
                        if (!owners.TryAdd(bit, signal.Name))
                        {
                            problems.Add($"{message.Name} mux {value}: {owners[bit]} and {signal.Name} share bit {bit}");
                        }
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [MemberData(nameof(MatrixFiles))]
    public void Messages_HaveUniqueIdsAndNames(string fileName)
    {
        var messages = Load(fileName).Messages;

        Assert.Equal(messages.Count, messages.Select(message => message.FileId).Distinct().Count());
        Assert.Equal(messages.Count, messages.Select(message => message.Name).Distinct().Count());
        Assert.All(messages, message => Assert.False(message.IsExtended, message.Name));
    }

    [Theory]
    [MemberData(nameof(MatrixFiles))]
    public void Messages_HaveCycleTimeAndComment(string fileName)
    {
        foreach (var message in Load(fileName).Messages)
        {
            Assert.True(message.CycleTimeMilliseconds > 0, $"{message.Name} has no GenMsgCycleTime");
            Assert.False(string.IsNullOrWhiteSpace(message.Comment), $"{message.Name} has no comment");
            Assert.NotEqual("Vector__XXX", message.Transmitter);
        }
    }

    [Theory]
    [MemberData(nameof(MatrixFiles))]
    public void Signals_HaveUnitOrValueTable(string fileName)
    {
        var problems = new List<string>();
        foreach (var message in Load(fileName).Messages)
        {
            foreach (var signal in message.Signals)
            {
                bool dimensionless = DimensionlessSuffixes.Any(suffix => signal.Name.EndsWith(suffix, StringComparison.Ordinal));
                if (signal.Unit.Length == 0 && signal.ValueDescriptions.Count == 0 && !dimensionless)
                {
                    problems.Add($"{message.Name}.{signal.Name}");
                }

                if (signal.Length == 1 && signal.ValueDescriptions.Count == 0)
                {
                    problems.Add($"{message.Name}.{signal.Name} is a flag without a value table");
                }
            }
        }

        Assert.True(problems.Count == 0, "No unit or value table: " + string.Join(", ", problems));
    }

    [Theory]
    [MemberData(nameof(MatrixFiles))]
    public void Signals_RangeFitsBitField(string fileName)
    {
        var problems = new List<string>();
        foreach (var message in Load(fileName).Messages)
        {
            foreach (var signal in message.Signals)
            {
                double rawLow = Math.Min(signal.ToRaw(signal.Minimum), signal.ToRaw(signal.Maximum));
                double rawHigh = Math.Max(signal.ToRaw(signal.Minimum), signal.ToRaw(signal.Maximum));
                if (signal.Minimum > signal.Maximum || rawLow < signal.RawMinimum - 1e-6 || rawHigh > signal.RawMaximum + 1e-6)
                {
                    problems.Add($"{message.Name}.{signal.Name} [{signal.Minimum}|{signal.Maximum}]");
                }

                foreach (long raw in signal.ValueDescriptions.Keys)
                {
                    if (raw < signal.RawMinimum || raw > signal.RawMaximum)
                    {
                        problems.Add($"{message.Name}.{signal.Name} value {raw} does not fit {signal.Length} bits");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [MemberData(nameof(MatrixFiles))]
    public void Multiplexed_MessagesHaveOneSwitch(string fileName)
    {
        foreach (var message in Load(fileName).Messages.Where(m => m.Signals.Any(s => s.IsMultiplexed)))
        {
            Assert.Single(message.Signals, signal => signal.IsMultiplexer);
        }
    }

    [Theory]
    [MemberData(nameof(MatrixFiles))]
    public void BusLoad_BelowHalfAt500Kbit(string fileName)
    {
        double bitsPerSecond = Load(fileName).Messages
            .Sum(message => WorstCaseFrameBits(message.Length) * 1000.0 / message.CycleTimeMilliseconds!.Value);

        Assert.InRange(bitsPerSecond / BitRate, 0.01, MaxBusLoad);
    }

    [Fact]
    public void BusLoad_WorstCaseFrameBits_MatchesFormula()
    {
        // 8 data bytes: 47 fixed bits (frame, 3-bit intermission) + 64 data bits + 24 stuff bits.
        Assert.Equal(135, WorstCaseFrameBits(8));
        Assert.Equal(55, WorstCaseFrameBits(0));
    }

    [Fact]
    public void VcuMatrix_RepeatsBmsMessagesUnchanged()
    {
        var bms = Load("bms.dbc");
        var vcu = Load("vcu.dbc");
        // NM_BMS is the BMS master's network management message on the vehicle bus only.
        var shared = vcu.Messages.Where(message => message.Transmitter == "BMS_Master" && message.Name != "NM_BMS").ToList();

        Assert.Equal(9, shared.Count);
        foreach (var message in shared)
        {
            var original = bms.FindMessage(message.Id, isExtended: false);
            Assert.NotNull(original);
            Assert.Equal(Describe(original), Describe(message));

            // Receivers are the only difference: each file names the nodes on its own bus.
            Assert.All(message.Signals, signal => Assert.Equal(["VCU"], signal.Receivers));
        }
    }

    [SkippableTheory]
    [MemberData(nameof(MatrixFiles))]
    public void Canmatrix_MatchesParserModel(string fileName)
    {
        CanmatrixInteropTests.SkipUnlessCanmatrixInstalled();

        var mismatches = CanmatrixInteropTests.FindMismatches(MatrixPath(fileName));

        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    /// <summary>
    /// Returns the worst-case length in bits of a classic CAN data frame with an 11-bit identifier,
    /// stuff bits and the 3-bit intermission included: 47 + 8n + floor((34 + 8n - 1) / 4).
    /// </summary>
    private static int WorstCaseFrameBits(int dataBytes) => 47 + 8 * dataBytes + (34 + 8 * dataBytes - 1) / 4;

    /// <summary>Lists the data bits a signal occupies, bit n being bit n % 8 of byte n / 8.</summary>
    private static IEnumerable<int> SignalBits(DbcSignal signal)
    {
        int bit = signal.StartBit;
        for (int i = 0; i < signal.Length; i++)
        {
            yield return bit;
            if (signal.ByteOrder == DbcByteOrder.Intel)
            {
                bit++;
            }
            else
            {
                // Motorola runs from the MSB down to bit 0 of a byte, then on at bit 7 of the next byte.
                bit = bit % 8 == 0 ? bit + 15 : bit - 1;
            }
        }
    }

    private static string Describe(DbcMessage message)
    {
        var lines = new List<string>
        {
            $"{message.FileId} {message.Name} {message.Length} {message.Transmitter} {message.CycleTimeMilliseconds} {message.Comment}",
        };
        foreach (var signal in message.Signals)
        {
            string values = string.Join(",", signal.ValueDescriptions.OrderBy(entry => entry.Key).Select(entry => $"{entry.Key}={entry.Value}"));
            lines.Add($"{signal.Name} {signal.MultiplexerIndicator} {signal} {signal.Factor} {signal.Offset} " +
                $"[{signal.Minimum}|{signal.Maximum}] {signal.Unit} {signal.Comment} {values}");
        }

        return string.Join(Environment.NewLine, lines);
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Controllers.Can.Dbc;
using Xunit;
using Xunit.Abstractions;

namespace Controllers.Can.Tests.Dbc;

/// <summary>
/// Parses third-party DBC files (Dbc/Corpus, sources in ATTRIBUTION.md) and compares the model with
/// canmatrix. Every difference that remains is listed in <see cref="ExplainedDifferences"/> with the
/// reason, so a new difference fails the test.
/// </summary>
public class DbcCorpusTests
{
    private readonly ITestOutputHelper output;

    public DbcCorpusTests(ITestOutputHelper output) => this.output = output;

    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(CorpusDirectory, "*.dbc").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    private static string CorpusDirectory => Path.Combine(AppContext.BaseDirectory, "Dbc", "Corpus");

    /// <summary>
    /// Kinds of difference between the parser and canmatrix 0.9.5 (Debian python3-canmatrix) that are not
    /// parser errors, each with the reason. A mismatch line as <see cref="CanmatrixInteropTests.FindMismatches"/>
    /// writes it is explained when it contains the text of a rule.
    /// </summary>
    private static readonly (string Text, string Reason)[] ExplainedDifferences =
    [
        (
            "receivers is Vector__XXX in the parser,  in canmatrix",
            "The model keeps Vector__XXX, the DBC placeholder for no node, as written; canmatrix drops it."),
        (
            "transmitters is Vector__XXX in the parser,  in canmatrix",
            "The model keeps Vector__XXX, the DBC placeholder for no node, as written; canmatrix drops it."),
        (
            "ä'; 2=unused; 3=unused; 4=unused 2; 5=reserved; 6=reserved in the parser, -5=A negative value; 0=With space; 1=#%=*Ã¤'",
            "The file is UTF-8. The parser reads UTF-8 and falls back to a single-byte code page only when the bytes are not UTF-8; canmatrix's loadp_flat always decodes DBC files as Windows-1252."),
        (
            "divided by the number of cylinders.… in the parser,",
            "The file is UTF-8 (U+2026 at the end of the comment); canmatrix's loadp_flat always decodes DBC files as Windows-1252."),
        (
            "nodes is  in the parser, XXX in canmatrix",
            "The opendbc file has no BU_ line. The model lists declared nodes only; canmatrix adds each transmitter it meets as a node."),
        (
            "cycle time is 100 in the parser, 0 in canmatrix",
            "BA_DEF_DEF_ sets GenMsgCycleTime to 100 ms for every message without its own BA_ value. The parser applies that default; canmatrix's cycle_time reads only explicit BA_ values."),
    ];

    [SkippableTheory]
    [MemberData(nameof(CorpusFiles))]
    public void Corpus_MatchesCanmatrix(string fileName)
    {
        CanmatrixInteropTests.SkipUnlessCanmatrixInstalled();

        var mismatches = CanmatrixInteropTests.FindMismatches(Path.Combine(CorpusDirectory, fileName));
        var unexplained = new List<string>();
        foreach (var mismatch in mismatches)
        {
            var rule = Array.Find(ExplainedDifferences, difference => mismatch.Contains(difference.Text, StringComparison.Ordinal));
            if (rule.Reason is null)
            {
                unexplained.Add(mismatch);
            }
            else
            {
                output.WriteLine($"{mismatch}{Environment.NewLine}  explained: {rule.Reason}");
            }
        }

        Assert.True(unexplained.Count == 0, "Differences without a reason:" + Environment.NewLine + string.Join(Environment.NewLine, unexplained));
    }

    [Fact]
    public void Corpus_ParsesEveryFileWithoutException()
    {
        var failures = new List<string>();
        int messages = 0;
        int signals = 0;
        int warnings = 0;
        foreach (var path in Directory.GetFiles(CorpusDirectory, "*.dbc").Order(StringComparer.Ordinal))
        {
            try
            {
                var file = DbcParser.ParseFile(path);
                int fileSignals = file.Messages.Sum(message => message.Signals.Count);
                output.WriteLine($"{Path.GetFileName(path)}: {file.Messages.Count} messages, {fileSignals} signals, {file.Warnings.Count} warnings");
                foreach (var warning in file.Warnings)
                {
                    output.WriteLine($"  {warning}");
                }

                messages += file.Messages.Count;
                signals += fileSignals;
                warnings += file.Warnings.Count;
            }
            catch (DbcParseException error)
            {
                output.WriteLine($"{Path.GetFileName(path)}: rejected: {error.Message}");
                failures.Add($"{Path.GetFileName(path)}: {error.Message}");
            }
        }

        output.WriteLine($"total: {messages} messages, {signals} signals, {warnings} warnings, {failures.Count} files rejected");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}

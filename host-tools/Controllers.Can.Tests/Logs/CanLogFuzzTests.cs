using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Controllers.Can.Logs;
using Xunit;

namespace Controllers.Can.Tests.Logs;

/// <summary>
/// Reads truncated and randomly changed copies of valid logs: every outcome must be a clean read or a
/// <see cref="CanLogFormatException"/>, in strict and in lenient mode.
/// </summary>
public class CanLogFuzzTests
{
    private const int MutationsPerLog = 1500;

    private static readonly string AsciiNoise = "0123456789ABCDEFabcdefxXrRdDtT#.() \t:-_/ÿ\u00e4\0";

    [Fact]
    public void CandumpReader_TruncatedCopiesFailCleanly()
    {
        string text = LogSamples.CandumpText;
        for (int length = 0; length < text.Length; length++)
        {
            AssertCleanOutcome(text.Substring(0, length), ReadCandump);
        }
    }

    [Fact]
    public void AscReader_TruncatedCopiesFailCleanly()
    {
        string text = WriteAscSample();
        for (int length = 0; length < text.Length; length++)
        {
            AssertCleanOutcome(text.Substring(0, length), ReadAsc);
        }
    }

    [Fact]
    public void CandumpReader_GarbledCopiesFailCleanly()
    {
        var random = new Random(20151007);
        for (int i = 0; i < MutationsPerLog; i++)
        {
            AssertCleanOutcome(Mutate(LogSamples.CandumpText, random), ReadCandump);
        }
    }

    [Fact]
    public void AscReader_GarbledCopiesFailCleanly()
    {
        var random = new Random(8500);
        string text = WriteAscSample();
        for (int i = 0; i < MutationsPerLog; i++)
        {
            AssertCleanOutcome(Mutate(text, random), ReadAsc);
        }
    }

    [Fact]
    public void Conversions_GarbledCopiesFailCleanly()
    {
        var random = new Random(42);
        string ascText = WriteAscSample();
        for (int i = 0; i < MutationsPerLog / 3; i++)
        {
            string candump = Mutate(LogSamples.CandumpText, random);
            AssertCleanOutcome(candump, (reader, options) =>
                CanLogConversion.CandumpToAsc(reader, new StringWriter(), new CandumpToAscOptions { Read = options, TimeZone = TimeZoneInfo.Utc }));

            string asc = Mutate(ascText, random);
            AssertCleanOutcome(asc, (reader, options) =>
                CanLogConversion.AscToCandump(reader, new StringWriter(), new AscToCandumpOptions { Read = options, TimeZone = TimeZoneInfo.Utc }));
        }
    }

    private static void ReadCandump(TextReader reader, CanLogReadOptions options)
    {
        CandumpLog.Read(reader, "fuzz.log", options).ToList();
    }

    private static void ReadAsc(TextReader reader, CanLogReadOptions options)
    {
        new AscLogReader(reader, "fuzz.asc", options).ReadFrames().ToList();
    }

    private static void AssertCleanOutcome(string text, Action<TextReader, CanLogReadOptions> read)
    {
        try
        {
            read(new StringReader(text), CanLogReadOptions.Strict);
        }
        catch (CanLogFormatException)
        {
        }
        catch (Exception error)
        {
            Assert.Fail($"Strict read raised {error.GetType().Name} instead of CanLogFormatException for:\n{text}\n{error}");
        }

        var reported = new List<CanLogFormatException>();
        var lenient = new CanLogReadOptions { SkipInvalidLines = true, InvalidLine = reported.Add };
        try
        {
            read(new StringReader(text), lenient);
        }
        catch (Exception error)
        {
            Assert.Fail($"Lenient read raised {error.GetType().Name} for:\n{text}\n{error}");
        }
    }

    private static string Mutate(string text, Random random)
    {
        char[] chars = text.ToCharArray();
        var result = new List<char>(chars);
        int edits = random.Next(1, 4);
        for (int edit = 0; edit < edits && result.Count > 0; edit++)
        {
            int position = random.Next(result.Count);
            switch (random.Next(4))
            {
                case 0:
                    result.RemoveAt(position);
                    break;
                case 1:
                    result.Insert(position, AsciiNoise[random.Next(AsciiNoise.Length)]);
                    break;
                case 2:
                    result[position] = AsciiNoise[random.Next(AsciiNoise.Length)];
                    break;
                default:
                    result.RemoveRange(position, result.Count - position);
                    break;
            }
        }

        return new string(result.ToArray());
    }

    private static string WriteAscSample()
    {
        var output = new StringWriter();
        using (var writer = new AscLogWriter(output, new DateTime(2015, 7, 10, 18, 17, 32, 249)))
        {
            LogSamples.MixedFrames(0m, "1", "2").ForEach(writer.Write);
        }

        return output.ToString();
    }
}

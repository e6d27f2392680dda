using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Controllers.Can.Dbc;
using Controllers.Can.Logs;

namespace Controllers.Cli;

/// <summary><c>ctl log decode LOG --dbc FILE... --output CSV [--signals NAME,...] [--format candump|asc]</c></summary>
internal static class LogDecodeCommand
{
    /// <summary>Header of the long-format CSV: one row per signal value.</summary>
    public const string CsvHeader = "time_s,message,signal,value,unit";

    public static Command Create()
    {
        var logArgument = new Argument<string>("LOG") { Description = Messages.Get("LogDecodeLogDescription") };
        var dbcOption = new Option<string[]>("--dbc")
        {
            Description = Messages.Get("LogDecodeDbcDescription"),
            HelpName = "FILE",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var outputOption = new Option<string>("--output")
        {
            Description = Messages.Get("LogDecodeOutputDescription"),
            HelpName = "CSV",
            Required = true,
        };
        var signalsOption = new Option<string[]>("--signals")
        {
            Description = Messages.Get("LogDecodeSignalsDescription"),
            HelpName = "NAME,...",
        };
        var formatOption = LogCommand.CreateFormatOption("--format", "LogInputFormatDescription");

        var decode = new Command("decode", Messages.Get("LogDecodeDescription"))
        {
            logArgument, dbcOption, outputOption, signalsOption, formatOption,
        };
        decode.SetAction(parseResult => Decode(
            parseResult.GetRequiredValue(logArgument),
            parseResult.GetRequiredValue(dbcOption),
            parseResult.GetRequiredValue(outputOption),
            parseResult.GetValue(signalsOption),
            parseResult.GetValue(formatOption)));
        return decode;
    }

    private static int Decode(string logPath, string[] dbcPaths, string outputPath, string[]? signalArguments, string? formatName)
    {
        if (OutputPaths.CheckFile("--output", outputPath) is { } pathError)
        {
            return CliOutput.InvalidInput(pathError);
        }

        var format = LogFiles.SelectFormat("--format", formatName, logPath, out string? formatError);
        if (format == null)
        {
            return CliOutput.InvalidInput(formatError!);
        }

        var decoder = CreateDecoder(dbcPaths, SplitNames(signalArguments), out string? decoderError);
        if (decoder == null)
        {
            return CliOutput.InvalidInput(decoderError!);
        }

        var frames = LogFiles.TryRead(logPath, format.Value, out string? readError);
        if (frames == null)
        {
            return CliOutput.InvalidInput(readError!);
        }

        int rows = 0;
        string? writeError;
        try
        {
            writeError = LogFiles.WriteAtomically("--output", outputPath, output =>
            {
                output.Write(CsvHeader + "\n");
                foreach (var frame in frames)
                {
                    foreach (var signal in decoder.Decode(frame))
                    {
                        WriteRow(output, signal);
                        rows++;
                    }
                }
            });
        }
        catch (InvalidOperationException multiplexError)
        {
            return CliOutput.InvalidInput(Messages.Format("LogDecodeFailed", logPath, multiplexError.Message));
        }

        if (writeError != null)
        {
            return CliOutput.InvalidInput(writeError);
        }

        Console.WriteLine(Messages.Format("LogDecodeWritten", rows, decoder.DecodedFrameCount, outputPath));
        PrintUnknownFrames(decoder);
        return ExitCodes.Success;
    }

    /// <summary>Splits <c>--signals A,B --signals C</c> into names, or returns null when the option is absent.</summary>
    private static List<string>? SplitNames(string[]? arguments)
    {
        if (arguments == null || arguments.Length == 0)
        {
            return null;
        }

        return arguments
            .SelectMany(argument => argument.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
    }

    private static LogDecoder? CreateDecoder(string[] dbcPaths, List<string>? signalNames, out string? error)
    {
        var files = new List<DbcFile>();
        foreach (string path in dbcPaths)
        {
            var file = DbcCommand.TryLoad(path, out error);
            if (file == null)
            {
                return null;
            }

            files.Add(file);
        }

        // Checked here as well as in LogDecoder, so the error names the signal in the selected language.
        foreach (string name in signalNames ?? [])
        {
            if (!files.Any(file => file.Messages.Any(message => message.FindSignal(name) != null)))
            {
                error = Messages.Format("LogDecodeUnknownSignal", name, string.Join(", ", dbcPaths));
                return null;
            }
        }

        error = null;
        return new LogDecoder(files, signalNames);
    }

    /// <summary>Writes one CSV row. Values have 15 significant digits, so 4072 × 0.1 prints as 407.2.</summary>
    private static void WriteRow(TextWriter output, DecodedSignal signal)
    {
        output.Write(signal.Timestamp.ToString(CultureInfo.InvariantCulture));
        output.Write(',');
        output.Write(CsvField(signal.MessageName));
        output.Write(',');
        output.Write(CsvField(signal.SignalName));
        output.Write(',');
        output.Write(signal.Value.ToString("G15", CultureInfo.InvariantCulture));
        output.Write(',');
        output.Write(CsvField(signal.Unit));
        output.Write('\n');
    }

    /// <summary>Quotes a field that contains a comma, quote or line break, as RFC 4180 requires.</summary>
    private static string CsvField(string text)
    {
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return text;
        }

        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static void PrintUnknownFrames(LogDecoder decoder)
    {
        if (decoder.UnknownFrameCount == 0)
        {
            return;
        }

        var identifiers = decoder.UnknownFrames
            .OrderBy(entry => entry.Key.IsExtended)
            .ThenBy(entry => entry.Key.Id)
            .Select(entry => $"{FormatId(entry.Key.Id, entry.Key.IsExtended)} ({entry.Value})");
        Console.WriteLine(Messages.Format("LogDecodeUnknownFrames", decoder.UnknownFrameCount, string.Join(", ", identifiers)));
    }

    /// <summary>Formats an identifier as <c>dbc show</c> does: 0x1A0, or 0x18FF0001x for an extended frame.</summary>
    public static string FormatId(uint id, bool isExtended) =>
        isExtended ? $"0x{id:X8}x" : $"0x{id:X3}";
}

using System;
using System.CommandLine;
using System.IO;
using System.Text;
using Controllers.Can.Logs;

namespace Controllers.Cli;

/// <summary><c>ctl log convert IN OUT [--from candump|asc] [--to candump|asc]</c></summary>
internal static class LogConvertCommand
{
    public static Command Create()
    {
        var inputArgument = new Argument<string>("IN") { Description = Messages.Get("LogConvertInputDescription") };
        var outputArgument = new Argument<string>("OUT") { Description = Messages.Get("LogConvertOutputDescription") };
        var fromOption = LogCommand.CreateFormatOption("--from", "LogConvertFromDescription");
        var toOption = LogCommand.CreateFormatOption("--to", "LogConvertToDescription");

        var convert = new Command("convert", Messages.Get("LogConvertDescription"))
        {
            inputArgument, outputArgument, fromOption, toOption,
        };
        convert.SetAction(parseResult => Convert(
            parseResult.GetRequiredValue(inputArgument),
            parseResult.GetRequiredValue(outputArgument),
            parseResult.GetValue(fromOption),
            parseResult.GetValue(toOption)));
        return convert;
    }

    private static int Convert(string inputPath, string outputPath, string? fromName, string? toName)
    {
        var from = LogFiles.SelectFormat("--from", fromName, inputPath, out string? fromError);
        if (from == null)
        {
            return CliOutput.InvalidInput(fromError!);
        }

        var to = LogFiles.SelectFormat("--to", toName, outputPath, out string? toError);
        if (to == null)
        {
            return CliOutput.InvalidInput(toError!);
        }

        if (from == to)
        {
            return CliOutput.InvalidInput(Messages.Format("LogConvertSameFormat", inputPath, outputPath, from.Value.ToString().ToLowerInvariant()));
        }

        if (!File.Exists(inputPath))
        {
            return CliOutput.InvalidInput(Messages.Format("LogFileNotFound", inputPath));
        }

        if (OutputPaths.AreSame(inputPath, outputPath))
        {
            return CliOutput.InvalidInput(Messages.Format("LogConvertSamePath", inputPath));
        }

        StreamReader input;
        try
        {
            input = new StreamReader(inputPath, Encoding.UTF8);
        }
        catch (Exception readError) when (readError is IOException or UnauthorizedAccessException)
        {
            return CliOutput.InvalidInput(Messages.Format("LogFileReadFailed", inputPath, readError.Message));
        }

        using var inputScope = input;
        CanLogConversionResult? result = null;
        string? writeError;
        try
        {
            writeError = LogFiles.WriteAtomically("OUT", outputPath, output =>
            {
                result = from == LogFormat.Candump
                    ? CanLogConversion.CandumpToAsc(input, output, sourceName: inputPath)
                    : CanLogConversion.AscToCandump(input, output, sourceName: inputPath);
            });
        }
        catch (CanLogFormatException formatError)
        {
            return CliOutput.InvalidInput(Messages.Format("LogFileInvalid", formatError.Message));
        }

        if (writeError != null)
        {
            return CliOutput.InvalidInput(writeError);
        }

        Console.WriteLine(Messages.Format("LogConvertWritten", result!.FramesWritten, inputPath, outputPath));
        return ExitCodes.Success;
    }
}

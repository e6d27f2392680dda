using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using Controllers.Can.Dbc;
using Spectre.Console;

namespace Controllers.Cli;

/// <summary><c>ctl dbc check FILE... [--bitrate BITS_PER_SECOND]</c></summary>
internal static partial class DbcCheckCommand
{
    private const int DefaultBitRate = 500_000;
    private const int MinBitRate = 5_000;
    private const int MaxBitRate = 1_000_000;

    public static Command Create()
    {
        var filesArgument = new Argument<string[]>("FILE")
        {
            Description = Messages.Get("DbcCheckFilesDescription"),
            Arity = ArgumentArity.OneOrMore,
        };
        var bitRateOption = new Option<int>("--bitrate")
        {
            Description = Messages.Get("DbcBitrateDescription"),
            HelpName = "BITS_PER_SECOND",
            DefaultValueFactory = _ => DefaultBitRate,
        };

        var check = new Command("check", Messages.Get("DbcCheckDescription")) { filesArgument, bitRateOption };
        check.SetAction(parseResult => Check(
            parseResult.GetRequiredValue(filesArgument),
            parseResult.GetValue(bitRateOption)));
        return check;
    }

    /// <summary>Checks every file, even after an invalid one, and returns the worst exit code.</summary>
    private static int Check(string[] paths, int bitRate)
    {
        if (bitRate < MinBitRate || bitRate > MaxBitRate)
        {
            return CliOutput.InvalidInput(Messages.Format("DbcBitrateInvalid", bitRate));
        }

        int exitCode = ExitCodes.Success;
        foreach (string path in paths)
        {
            var file = DbcCommand.TryLoad(path, out string? loadError);
            if (file == null)
            {
                CliOutput.InvalidInput(loadError!);
                exitCode = ExitCodes.InvalidInput;
                continue;
            }

            var report = Inspect(file, bitRate);
            Print(path, file, report, bitRate);
            if (report.Errors.Count > 0 && exitCode == ExitCodes.Success)
            {
                exitCode = ExitCodes.Failure;
            }
        }

        return exitCode;
    }

    private static void Print(string path, DbcFile file, CheckReport report, int bitRate)
    {
        int signalCount = 0;
        foreach (var message in file.Messages)
        {
            signalCount += message.Signals.Count;
        }

        var table = new Table { Title = new TableTitle(Markup.Escape(path)) };
        table.AddColumn(Markup.Escape(Messages.Get("DbcColumnCheck")));
        table.AddColumn(new TableColumn(Markup.Escape(Messages.Get("DbcColumnResult"))).RightAligned());
        AddRow(table, Messages.Get("DbcRowMessages"), file.Messages.Count.ToString(CultureInfo.CurrentCulture));
        AddRow(table, Messages.Get("DbcRowSignals"), signalCount.ToString(CultureInfo.CurrentCulture));
        AddRow(table, Messages.Get("DbcRowErrors"), report.Errors.Count.ToString(CultureInfo.CurrentCulture));
        AddRow(table, Messages.Get("DbcRowWarnings"), report.Warnings.Count.ToString(CultureInfo.CurrentCulture));
        AddRow(table, Messages.Format("DbcRowBusLoad", bitRate.ToString(CultureInfo.InvariantCulture)),
            (report.BusLoad * 100).ToString("0.0", CultureInfo.CurrentCulture) + " %");
        AnsiConsole.Write(table);

        foreach (string error in report.Errors)
        {
            AnsiConsole.WriteLine(Messages.Format("ErrorLine", error));
        }

        foreach (string warning in report.Warnings)
        {
            AnsiConsole.WriteLine(Messages.Format("DbcWarningLine", warning));
        }

        AnsiConsole.WriteLine(Messages.Format("DbcCheckResult", path, report.Errors.Count, report.Warnings.Count));
    }

    private static void AddRow(Table table, string name, string value)
    {
        table.AddRow(Markup.Escape(name), Markup.Escape(value));
    }

    /// <summary>Findings of one file: errors fail the check, warnings do not.</summary>
    private sealed record CheckReport(List<string> Errors, List<string> Warnings, double BusLoad);
}

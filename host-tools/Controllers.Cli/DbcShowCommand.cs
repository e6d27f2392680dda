using System;
using System.CommandLine;
using System.Globalization;
using Controllers.Can.Dbc;
using Spectre.Console;

namespace Controllers.Cli;

/// <summary><c>ctl dbc show FILE [--message NAME|ID]</c></summary>
internal static class DbcShowCommand
{
    public static Command Create()
    {
        var fileArgument = new Argument<string>("FILE") { Description = Messages.Get("DbcShowFileDescription") };
        var messageOption = new Option<string>("--message")
        {
            Description = Messages.Get("DbcShowMessageDescription"),
            HelpName = "NAME|ID",
        };

        var show = new Command("show", Messages.Get("DbcShowDescription")) { fileArgument, messageOption };
        show.SetAction(parseResult => Show(
            parseResult.GetRequiredValue(fileArgument),
            parseResult.GetValue(messageOption)));
        return show;
    }

    private static int Show(string path, string? messageKey)
    {
        var file = DbcCommand.TryLoad(path, out string? loadError);
        if (file == null)
        {
            return CliOutput.InvalidInput(loadError!);
        }

        if (messageKey == null)
        {
            PrintMessages(file);
            return ExitCodes.Success;
        }

        var message = FindMessage(file, messageKey);
        if (message == null)
        {
            return CliOutput.InvalidInput(Messages.Format("DbcMessageNotFound", messageKey, path));
        }

        PrintSignals(message);
        return ExitCodes.Success;
    }

    /// <summary>Finds a message by exact name, else by identifier written in hex (0x1A0) or decimal (416).</summary>
    private static DbcMessage? FindMessage(DbcFile file, string key)
    {
        if (file.FindMessage(key) is { } byName)
        {
            return byName;
        }

        bool parsed = key.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? uint.TryParse(key.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint id)
            : uint.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out id);
        if (!parsed)
        {
            return null;
        }

        // A standard frame wins where a standard and an extended message share the number.
        return file.FindMessage(id, isExtended: false) ?? file.FindMessage(id, isExtended: true);
    }

    private static void PrintMessages(DbcFile file)
    {
        var table = new Table();
        AddColumn(table, "DbcColumnId");
        AddColumn(table, "DbcColumnName");
        AddColumn(table, "DbcColumnDlc", rightAligned: true);
        AddColumn(table, "DbcColumnCycleTime", rightAligned: true);
        AddColumn(table, "DbcColumnSender");
        foreach (var message in file.Messages)
        {
            AddRow(table,
                DbcCommand.FormatId(message),
                message.Name,
                message.Length.ToString(CultureInfo.InvariantCulture),
                CycleTime(message),
                message.Transmitter);
        }

        AnsiConsole.Write(table);
    }

    private static void PrintSignals(DbcMessage message)
    {
        string cycleTime = message.CycleTimeMilliseconds is > 0 ? CycleTime(message) + " ms" : "-";
        AnsiConsole.WriteLine(Messages.Format("DbcMessageHeading", message.Name, DbcCommand.FormatId(message),
            message.Length, cycleTime, message.Transmitter));

        var table = new Table();
        AddColumn(table, "DbcColumnSignal");
        AddColumn(table, "DbcColumnStartBit", rightAligned: true);
        AddColumn(table, "DbcColumnLength", rightAligned: true);
        AddColumn(table, "DbcColumnByteOrder");
        AddColumn(table, "DbcColumnSign");
        AddColumn(table, "DbcColumnFactor", rightAligned: true);
        AddColumn(table, "DbcColumnOffset", rightAligned: true);
        AddColumn(table, "DbcColumnMinimum", rightAligned: true);
        AddColumn(table, "DbcColumnMaximum", rightAligned: true);
        AddColumn(table, "DbcColumnUnit");
        AddColumn(table, "DbcColumnReceivers");
        AddColumn(table, "DbcColumnMultiplexer");
        foreach (var signal in message.Signals)
        {
            AddRow(table,
                signal.Name,
                signal.StartBit.ToString(CultureInfo.InvariantCulture),
                signal.Length.ToString(CultureInfo.InvariantCulture),
                signal.ByteOrder.ToString(),
                Messages.Get(signal.IsSigned ? "DbcSigned" : "DbcUnsigned"),
                Number(signal.Factor),
                Number(signal.Offset),
                Number(signal.Minimum),
                Number(signal.Maximum),
                signal.Unit,
                string.Join(", ", signal.Receivers),
                signal.MultiplexerIndicator);
        }

        AnsiConsole.Write(table);
    }

    private static string CycleTime(DbcMessage message) =>
        message.CycleTimeMilliseconds is > 0 and int milliseconds ? milliseconds.ToString(CultureInfo.InvariantCulture) : "-";

    /// <summary>Formats a DBC number as the file writes it, with a '.' decimal point in every language.</summary>
    private static string Number(double value) => value.ToString("G", CultureInfo.InvariantCulture);

    private static void AddColumn(Table table, string headerName, bool rightAligned = false)
    {
        var column = new TableColumn(Markup.Escape(Messages.Get(headerName)));
        table.AddColumn(rightAligned ? column.RightAligned() : column);
    }

    private static void AddRow(Table table, params string[] cells)
    {
        table.AddRow(Array.ConvertAll(cells, cell => Markup.Escape(cell)));
    }
}

using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using Controllers.Can.Diagnostics;
using Spectre.Console;

namespace Controllers.Cli;

/// <summary><c>ctl dtc read --socketcand HOST:PORT | --socketcan INTERFACE [--status-mask FF]</c></summary>
internal static class DtcReadCommand
{
    private const byte ReadDtcInformation = 0x19;

    public static Command Create()
    {
        var connection = new DtcConnectionOptions();
        var statusMaskOption = new Option<string>("--status-mask")
        {
            Description = Messages.Get("DtcStatusMaskDescription"),
            HelpName = "MASK",
            DefaultValueFactory = _ => "0xFF",
        };

        var read = new Command("read", Messages.Get("DtcReadDescription"));
        connection.AddTo(read);
        read.Options.Add(statusMaskOption);
        read.SetAction(parseResult =>
        {
            string maskText = parseResult.GetRequiredValue(statusMaskOption);
            if (!DtcCommand.TryParseHex(maskText, 0xFF, out uint mask))
            {
                return CliOutput.InvalidInput(Messages.Format("DtcInvalidStatusMask", maskText));
            }

            return DtcCommand.Run(parseResult, connection, ReadDtcInformation, client => Read(client, (byte)mask));
        });
        return read;
    }

    private static int Read(UdsClient client, byte statusMask)
    {
        IReadOnlyList<DtcAndStatus> records = client.ReadDtcsByStatusMask(statusMask);
        if (records.Count == 0)
        {
            AnsiConsole.WriteLine(Messages.Format("DtcNoneFound", statusMask));
            return ExitCodes.Success;
        }

        var table = new Table();
        table.AddColumn(Markup.Escape(Messages.Get("DtcColumnDtc")));
        table.AddColumn(Markup.Escape(Messages.Get("DtcColumnStatus")));
        table.AddColumn(Markup.Escape(Messages.Get("DtcColumnStatusBits")));
        foreach (DtcAndStatus record in records)
        {
            table.AddRow(
                Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"0x{record.Dtc:X6}")),
                Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"0x{record.Status:X2}")),
                Markup.Escape(StatusBitNames(record.Status)));
        }

        AnsiConsole.Write(table);
        return ExitCodes.Success;
    }

    /// <summary>Returns the names of the set status bits, lowest bit first, or "-" when none is set.</summary>
    private static string StatusBitNames(byte status)
    {
        var names = new List<string>();
        for (int bit = 0; bit < 8; bit++)
        {
            if ((status & (1 << bit)) != 0)
            {
                names.Add(Messages.Get("DtcStatusBit" + bit.ToString(CultureInfo.InvariantCulture)));
            }
        }

        return names.Count == 0 ? "-" : string.Join(", ", names);
    }
}

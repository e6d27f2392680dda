using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using Controllers.Can.Diagnostics;
using Spectre.Console;

namespace Controllers.Cli;

/// <summary>
/// <c>ctl dtc read --socketcand HOST:PORT | --socketcan INTERFACE [--status-mask FF]</c>: lists the matching
/// DTCs with their status bits and, where the ECU supports the reports, the fault detection counter, the
/// occurrence and ageing counters (extended data records 0x01 and 0x02) and the stored snapshot records.
/// </summary>
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

        // Each optional report is left out when the ECU does not support it.
        var counters = new Dictionary<uint, sbyte>();
        foreach (DtcFaultDetectionCounter counter in Optional(client.ReadFaultDetectionCounters) ?? [])
        {
            counters[counter.Dtc] = counter.Counter;
        }

        var table = new Table();
        table.AddColumn(Markup.Escape(Messages.Get("DtcColumnDtc")));
        table.AddColumn(Markup.Escape(Messages.Get("DtcColumnStatus")));
        table.AddColumn(Markup.Escape(Messages.Get("DtcColumnFaultDetectionCounter")));
        table.AddColumn(Markup.Escape(Messages.Get("DtcColumnOccurrences")));
        table.AddColumn(Markup.Escape(Messages.Get("DtcColumnAgeing")));
        table.AddColumn(Markup.Escape(Messages.Get("DtcColumnStatusBits")));
        foreach (DtcAndStatus record in records)
        {
            string counter = counters.TryGetValue(record.Dtc, out sbyte value) ? value.ToString(CultureInfo.InvariantCulture) : "-";
            table.AddRow(
                Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"0x{record.Dtc:X6}")),
                Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"0x{record.Status:X2}")),
                Markup.Escape(counter),
                Markup.Escape(ExtendedDataText(client, record.Dtc, 0x01)),
                Markup.Escape(ExtendedDataText(client, record.Dtc, 0x02)),
                Markup.Escape(StatusBitNames(record.Status)));
        }

        AnsiConsole.Write(table);
        WriteSnapshots(client, records);
        return ExitCodes.Success;
    }

    private static void WriteSnapshots(UdsClient client, IReadOnlyList<DtcAndStatus> records)
    {
        var listed = new HashSet<uint>();
        foreach (DtcAndStatus record in records)
        {
            listed.Add(record.Dtc);
        }

        foreach (DtcSnapshotIdentification identification in Optional(client.ReadSnapshotIdentification) ?? [])
        {
            if (!listed.Contains(identification.Dtc))
            {
                continue;
            }

            DtcSnapshotRecord? snapshot = client.ReadSnapshotRecord(identification.Dtc, identification.RecordNumber);
            if (snapshot is null)
            {
                continue;
            }

            AnsiConsole.WriteLine(Messages.Format("DtcSnapshotHeading", snapshot.RecordNumber, snapshot.Dtc));
            var table = new Table();
            table.AddColumn(Markup.Escape(Messages.Get("DtcColumnDataIdentifier")));
            table.AddColumn(Markup.Escape(Messages.Get("DtcColumnName")));
            table.AddColumn(Markup.Escape(Messages.Get("DtcColumnData")));
            table.AddColumn(Markup.Escape(Messages.Get("DtcColumnValue")));
            IReadOnlyList<DtcSnapshotDecoder.Entry>? entries = DtcSnapshotDecoder.TryDecode(snapshot.Data, snapshot.IdentifierCount);
            if (entries is null)
            {
                table.AddRow("-", Markup.Escape(Messages.Get("DtcSnapshotUnknownLayout")), Markup.Escape(Convert.ToHexString(snapshot.Data)), "-");
            }
            else
            {
                foreach (DtcSnapshotDecoder.Entry entry in entries)
                {
                    table.AddRow(
                        Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"0x{entry.Identifier:X4}")),
                        Markup.Escape(entry.Name),
                        Markup.Escape(entry.Raw),
                        Markup.Escape(entry.Value));
                }
            }

            AnsiConsole.Write(table);
        }
    }

    // A one-byte extended data record as a number, or "-" when the ECU does not keep the record.
    private static string ExtendedDataText(UdsClient client, uint dtc, byte recordNumber)
    {
        byte[]? data = Optional(() => client.ReadExtendedDataRecord(dtc, recordNumber));
        if (data is null || data.Length == 0)
        {
            return "-";
        }

        return data.Length == 1 ? data[0].ToString(CultureInfo.InvariantCulture) : Convert.ToHexString(data);
    }

    // Runs an optional report; serviceNotSupported, subFunctionNotSupported and requestOutOfRange mean the
    // ECU does not offer it, and give null.
    private static T? Optional<T>(Func<T?> read)
        where T : class
    {
        try
        {
            return read();
        }
        catch (UdsNegativeResponseException error) when (error.ResponseCode is 0x11 or 0x12 or 0x31)
        {
            return null;
        }
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

using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using Controllers.Can.Dbc;
using Controllers.Can.Logs;
using Controllers.Can.Transports;
using Controllers.Firmware.Common.Can;
using Spectre.Console;

namespace Controllers.Cli;

/// <summary><c>ctl monitor --socketcand HOST:PORT [--channel NAME] | --socketcan INTERFACE [--dbc FILE...] [--id ID,...] [--count N] [--duration S]</c></summary>
internal static class MonitorCommand
{
    public static Command Create()
    {
        var socketcandOption = LogEndpoint.CreateSocketcandOption();
        var socketCanOption = LogEndpoint.CreateSocketCanOption();
        var channelOption = LogEndpoint.CreateChannelOption();
        var dbcOption = new Option<string[]>("--dbc")
        {
            Description = Messages.Get("MonitorDbcDescription"),
            HelpName = "FILE",
            AllowMultipleArgumentsPerToken = true,
        };
        var idOption = new Option<string[]>("--id")
        {
            Description = Messages.Get("MonitorIdDescription"),
            HelpName = "ID,...",
        };
        var countOption = LogCaptureLimits.CreateCountOption();
        var durationOption = LogCaptureLimits.CreateDurationOption();

        var monitor = new Command("monitor", Messages.Get("MonitorDescription"))
        {
            socketcandOption, socketCanOption, channelOption, dbcOption, idOption, countOption, durationOption,
        };
        monitor.SetAction(parseResult => Monitor(
            parseResult.GetValue(socketcandOption),
            parseResult.GetValue(socketCanOption),
            parseResult.GetRequiredValue(channelOption),
            parseResult.GetValue(dbcOption) ?? [],
            parseResult.GetValue(idOption) ?? [],
            parseResult.GetValue(durationOption),
            parseResult.GetValue(countOption)));
        return monitor;
    }

    private static int Monitor(string? socketcand, string? socketCan, string channel, string[] dbcPaths, string[] idArguments, double? seconds, int? count)
    {
        var endpoint = LogEndpoint.TryCreate(socketcand, socketCan, out string? endpointError);
        if (endpoint == null)
        {
            return CliOutput.InvalidInput(endpointError!);
        }

        var limits = LogCaptureLimits.TryCreate(seconds, count, out string? limitError);
        if (limits == null)
        {
            return CliOutput.InvalidInput(limitError!);
        }

        var filters = new List<CanFilter>();
        foreach (string text in idArguments.SelectMany(argument => argument.Split(',', StringSplitOptions.TrimEntries)))
        {
            if (TryParseId(text) is not { } filter)
            {
                return CliOutput.InvalidInput(Messages.Format("MonitorIdInvalid", text));
            }

            filters.Add(filter);
        }

        var files = new List<DbcFile>();
        foreach (string path in dbcPaths)
        {
            var file = DbcCommand.TryLoad(path, out string? loadError);
            if (file == null)
            {
                return CliOutput.InvalidInput(loadError!);
            }

            files.Add(file);
        }

        using var stop = new LogStopRequest();
        using var transport = endpoint.TryConnect(channel, out string? connectError);
        if (transport == null)
        {
            return CliOutput.Failure(connectError!);
        }

        foreach (var filter in filters)
        {
            transport.AddFilter(filter);
        }

        var decoder = new LogDecoder(files);
        limits.Restart();
        int received = CliOutput.IsInteractive
            ? ShowTable(transport, decoder, limits, stop)
            : PrintLines(transport, decoder, limits, stop);
        Console.WriteLine(Messages.Format("MonitorFinished", received));
        return ExitCodes.Success;
    }

    /// <summary>
    /// Parses a standard identifier (0x1A0 or 416) or, with an 'x' suffix as <c>dbc show</c> prints it, an
    /// extended one (0x18FF0001x). Returns null for invalid text.
    /// </summary>
    private static CanFilter? TryParseId(string text)
    {
        bool isExtended = text.Length > 1 && text.EndsWith('x');
        string number = isExtended ? text[..^1] : text;
        bool parsed = number.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? uint.TryParse(number.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint id)
            : uint.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out id);
        if (!parsed || id > (isExtended ? CanFrame.MaxExtendedId : CanFrame.MaxStandardId))
        {
            return null;
        }

        return isExtended ? CanFilter.ExtendedId(id) : CanFilter.Standard(id);
    }

    /// <summary>Prints one line per frame: seconds since the start, identifier, DLC and data, then the decoded signals.</summary>
    private static int PrintLines(ICanTransport transport, LogDecoder decoder, LogCaptureLimits limits, LogStopRequest stop)
    {
        var clock = Stopwatch.StartNew();
        var frame = new CanFrame();
        int received = 0;
        while (limits.NextWait(received, stop) is { } wait)
        {
            if (!transport.TryReceive(frame, wait))
            {
                continue;
            }

            received++;
            decimal time = decimal.Round((decimal)clock.Elapsed.TotalSeconds, 6);
            var logged = new LoggedFrame(time, "monitor", frame);
            string signals = DecodeSignals(decoder, logged);
            string message = decoder.FindMessage(logged)?.Name ?? "-";
            Console.WriteLine(string.Join("  ",
                time.ToString("F6", CultureInfo.InvariantCulture),
                LogDecodeCommand.FormatId(frame.Id, frame.IsExtended),
                "[" + frame.Length.ToString(CultureInfo.InvariantCulture) + "]",
                FormatData(frame),
                message,
                signals).TrimEnd());
        }

        return received;
    }

    /// <summary>Shows one table row per identifier, updated in place with the latest frame.</summary>
    private static int ShowTable(ICanTransport transport, LogDecoder decoder, LogCaptureLimits limits, LogStopRequest stop)
    {
        var table = new Table();
        foreach (string header in new[] { "MonitorColumnId", "MonitorColumnMessage", "MonitorColumnCount", "MonitorColumnData", "MonitorColumnSignals" })
        {
            table.AddColumn(new TableColumn(Markup.Escape(Messages.Get(header))));
        }

        var rows = new Dictionary<(uint, bool), (int Row, int Count)>();
        var frame = new CanFrame();
        int received = 0;
        AnsiConsole.Live(table).Start(context =>
        {
            while (limits.NextWait(received, stop) is { } wait)
            {
                if (!transport.TryReceive(frame, wait))
                {
                    continue;
                }

                received++;
                var logged = new LoggedFrame(0, "monitor", frame);
                string[] cells =
                [
                    LogDecodeCommand.FormatId(frame.Id, frame.IsExtended),
                    decoder.FindMessage(logged)?.Name ?? "-",
                    string.Empty,
                    FormatData(frame),
                    DecodeSignals(decoder, logged),
                ];
                var key = (frame.Id, frame.IsExtended);
                if (!rows.TryGetValue(key, out var row))
                {
                    table.AddRow(cells.Select(cell => (Spectre.Console.Rendering.IRenderable)new Text(cell)).ToArray());
                    row = (table.Rows.Count - 1, 0);
                }

                row.Count++;
                rows[key] = row;
                cells[2] = row.Count.ToString(CultureInfo.InvariantCulture);
                for (int column = 0; column < cells.Length; column++)
                {
                    table.UpdateCell(row.Row, column, new Text(cells[column]));
                }

                context.Refresh();
            }
        });

        return received;
    }

    private static string FormatData(CanFrame frame)
    {
        if (frame.IsRemote)
        {
            return "R";
        }

        return Convert.ToHexString(frame.Data, 0, frame.Length);
    }

    /// <summary>Formats the decoded signals, or the reason when the frame's multiplexing cannot be resolved.</summary>
    private static string DecodeSignals(LogDecoder decoder, LoggedFrame frame)
    {
        try
        {
            return FormatSignals(decoder.Decode(frame));
        }
        catch (InvalidOperationException multiplexError)
        {
            return Messages.Format("MonitorDecodeFailed", multiplexError.Message);
        }
    }

    private static string FormatSignals(IReadOnlyList<DecodedSignal> signals)
    {
        var text = new StringBuilder();
        foreach (var signal in signals)
        {
            if (text.Length > 0)
            {
                text.Append("  ");
            }

            text.Append(signal.SignalName).Append('=').Append(signal.Value.ToString("G15", CultureInfo.InvariantCulture));
            if (signal.Unit.Length > 0)
            {
                text.Append(' ').Append(signal.Unit);
            }
        }

        return text.ToString();
    }
}

using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using Controllers.Can.Diagnostics;
using Controllers.Can.Transports;
using Controllers.Firmware.Common.Can;

namespace Controllers.Cli;

/// <summary><c>ctl dtc read|clear</c>: UDS DTC services on an ECU behind a socketcand server or on a SocketCAN interface.</summary>
internal static class DtcCommand
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Builds the <c>dtc</c> command group. Each subcommand lives in its own Dtc*Command.cs file.</summary>
    public static Command Create()
    {
        return new Command("dtc", Messages.Get("DtcDescription"))
        {
            DtcReadCommand.Create(),
            DtcClearCommand.Create(),
        };
    }

    /// <summary>
    /// Parses the connection options, connects, runs <paramref name="action"/> with a UDS client and maps
    /// its errors to one line and an exit code: 2 for invalid options, 1 for a failed connection, a
    /// negative response or a timeout.
    /// </summary>
    public static int Run(ParseResult parseResult, DtcConnectionOptions options, byte serviceId, Func<UdsClient, int> action)
    {
        string? endpoint = parseResult.GetValue(options.Socketcand);
        string? socketCan = parseResult.GetValue(options.SocketCan);
        if (endpoint is null && socketCan is null)
        {
            return CliOutput.InvalidInput(Messages.Get("LogBusMissing"));
        }

        if (endpoint is not null && socketCan is not null)
        {
            return CliOutput.InvalidInput(Messages.Get("LogBusConflict"));
        }

        string host = string.Empty;
        int port = 0;
        if (endpoint is not null && !TryParseEndpoint(endpoint, out host, out port))
        {
            return CliOutput.InvalidInput(Messages.Format("DtcInvalidEndpoint", endpoint));
        }

        string txText = parseResult.GetRequiredValue(options.TxId);
        if (!TryParseHex(txText, CanFrame.MaxStandardId, out uint txId))
        {
            return CliOutput.InvalidInput(Messages.Format("DtcInvalidId", "--tx-id", txText));
        }

        string rxText = parseResult.GetRequiredValue(options.RxId);
        if (!TryParseHex(rxText, CanFrame.MaxStandardId, out uint rxId))
        {
            return CliOutput.InvalidInput(Messages.Format("DtcInvalidId", "--rx-id", rxText));
        }

        int p2 = parseResult.GetRequiredValue(options.P2);
        if (p2 < 1 || p2 > 60000)
        {
            return CliOutput.InvalidInput(Messages.Format("DtcInvalidP2", p2));
        }

        string channel = parseResult.GetRequiredValue(options.Channel);
        ICanTransport transport;
        if (socketCan is not null)
        {
            try
            {
                transport = SocketCanTransport.Open(socketCan);
            }
            catch (Exception error) when (error is IOException or ArgumentException or PlatformNotSupportedException)
            {
                return CliOutput.Failure(Messages.Format("LogSocketCanOpenFailed", socketCan, error.Message));
            }
        }
        else
        {
            try
            {
                transport = SocketcandTransport.Connect(host, port, channel, ConnectTimeout);
            }
            catch (Exception error) when (error is IOException or System.Net.Sockets.SocketException or AggregateException)
            {
                string reason = error is AggregateException { InnerException: { } inner } ? inner.Message : error.Message;
                return CliOutput.Failure(Messages.Format("DtcConnectFailed", endpoint, reason));
            }
        }

        using (transport)
        {
            // Only the ECU's responses reach the ISO-TP endpoint, so other bus traffic cannot fill the receive queue.
            transport.AddFilter(new CanFilter(rxId, CanFrame.MaxStandardId, false));
            var client = new UdsClient(transport, new IsoTpSettings { TransmitId = txId, ReceiveId = rxId })
            {
                P2Timeout = TimeSpan.FromMilliseconds(p2),
            };

            string serviceName = UdsNames.ServiceName(serviceId);
            try
            {
                return action(client);
            }
            catch (UdsNegativeResponseException error)
            {
                return CliOutput.Failure(Messages.Format("DtcNegativeResponse", serviceName, serviceId, error.ResponseCode, error.ResponseCodeName));
            }
            catch (TimeoutException)
            {
                return CliOutput.Failure(Messages.Format("DtcTimeout", serviceName, serviceId, rxId));
            }
            catch (Exception error) when (error is IOException or InvalidDataException)
            {
                return CliOutput.Failure(Messages.Format("DtcCommunicationFailed", serviceName, serviceId, error.Message));
            }
        }
    }

    /// <summary>Parses hex with or without a 0x prefix, at most <paramref name="maximum"/>.</summary>
    public static bool TryParseHex(string text, uint maximum, out uint value)
    {
        ReadOnlySpan<char> digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text.AsSpan(2) : text.AsSpan();
        return uint.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value) && value <= maximum;
    }

    private static bool TryParseEndpoint(string text, out string host, out int port)
    {
        host = "";
        port = 0;
        int colon = text.LastIndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        host = text[..colon].Trim('[', ']');
        return host.Length > 0
            && int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port)
            && port is >= 1 and <= 65535;
    }
}

/// <summary>Options that every <c>ctl dtc</c> subcommand takes to reach the ECU.</summary>
internal sealed class DtcConnectionOptions
{
    public Option<string> Socketcand { get; } = new("--socketcand")
    {
        Description = Messages.Get("DtcSocketcandDescription"),
        HelpName = "HOST:PORT",
    };

    public Option<string> SocketCan { get; } = new("--socketcan")
    {
        Description = Messages.Get("LogSocketCanDescription"),
        HelpName = "INTERFACE",
    };

    public Option<string> Channel { get; } = new("--channel")
    {
        Description = Messages.Get("DtcChannelDescription"),
        HelpName = "NAME",
        DefaultValueFactory = _ => "can0",
    };

    public Option<string> TxId { get; } = new("--tx-id")
    {
        Description = Messages.Get("DtcTxIdDescription"),
        HelpName = "ID",
        DefaultValueFactory = _ => "0x7E0",
    };

    public Option<string> RxId { get; } = new("--rx-id")
    {
        Description = Messages.Get("DtcRxIdDescription"),
        HelpName = "ID",
        DefaultValueFactory = _ => "0x7E8",
    };

    public Option<int> P2 { get; } = new("--p2")
    {
        Description = Messages.Get("DtcP2Description"),
        HelpName = "MS",
        // An ECU responds within its P2server_max, typically 50 ms, but a socketcand server, a USB adapter or a
        // simulated board on a busy PC adds its own delay, so the tool waits longer by default.
        DefaultValueFactory = _ => 500,
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Socketcand);
        command.Options.Add(SocketCan);
        command.Options.Add(Channel);
        command.Options.Add(TxId);
        command.Options.Add(RxId);
        command.Options.Add(P2);
    }
}

using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using Controllers.Can.Transports;

namespace Controllers.Cli;

/// <summary>
/// The bus that record, replay and monitor use: <c>--socketcand HOST:PORT</c> with <c>--channel</c>, or
/// <c>--socketcan INTERFACE</c> for a Linux SocketCAN interface. Exactly one of the two is given.
/// </summary>
internal sealed class LogEndpoint
{
    /// <summary>Time allowed for each step of connecting: TCP connect, greeting, open and raw mode.</summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    private LogEndpoint(string host, int port, string? socketCanInterface)
    {
        Host = host;
        Port = port;
        SocketCanInterface = socketCanInterface;
    }

    /// <summary>socketcand host; empty for SocketCAN.</summary>
    public string Host { get; }

    /// <summary>socketcand TCP port; 0 for SocketCAN.</summary>
    public int Port { get; }

    /// <summary>SocketCAN interface name, or null for socketcand.</summary>
    public string? SocketCanInterface { get; }

    public static Option<string> CreateSocketcandOption() => new("--socketcand")
    {
        Description = Messages.Get("LogSocketcandDescription"),
        HelpName = "HOST:PORT",
    };

    public static Option<string> CreateSocketCanOption() => new("--socketcan")
    {
        Description = Messages.Get("LogSocketCanDescription"),
        HelpName = "INTERFACE",
    };

    public static Option<string> CreateChannelOption() => new("--channel")
    {
        Description = Messages.Get("LogChannelDescription"),
        HelpName = "NAME",
        DefaultValueFactory = _ => "can0",
    };

    /// <summary>
    /// Selects socketcand or SocketCAN from the two options, exactly one of which must be set. Returns null
    /// and sets <paramref name="error"/> when neither or both are set, or the socketcand address is invalid.
    /// </summary>
    public static LogEndpoint? TryCreate(string? socketcand, string? socketCan, out string? error)
    {
        if (socketcand is null && socketCan is null)
        {
            error = Messages.Get("LogBusMissing");
            return null;
        }

        if (socketcand is not null && socketCan is not null)
        {
            error = Messages.Get("LogBusConflict");
            return null;
        }

        if (socketCan is not null)
        {
            error = null;
            return new LogEndpoint(string.Empty, 0, socketCan);
        }

        return TryParse(socketcand!, out error);
    }

    /// <summary>Parses <c>HOST:PORT</c>, with the host in brackets for an IPv6 address. Returns null and sets <paramref name="error"/> on failure.</summary>
    public static LogEndpoint? TryParse(string text, out string? error)
    {
        error = null;
        int colon = text.LastIndexOf(':');
        string host = colon > 0 ? text[..colon] : string.Empty;
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        if (colon <= 0 || host.Length == 0 ||
            !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) ||
            port < 1 || port > 65535)
        {
            error = Messages.Format("LogSocketcandInvalid", text);
            return null;
        }

        return new LogEndpoint(host, port, null);
    }

    /// <summary>
    /// Returns the CAN channel that frames are recorded from or sent to: the SocketCAN interface, or
    /// <paramref name="socketcandChannel"/> on the socketcand server.
    /// </summary>
    public string Channel(string socketcandChannel) => SocketCanInterface ?? socketcandChannel;

    /// <summary>
    /// Opens the SocketCAN interface, or connects to socketcand and opens <paramref name="channel"/> there.
    /// Returns null and sets <paramref name="error"/> when that fails.
    /// </summary>
    public ICanTransport? TryConnect(string channel, out string? error)
    {
        error = null;
        if (SocketCanInterface is not null)
        {
            return TryOpenSocketCan(SocketCanInterface, out error);
        }

        try
        {
            return SocketcandTransport.Connect(Host, Port, channel, ConnectTimeout);
        }
        catch (Exception connectError) when (connectError is IOException or SocketException or AggregateException)
        {
            string reason = connectError is AggregateException aggregate ? aggregate.GetBaseException().Message : connectError.Message;
            error = Messages.Format("LogConnectFailed", Host, Port, channel, reason);
            return null;
        }
    }

    /// <summary>"SocketCAN" or the socketcand server as HOST:PORT, for messages that add the channel after it.</summary>
    public override string ToString()
    {
        if (SocketCanInterface is not null)
        {
            return "SocketCAN";
        }

        return Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
    }

    private static SocketCanTransport? TryOpenSocketCan(string interfaceName, out string? error)
    {
        try
        {
            error = null;
            return SocketCanTransport.Open(interfaceName);
        }
        catch (Exception openError) when (openError is IOException or ArgumentException or PlatformNotSupportedException)
        {
            error = Messages.Format("LogSocketCanOpenFailed", interfaceName, openError.Message);
            return null;
        }
    }
}

/// <summary>
/// Turns Ctrl+C into a stop request while it is alive, so a recording command can leave its loop and
/// still write what it received. A second Ctrl+C is not caught and ends the process.
/// </summary>
internal sealed class LogStopRequest : IDisposable
{
    private readonly CancellationTokenSource source = new();

    public LogStopRequest() => Console.CancelKeyPress += OnCancelKeyPress;

    public bool IsRequested => source.IsCancellationRequested;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (source.IsCancellationRequested)
        {
            return;
        }

        e.Cancel = true;
        source.Cancel();
    }
}

/// <summary>The <c>--duration S</c> and <c>--count N</c> limits of record and monitor.</summary>
internal sealed class LogCaptureLimits
{
    /// <summary>Longest wait for one frame, so a stop request or the duration is seen within this time.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly System.Diagnostics.Stopwatch elapsed = System.Diagnostics.Stopwatch.StartNew();

    private LogCaptureLimits(TimeSpan? duration, int? count)
    {
        Duration = duration;
        Count = count;
    }

    public TimeSpan? Duration { get; }

    public int? Count { get; }

    public static Option<double?> CreateDurationOption() => new("--duration")
    {
        Description = Messages.Get("LogDurationDescription"),
        HelpName = "S",
    };

    public static Option<int?> CreateCountOption() => new("--count")
    {
        Description = Messages.Get("LogCountDescription"),
        HelpName = "N",
    };

    /// <summary>Checks that both limits are positive. Returns null and sets <paramref name="error"/> otherwise.</summary>
    public static LogCaptureLimits? TryCreate(double? seconds, int? count, out string? error)
    {
        error = null;
        if (seconds is { } value && (!double.IsFinite(value) || value <= 0 || value > TimeSpan.MaxValue.TotalSeconds / 2))
        {
            error = Messages.Format("LogDurationInvalid", value.ToString(CultureInfo.InvariantCulture));
            return null;
        }

        if (count is <= 0)
        {
            error = Messages.Format("LogCountInvalid", count.Value);
            return null;
        }

        return new LogCaptureLimits(seconds is { } s ? TimeSpan.FromSeconds(s) : null, count);
    }

    /// <summary>Restarts the duration, for example once the connection is open.</summary>
    public void Restart() => elapsed.Restart();

    /// <summary>
    /// Returns how long to wait for the next frame, or null when <paramref name="received"/> frames reach
    /// the count, the duration has passed or <paramref name="stop"/> is requested.
    /// </summary>
    public TimeSpan? NextWait(int received, LogStopRequest stop)
    {
        if (stop.IsRequested || received >= Count)
        {
            return null;
        }

        if (Duration is not { } duration)
        {
            return PollInterval;
        }

        TimeSpan remaining = duration - elapsed.Elapsed;
        if (remaining <= TimeSpan.Zero)
        {
            return null;
        }

        return remaining < PollInterval ? remaining : PollInterval;
    }
}

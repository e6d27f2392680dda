using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using Controllers.Can.Transports;

namespace Controllers.Cli;

/// <summary>The <c>--socketcand HOST:PORT</c> and <c>--channel</c> options shared by record, replay and monitor.</summary>
internal sealed class LogEndpoint
{
    /// <summary>Time allowed for each step of connecting: TCP connect, greeting, open and raw mode.</summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    private LogEndpoint(string host, int port)
    {
        Host = host;
        Port = port;
    }

    public string Host { get; }

    public int Port { get; }

    public static Option<string> CreateSocketcandOption() => new("--socketcand")
    {
        Description = Messages.Get("LogSocketcandDescription"),
        HelpName = "HOST:PORT",
        Required = true,
    };

    public static Option<string> CreateChannelOption() => new("--channel")
    {
        Description = Messages.Get("LogChannelDescription"),
        HelpName = "NAME",
        DefaultValueFactory = _ => "can0",
    };

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

        return new LogEndpoint(host, port);
    }

    /// <summary>Connects and opens <paramref name="channel"/>. Returns null and sets <paramref name="error"/> when that fails.</summary>
    public SocketcandTransport? TryConnect(string channel, out string? error)
    {
        error = null;
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

    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
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

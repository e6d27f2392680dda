using System;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using Controllers.Can.Logs;

namespace Controllers.Cli;

/// <summary><c>ctl log replay FILE --socketcand HOST:PORT [--channel NAME] | --socketcan INTERFACE [--speed X] [--format candump|asc]</c></summary>
internal static class LogReplayCommand
{
    public static Command Create()
    {
        var fileArgument = new Argument<string>("FILE") { Description = Messages.Get("LogReplayFileDescription") };
        var socketcandOption = LogEndpoint.CreateSocketcandOption();
        var socketCanOption = LogEndpoint.CreateSocketCanOption();
        var channelOption = LogEndpoint.CreateChannelOption();
        var speedOption = new Option<double>("--speed")
        {
            Description = Messages.Get("LogReplaySpeedDescription"),
            HelpName = "X",
            DefaultValueFactory = _ => 1.0,
        };
        var formatOption = LogCommand.CreateFormatOption("--format", "LogInputFormatDescription");

        var replay = new Command("replay", Messages.Get("LogReplayDescription"))
        {
            fileArgument, socketcandOption, socketCanOption, channelOption, speedOption, formatOption,
        };
        replay.SetAction(parseResult => Replay(
            parseResult.GetRequiredValue(fileArgument),
            parseResult.GetValue(socketcandOption),
            parseResult.GetValue(socketCanOption),
            parseResult.GetRequiredValue(channelOption),
            parseResult.GetValue(speedOption),
            parseResult.GetValue(formatOption)));
        return replay;
    }

    private static int Replay(string path, string? socketcand, string? socketCan, string channel, double speed, string? formatName)
    {
        var endpoint = LogEndpoint.TryCreate(socketcand, socketCan, out string? endpointError);
        if (endpoint == null)
        {
            return CliOutput.InvalidInput(endpointError!);
        }

        if (!double.IsFinite(speed) || speed <= 0)
        {
            return CliOutput.InvalidInput(Messages.Format("LogReplaySpeedInvalid", speed.ToString(CultureInfo.InvariantCulture)));
        }

        var format = LogFiles.SelectFormat("--format", formatName, path, out string? formatError);
        if (format == null)
        {
            return CliOutput.InvalidInput(formatError!);
        }

        // The whole log is read first, so an invalid line stops the replay before any frame is sent.
        var frames = LogFiles.TryRead(path, format.Value, out string? readError);
        if (frames == null)
        {
            return CliOutput.InvalidInput(readError!);
        }

        using var stop = new LogStopRequest();
        using var transport = endpoint.TryConnect(channel, out string? connectError);
        if (transport == null)
        {
            return CliOutput.Failure(connectError!);
        }

        int sent = 0;
        int skipped = 0;
        var clock = Stopwatch.StartNew();
        decimal? firstTimestamp = null;
        foreach (LoggedFrame frame in frames)
        {
            if (stop.IsRequested)
            {
                break;
            }

            // Neither socketcand nor a CAN_RAW socket through CanRaw can send an error frame.
            if (frame.IsErrorFrame)
            {
                skipped++;
                continue;
            }

            firstTimestamp ??= frame.Timestamp;
            WaitUntil(clock, (double)(frame.Timestamp - firstTimestamp.Value) / speed, stop);
            try
            {
                transport.Send(frame.Frame);
            }
            catch (IOException sendError)
            {
                return CliOutput.Failure(Messages.Format("LogReplaySendFailed", endpoint, sent, path, sendError.Message, endpoint.Channel(channel)));
            }

            sent++;
        }

        Console.WriteLine(Messages.Format("LogReplaySent", sent, path, endpoint, endpoint.Channel(channel)));
        if (skipped > 0)
        {
            Console.WriteLine(Messages.Format("LogReplaySkippedErrorFrames", skipped));
        }

        return ExitCodes.Success;
    }

    /// <summary>Sleeps until <paramref name="clock"/> reaches <paramref name="seconds"/>, waking every 100 ms to see a stop request.</summary>
    private static void WaitUntil(Stopwatch clock, double seconds, LogStopRequest stop)
    {
        // A frame earlier than the previous one (out-of-order log lines) is sent at once.
        while (!stop.IsRequested)
        {
            double remaining = seconds - clock.Elapsed.TotalSeconds;
            if (remaining <= 0)
            {
                return;
            }

            Thread.Sleep(TimeSpan.FromSeconds(Math.Min(remaining, 0.1)));
        }
    }
}

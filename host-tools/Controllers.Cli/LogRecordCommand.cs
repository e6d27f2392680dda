using System;
using System.Collections.Generic;
using System.CommandLine;
using Controllers.Can.Logs;
using Controllers.Can.Transports;
using Controllers.Firmware.Common.Can;

namespace Controllers.Cli;

/// <summary><c>ctl log record --socketcand HOST:PORT [--channel NAME] | --socketcan INTERFACE --output FILE [--duration S] [--count N] [--format candump|asc]</c></summary>
internal static class LogRecordCommand
{
    public static Command Create()
    {
        var socketcandOption = LogEndpoint.CreateSocketcandOption();
        var socketCanOption = LogEndpoint.CreateSocketCanOption();
        var channelOption = LogEndpoint.CreateChannelOption();
        var outputOption = new Option<string>("--output")
        {
            Description = Messages.Get("LogRecordOutputDescription"),
            HelpName = "FILE",
            Required = true,
        };
        var durationOption = LogCaptureLimits.CreateDurationOption();
        var countOption = LogCaptureLimits.CreateCountOption();
        var formatOption = LogCommand.CreateFormatOption("--format", "LogOutputFormatDescription");

        var record = new Command("record", Messages.Get("LogRecordDescription"))
        {
            socketcandOption, socketCanOption, channelOption, outputOption, durationOption, countOption, formatOption,
        };
        record.SetAction(parseResult => Record(
            parseResult.GetValue(socketcandOption),
            parseResult.GetValue(socketCanOption),
            parseResult.GetRequiredValue(channelOption),
            parseResult.GetRequiredValue(outputOption),
            parseResult.GetValue(durationOption),
            parseResult.GetValue(countOption),
            parseResult.GetValue(formatOption)));
        return record;
    }

    private static int Record(string? socketcand, string? socketCan, string channel, string outputPath, double? seconds, int? count, string? formatName)
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

        var format = LogFiles.SelectFormat("--format", formatName, outputPath, out string? formatError);
        if (format == null)
        {
            return CliOutput.InvalidInput(formatError!);
        }

        // Checked before connecting, so a mistyped path fails before any frame is lost.
        if (OutputPaths.CheckFile("--output", outputPath) is { } pathError)
        {
            return CliOutput.InvalidInput(pathError);
        }

        if (OutputPaths.PrepareFolder("--output", outputPath, OutputPaths.ParentFolder(outputPath)) is { } folderError)
        {
            return CliOutput.InvalidInput(folderError);
        }

        using var stop = new LogStopRequest();
        List<LoggedFrame> frames;
        long dropped;
        using (var transport = endpoint.TryConnect(channel, out string? connectError))
        {
            if (transport == null)
            {
                return CliOutput.Failure(connectError!);
            }

            Console.WriteLine(Messages.Format("LogRecordStarted", endpoint, endpoint.Channel(channel), outputPath));
            limits.Restart();
            frames = Receive(transport, endpoint.Channel(channel), limits, stop);
            dropped = transport.Statistics.FramesDropped;
        }

        string? writeError = LogFiles.WriteAtomically("--output", outputPath, output => LogFiles.WriteFrames(output, frames, format.Value));
        if (writeError != null)
        {
            return CliOutput.InvalidInput(writeError);
        }

        Console.WriteLine(Messages.Format("LogRecordWritten", frames.Count, outputPath));
        if (dropped > 0)
        {
            Console.Error.WriteLine(Messages.Format("LogFramesDropped", dropped));
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// Receives frames until a limit is reached. Each timestamp is the host's Unix time at the first frame
    /// plus the server's time since that frame, so the spacing of the server's time stamps is kept.
    /// </summary>
    /// <remarks>NOTE: a connection that the server closes is not detected, so recording goes on until a limit or Ctrl+C.</remarks>
    private static List<LoggedFrame> Receive(ICanTransport transport, string channel, LogCaptureLimits limits, LogStopRequest stop)
    {
        var frames = new List<LoggedFrame>();
        var frame = new CanFrame();
        TimeSpan? firstServerTime = null;
        decimal firstHostTime = 0;
        while (limits.NextWait(frames.Count, stop) is { } wait)
        {
            if (!transport.TryReceive(frame, wait, out TimeSpan serverTime))
            {
                continue;
            }

            if (firstServerTime == null)
            {
                firstServerTime = serverTime;
                firstHostTime = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks / (decimal)TimeSpan.TicksPerSecond;
            }

            decimal offset = (serverTime - firstServerTime.Value).Ticks / (decimal)TimeSpan.TicksPerSecond;
            decimal timestamp = decimal.Round(firstHostTime + offset, 6);
            frames.Add(new LoggedFrame(timestamp, channel, frame, CanDirection.Rx));
        }

        return frames;
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace Controllers.Can.Logs;

/// <summary>Settings for <see cref="CanLogConversion.CandumpToAsc"/>.</summary>
public sealed class CandumpToAscOptions
{
    /// <summary>
    /// Interfaces to convert, in ASC channel order: the first becomes channel 1. Frames on other interfaces are
    /// skipped, as can-utils <c>log2asc</c> does with its interface arguments. When null (the default), every
    /// interface is converted and numbered in the order it first appears.
    /// </summary>
    public IReadOnlyList<string>? Channels { get; init; }

    /// <summary>Time zone of the written <c>date</c> header. Local time by default, which log2asc also uses.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Local;

    /// <summary>Layout of the ASC output.</summary>
    public AscWriteOptions Asc { get; init; } = new AscWriteOptions();

    /// <summary>How to treat invalid candump lines.</summary>
    public CanLogReadOptions Read { get; init; } = CanLogReadOptions.Strict;
}

/// <summary>Settings for <see cref="CanLogConversion.AscToCandump"/>.</summary>
public sealed class AscToCandumpOptions
{
    /// <summary>
    /// Interface names by ASC channel: channel 1 becomes the first name. Channels past the list, and every
    /// channel when the list is null (the default), become <c>can</c> followed by the channel number minus one,
    /// as can-utils <c>asc2log</c> names them.
    /// </summary>
    public IReadOnlyList<string>? InterfaceNames { get; init; }

    /// <summary>Time zone of the ASC start date. Local time by default, which asc2log and python-can also use.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Local;

    /// <summary>How to treat invalid ASC lines.</summary>
    public CanLogReadOptions Read { get; init; } = CanLogReadOptions.Strict;
}

/// <summary>Counts of a log conversion.</summary>
/// <param name="FramesWritten">Frames written to the output.</param>
/// <param name="FramesSkipped">
/// Frames read but not written: their interface was not selected, or in lenient mode their time could not be written.
/// </param>
public sealed record CanLogConversionResult(int FramesWritten, int FramesSkipped);

/// <summary>Converts between candump logs and ASC logs one line at a time.</summary>
public static class CanLogConversion
{
    /// <summary>
    /// Converts a candump log to an ASC log. The first frame's time becomes the ASC start date, and each ASC
    /// timestamp is the frame's time minus that start. An empty log gives a header dated at the Unix epoch.
    /// </summary>
    /// <exception cref="CanLogFormatException">
    /// A candump line is invalid, or a frame is earlier than the first frame (or, for relative ASC timestamps, than the
    /// previous frame), and <see cref="CandumpToAscOptions.Read"/> is strict.
    /// </exception>
    public static CanLogConversionResult CandumpToAsc(TextReader input, TextWriter output, CandumpToAscOptions? options = null, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        options ??= new CandumpToAscOptions();
        var channelNumbers = new Dictionary<string, int>(StringComparer.Ordinal);
        if (options.Channels != null)
        {
            for (int i = 0; i < options.Channels.Count; i++)
            {
                channelNumbers.TryAdd(options.Channels[i], i + 1);
            }
        }

        AscLogWriter? writer = null;
        decimal start = 0;
        decimal previous = 0;
        int written = 0;
        int skipped = 0;
        try
        {
            string source = sourceName ?? CandumpLog.DefaultSourceName;
            foreach (CandumpLog.NumberedFrame numbered in CandumpLog.ReadNumbered(input, source, options.Read))
            {
                LoggedFrame frame = numbered.Frame;
                if (writer == null)
                {
                    start = frame.Timestamp;
                    writer = new AscLogWriter(output, AscDate.FromUnixSeconds(start, options.TimeZone), options.Asc);
                }

                if (!channelNumbers.TryGetValue(frame.Channel, out int channel))
                {
                    if (options.Channels != null)
                    {
                        skipped++;
                        continue;
                    }

                    channel = channelNumbers.Count + 1;
                    channelNumbers.Add(frame.Channel, channel);
                }

                decimal offset = frame.Timestamp - start;
                if (offset < 0 || (options.Asc.TimestampMode == AscTimestampMode.Relative && frame.Timestamp < previous))
                {
                    string expected = options.Asc.TimestampMode == AscTimestampMode.Relative
                        ? $"a timestamp not earlier than the previous frame's ({previous}), because relative ASC timestamps cannot go back"
                        : $"a timestamp not earlier than the first frame's ({start}), because it is the ASC measurement start";
                    options.Read.Reject(new CanLogFormatException(source, numbered.LineNumber, expected, numbered.Line));
                    skipped++;
                    continue;
                }

                previous = frame.Timestamp;
                writer.Write(frame with { Timestamp = offset, Channel = channel.ToString(CultureInfo.InvariantCulture) });
                written++;
            }

            writer ??= new AscLogWriter(output, AscDate.FromUnixSeconds(0, options.TimeZone), options.Asc);
        }
        finally
        {
            writer?.Dispose();
        }

        return new CanLogConversionResult(written, skipped);
    }

    /// <summary>
    /// Converts an ASC log to a candump log. Each candump time is the ASC start date as Unix seconds plus the
    /// event's offset. A log without a date counts from the Unix epoch, where can-utils asc2log uses the current time.
    /// </summary>
    /// <exception cref="CanLogFormatException">
    /// An ASC line is invalid, or a frame's time is before the Unix epoch, and <see cref="AscToCandumpOptions.Read"/> is strict.
    /// </exception>
    public static CanLogConversionResult AscToCandump(TextReader input, TextWriter output, AscToCandumpOptions? options = null, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        options ??= new AscToCandumpOptions();
        var reader = new AscLogReader(input, sourceName, options.Read);
        var writer = new CandumpLogWriter(output);
        int written = 0;
        int skipped = 0;
        foreach (LoggedFrame frame in reader.ReadFrames())
        {
            decimal start = reader.StartTime is DateTime date ? AscDate.ToUnixSeconds(date, options.TimeZone) : 0;
            decimal timestamp = start + frame.Timestamp;
            if (timestamp < 0)
            {
                const string expected = "a frame at or after 1970-01-01 00:00 UTC, because candump times are Unix seconds";
                options.Read.Reject(new CanLogFormatException(sourceName ?? AscLogReader.DefaultSourceName, reader.FrameLineNumber, expected, reader.FrameLine));
                skipped++;
                continue;
            }

            writer.Write(frame with { Timestamp = timestamp, Channel = InterfaceName(frame.Channel, options.InterfaceNames) });
            written++;
        }

        writer.Flush();
        return new CanLogConversionResult(written, skipped);
    }

    /// <summary>Converts the candump log at <paramref name="inputPath"/> to an ASC log at <paramref name="outputPath"/>.</summary>
    /// <exception cref="CanLogFormatException">See <see cref="CandumpToAsc(TextReader, TextWriter, CandumpToAscOptions?, string?)"/>.</exception>
    public static CanLogConversionResult CandumpFileToAsc(string inputPath, string outputPath, CandumpToAscOptions? options = null)
    {
        using var input = new StreamReader(inputPath, Encoding.UTF8);
        using var output = new StreamWriter(outputPath, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return CandumpToAsc(input, output, options, inputPath);
    }

    /// <summary>Converts the ASC log at <paramref name="inputPath"/> to a candump log at <paramref name="outputPath"/>.</summary>
    /// <exception cref="CanLogFormatException">See <see cref="AscToCandump(TextReader, TextWriter, AscToCandumpOptions?, string?)"/>.</exception>
    public static CanLogConversionResult AscFileToCandump(string inputPath, string outputPath, AscToCandumpOptions? options = null)
    {
        using var input = new StreamReader(inputPath, Encoding.UTF8);
        using var output = new StreamWriter(outputPath, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return AscToCandump(input, output, options, inputPath);
    }

    private static string InterfaceName(string channel, IReadOnlyList<string>? names)
    {
        int number = int.Parse(channel, NumberStyles.None, CultureInfo.InvariantCulture);
        if (names != null && number >= 1 && number <= names.Count)
        {
            return names[number - 1];
        }

        return "can" + (number - 1).ToString(CultureInfo.InvariantCulture);
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Controllers.Firmware.Common.Can;

namespace Controllers.Can.Logs;

/// <summary>
/// Reads and formats the compact log format of can-utils <c>candump -l</c>:
/// <c>(1436509052.249713) vcan0 123#DEADBEEF</c>, with an optional trailing <c>R</c> or <c>T</c> direction
/// as written by can-utils <c>asc2log</c> and python-can.
/// </summary>
/// <remarks>
/// Identifiers have 3 hex digits (standard) or 8 hex digits (extended, or an error frame when CAN_ERR_FLAG
/// 0x20000000 is set). Remote frames are <c>123#R</c> or <c>123#R5</c> with the length after the R.
/// Data bytes may be separated by dots as can-utils accepts. CAN FD frames (<c>123##1...</c>) and the
/// can-utils <c>_DLC</c> suffix for DLC 9 to 15 are rejected because <see cref="CanFrame"/> is classic CAN.
/// </remarks>
public static class CandumpLog
{
    /// <summary>Name used in error messages when the caller gives no source name.</summary>
    public const string DefaultSourceName = "<candump log>";

    /// <summary>Reads frames one line at a time from <paramref name="reader"/>, so the log need not fit in memory.</summary>
    public static IEnumerable<LoggedFrame> Read(TextReader reader, string? sourceName = null, CanLogReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ReadLines(reader, sourceName ?? DefaultSourceName, options ?? CanLogReadOptions.Strict);
    }

    /// <summary>Opens <paramref name="path"/> when enumeration starts and reads its frames one line at a time.</summary>
    public static IEnumerable<LoggedFrame> ReadFile(string path, CanLogReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ReadOpenedFile(path, options ?? CanLogReadOptions.Strict);
    }

    /// <summary>
    /// Parses one log line.
    /// </summary>
    /// <exception cref="CanLogFormatException">The line is not a classic CAN candump log line.</exception>
    public static LoggedFrame ParseLine(string line, string? sourceName = null, int lineNumber = 1)
    {
        ArgumentNullException.ThrowIfNull(line);
        var parser = new LineParser(line, sourceName ?? DefaultSourceName, lineNumber);
        return parser.Parse();
    }

    /// <summary>
    /// Formats <paramref name="frame"/> as one line without a line break, rounding the timestamp to microseconds.
    /// The direction is appended as <c>R</c> or <c>T</c> only when the record has one.
    /// </summary>
    /// <exception cref="ArgumentException">The timestamp is negative or the channel is empty or contains white space.</exception>
    public static string FormatLine(LoggedFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Timestamp < 0)
        {
            throw new ArgumentException($"A candump timestamp cannot be negative, but it is {frame.Timestamp}.", nameof(frame));
        }

        if (!IsValidInterfaceName(frame.Channel))
        {
            throw new ArgumentException($"A candump interface name must be non-empty and contain no white space, '#' or brackets, but it is '{frame.Channel}'.", nameof(frame));
        }

        var builder = new StringBuilder(64);
        builder.Append('(');
        builder.Append(decimal.Round(frame.Timestamp, 6, MidpointRounding.AwayFromZero).ToString("0000000000.000000", CultureInfo.InvariantCulture));
        builder.Append(") ").Append(frame.Channel).Append(' ');
        AppendFrame(builder, frame);
        if (frame.Direction is CanDirection direction)
        {
            builder.Append(direction == CanDirection.Rx ? " R" : " T");
        }

        return builder.ToString();
    }

    private static void AppendFrame(StringBuilder builder, LoggedFrame logged)
    {
        CanFrame frame = logged.Frame;
        if (logged.IsErrorFrame)
        {
            builder.Append((LoggedFrame.ErrorFlag | frame.Id).ToString("X8", CultureInfo.InvariantCulture));
        }
        else if (frame.IsExtended)
        {
            builder.Append(frame.Id.ToString("X8", CultureInfo.InvariantCulture));
        }
        else
        {
            builder.Append(frame.Id.ToString("X3", CultureInfo.InvariantCulture));
        }

        builder.Append('#');
        if (frame.IsRemote && !logged.IsErrorFrame)
        {
            builder.Append('R');
            if (frame.Length > 0)
            {
                builder.Append((char)('0' + frame.Length));
            }

            return;
        }

        for (int i = 0; i < frame.Length; i++)
        {
            builder.Append(frame.Data[i].ToString("X2", CultureInfo.InvariantCulture));
        }
    }

    private static IEnumerable<LoggedFrame> ReadOpenedFile(string path, CanLogReadOptions options)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        foreach (LoggedFrame frame in ReadLines(reader, path, options))
        {
            yield return frame;
        }
    }

    private static IEnumerable<LoggedFrame> ReadLines(TextReader reader, string sourceName, CanLogReadOptions options)
    {
        foreach (NumberedFrame numbered in ReadNumbered(reader, sourceName, options))
        {
            yield return numbered.Frame;
        }
    }

    /// <summary>Reads frames together with their line, so callers can report later checks against that line.</summary>
    internal static IEnumerable<NumberedFrame> ReadNumbered(TextReader reader, string sourceName, CanLogReadOptions options)
    {
        int lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            LoggedFrame? frame = null;
            try
            {
                frame = new LineParser(line, sourceName, lineNumber).Parse();
            }
            catch (CanLogFormatException error)
            {
                options.Reject(error);
            }

            if (frame != null)
            {
                yield return new NumberedFrame(frame, lineNumber, line);
            }
        }
    }

    /// <summary>Parses one candump line field by field, naming the field it expected when a field is invalid.</summary>
    private readonly ref struct LineParser
    {
        private readonly string line;
        private readonly string sourceName;
        private readonly int lineNumber;

        public LineParser(string line, string sourceName, int lineNumber)
        {
            this.line = line;
            this.sourceName = sourceName;
            this.lineNumber = lineNumber;
        }

        public LoggedFrame Parse()
        {
            string[] fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 3)
            {
                throw Error("'(SECONDS.MICROSECONDS) INTERFACE ID#DATA'");
            }

            if (fields.Length > 4)
            {
                throw Error("at most one field (R or T) after ID#DATA");
            }

            decimal timestamp = ParseTimestamp(fields[0]);
            string channel = fields[1];
            if (channel.AsSpan().IndexOfAny("#()") >= 0)
            {
                throw Error("an interface name without '#' or brackets");
            }

            CanDirection? direction = null;
            if (fields.Length == 4)
            {
                direction = fields[3] switch
                {
                    "R" => CanDirection.Rx,
                    "T" => CanDirection.Tx,
                    _ => throw Error("direction R or T after ID#DATA"),
                };
            }

            var frame = new CanFrame();
            bool isError = ParseFrame(fields[2], frame);
            return new LoggedFrame(timestamp, channel, frame, direction, isError);
        }

        private decimal ParseTimestamp(string field)
        {
            const string expected = "timestamp '(SECONDS.MICROSECONDS)' with at most 11 digits before the point";
            if (field.Length < 3 || field[0] != '(' || field[^1] != ')')
            {
                throw Error(expected);
            }

            ReadOnlySpan<char> digits = field.AsSpan(1, field.Length - 2);
            int point = digits.IndexOf('.');
            ReadOnlySpan<char> whole = point < 0 ? digits : digits.Slice(0, point);
            ReadOnlySpan<char> fraction = point < 0 ? ReadOnlySpan<char>.Empty : digits.Slice(point + 1);
            if (whole.Length == 0 || whole.Length > 11 || fraction.Length > 9 || !IsDecimalDigits(whole) || !IsDecimalDigits(fraction))
            {
                throw Error(expected);
            }

            return decimal.Parse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        }

        /// <summary>Fills <paramref name="frame"/> from <c>ID#DATA</c> and returns true for an error frame.</summary>
        private bool ParseFrame(string field, CanFrame frame)
        {
            int hash = field.IndexOf('#');
            if (hash < 0)
            {
                throw Error("'ID#DATA' with a '#' after the identifier");
            }

            ReadOnlySpan<char> idText = field.AsSpan(0, hash);
            ReadOnlySpan<char> dataText = field.AsSpan(hash + 1);
            if ((idText.Length != 3 && idText.Length != 8) || !IsHexDigits(idText))
            {
                throw Error("an identifier of 3 hex digits (standard) or 8 hex digits (extended)");
            }

            uint id = uint.Parse(idText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            bool isError = false;
            if (idText.Length == 3)
            {
                if (id > CanFrame.MaxStandardId)
                {
                    throw Error("a standard identifier of at most 7FF");
                }

                frame.SetId(id, extended: false);
            }
            else
            {
                if (id > (LoggedFrame.ErrorFlag | CanFrame.MaxExtendedId))
                {
                    throw Error("an extended identifier of at most 1FFFFFFF, or 2xxxxxxx for an error frame");
                }

                isError = (id & LoggedFrame.ErrorFlag) != 0;
                frame.SetId(id & CanFrame.MaxExtendedId, extended: true);
            }

            if (dataText.StartsWith("#"))
            {
                throw Error("a classic CAN frame, because CAN FD frames ('ID##FLAGS DATA') are not supported");
            }

            if (dataText.Length > 0 && (dataText[0] == 'R' || dataText[0] == 'r'))
            {
                ParseRemote(dataText.Slice(1), frame, isError);
                return isError;
            }

            ParseData(dataText, frame);
            return isError;
        }

        private void ParseRemote(ReadOnlySpan<char> lengthText, CanFrame frame, bool isError)
        {
            if (isError)
            {
                throw Error("data bytes after an error frame identifier, not R");
            }

            frame.IsRemote = true;
            if (lengthText.Length == 0)
            {
                return;
            }

            if (lengthText.Length != 1 || lengthText[0] < '0' || lengthText[0] > '8')
            {
                throw Error("a remote frame length of one digit 0 to 8 after R");
            }

            frame.Length = lengthText[0] - '0';
        }

        private void ParseData(ReadOnlySpan<char> dataText, CanFrame frame)
        {
            if (dataText.IndexOf('_') >= 0)
            {
                throw Error("data without a '_DLC' suffix, because DLC 9 to 15 does not fit a classic CAN frame");
            }

            int length = 0;
            int index = 0;
            while (index < dataText.Length)
            {
                if (dataText[index] == '.')
                {
                    index++;
                    continue;
                }

                if (index + 1 >= dataText.Length || !IsHexDigits(dataText.Slice(index, 2)))
                {
                    throw Error("data as pairs of hex digits");
                }

                if (length == 8)
                {
                    throw Error("at most 8 data bytes");
                }

                frame.Data[length] = byte.Parse(dataText.Slice(index, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                length++;
                index += 2;
            }

            frame.Length = length;
        }

        private CanLogFormatException Error(string expected)
        {
            return new CanLogFormatException(sourceName, lineNumber, expected, line);
        }
    }

    /// <summary>A frame with the 1-based number and text of the line it was read from.</summary>
    internal readonly record struct NumberedFrame(LoggedFrame Frame, int LineNumber, string Line);

    private static bool IsValidInterfaceName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (char c in name)
        {
            if (char.IsWhiteSpace(c) || c == '#' || c == '(' || c == ')')
            {
                return false;
            }
        }

        return true;
    }

    internal static bool IsDecimalDigits(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }

        return true;
    }

    internal static bool IsHexDigits(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}

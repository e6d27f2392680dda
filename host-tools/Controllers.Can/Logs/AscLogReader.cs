using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Controllers.Firmware.Common.Can;

namespace Controllers.Can.Logs;

/// <summary>
/// Reads classic CAN frames from a Vector ASC log as written by CANalyzer, can-utils <c>log2asc</c> and python-can.
/// </summary>
/// <remarks>
/// <para>Header lines (<c>date</c>, <c>base hex|dec  timestamps absolute|relative</c>, <c>internal events logged</c>,
/// <c>no internal events logged</c>, <c>Begin Triggerblock</c>, <c>End TriggerBlock</c>) and <c>//</c> comments set
/// the properties below. Frame lines look like <c>0.100000 1  123  Rx   d 8 01 02 03 04 05 06 07 08</c>, with a
/// trailing <c>x</c> on extended identifiers, <c>r</c> or <c>r LENGTH</c> for remote frames and
/// <c>0.100000 1  ErrorFrame</c> for error frames. Text after the data bytes, such as CANalyzer's
/// <c>Length = ... BitCount = ...</c>, is ignored.</para>
/// <para>Other event lines that start with a timestamp (<c>Start of measurement</c>, <c>Statistic:</c>, chip
/// status, J1939 transport events) are skipped and counted in <see cref="SkippedEventCount"/>. CAN FD lines
/// (<c>CANFD ...</c>) are invalid lines because <see cref="CanFrame"/> is classic CAN.
/// Any other line is invalid.</para>
/// <para>Each record's timestamp is seconds since the start of the measurement, whatever the timestamp mode of
/// the file, and its channel is the ASC channel number such as <c>1</c>.</para>
/// </remarks>
public sealed class AscLogReader
{
    /// <summary>Name used in error messages when the caller gives no source name.</summary>
    public const string DefaultSourceName = "<ASC log>";

    private const string HeaderOrEventExpected =
        "a header line (date, base, internal events logged, Begin Triggerblock, End TriggerBlock), a // comment or an event line starting with a timestamp";

    private readonly TextReader reader;
    private readonly string sourceName;
    private readonly CanLogReadOptions options;
    private bool started;
    private bool startFromTriggerBlock;

    /// <summary>Reads from <paramref name="reader"/>. Nothing is read before <see cref="ReadFrames"/> is enumerated.</summary>
    public AscLogReader(TextReader reader, string? sourceName = null, CanLogReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        this.reader = reader;
        this.sourceName = sourceName ?? DefaultSourceName;
        this.options = options ?? CanLogReadOptions.Strict;
    }

    /// <summary>
    /// Start of the measurement: the date of the first <c>Begin Triggerblock</c> line read, else of the
    /// <c>date</c> line, else null. It has no time zone, like the text it comes from.
    /// </summary>
    /// <remarks>
    /// python-can 4.1 writes the time of writing on the <c>date</c> line and the first frame's time, to the
    /// millisecond, on the <c>Begin Triggerblock</c> line, so the trigger block date is the better start.
    /// NOTE: no log with several trigger blocks was available to test. If such logs count each block's
    /// offsets from its own date, frames after the first block get start times that are too early.
    /// </remarks>
    public DateTime? StartTime { get; private set; }

    /// <summary>Number base from the <c>base</c> line, or hexadecimal until one is read.</summary>
    public AscNumberBase NumberBase { get; private set; } = AscNumberBase.Hex;

    /// <summary>Timestamp mode from the <c>base</c> line, or absolute until one is read.</summary>
    public AscTimestampMode TimestampMode { get; private set; } = AscTimestampMode.Absolute;

    /// <summary>True after <c>internal events logged</c>, false after <c>no internal events logged</c>, else null.</summary>
    public bool? InternalEventsLogged { get; private set; }

    /// <summary>1-based number of the line of the frame returned last, for callers that check frames further.</summary>
    internal int FrameLineNumber { get; private set; }

    /// <summary>Text of the line of the frame returned last.</summary>
    internal string FrameLine { get; private set; } = string.Empty;

    /// <summary>Number of event lines read so far that are not CAN frames and were skipped.</summary>
    public int SkippedEventCount { get; private set; }

    /// <summary>Opens <paramref name="path"/> when enumeration starts and reads its frames one line at a time.</summary>
    public static IEnumerable<LoggedFrame> ReadFile(string path, CanLogReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ReadOpenedFile(path, options);
    }

    /// <summary>Reads the frames one line at a time, so the log need not fit in memory. Enumerate it once only.</summary>
    /// <exception cref="InvalidOperationException">The frames were already enumerated.</exception>
    public IEnumerable<LoggedFrame> ReadFrames()
    {
        if (started)
        {
            throw new InvalidOperationException("An AscLogReader reads its input once; create a new reader to read again.");
        }

        started = true;
        return ReadLines();
    }

    private static IEnumerable<LoggedFrame> ReadOpenedFile(string path, CanLogReadOptions? options)
    {
        using var stream = new StreamReader(path, Encoding.UTF8);
        var ascReader = new AscLogReader(stream, path, options);
        foreach (LoggedFrame frame in ascReader.ReadFrames())
        {
            yield return frame;
        }
    }

    private IEnumerable<LoggedFrame> ReadLines()
    {
        int lineNumber = 0;
        decimal previousTimestamp = 0;
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            lineNumber++;
            string text = line.Trim();
            if (text.Length == 0 || text.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            LoggedFrame? frame = null;
            try
            {
                if (char.IsAsciiDigit(text[0]))
                {
                    var parser = new EventParser(this, text, lineNumber, previousTimestamp);
                    frame = parser.Parse(out previousTimestamp);
                }
                else
                {
                    ReadHeaderLine(text, lineNumber);
                }
            }
            catch (CanLogFormatException error)
            {
                options.Reject(error);
            }

            if (frame != null)
            {
                FrameLineNumber = lineNumber;
                FrameLine = line;
                yield return frame;
            }
        }
    }

    private void ReadHeaderLine(string text, int lineNumber)
    {
        string[] fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        string first = fields[0].ToLowerInvariant();
        string second = fields.Length > 1 ? fields[1].ToLowerInvariant() : string.Empty;
        if (first == "date")
        {
            DateTime measurementStart = ParseDate(text.Substring(4), text, lineNumber);
            if (!startFromTriggerBlock)
            {
                StartTime = measurementStart;
            }
        }
        else if (first == "base")
        {
            ReadBaseLine(fields, text, lineNumber);
        }
        else if (IsWords(fields, "internal", "events", "logged"))
        {
            InternalEventsLogged = true;
        }
        else if (IsWords(fields, "no", "internal", "events", "logged"))
        {
            InternalEventsLogged = false;
        }
        else if (first == "begin" && second == "triggerblock")
        {
            if (fields.Length > 2)
            {
                string dateText = string.Join(' ', fields, 2, fields.Length - 2);
                DateTime blockStart = ParseDate(dateText, text, lineNumber);
                if (!startFromTriggerBlock)
                {
                    StartTime = blockStart;
                    startFromTriggerBlock = true;
                }
            }
        }
        else if (first == "end" && second == "triggerblock" && fields.Length == 2)
        {
            return;
        }
        else
        {
            throw new CanLogFormatException(sourceName, lineNumber, HeaderOrEventExpected, text);
        }
    }

    private DateTime ParseDate(string dateText, string line, int lineNumber)
    {
        DateTime? date = AscDate.TryParse(dateText);
        if (date is null)
        {
            throw new CanLogFormatException(sourceName, lineNumber, "a date like 'Fri Jul 10 06:17:32 2015' or 'Fri Jul 10 06:17:32.249 pm 2015'", line);
        }

        return date.Value;
    }

    private void ReadBaseLine(string[] fields, string line, int lineNumber)
    {
        const string expected = "'base hex|dec' optionally followed by 'timestamps absolute|relative'";
        if (fields.Length != 2 && fields.Length != 4)
        {
            throw new CanLogFormatException(sourceName, lineNumber, expected, line);
        }

        AscNumberBase numberBase = fields[1].ToLowerInvariant() switch
        {
            "hex" => AscNumberBase.Hex,
            "dec" => AscNumberBase.Decimal,
            _ => throw new CanLogFormatException(sourceName, lineNumber, expected, line),
        };
        AscTimestampMode mode = AscTimestampMode.Absolute;
        if (fields.Length == 4)
        {
            if (!fields[2].Equals("timestamps", StringComparison.OrdinalIgnoreCase))
            {
                throw new CanLogFormatException(sourceName, lineNumber, expected, line);
            }

            mode = fields[3].ToLowerInvariant() switch
            {
                "absolute" => AscTimestampMode.Absolute,
                "relative" => AscTimestampMode.Relative,
                _ => throw new CanLogFormatException(sourceName, lineNumber, expected, line),
            };
        }

        NumberBase = numberBase;
        TimestampMode = mode;
    }

    private static bool IsWords(string[] fields, params string[] words)
    {
        if (fields.Length != words.Length)
        {
            return false;
        }

        for (int i = 0; i < words.Length; i++)
        {
            if (!fields[i].Equals(words[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Parses one event line, naming the field it expected when a field is invalid.</summary>
    private readonly ref struct EventParser
    {
        private readonly AscLogReader owner;
        private readonly string line;
        private readonly int lineNumber;
        private readonly decimal previousTimestamp;
        private readonly string[] fields;

        public EventParser(AscLogReader owner, string line, int lineNumber, decimal previousTimestamp)
        {
            this.owner = owner;
            this.line = line;
            this.lineNumber = lineNumber;
            this.previousTimestamp = previousTimestamp;
            fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        }

        /// <summary>Returns the frame on this line, or null for a skipped event. <paramref name="timestamp"/> receives the event time.</summary>
        public LoggedFrame? Parse(out decimal timestamp)
        {
            timestamp = ParseTimestamp(fields[0]);
            if (owner.TimestampMode == AscTimestampMode.Relative)
            {
                timestamp += previousTimestamp;
            }

            if (fields.Length < 2)
            {
                throw Error("a channel number or an event name after the timestamp");
            }

            if (fields[1].Equals("CANFD", StringComparison.OrdinalIgnoreCase))
            {
                throw Error("a classic CAN event, because CAN FD events are not supported");
            }

            if (!CandumpLog.IsDecimalDigits(fields[1]) || fields[1].Length > 9)
            {
                owner.SkippedEventCount++;
                return null;
            }

            int channelNumber = int.Parse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture);
            if (channelNumber < 1)
            {
                throw Error("a channel number from 1 upward");
            }

            string channel = channelNumber.ToString(CultureInfo.InvariantCulture);
            if (fields.Length < 3)
            {
                throw Error("an identifier or ErrorFrame after the channel number");
            }

            if (fields[2].Equals("ErrorFrame", StringComparison.OrdinalIgnoreCase))
            {
                return LoggedFrame.CreateBusError(timestamp, channel);
            }

            bool hasDirection = fields.Length > 3 && IsDirection(fields[3]);
            var frame = new CanFrame();
            if (!TryParseId(fields[2], frame))
            {
                if (hasDirection)
                {
                    throw Error(owner.NumberBase == AscNumberBase.Hex
                        ? "a hex identifier of at most 7FF, or at most 1FFFFFFF followed by x"
                        : "a decimal identifier of at most 2047, or at most 536870911 followed by x");
                }

                owner.SkippedEventCount++;
                return null;
            }

            if (!hasDirection)
            {
                throw Error("direction Rx or Tx after the identifier");
            }

            CanDirection direction = fields[3].Equals("Tx", StringComparison.OrdinalIgnoreCase) ? CanDirection.Tx : CanDirection.Rx;
            ParseFrameBody(frame);
            return new LoggedFrame(timestamp, channel, frame, direction);
        }

        private void ParseFrameBody(CanFrame frame)
        {
            if (fields.Length < 5)
            {
                throw Error("frame type d (data) or r (remote) after the direction");
            }

            string type = fields[4];
            if (type.Equals("r", StringComparison.OrdinalIgnoreCase))
            {
                frame.IsRemote = true;
                if (fields.Length > 5 && CandumpLog.IsDecimalDigits(fields[5]))
                {
                    frame.Length = ParseLength(fields[5]);
                }

                return;
            }

            if (!type.Equals("d", StringComparison.OrdinalIgnoreCase))
            {
                throw Error("frame type d (data) or r (remote) after the direction");
            }

            if (fields.Length < 6)
            {
                throw Error("a data length 0 to 8 after d");
            }

            int length = ParseLength(fields[5]);
            if (fields.Length < 6 + length)
            {
                throw Error($"{length} data bytes after the data length");
            }

            for (int i = 0; i < length; i++)
            {
                frame.Data[i] = ParseByte(fields[6 + i]);
            }

            frame.Length = length;
        }

        private decimal ParseTimestamp(string text)
        {
            int point = text.IndexOf('.');
            string whole = point < 0 ? text : text.Substring(0, point);
            string fraction = point < 0 ? string.Empty : text.Substring(point + 1);
            if (whole.Length == 0 || whole.Length > 12 || fraction.Length > 9 || !CandumpLog.IsDecimalDigits(whole) || !CandumpLog.IsDecimalDigits(fraction))
            {
                throw Error("a timestamp in seconds such as 0.100000");
            }

            return decimal.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        }

        private bool TryParseId(string text, CanFrame frame)
        {
            bool extended = text.EndsWith('x') || text.EndsWith('X');
            string digits = extended ? text.Substring(0, text.Length - 1) : text;
            if (!TryParseNumber(digits, 8, 9, out uint id))
            {
                return false;
            }

            if (id > (extended ? CanFrame.MaxExtendedId : CanFrame.MaxStandardId))
            {
                return false;
            }

            frame.SetId(id, extended);
            return true;
        }

        private int ParseLength(string text)
        {
            if (!TryParseNumber(text, 1, 1, out uint length) || length > 8)
            {
                throw Error("a data length 0 to 8, because DLC 9 to 15 does not fit a classic CAN frame");
            }

            return (int)length;
        }

        private byte ParseByte(string text)
        {
            if (!TryParseNumber(text, 2, 3, out uint value) || value > byte.MaxValue)
            {
                throw Error(owner.NumberBase == AscNumberBase.Hex ? "data bytes of 1 or 2 hex digits" : "data bytes 0 to 255");
            }

            return (byte)value;
        }

        private bool TryParseNumber(string text, int maxHexDigits, int maxDecimalDigits, out uint value)
        {
            value = 0;
            int maxDigits = owner.NumberBase == AscNumberBase.Hex ? maxHexDigits : maxDecimalDigits;
            if (text.Length == 0 || text.Length > maxDigits)
            {
                return false;
            }

            if (owner.NumberBase == AscNumberBase.Hex)
            {
                return CandumpLog.IsHexDigits(text) && uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
            }

            return CandumpLog.IsDecimalDigits(text) && uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }

        private static bool IsDirection(string text)
        {
            return text.Equals("Rx", StringComparison.OrdinalIgnoreCase) || text.Equals("Tx", StringComparison.OrdinalIgnoreCase);
        }

        private CanLogFormatException Error(string expected)
        {
            return new CanLogFormatException(owner.sourceName, lineNumber, expected, line);
        }
    }
}

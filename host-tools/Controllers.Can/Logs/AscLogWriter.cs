using System;
using System.Globalization;
using System.IO;
using System.Text;
using Controllers.Firmware.Common.Can;

namespace Controllers.Can.Logs;

/// <summary>Settings for <see cref="AscLogWriter"/>.</summary>
public sealed class AscWriteOptions
{
    /// <summary>Base of identifiers and data bytes, hexadecimal by default.</summary>
    public AscNumberBase NumberBase { get; init; } = AscNumberBase.Hex;

    /// <summary>Whether event timestamps count from the measurement start (default) or from the previous event.</summary>
    public AscTimestampMode TimestampMode { get; init; } = AscTimestampMode.Absolute;

    /// <summary>Writes <c>internal events logged</c> when true, <c>no internal events logged</c> (as log2asc does) when false.</summary>
    public bool InternalEventsLogged { get; init; }

    /// <summary>Wraps the events in <c>Begin Triggerblock</c> and <c>End TriggerBlock</c> lines, as CANalyzer does. True by default.</summary>
    public bool WriteTriggerBlock { get; init; } = true;

    /// <summary>
    /// Writes a remote frame's length after <c>r</c> (default, CANalyzer 8.5 and later). When false, writes
    /// <c>r</c> alone as older tools and can-utils <c>log2asc -r</c> do, so readers see length 0.
    /// </summary>
    public bool WriteRemoteFrameLength { get; init; } = true;

    /// <summary>Line end, <c>\n</c> by default. CANalyzer on Windows writes <c>\r\n</c>.</summary>
    public string NewLine { get; init; } = "\n";
}

/// <summary>
/// Writes classic CAN frames as a Vector ASC log in the layout of CANalyzer and can-utils <c>log2asc</c>.
/// The header is written by the constructor. Disposing writes <c>End TriggerBlock</c> when a trigger block was begun.
/// </summary>
/// <remarks>
/// Each record's timestamp must be seconds since <c>startTime</c>. In relative mode it must also not decrease from one frame to the next.
/// Its channel must be an ASC channel number from 1 upward. <see cref="CanLogConversion"/> maps interface names to numbers.
/// A record without a direction is written as <c>Rx</c>.
/// </remarks>
public sealed class AscLogWriter : IDisposable
{
    private readonly TextWriter writer;
    private readonly AscWriteOptions options;
    private readonly bool ownsWriter;
    private decimal previousTimestamp;
    private bool disposed;

    /// <summary>Writes the header to <paramref name="writer"/>, with <paramref name="startTime"/> as the measurement start.</summary>
    public AscLogWriter(TextWriter writer, DateTime startTime, AscWriteOptions? options = null, bool ownsWriter = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        this.writer = writer;
        this.options = options ?? new AscWriteOptions();
        this.ownsWriter = ownsWriter;
        WriteHeader(startTime);
    }

    /// <summary>Writes one event line.</summary>
    /// <exception cref="ArgumentException">
    /// The channel is not a number from 1 upward, or the timestamp is negative or earlier than the previous frame's.
    /// </exception>
    public void Write(LoggedFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ObjectDisposedException.ThrowIf(disposed, this);
        if (!int.TryParse(frame.Channel, NumberStyles.None, CultureInfo.InvariantCulture, out int channel) || channel < 1)
        {
            throw new ArgumentException($"An ASC channel is a number from 1 upward, but the frame's channel is '{frame.Channel}'.", nameof(frame));
        }

        if (frame.Timestamp < 0)
        {
            throw new ArgumentException($"An ASC timestamp cannot be negative, but it is {frame.Timestamp}.", nameof(frame));
        }

        if (options.TimestampMode == AscTimestampMode.Relative && frame.Timestamp < previousTimestamp)
        {
            throw new ArgumentException(
                $"Relative ASC timestamps must not decrease, but {frame.Timestamp} follows {previousTimestamp}.", nameof(frame));
        }

        decimal written = options.TimestampMode == AscTimestampMode.Relative ? frame.Timestamp - previousTimestamp : frame.Timestamp;
        previousTimestamp = frame.Timestamp;

        var line = new StringBuilder(80);
        line.Append(decimal.Round(written, 6, MidpointRounding.AwayFromZero).ToString("0.000000", CultureInfo.InvariantCulture).PadLeft(11));
        line.Append(' ').Append(channel.ToString(CultureInfo.InvariantCulture)).Append("  ");
        if (frame.IsErrorFrame)
        {
            line.Append("ErrorFrame");
        }
        else
        {
            AppendFrame(line, frame);
        }

        writer.Write(line.ToString());
        writer.Write(options.NewLine);
    }

    /// <summary>Flushes the underlying writer.</summary>
    public void Flush()
    {
        writer.Flush();
    }

    /// <summary>Writes <c>End TriggerBlock</c> if a trigger block was begun, then flushes.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (options.WriteTriggerBlock)
        {
            writer.Write("End TriggerBlock");
            writer.Write(options.NewLine);
        }

        writer.Flush();
        if (ownsWriter)
        {
            writer.Dispose();
        }
    }

    private void WriteHeader(DateTime startTime)
    {
        string date = AscDate.Format(startTime);
        string numberBase = options.NumberBase == AscNumberBase.Hex ? "hex" : "dec";
        string mode = options.TimestampMode == AscTimestampMode.Absolute ? "absolute" : "relative";
        WriteLine("date " + date);
        WriteLine($"base {numberBase}  timestamps {mode}");
        WriteLine(options.InternalEventsLogged ? "internal events logged" : "no internal events logged");
        if (options.WriteTriggerBlock)
        {
            WriteLine("Begin Triggerblock " + date);
        }
    }

    private void WriteLine(string text)
    {
        writer.Write(text);
        writer.Write(options.NewLine);
    }

    private void AppendFrame(StringBuilder line, LoggedFrame logged)
    {
        CanFrame frame = logged.Frame;
        string id = FormatNumber(frame.Id) + (frame.IsExtended ? "x" : string.Empty);
        string direction = logged.Direction == CanDirection.Tx ? "Tx" : "Rx";
        line.Append(id.PadRight(15)).Append(' ').Append(direction.PadRight(4)).Append(' ');
        if (frame.IsRemote)
        {
            line.Append('r');
            if (options.WriteRemoteFrameLength)
            {
                line.Append(' ').Append(frame.Length.ToString(CultureInfo.InvariantCulture));
            }

            return;
        }

        line.Append("d ").Append(frame.Length.ToString(CultureInfo.InvariantCulture));
        for (int i = 0; i < frame.Length; i++)
        {
            line.Append(' ');
            line.Append(options.NumberBase == AscNumberBase.Hex
                ? frame.Data[i].ToString("X2", CultureInfo.InvariantCulture)
                : frame.Data[i].ToString(CultureInfo.InvariantCulture));
        }
    }

    private string FormatNumber(uint value)
    {
        return options.NumberBase == AscNumberBase.Hex
            ? value.ToString("X", CultureInfo.InvariantCulture)
            : value.ToString(CultureInfo.InvariantCulture);
    }
}

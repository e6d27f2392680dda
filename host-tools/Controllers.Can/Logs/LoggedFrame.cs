using System;
using Controllers.Firmware.Common.Can;

namespace Controllers.Can.Logs;

/// <summary>Direction of a logged frame as seen by the logging node.</summary>
public enum CanDirection
{
    /// <summary>Received from the bus.</summary>
    Rx,

    /// <summary>Sent by the logging node.</summary>
    Tx,
}

/// <summary>
/// One frame from a CAN log: timestamp, channel, a private copy of the frame, direction and error flag.
/// </summary>
/// <remarks>
/// For an error frame, <see cref="Frame"/> is an extended frame whose identifier is the SocketCAN error
/// class (the CAN_ERR_* bits without CAN_ERR_FLAG) and whose data bytes are the error details.
/// Equality compares the frame contents, so two records read from different files can be compared.
/// </remarks>
public sealed record LoggedFrame
{
    /// <summary>SocketCAN CAN_ERR_FLAG: bit 29 of a candump identifier marks an error frame.</summary>
    public const uint ErrorFlag = 0x20000000;

    /// <summary>SocketCAN CAN_ERR_BUSERROR, the error class used when a format gives no details.</summary>
    public const uint BusErrorClass = 0x00000080;

    private readonly CanFrame frame;

    /// <summary>Copies <paramref name="frame"/> so later changes to the caller's buffer do not alter the record.</summary>
    public LoggedFrame(decimal timestamp, string channel, CanFrame frame, CanDirection? direction = null, bool isErrorFrame = false)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(frame);
        Timestamp = timestamp;
        Channel = channel;
        this.frame = new CanFrame();
        this.frame.CopyFrom(frame);
        Direction = direction;
        IsErrorFrame = isErrorFrame;
    }

    /// <summary>Copies <paramref name="original"/> for a <c>with</c> expression, giving the new record its own frame.</summary>
    private LoggedFrame(LoggedFrame original)
    {
        Timestamp = original.Timestamp;
        Channel = original.Channel;
        frame = new CanFrame();
        frame.CopyFrom(original.frame);
        Direction = original.Direction;
        IsErrorFrame = original.IsErrorFrame;
    }

    /// <summary>
    /// Timestamp in seconds. Candump logs give seconds since the Unix epoch.
    /// ASC logs give seconds since the start of the measurement.
    /// </summary>
    public decimal Timestamp { get; init; }

    /// <summary>Interface name such as <c>can0</c> (candump) or the channel number such as <c>1</c> (ASC).</summary>
    public string Channel { get; init; }

    /// <summary>The record's own copy of the frame. Change it only if no other code reads the record.</summary>
    public CanFrame Frame => frame;

    /// <summary>Direction, or null when the log line does not carry one.</summary>
    public CanDirection? Direction { get; init; }

    /// <summary>True for a bus error event rather than a data or remote frame.</summary>
    public bool IsErrorFrame { get; init; }

    /// <summary>Creates an error frame with the bus error class and eight zero data bytes, as can-utils writes one without details.</summary>
    public static LoggedFrame CreateBusError(decimal timestamp, string channel, CanDirection? direction = null)
    {
        var frame = new CanFrame();
        frame.SetId(BusErrorClass, extended: true);
        frame.Length = 8;
        return new LoggedFrame(timestamp, channel, frame, direction, isErrorFrame: true);
    }

    /// <summary>Compares timestamps, channels, directions, error flags and frame contents up to the frame length.</summary>
    public bool Equals(LoggedFrame? other)
    {
        if (other is null)
        {
            return false;
        }

        return Timestamp == other.Timestamp
            && Channel == other.Channel
            && Direction == other.Direction
            && IsErrorFrame == other.IsErrorFrame
            && HasSameContent(frame, other.frame);
    }

    /// <inheritdoc />
    public override int GetHashCode()
    {
        return HashCode.Combine(Timestamp, Channel, Direction, IsErrorFrame, frame.Id, frame.IsExtended, frame.IsRemote, frame.Length);
    }

    /// <summary>Compares identifier, identifier width, remote flag, length and the data bytes inside the length.</summary>
    public static bool HasSameContent(CanFrame left, CanFrame right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (left.Id != right.Id || left.IsExtended != right.IsExtended || left.IsRemote != right.IsRemote || left.Length != right.Length)
        {
            return false;
        }

        if (left.IsRemote)
        {
            return true;
        }

        return left.Data.AsSpan(0, left.Length).SequenceEqual(right.Data.AsSpan(0, right.Length));
    }

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Timestamp = ").Append(Timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.Append(", Channel = ").Append(Channel);
        builder.Append(", Id = 0x").Append(frame.Id.ToString("X", System.Globalization.CultureInfo.InvariantCulture));
        builder.Append(frame.IsExtended ? " (extended)" : string.Empty);
        builder.Append(frame.IsRemote ? ", Remote, Length = " : ", Data = [");
        if (frame.IsRemote)
        {
            builder.Append(frame.Length);
        }
        else
        {
            builder.Append(Convert.ToHexString(frame.Data, 0, frame.Length)).Append(']');
        }

        builder.Append(", Direction = ").Append(Direction?.ToString() ?? "none");
        builder.Append(", IsErrorFrame = ").Append(IsErrorFrame);
        return true;
    }
}

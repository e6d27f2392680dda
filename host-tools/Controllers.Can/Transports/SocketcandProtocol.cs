using System;
using System.Globalization;
using System.Text;
using Controllers.Firmware.Common.Can;

namespace Controllers.Can.Transports;

/// <summary>
/// Formats and parses socketcand messages. Every message is ASCII between <c>&lt;</c> and <c>&gt;</c> with
/// fields separated by spaces. Identifiers are hex, and an identifier written with 8 hex digits is extended.
/// Received frames use the daemon's raw-mode output: <c>&lt; frame 123 23.424242 11223344 &gt;</c>, data as
/// contiguous hex byte pairs. The protocol description (socketcand doc/protocol.md) writes them space
/// separated, so the parser takes both.
/// </summary>
public static class SocketcandProtocol
{
    /// <summary>Longest message accepted; the longest valid classic-CAN message is far shorter.</summary>
    public const int MaxMessageLength = 256;

    /// <summary>Formats a raw-mode reception message, <c>&lt; frame id sec.usec data &gt;</c> or <c>&lt; rtr id sec.usec dlc &gt;</c>.</summary>
    public static string FormatReceived(CanFrame frame, TimeSpan timestamp)
    {
        long microseconds = timestamp.Ticks / 10;
        string time = string.Create(CultureInfo.InvariantCulture, $"{microseconds / 1_000_000}.{microseconds % 1_000_000:D6}");
        if (frame.IsRemote)
        {
            return $"< rtr {FormatId(frame)} {time} {frame.Length} >";
        }

        var builder = new StringBuilder();
        builder.Append("< frame ").Append(FormatId(frame)).Append(' ').Append(time).Append(' ');
        for (int i = 0; i < frame.Length; i++)
        {
            builder.Append(frame.Data[i].ToString("X2", CultureInfo.InvariantCulture));
        }

        return builder.Append(" >").ToString();
    }

    /// <summary>Formats a transmit request, <c>&lt; send id dlc byte.. &gt;</c> or <c>&lt; sendrtr id dlc &gt;</c>.</summary>
    public static string FormatSend(CanFrame frame)
    {
        if (frame.IsRemote)
        {
            return $"< sendrtr {FormatId(frame)} {frame.Length} >";
        }

        var builder = new StringBuilder();
        builder.Append("< send ").Append(FormatId(frame)).Append(' ').Append(frame.Length.ToString(CultureInfo.InvariantCulture));
        for (int i = 0; i < frame.Length; i++)
        {
            builder.Append(' ').Append(frame.Data[i].ToString("X2", CultureInfo.InvariantCulture));
        }

        return builder.Append(" >").ToString();
    }

    /// <summary>Splits a message such as <c>&lt; send 123 0 &gt;</c> into its fields, without the angle brackets.</summary>
    public static string[] SplitFields(string message)
    {
        string trimmed = message.Trim();
        if (trimmed.Length < 2 || trimmed[0] != '<' || trimmed[^1] != '>')
        {
            throw new FormatException($"Invalid socketcand message '{message}': expected '< ... >'.");
        }

        return trimmed[1..^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Parses the fields of a <c>send</c> or <c>sendrtr</c> request into <paramref name="frame"/>.</summary>
    public static void ParseSend(string[] fields, CanFrame frame)
    {
        bool remote = fields.Length > 0 && fields[0] == "sendrtr";
        if (fields.Length < 3 || (fields[0] != "send" && !remote))
        {
            throw new FormatException($"Invalid send request '{string.Join(' ', fields)}': expected 'send id dlc data..' or 'sendrtr id dlc'.");
        }

        SetId(frame, fields[1]);
        int length = ParseLength(fields[2]);
        frame.IsRemote = remote;
        frame.Length = length;
        int dataFields = fields.Length - 3;
        if (remote ? dataFields != 0 : dataFields != length)
        {
            throw new FormatException($"Invalid send request '{string.Join(' ', fields)}': DLC {length} but {dataFields} data bytes.");
        }

        for (int i = 0; i < dataFields; i++)
        {
            frame.Data[i] = ParseByte(fields[3 + i]);
        }
    }

    /// <summary>Parses the fields of a <c>frame</c> or <c>rtr</c> message into <paramref name="frame"/> and returns its time stamp.</summary>
    public static TimeSpan ParseReceived(string[] fields, CanFrame frame)
    {
        bool remote = fields.Length > 0 && fields[0] == "rtr";
        if (fields.Length < 3 || (fields[0] != "frame" && !remote))
        {
            throw new FormatException($"Invalid reception message '{string.Join(' ', fields)}': expected 'frame id time data' or 'rtr id time dlc'.");
        }

        SetId(frame, fields[1]);
        if (!decimal.TryParse(fields[2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal seconds))
        {
            throw new FormatException($"Invalid time stamp '{fields[2]}': expected seconds.microseconds.");
        }

        frame.IsRemote = remote;
        if (remote)
        {
            frame.Length = fields.Length > 3 ? ParseLength(fields[3]) : 0;
        }
        else
        {
            string hex = string.Concat(fields[3..]);
            if (hex.Length % 2 != 0 || hex.Length > 16)
            {
                throw new FormatException($"Invalid frame data '{hex}': expected 0 to 8 bytes as hex pairs.");
            }

            frame.Length = hex.Length / 2;
            for (int i = 0; i < frame.Length; i++)
            {
                frame.Data[i] = ParseByte(hex.Substring(2 * i, 2));
            }
        }

        return TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
    }

    private static string FormatId(CanFrame frame)
    {
        return frame.IsExtended
            ? frame.Id.ToString("X8", CultureInfo.InvariantCulture)
            : frame.Id.ToString("X3", CultureInfo.InvariantCulture);
    }

    private static void SetId(CanFrame frame, string text)
    {
        if (text.Length > 8 || !uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint id))
        {
            throw new FormatException($"Invalid CAN identifier '{text}': expected up to 8 hex digits.");
        }

        // As in the daemon, exactly 8 digits mark an extended identifier.
        frame.SetId(id, text.Length == 8);
    }

    private static int ParseLength(string text)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int length) || length > 8)
        {
            throw new FormatException($"Invalid DLC '{text}': expected 0 to 8.");
        }

        return length;
    }

    private static byte ParseByte(string text)
    {
        if (text.Length is < 1 or > 2 || !byte.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte value))
        {
            throw new FormatException($"Invalid data byte '{text}': expected 1 or 2 hex digits.");
        }

        return value;
    }
}

/// <summary>Cuts a socketcand byte stream into <c>&lt; ... &gt;</c> messages; bytes outside brackets are skipped.</summary>
public sealed class SocketcandMessageReader
{
    private readonly StringBuilder current = new StringBuilder();
    private bool inMessage;

    /// <summary>
    /// Feeds received bytes and calls <paramref name="onMessage"/> for each complete message. A message longer
    /// than <see cref="SocketcandProtocol.MaxMessageLength"/> is discarded and reported to <paramref name="onOverlong"/>.
    /// </summary>
    public void Feed(ReadOnlySpan<byte> bytes, Action<string> onMessage, Action<string> onOverlong)
    {
        foreach (byte b in bytes)
        {
            char c = (char)b;
            if (!inMessage)
            {
                if (c == '<')
                {
                    inMessage = true;
                    current.Clear().Append(c);
                }

                continue;
            }

            current.Append(c);
            if (c == '>')
            {
                inMessage = false;
                onMessage(current.ToString());
            }
            else if (current.Length > SocketcandProtocol.MaxMessageLength)
            {
                inMessage = false;
                onOverlong(current.ToString());
            }
        }
    }
}

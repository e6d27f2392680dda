using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Controllers.Firmware.Common.Can;

namespace Controllers.Can.Transports;

/// <summary>
/// Lawicel slcan ASCII commands. Frames are <c>tiiiL</c> + data (standard), <c>TiiiiiiiiL</c> + data (extended),
/// <c>riiiL</c> and <c>RiiiiiiiiL</c> (remote), with identifiers and data in hex and L the data length 0 to 8.
/// A received frame may end with 4 hex digits of adapter time in milliseconds, which wraps at 60000.
/// </summary>
public static class SlcanProtocol
{
    /// <summary>Bitrates of the <c>S0</c> to <c>S8</c> commands, in bit/s, indexed by the command digit.</summary>
    public static readonly IReadOnlyList<int> StandardBitrates = new[] { 10_000, 20_000, 50_000, 100_000, 125_000, 250_000, 500_000, 800_000, 1_000_000 };

    /// <summary>Returns the <c>Sn</c> command for <paramref name="bitrate"/> bit/s.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The bitrate has no <c>Sn</c> code.</exception>
    public static string FormatBitrateCommand(int bitrate)
    {
        for (int code = 0; code < StandardBitrates.Count; code++)
        {
            if (StandardBitrates[code] == bitrate)
            {
                return "S" + code.ToString(CultureInfo.InvariantCulture);
            }
        }

        throw new ArgumentOutOfRangeException(nameof(bitrate), bitrate,
            $"slcan has no bitrate code for {bitrate} bit/s. Use one of {string.Join(", ", StandardBitrates)}.");
    }

    /// <summary>Formats the transmit command for <paramref name="frame"/>, without the closing carriage return.</summary>
    public static string FormatFrame(CanFrame frame)
    {
        var builder = new StringBuilder(1 + 8 + 1 + 16);
        char command = frame.IsRemote ? 'r' : 't';
        builder.Append(frame.IsExtended ? char.ToUpperInvariant(command) : command);
        builder.Append(frame.Id.ToString(frame.IsExtended ? "X8" : "X3", CultureInfo.InvariantCulture));
        builder.Append((char)('0' + frame.Length));
        if (!frame.IsRemote)
        {
            for (int i = 0; i < frame.Length; i++)
            {
                builder.Append(frame.Data[i].ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Parses a received frame line (without its carriage return) into <paramref name="frame"/>. Returns the
    /// adapter time stamp in milliseconds, or null when the line has none.
    /// </summary>
    /// <exception cref="FormatException">The line is not a valid slcan frame.</exception>
    public static int? ParseFrame(string line, CanFrame frame)
    {
        if (line.Length == 0 || "tTrR".IndexOf(line[0]) < 0)
        {
            throw new FormatException($"Invalid slcan frame '{line}': expected it to start with t, T, r or R.");
        }

        bool extended = char.IsUpper(line[0]);
        bool remote = line[0] is 'r' or 'R';
        int idDigits = extended ? 8 : 3;
        if (line.Length < 1 + idDigits + 1)
        {
            throw new FormatException($"Invalid slcan frame '{line}': too short for the identifier and length.");
        }

        uint id = uint.Parse(Hex(line, 1, idDigits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        int length = line[1 + idDigits] - '0';
        if (length is < 0 or > 8)
        {
            throw new FormatException($"Invalid slcan frame '{line}': length digit must be 0 to 8.");
        }

        int dataStart = 2 + idDigits;
        int end = dataStart + (remote ? 0 : 2 * length);
        if (line.Length != end && line.Length != end + 4)
        {
            throw new FormatException($"Invalid slcan frame '{line}': expected {end} characters, or {end + 4} with a time stamp.");
        }

        try
        {
            frame.SetId(id, extended);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new FormatException($"Invalid slcan frame '{line}': {e.Message}", e);
        }

        frame.IsRemote = remote;
        frame.Length = length;
        if (!remote)
        {
            for (int i = 0; i < length; i++)
            {
                frame.Data[i] = byte.Parse(Hex(line, dataStart + 2 * i, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            }
        }

        return line.Length == end ? null : int.Parse(Hex(line, end, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    private static string Hex(string line, int start, int count)
    {
        string digits = line.Substring(start, count);
        foreach (char c in digits)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                throw new FormatException($"Invalid slcan frame '{line}': '{digits}' is not hex.");
            }
        }

        return digits;
    }
}

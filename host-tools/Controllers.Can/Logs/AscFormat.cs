using System;
using System.Globalization;

namespace Controllers.Can.Logs;

/// <summary>Number base of identifiers and data bytes in an ASC log, set by its <c>base hex</c> or <c>base dec</c> line.</summary>
public enum AscNumberBase
{
    /// <summary>Hexadecimal, the default.</summary>
    Hex,

    /// <summary>Decimal.</summary>
    Decimal,
}

/// <summary>Meaning of event timestamps in an ASC log, set by the <c>timestamps</c> word of its <c>base</c> line.</summary>
public enum AscTimestampMode
{
    /// <summary>Seconds since the start of the measurement, the default.</summary>
    Absolute,

    /// <summary>Seconds since the previous event line.</summary>
    Relative,
}

/// <summary>Parses and formats the dates of ASC <c>date</c> and <c>Begin Triggerblock</c> lines.</summary>
public static class AscDate
{
    private static readonly string[] EnglishMonths =
    {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    };

    /// <summary>
    /// Parses <c>WEEKDAY MONTH DAY HH:MM:SS[.FRACTION] [am|pm] YEAR</c>, for example
    /// <c>Fri Jul 10 06:17:32 2015</c> (can-utils log2asc) or <c>Fri Jul 10 06:17:32.249 pm 2015</c> (CANalyzer, python-can).
    /// The weekday is not checked. Months are English abbreviations or the German ones that differ (Mär, Mrz, Mai, Okt, Dez).
    /// </summary>
    /// <returns>The date with <see cref="DateTimeKind.Unspecified"/>, because ASC dates carry no time zone, or null if the text does not match.</returns>
    public static DateTime? TryParse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5 && fields.Length != 6)
        {
            return null;
        }

        int month = ParseMonth(fields[1]);
        if (month == 0 || !int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out int day))
        {
            return null;
        }

        if (!TryParseTime(fields[3], out int hour, out int minute, out int second, out long fractionTicks))
        {
            return null;
        }

        if (fields.Length == 6 && !TryApplyMeridiem(fields[4], ref hour))
        {
            return null;
        }

        if (!int.TryParse(fields[^1], NumberStyles.None, CultureInfo.InvariantCulture, out int year))
        {
            return null;
        }

        if (year < 1 || year > 9999 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        return new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fractionTicks);
    }

    /// <summary>Formats <paramref name="date"/> as CANalyzer does, for example <c>Fri Jul 10 06:17:32.249 pm 2015</c>.</summary>
    public static string Format(DateTime date)
    {
        CultureInfo invariant = CultureInfo.InvariantCulture;
        string meridiem = date.Hour < 12 ? "am" : "pm";
        return date.ToString("ddd MMM dd hh:mm:ss.fff", invariant) + " " + meridiem + " " + date.ToString("yyyy", invariant);
    }

    /// <summary>Converts a time-zone-less ASC date to Unix seconds, reading it as local time in <paramref name="zone"/>.</summary>
    public static decimal ToUnixSeconds(DateTime date, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var unspecified = DateTime.SpecifyKind(date, DateTimeKind.Unspecified);
        var offsetDate = new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
        return (offsetDate.UtcTicks - DateTime.UnixEpoch.Ticks) / (decimal)TimeSpan.TicksPerSecond;
    }

    /// <summary>Converts Unix seconds to the local time of <paramref name="zone"/>, as an ASC date without a time zone.</summary>
    public static DateTime FromUnixSeconds(decimal seconds, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        long ticks = (long)decimal.Round(seconds * TimeSpan.TicksPerSecond, 0, MidpointRounding.AwayFromZero);
        var utc = new DateTime(DateTime.UnixEpoch.Ticks + ticks, DateTimeKind.Utc);
        return DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(utc, zone), DateTimeKind.Unspecified);
    }

    private static int ParseMonth(string name)
    {
        if (name.Length < 3)
        {
            return 0;
        }

        string prefix = name.Substring(0, 3).ToLowerInvariant();
        int index = Array.IndexOf(EnglishMonths, prefix);
        if (index >= 0)
        {
            return index + 1;
        }

        return prefix switch
        {
            "mär" or "mrz" => 3,
            "mai" => 5,
            "okt" => 10,
            "dez" => 12,
            _ => 0,
        };
    }

    private static bool TryParseTime(string text, out int hour, out int minute, out int second, out long fractionTicks)
    {
        hour = minute = second = 0;
        fractionTicks = 0;
        string[] parts = text.Split(':');
        if (parts.Length != 3)
        {
            return false;
        }

        string secondText = parts[2];
        int point = secondText.IndexOf('.');
        if (point >= 0)
        {
            string fraction = secondText.Substring(point + 1);
            secondText = secondText.Substring(0, point);
            if (fraction.Length == 0 || fraction.Length > 7 || !CandumpLog.IsDecimalDigits(fraction))
            {
                return false;
            }

            fractionTicks = long.Parse(fraction.PadRight(7, '0'), CultureInfo.InvariantCulture);
        }

        return TryParseTwoDigits(parts[0], out hour) && TryParseTwoDigits(parts[1], out minute) && TryParseTwoDigits(secondText, out second);
    }

    private static bool TryParseTwoDigits(string text, out int value)
    {
        value = 0;
        return text.Length is 1 or 2 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryApplyMeridiem(string text, ref int hour)
    {
        if (hour < 1 || hour > 12)
        {
            return false;
        }

        if (text.Equals("am", StringComparison.OrdinalIgnoreCase))
        {
            hour %= 12;
            return true;
        }

        if (text.Equals("pm", StringComparison.OrdinalIgnoreCase))
        {
            hour = hour % 12 + 12;
            return true;
        }

        return false;
    }
}

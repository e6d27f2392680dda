using System;

namespace Controllers.Can.Logs;

/// <summary>
/// Raised when a CAN log line does not match its format.
/// The message has the form <c>FILE:LINE: expected WHAT, found 'TEXT'</c>.
/// </summary>
public sealed class CanLogFormatException : FormatException
{
    /// <summary>Creates the exception for line <paramref name="lineNumber"/> (1-based) of <paramref name="sourceName"/>.</summary>
    public CanLogFormatException(string sourceName, int lineNumber, string expected, string lineText)
        : base(FormatMessage(sourceName, lineNumber, expected, lineText))
    {
        SourceName = sourceName;
        LineNumber = lineNumber;
        Expected = expected;
        LineText = lineText;
    }

    /// <summary>File path, or the name the caller gave for a stream such as <c>&lt;stdin&gt;</c>.</summary>
    public string SourceName { get; }

    /// <summary>1-based line number.</summary>
    public int LineNumber { get; }

    /// <summary>Description of what the reader expected at that point of the line.</summary>
    public string Expected { get; }

    /// <summary>The invalid line as read. The message shows at most its first 117 characters.</summary>
    public string LineText { get; }

    private static string FormatMessage(string sourceName, int lineNumber, string expected, string lineText)
    {
        string excerpt = lineText.Length > 120 ? lineText.Substring(0, 117) + "..." : lineText;
        return $"{sourceName}:{lineNumber}: expected {expected}, found '{excerpt}'";
    }
}

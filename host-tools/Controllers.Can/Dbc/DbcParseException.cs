using System;

namespace Controllers.Can.Dbc;

/// <summary>
/// Error in a DBC file, raised with the file name, the 1-based line and column, the token that was
/// expected and the text that was found there.
/// </summary>
public sealed class DbcParseException : Exception
{
    public DbcParseException(string fileName, int line, int column, string expected, string found)
        : base($"{fileName}:{line}:{column}: expected {expected}, found {found}")
    {
        FileName = fileName;
        Line = line;
        Column = column;
        Expected = expected;
        Found = found;
    }

    public string FileName { get; }

    /// <summary>1-based line of the offending token.</summary>
    public int Line { get; }

    /// <summary>1-based column of the offending token, counting a tab as one column.</summary>
    public int Column { get; }

    /// <summary>Description of the token the parser expected, such as <c>':'</c> or <c>an integer</c>.</summary>
    public string Expected { get; }

    /// <summary>Description of what the file contains at that position, such as <c>'BO_'</c> or <c>end of file</c>.</summary>
    public string Found { get; }
}

using System;

namespace Controllers.Simulation.Data;

/// <summary>
/// Invalid content in an input file (recording, cell or board definition). The message names the file,
/// the 1-based line and the field, in the current UI culture.
/// </summary>
public sealed class DataFileException : Exception
{
    public DataFileException(string filePath, int lineNumber, string field, string problem, Exception? inner = null)
        : base(FormatMessage(filePath, lineNumber, field, problem), inner)
    {
        FilePath = filePath;
        LineNumber = lineNumber;
        Field = field;
        Problem = problem;
    }

    public string FilePath { get; }

    /// <summary>1-based line number, or 0 when the problem concerns the whole file.</summary>
    public int LineNumber { get; }

    public string Field { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    // A problem with the whole file (missing, unreadable) has no line or field to name.
    private static string FormatMessage(string filePath, int lineNumber, string field, string problem) =>
        lineNumber > 0
            ? Messages.Format("DataFileError", filePath, lineNumber, field, problem)
            : Messages.Format("WholeFileError", filePath, problem);
}

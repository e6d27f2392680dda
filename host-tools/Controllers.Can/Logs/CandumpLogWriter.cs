using System;
using System.IO;

namespace Controllers.Can.Logs;

/// <summary>Writes frames in the <c>candump -l</c> format, one line each, with <c>\n</c> line ends as candump does.</summary>
public sealed class CandumpLogWriter : IDisposable
{
    private readonly TextWriter writer;
    private readonly bool ownsWriter;

    /// <summary>Writes to <paramref name="writer"/>. Disposing this writer disposes it only when <paramref name="ownsWriter"/> is true.</summary>
    public CandumpLogWriter(TextWriter writer, bool ownsWriter = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        this.writer = writer;
        this.ownsWriter = ownsWriter;
    }

    /// <summary>Writes one line. See <see cref="CandumpLog.FormatLine"/> for the format and the exceptions.</summary>
    public void Write(LoggedFrame frame)
    {
        writer.Write(CandumpLog.FormatLine(frame));
        writer.Write('\n');
    }

    /// <summary>Flushes the underlying writer.</summary>
    public void Flush()
    {
        writer.Flush();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        writer.Flush();
        if (ownsWriter)
        {
            writer.Dispose();
        }
    }
}

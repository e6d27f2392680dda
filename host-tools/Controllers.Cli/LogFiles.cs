using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Controllers.Can.Logs;

namespace Controllers.Cli;

/// <summary>CAN log file formats that the <c>log</c> commands read and write.</summary>
internal enum LogFormat
{
    /// <summary>can-utils candump log (<c>.log</c>).</summary>
    Candump,

    /// <summary>Vector ASC log (<c>.asc</c>).</summary>
    Asc,
}

/// <summary>Format selection, reading and atomic writing of CAN log files for the <c>log</c> commands.</summary>
internal static class LogFiles
{
    /// <summary>
    /// Returns the format named by <paramref name="formatName"/> (candump or asc), else the one that the
    /// extension of <paramref name="path"/> implies. On failure returns null and sets <paramref name="error"/>.
    /// </summary>
    public static LogFormat? SelectFormat(string option, string? formatName, string path, out string? error)
    {
        error = null;
        if (formatName != null)
        {
            switch (formatName.ToLowerInvariant())
            {
                case "candump":
                    return LogFormat.Candump;
                case "asc":
                    return LogFormat.Asc;
                default:
                    error = Messages.Format("LogFormatInvalid", option, formatName);
                    return null;
            }
        }

        string extension = Path.GetExtension(path).ToLowerInvariant();
        switch (extension)
        {
            case ".log":
                return LogFormat.Candump;
            case ".asc":
                return LogFormat.Asc;
            default:
                error = Messages.Format("LogFormatUnknownExtension", path, option);
                return null;
        }
    }

    /// <summary>
    /// Reads every frame of the log at <paramref name="path"/>. On failure returns null and sets
    /// <paramref name="error"/> to one line that names the file and, for a format error, the line.
    /// </summary>
    public static List<LoggedFrame>? TryRead(string path, LogFormat format, out string? error)
    {
        error = null;
        if (!File.Exists(path))
        {
            error = Messages.Format("LogFileNotFound", path);
            return null;
        }

        try
        {
            var frames = new List<LoggedFrame>();
            var reader = format == LogFormat.Asc ? AscLogReader.ReadFile(path) : CandumpLog.ReadFile(path);
            frames.AddRange(reader);
            return frames;
        }
        catch (CanLogFormatException formatError)
        {
            error = Messages.Format("LogFileInvalid", formatError.Message);
        }
        catch (Exception readError) when (readError is IOException or UnauthorizedAccessException)
        {
            error = Messages.Format("LogFileReadFailed", path, readError.Message);
        }

        return null;
    }

    /// <summary>
    /// Writes <paramref name="path"/> through a temporary file in the same folder and a rename, so a failed
    /// write leaves any previous file intact. Returns why the write failed, or null.
    /// </summary>
    /// <remarks><paramref name="write"/> may throw <see cref="CanLogFormatException"/>, which is passed on.</remarks>
    public static string? WriteAtomically(string option, string path, Action<TextWriter> write)
    {
        if (OutputPaths.CheckFile(option, path) is { } pathError)
        {
            return pathError;
        }

        string fullPath = Path.GetFullPath(path);
        string folder = OutputPaths.ParentFolder(path);
        if (OutputPaths.PrepareFolder(option, path, folder) is { } folderError)
        {
            return folderError;
        }

        string temporary = Path.Combine(folder, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                write(writer);
            }

            File.Move(temporary, fullPath, overwrite: true);
            return null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return Messages.Format("LogWriteFailed", path, error.Message.Replace(temporary, fullPath, StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Writes <paramref name="frames"/> in <paramref name="format"/>. An ASC log starts at the first frame's time.</summary>
    public static void WriteFrames(TextWriter output, IEnumerable<LoggedFrame> frames, LogFormat format)
    {
        if (format == LogFormat.Candump)
        {
            var candump = new CandumpLogWriter(output);
            foreach (var frame in frames)
            {
                candump.Write(frame);
            }

            candump.Flush();
            return;
        }

        // The conversion sets the ASC start date and the channel numbers the same way as `log convert`.
        using var text = new StringWriter();
        WriteFrames(text, frames, LogFormat.Candump);
        using var input = new StringReader(text.ToString());
        CanLogConversion.CandumpToAsc(input, output);
    }
}

using System;
using System.CommandLine;
using System.IO;
using Controllers.Can.Dbc;

namespace Controllers.Cli;

/// <summary><c>ctl dbc check|show|generate</c>: commands that work on DBC files (CAN matrices).</summary>
internal static class DbcCommand
{
    /// <summary>Builds the <c>dbc</c> command group. Each subcommand lives in its own Dbc*Command.cs file.</summary>
    public static Command Create()
    {
        return new Command("dbc", Messages.Get("DbcDescription"))
        {
            DbcCheckCommand.Create(),
            DbcShowCommand.Create(),
            DbcGenerateCommand.Create(),
        };
    }

    /// <summary>
    /// Parses <paramref name="path"/>. On failure returns null and sets <paramref name="error"/> to one
    /// line that names the file and, for a syntax error, the line and column.
    /// </summary>
    public static DbcFile? TryLoad(string path, out string? error)
    {
        error = null;
        if (!File.Exists(path))
        {
            error = Messages.Format("DbcFileNotFound", path);
            return null;
        }

        try
        {
            return DbcParser.ParseFile(path);
        }
        catch (DbcParseException parseError)
        {
            error = Messages.Format("DbcFileInvalid", parseError.Message);
        }
        catch (Exception readError) when (readError is IOException or UnauthorizedAccessException)
        {
            error = Messages.Format("DbcFileReadFailed", path, readError.Message);
        }

        return null;
    }

    /// <summary>Formats an identifier as hex: three digits for standard frames, eight with an 'x' suffix for extended ones.</summary>
    public static string FormatId(DbcMessage message)
    {
        return message.IsExtended ? $"0x{message.Id:X8}x" : $"0x{message.Id:X3}";
    }
}

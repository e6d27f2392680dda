using System;
using Controllers.Simulation.Data;
using Spectre.Console;

namespace Controllers.Cli;

/// <summary>Console output shared by the commands: one-line errors on standard error and plain-mode detection.</summary>
internal static class CliOutput
{
    private const int RedirectedWidth = 160;

    /// <summary>True when standard output is a terminal that can redraw a live progress display.</summary>
    public static bool IsInteractive =>
        !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>
    /// Widens tables when output goes to a file or a CI log: Spectre.Console assumes 80 columns there, which
    /// wraps scenario names.
    /// </summary>
    public static void ConfigureConsole()
    {
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = RedirectedWidth;
        }
    }

    /// <summary>Prints <paramref name="message"/> as one line on standard error and returns the invalid-input exit code.</summary>
    public static int InvalidInput(string message)
    {
        Console.Error.WriteLine(Messages.Format("ErrorLine", message));
        return ExitCodes.InvalidInput;
    }

    /// <summary>Prints <paramref name="message"/> as one error line and returns the failure exit code.</summary>
    public static int Failure(string message)
    {
        Console.Error.WriteLine(Messages.Format("ErrorLine", message));
        return ExitCodes.Failure;
    }

    /// <summary>Prints a file error, which already names the file, line and field.</summary>
    public static int InvalidInput(DataFileException error) => InvalidInput(error.Message);

    /// <summary>Returns an <see cref="ArgumentException"/> message without the appended parameter name.</summary>
    public static string MessageOf(ArgumentException error)
    {
        string message = error.Message;
        int suffix = error.ParamName == null ? -1 : message.LastIndexOf(" (Parameter '", StringComparison.Ordinal);
        return suffix > 0 ? message[..suffix] : message;
    }
}

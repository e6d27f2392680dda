using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace Controllers.Cli.Tests;

/// <summary>Output of one <c>ctl</c> run.</summary>
internal sealed record CtlRun(int ExitCode, string StandardOutput, string StandardError);

/// <summary>Runs the built <c>ctl.dll</c> in a child process with redirected output.</summary>
internal static class CtlProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Runs ctl with an English system UI language unless <paramref name="language"/> sets LANG, and with
    /// the extra <paramref name="environment"/> variables.
    /// </summary>
    public static CtlRun Run(string workingDirectory, IEnumerable<string> arguments, string language = "en_US.UTF-8", IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ctl.dll"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LANG"] = language;
        start.Environment.Remove("LC_ALL");
        start.Environment.Remove("LC_MESSAGES");
        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "0";
        foreach (KeyValuePair<string, string> variable in environment ?? new Dictionary<string, string>())
        {
            start.Environment[variable.Key] = variable.Value;
        }

        using var process = Process.Start(start)!;
        var standardError = process.StandardError.ReadToEndAsync();
        string standardOutput = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("ctl " + string.Join(" ", arguments) + " did not finish within " + Timeout + ".");
        }

        return new CtlRun(process.ExitCode, standardOutput, standardError.Result);
    }

    /// <summary>
    /// Runs ctl with standard input redirected. Each standard output line goes to <paramref name="onOutputLine"/>;
    /// a non-null return value is written to standard input as one line, the way an operator answers a prompt.
    /// Standard input closes when the process exits.
    /// </summary>
    public static CtlRun RunInteractive(string workingDirectory, IEnumerable<string> arguments, Func<string, string?> onOutputLine,
        IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ctl.dll"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LANG"] = "en_US.UTF-8";
        start.Environment.Remove("LC_ALL");
        start.Environment.Remove("LC_MESSAGES");
        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "0";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var standardError = process.StandardError.ReadToEndAsync();
        var output = new StringBuilder();
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            output.AppendLine(line);
            string? answer = onOutputLine(line);
            if (answer is not null)
            {
                process.StandardInput.WriteLine(answer);
                process.StandardInput.Flush();
            }
        }

        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("ctl " + string.Join(" ", arguments) + " did not finish within " + Timeout + ".");
        }

        return new CtlRun(process.ExitCode, output.ToString(), standardError.Result);
    }
}

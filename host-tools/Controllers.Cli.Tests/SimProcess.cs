using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace Controllers.Cli.Tests;

/// <summary>
/// A running <c>ctl sim vcu</c> process on a free loopback port with a given state folder. Its output lines are
/// collected as they come; <see cref="Dispose"/> stops it with SIGTERM and kills it when it does not exit.
/// </summary>
internal sealed partial class SimProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly Process process;
    private readonly BlockingCollection<string> lines = new();
    private readonly StringBuilder output = new();

    /// <summary>Starts the simulator and waits until its socketcand server listens.</summary>
    public SimProcess(string stateFolder)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ctl.dll"));
        foreach (string argument in new[] { "sim", "vcu", "--listen", "127.0.0.1:0", "--state-dir", stateFolder })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LANG"] = "en_US.UTF-8";
        start.Environment.Remove("LC_ALL");
        start.Environment.Remove("CTL_UDS_SECRET");
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lines.Add(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lines.Add(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        string listening = WaitForLine("socketcand server listening on", StartTimeout);
        Endpoint = ListenPattern().Match(listening).Groups[1].Value;
    }

    /// <summary>socketcand endpoint for <c>--socketcand</c>.</summary>
    public string Endpoint { get; }

    /// <summary>Everything the simulator printed so far.</summary>
    public string Output
    {
        get
        {
            while (lines.TryTake(out string? line))
            {
                output.AppendLine(line);
            }

            return output.ToString();
        }
    }

    /// <summary>
    /// Returns the next line that contains <paramref name="text"/> among the lines that no earlier wait has passed,
    /// waiting up to <paramref name="timeout"/>.
    /// </summary>
    public string WaitForLine(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (lines.TryTake(out string? line, TimeSpan.FromMilliseconds(200)))
            {
                output.AppendLine(line);
                if (line.Contains(text, StringComparison.Ordinal))
                {
                    return line;
                }
            }
            else if (process.HasExited)
            {
                break;
            }
        }

        throw new TimeoutException("ctl sim printed no line with '" + text + "' within " + timeout + ". Output:\n" + Output);
    }

    /// <summary>Writes one line to the simulator's standard input, for example "accelerator 1".</summary>
    public void WriteInput(string line)
    {
        process.StandardInput.WriteLine(line);
        process.StandardInput.Flush();
    }

    /// <summary>Stops the simulator as a service manager does (SIGTERM) and returns its exit code.</summary>
    public int Stop()
    {
        if (!process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                kill.WaitForExit();
            }

            if (!process.WaitForExit(StopTimeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }

        process.WaitForExit();
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
        lines.Dispose();
    }

    [GeneratedRegex(@"listening on (127\.0\.0\.1:\d+)")]
    private static partial Regex ListenPattern();
}

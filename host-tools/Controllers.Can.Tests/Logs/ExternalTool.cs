using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Controllers.Can.Tests.Logs;

/// <summary>Finds and runs the independent log tools installed on the test machine.</summary>
internal static class ExternalTool
{
    /// <summary>Debian's interpreter, which has the python3-can package. Another python3 on PATH may lack it.</summary>
    public const string SystemPython = "/usr/bin/python3";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly Lazy<string?> PythonCanProblem = new Lazy<string?>(FindPythonCanProblem);

    /// <summary>Output of a finished process.</summary>
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    /// <summary>Returns the full path of <paramref name="name"/> from PATH, or null when it is not installed.</summary>
    public static string? FindOnPath(string name)
    {
        string[] directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator);
        foreach (string directory in directories)
        {
            if (directory.Length == 0)
            {
                continue;
            }

            string candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Returns why python-can cannot be used, or null when <see cref="SystemPython"/> imports it.</summary>
    public static string? GetPythonCanProblem()
    {
        return PythonCanProblem.Value;
    }

    /// <summary>Runs <paramref name="fileName"/>, writes <paramref name="input"/> to its standard input and waits up to 60 s.</summary>
    public static Result Run(string fileName, string? input, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Failed to start {fileName}.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input ?? string.Empty);
        process.StandardInput.Close();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} timed out after {Timeout.TotalSeconds} s.");
        }

        return new Result(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Runs <paramref name="fileName"/> and fails the test with its error output when it exits with a non-zero code.</summary>
    public static string RunChecked(string fileName, string? input, params string[] arguments)
    {
        Result result = Run(fileName, input, arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} failed with exit code {result.ExitCode}: {result.StandardError}");
        }

        return result.StandardOutput;
    }

    private static string? FindPythonCanProblem()
    {
        if (!File.Exists(SystemPython))
        {
            return $"{SystemPython} not found (install the python3 and python3-can packages)";
        }

        Result result = Run(SystemPython, null, "-c", "import can");
        return result.ExitCode == 0 ? null : $"python-can not importable by {SystemPython}: {result.StandardError.Trim()}";
    }
}

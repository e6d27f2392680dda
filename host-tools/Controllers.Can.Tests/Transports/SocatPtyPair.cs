using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Threading;

namespace Controllers.Can.Tests.Transports;

/// <summary>
/// Two connected pseudo-terminals made by <c>socat -d -d pty,raw,echo=0 pty,raw,echo=0</c>, which prints
/// each path as "PTY is /dev/pts/N" on standard error. Dispose kills the socat process.
/// </summary>
internal sealed partial class SocatPtyPair : IDisposable
{
    public const string SocatPath = "/usr/bin/socat";

    private readonly Process process;

    private SocatPtyPair(Process process, string first, string second)
    {
        this.process = process;
        First = first;
        Second = second;
    }

    public string First { get; }

    public string Second { get; }

    /// <summary>Starts socat and waits up to 5 s for both terminal paths and its transfer loop.</summary>
    public static SocatPtyPair Start()
    {
        var startInfo = new ProcessStartInfo(SocatPath)
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "-d", "-d", "pty,raw,echo=0", "pty,raw,echo=0" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        Process process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Failed to start {SocatPath}.");
        var paths = new List<string>();
        var log = new List<string>();
        bool ready = false;
        var reader = new Thread(() =>
        {
            string? line;
            while ((line = process.StandardError.ReadLine()) is not null)
            {
                lock (log)
                {
                    log.Add(line);
                    Match match = PtyLine().Match(line);
                    if (match.Success)
                    {
                        paths.Add(match.Groups[1].Value);
                    }

                    ready |= line.Contains("starting data transfer loop", StringComparison.Ordinal);
                    Monitor.PulseAll(log);
                }
            }
        }) { IsBackground = true };
        reader.Start();

        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        lock (log)
        {
            while (!(ready && paths.Count == 2) && DateTime.UtcNow < deadline && !process.HasExited)
            {
                Monitor.Wait(log, TimeSpan.FromMilliseconds(100));
            }

            if (paths.Count != 2)
            {
                process.Kill();
                process.WaitForExit(2000);
                throw new InvalidOperationException($"socat did not report two pty paths within 5 s: {string.Join(" | ", log)}");
            }

            return new SocatPtyPair(process, paths[0], paths[1]);
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(2000);
        }

        process.Dispose();
    }

    [GeneratedRegex(@"PTY is (\S+)")]
    private static partial Regex PtyLine();
}

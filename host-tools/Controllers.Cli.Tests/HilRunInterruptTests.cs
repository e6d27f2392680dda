using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using Xunit;

namespace Controllers.Cli.Tests;

/// <summary><c>ctl hil run --report</c> interrupted by SIGINT, the signal that Ctrl+C sends, while it writes the report.</summary>
public sealed class HilRunInterruptTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "ctl-hil-interrupt-" + Guid.NewGuid().ToString("N"));

    public HilRunInterruptTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [SkippableFact]
    public void SigintDuringReport_LeavesNoTemporaryFile()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "The test sends SIGINT with the kill command.");
        string report = Path.Combine(folder, "report");
        Directory.CreateDirectory(report);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryDataTests.RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "ctl.dll"), "hil", "run", "hil-tests/suites/soc-lg-hg2.yaml",
            "--scenario", "correct-initial-soc", "--report", report,
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LANG"] = "en_US.UTF-8";

        // The signal goes out when the first temporary report file appears, so it lands during the write.
        using var temporaryCreated = new ManualResetEventSlim();
        using var watcher = new FileSystemWatcher(report, ".*.tmp");
        watcher.Created += (_, _) => temporaryCreated.Set();
        watcher.EnableRaisingEvents = true;
        using var process = Process.Start(start)!;
        var standardError = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        bool sawTemporary = temporaryCreated.Wait(TimeSpan.FromMinutes(3));
        if (sawTemporary)
        {
            using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }

        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "ctl did not exit after SIGINT.");
        Assert.True(sawTemporary, "No temporary report file appeared: " + standardError.Result);

        Assert.Empty(Directory.GetFiles(report, "*.tmp"));
    }
}

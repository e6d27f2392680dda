using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace Controllers.Cli.Tests;

public sealed class VcuNetworkSleepRunTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "ctl-vcu-sleep-" + Guid.NewGuid().ToString("N"));

    public VcuNetworkSleepRunTests()
    {
        Directory.CreateDirectory(folder);
    }

    public void Dispose() => Directory.Delete(folder, true);

    private static string SuitePath => Path.Combine(RepositoryDataTests.RepositoryRoot(), "hil-tests", "suites", "vcu-network-sleep.yaml");

    [Fact]
    public void SleepAndBusOff_WriteTableJUnitAndReport()
    {
        var run = CtlProcess.Run(folder, ["hil", "run", SuitePath, "--scenario", "key-off-deep-sleep",
            "--scenario", "bus-off-short", "--junit", "junit.xml", "--report", "report"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.StandardError);
        Assert.Contains("V2 static current", run.StandardOutput);
        Assert.Contains("slow recovery pause", run.StandardOutput);
        var document = XDocument.Load(Path.Combine(folder, "junit.xml"));
        Assert.Equal(6, document.Descendants("testcase").Count());
        Assert.Empty(document.Descendants("failure"));
        string html = File.ReadAllText(Path.Combine(folder, "report", "index.html"));
        Assert.Contains("<svg", html);
        Assert.True(File.Exists(Path.Combine(folder, "report", "bus-off-short.csv")));
    }

    [Fact]
    public void TooLowSleepLimit_FailsRun()
    {
        // The board model draws 88.7 µA asleep, so a 0.05 mA limit must fail the run.
        string path = Path.Combine(folder, "suite.yaml");
        File.WriteAllText(path, string.Join("\n",
            "kind: vcu-network-sleep",
            "name: strict",
            "scenarios:",
            "  - name: sleep",
            "    type: key-off-sleep",
            "    expect: { sleepCurrentMilliamps: 0.05 }") + "\n");

        var run = CtlProcess.Run(folder, ["hil", "run", "suite.yaml"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("V2 static current", run.StandardOutput);
    }

    [Fact]
    public void UnknownWakeSource_ExitsWithTwoNamingKey()
    {
        string path = Path.Combine(folder, "suite.yaml");
        File.WriteAllText(path, string.Join("\n",
            "kind: vcu-network-sleep",
            "name: bad",
            "scenarios:",
            "  - name: w",
            "    type: wake",
            "    source: doorbell") + "\n");

        var run = CtlProcess.Run(folder, ["hil", "run", "suite.yaml"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("source", run.StandardError);
        Assert.Contains("doorbell", run.StandardError);
    }
}

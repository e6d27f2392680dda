using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace Controllers.Cli.Tests;

public sealed class VcuHighVoltageRunTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "ctl-vcu-hv-" + Guid.NewGuid().ToString("N"));

    public VcuHighVoltageRunTests()
    {
        Directory.CreateDirectory(folder);
    }

    public void Dispose() => Directory.Delete(folder, true);

    private static string SuitePath => Path.Combine(RepositoryDataTests.RepositoryRoot(), "hil-tests", "suites", "vcu-high-voltage.yaml");

    [Fact]
    public void PowerOnAndCrash_WriteTableJUnitAndReport()
    {
        var run = CtlProcess.Run(folder, ["hil", "run", SuitePath, "--scenario", "power-on", "--scenario", "crash",
            "--junit", "junit.xml", "--report", "report"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.StandardError);
        Assert.Contains("precharge time", run.StandardOutput);
        Assert.Contains("DTC HvCrashShutoff", run.StandardOutput);
        var document = XDocument.Load(Path.Combine(folder, "junit.xml"));
        Assert.Equal(6, document.Descendants("testcase").Count());
        Assert.Empty(document.Descendants("failure"));
        string html = File.ReadAllText(Path.Combine(folder, "report", "index.html"));
        Assert.Contains("<svg", html);
        Assert.True(File.Exists(Path.Combine(folder, "report", "crash.csv")));
    }

    [Fact]
    public void UnknownFault_ExitsWithTwoNamingKey()
    {
        string path = Path.Combine(folder, "suite.yaml");
        File.WriteAllText(path, string.Join("\n",
            "kind: vcu-high-voltage",
            "name: bad",
            "vehicle: " + Path.Combine(RepositoryDataTests.RepositoryRoot(), "boards", "vcu-atv.yaml"),
            "scenarios:",
            "  - name: f1",
            "    type: fault",
            "    fault: lightning") + "\n");

        var run = CtlProcess.Run(folder, ["hil", "run", "suite.yaml"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("fault", run.StandardError);
        Assert.Contains("lightning", run.StandardError);
    }
}

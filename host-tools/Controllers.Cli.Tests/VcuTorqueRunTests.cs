using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace Controllers.Cli.Tests;

public sealed class VcuTorqueRunTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "ctl-vcu-torque-" + Guid.NewGuid().ToString("N"));

    public VcuTorqueRunTests()
    {
        Directory.CreateDirectory(folder);
    }

    public void Dispose() => Directory.Delete(folder, true);

    private static string SuitePath => Path.Combine(RepositoryDataTests.RepositoryRoot(), "hil-tests", "suites", "vcu-torque.yaml");

    [Fact]
    public void StepScenario_WritesTableJUnitAndReport()
    {
        var run = CtlProcess.Run(folder, ["hil", "run", SuitePath, "--scenario", "step-0-50-standstill-normal",
            "--scenario", "mcu-feedback-loss", "--junit", "junit.xml", "--report", "report"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.StandardError);
        Assert.Contains("V5 response", run.StandardOutput);
        Assert.Contains("DTC McuCommunicationLost", run.StandardOutput);
        var document = XDocument.Load(Path.Combine(folder, "junit.xml"));
        Assert.Equal(3, document.Descendants("testcase").Count());
        Assert.Empty(document.Descendants("failure"));
        string html = File.ReadAllText(Path.Combine(folder, "report", "index.html"));
        Assert.Contains("<svg", html);
        Assert.True(File.Exists(Path.Combine(folder, "report", "mcu-feedback-loss.csv")));
    }

    [Fact]
    public void UnknownFault_ExitsWithTwoNamingKey()
    {
        string path = Path.Combine(folder, "suite.yaml");
        File.WriteAllText(path, string.Join("\n",
            "kind: vcu-torque",
            "name: bad",
            "vehicle: " + Path.Combine(RepositoryDataTests.RepositoryRoot(), "boards", "vcu-atv.yaml"),
            "scenarios:",
            "  - name: f1",
            "    type: fault",
            "    fault: pedal-on-fire",
            "    speedKmh: 10",
            "    pedalPercent: 10",
            "    expect: { dtc: BrakeSensorRange }") + "\n");

        var run = CtlProcess.Run(folder, ["hil", "run", "suite.yaml"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("fault", run.StandardError);
        Assert.Contains("pedal-on-fire", run.StandardError);
    }
}

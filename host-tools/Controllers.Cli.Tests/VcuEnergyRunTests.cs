using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace Controllers.Cli.Tests;

public sealed class VcuEnergyRunTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "ctl-vcu-energy-" + Guid.NewGuid().ToString("N"));

    public VcuEnergyRunTests()
    {
        Directory.CreateDirectory(folder);
    }

    public void Dispose() => Directory.Delete(folder, true);

    private static string Root => RepositoryDataTests.RepositoryRoot();

    private string WriteSuite(params string[] scenarioLines)
    {
        string path = Path.Combine(folder, "suite.yaml");
        File.WriteAllText(path, string.Join("\n",
            ["kind: vcu-energy",
            "name: energy-excerpt",
            "vehicle: " + Path.Combine(Root, "boards", "vcu-atv.yaml"),
            "topSpeedMetresPerSecond: 27.9",
            "criteria: { fuelSaving: reported, minEngineStarts: 0 }",
            "scenarios:",
            .. scenarioLines]) + "\n");
        return path;
    }

    [Fact]
    public void UddsFirstHill_WritesTableJUnitAndReport()
    {
        // UDDS up to the first stop at 125 s, so the excerpt has a full braking phase.
        WriteSuite("  - name: udds-first-hill", "    cycle: " + Path.Combine(Root, "hil-tests", "data", "drive-cycles", "udds.csv"),
            "    strategy: ecms", "    endSeconds: 130");

        var run = CtlProcess.Run(folder, ["hil", "run", "suite.yaml", "--junit", "junit.xml", "--report", "report"]);

        Assert.Equal("", run.StandardError);
        Assert.Contains("speed trace", run.StandardOutput);
        Assert.Contains("fuel saving (reported)", run.StandardOutput);
        Assert.Contains("regeneration", run.StandardOutput);
        var document = XDocument.Load(Path.Combine(folder, "junit.xml"));
        Assert.Equal(10, document.Descendants("testcase").Count());
        int failures = document.Descendants("failure").Count();
        Assert.Equal(failures == 0 ? 0 : 1, run.ExitCode);
        string html = File.ReadAllText(Path.Combine(folder, "report", "index.html"));
        Assert.Contains("<svg", html);
        Assert.True(File.Exists(Path.Combine(folder, "report", "udds-first-hill.csv")));
    }

    [Fact]
    public void UnknownStrategy_ExitsWithTwoNamingKey()
    {
        WriteSuite("  - name: e1", "    cycle: " + Path.Combine(Root, "hil-tests", "data", "drive-cycles", "udds.csv"), "    strategy: thermostat");

        var run = CtlProcess.Run(folder, ["hil", "run", "suite.yaml"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("strategy", run.StandardError);
        Assert.Contains("thermostat", run.StandardError);
    }
}

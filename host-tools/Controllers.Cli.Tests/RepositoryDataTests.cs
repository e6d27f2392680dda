using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace Controllers.Cli.Tests;

/// <summary>End-to-end runs on the files committed under boards/ and hil-tests/ (about 15 s in total).</summary>
public sealed class RepositoryDataTests : IDisposable
{
    private readonly string _outputFolder = Path.Combine(Path.GetTempPath(), "ctl-tests-" + Guid.NewGuid().ToString("N"));

    public RepositoryDataTests() => Directory.CreateDirectory(_outputFolder);

    public void Dispose() => Directory.Delete(_outputFolder, recursive: true);

    internal static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Controllers.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("No Controllers.sln above " + AppContext.BaseDirectory + ".");
    }

    [Theory]
    [InlineData("hil-tests/suites/soc-lg-hg2.yaml", "cell-fitted-at-0degC-only")]
    [InlineData("hil-tests/suites/soc-lg-hg2-0degC.yaml", "cell-fitted-at-25degC-only")]
    public void BundledSuite_RunsEveryScenario(string suite, string crossTemperatureScenario)
    {
        string junit = Path.Combine(_outputFolder, "junit.xml");

        var run = CtlProcess.Run(RepositoryRoot(), ["hil", "run", suite, "--junit", junit]);

        Assert.True(run.ExitCode is 0 or 1, run.StandardError);
        var document = XDocument.Load(junit);
        string?[] names = document.Descendants("testcase").Select(c => c.Attribute("name")?.Value).ToArray();
        Assert.Equal(
            new[]
            {
                "correct-initial-soc", "initial-soc-20-points-low", "mid-cycle-start-20-points-high",
                "current-offset-0.1-percent-of-full-scale", "voltage-noise-0.2-percent",
                "current-offset-1-percent-of-full-scale", "capacity-5-percent-high", "capacity-5-percent-low",
                crossTemperatureScenario,
            },
            names);
        Assert.Empty(document.Descendants("error"));
    }

    [Fact]
    public void CellFit_RecordedData_WritesLoadableDefinition()
    {
        string data = "hil-tests/data/cells/lg-18650hg2/";
        string output = Path.Combine(_outputFolder, "cell.yaml");

        var run = CtlProcess.Run(RepositoryRoot(),
        [
            "cell", "fit", "--ocv", data + "25degC/549_C20DisCh_parsed.csv@25", "--ocv",
            data + "0degC/585_C20DisCh_parsed.csv@0", "--drive", data + "25degC/551_US06_parsed.csv",
            "--name", "LG INR18650HG2", "--output", output,
        ]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("551_US06_parsed.csv", run.StandardOutput);
        Assert.Contains("RMS voltage error (mV)", run.StandardOutput);
        var cell = Controllers.Simulation.Boards.CellDefinitionFile.Load(output);
        Assert.Equal("LG INR18650HG2", cell.Name);
    }
}

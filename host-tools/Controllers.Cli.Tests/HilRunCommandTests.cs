using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Controllers.Hil.Tests;
using Xunit;

namespace Controllers.Cli.Tests;

public sealed class HilRunCommandTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private CtlRun Run(params string[] arguments) => CtlProcess.Run(_files.Folder, arguments);

    /// <summary>Writes a suite of two 3-minute scenarios with the given max |error| limit.</summary>
    private string WriteSuite(string maxAbsSocErrorPercent) => _files.WriteSuite(
        "name: Synthetic discharge",
        "board: board.yaml",
        "replay:",
        "  file: recording.csv",
        "criteria:",
        "  convergenceMinutes: 1",
        "  maxAbsSocErrorPercent: " + maxAbsSocErrorPercent,
        "scenarios:",
        "  - name: first",
        "    endMinutes: 3",
        "  - name: second",
        "    startMinutes: 2",
        "    endMinutes: 5",
        "    initialSocErrorPercent: 5");

    [Fact]
    public void Run_AllPass_ExitsWithZero()
    {
        WriteSuite("100");

        var run = Run("hil", "run", "suite.yaml", "--junit", "out/junit.xml", "--report", "report");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.StandardError);
        Assert.Contains("[1/2] first", run.StandardOutput);
        Assert.Contains("PASS", run.StandardOutput);
        var document = XDocument.Load(Path.Combine(_files.Folder, "out", "junit.xml"));
        Assert.Equal(2, document.Descendants("testcase").Count());
        Assert.Empty(document.Descendants("failure"));
        Assert.True(File.Exists(Path.Combine(_files.Folder, "report", "index.html")));
        Assert.True(File.Exists(Path.Combine(_files.Folder, "report", "second.csv")));
    }

    [Fact]
    public void Run_ImpossibleCriterion_ExitsWithOne()
    {
        WriteSuite("0.001");

        var run = Run("hil", "run", "suite.yaml", "--junit", "junit.xml");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FAIL", run.StandardOutput);
        Assert.Contains("maxAbsSocErrorPercent", run.StandardOutput);
        var failures = XDocument.Load(Path.Combine(_files.Folder, "junit.xml")).Descendants("failure").ToList();
        Assert.Equal(2, failures.Count);
        Assert.Contains("maxAbsSocErrorPercent", failures[0].Attribute("message")?.Value);
    }

    [Fact]
    public void Run_SelectedScenario_RunsOnlyThatOne()
    {
        WriteSuite("100");

        var run = Run("hil", "run", "suite.yaml", "--scenario", "second", "--junit", "junit.xml");

        Assert.Equal(0, run.ExitCode);
        var cases = XDocument.Load(Path.Combine(_files.Folder, "junit.xml")).Descendants("testcase").ToList();
        Assert.Equal("second", Assert.Single(cases).Attribute("name")?.Value);
    }

    [Fact]
    public void Run_UnknownScenario_ExitsWithTwo()
    {
        WriteSuite("100");

        var run = Run("hil", "run", "suite.yaml", "--scenario", "third");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("third", run.StandardError);
        Assert.Contains("first, second", run.StandardError);
    }

    [Fact]
    public void Run_InChinese_PrintsChineseSummary()
    {
        WriteSuite("0.001");

        var run = Run("--lang", "zh-CN", "hil", "run", "suite.yaml");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("场景", run.StandardOutput);
        Assert.Contains("失败", run.StandardOutput);
        Assert.Contains("超过限值", run.StandardOutput);
    }

    [Fact]
    public void Run_MissingSuite_ExitsWithTwo()
    {
        var run = Run("hil", "run", "no-such-suite.yaml");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no-such-suite.yaml", run.StandardError);
        Assert.Single(run.StandardError.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Run_InvalidSuite_NamesFileLineAndField()
    {
        WriteSuite("lots");

        var run = Run("hil", "run", "suite.yaml", "--junit", "junit.xml");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("suite.yaml, line 7, field 'maxAbsSocErrorPercent'", run.StandardError);
        Assert.Contains("'lots' is not a finite number", run.StandardError);
        Assert.False(File.Exists(Path.Combine(_files.Folder, "junit.xml")));
    }

    [Fact]
    public void Run_MissingBoard_ExitsWithTwo()
    {
        WriteSuite("100");
        File.Delete(_files.BoardPath);

        var run = Run("hil", "run", "suite.yaml");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line 2, field 'board'", run.StandardError);
    }
}

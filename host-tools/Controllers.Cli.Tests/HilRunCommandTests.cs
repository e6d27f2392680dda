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

    [Theory]
    [InlineData("--junit")]
    [InlineData("--report")]
    public void Run_EmptyOutputPath_ExitsWithTwo(string option)
    {
        WriteSuite("100");

        var run = Run("hil", "run", "suite.yaml", option, "");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: " + option + ": the path is empty; give a path.", run.StandardError.TrimEnd());
        Assert.Equal("", run.StandardOutput);
    }

    [Fact]
    public void Run_JUnitBelowFile_ExitsWithTwo()
    {
        WriteSuite("100");

        var run = Run("hil", "run", "suite.yaml", "--junit", "suite.yaml/junit.xml");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("suite.yaml is a file", run.StandardError);
        Assert.DoesNotContain("already exists", run.StandardError);
        Assert.Equal("", run.StandardOutput);
    }

    [Fact]
    public void Run_JUnitIsFolder_ExitsWithTwo()
    {
        WriteSuite("100");
        Directory.CreateDirectory(Path.Combine(_files.Folder, "out"));

        var run = Run("hil", "run", "suite.yaml", "--junit", "out");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--junit out is a folder", run.StandardError);
    }

    [Fact]
    public void Run_ReportIsFile_ExitsWithTwo()
    {
        WriteSuite("100");

        var run = Run("hil", "run", "suite.yaml", "--report", "recording.csv");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--report recording.csv is a file", run.StandardError);
    }

    [Fact]
    public void Run_JUnitSameAsReport_ExitsWithTwo()
    {
        WriteSuite("100");

        var run = Run("hil", "run", "suite.yaml", "--junit", "out", "--report", "./out/");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--junit and --report", run.StandardError);
        Assert.False(Directory.Exists(Path.Combine(_files.Folder, "out")));
    }

    [Fact]
    public void Run_JUnitIsReportFile_ExitsWithTwo()
    {
        WriteSuite("100");

        var run = Run("hil", "run", "suite.yaml", "--junit", "report/first.csv", "--report", "report");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--junit report/first.csv", run.StandardError);
        Assert.Equal("", run.StandardOutput);
    }

    [Fact]
    public void Run_MissingOutputFolders_AreCreated()
    {
        WriteSuite("100");

        var run = Run("hil", "run", "suite.yaml", "--junit", "a/b/junit.xml", "--report", "c/d");

        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(Path.Combine(_files.Folder, "a", "b", "junit.xml")));
        Assert.True(File.Exists(Path.Combine(_files.Folder, "c", "d", "index.html")));
    }

    [Fact]
    public void Run_JUnitFolderRejectsFiles_ExitsWithTwo()
    {
        // /proc exists and is a folder, but no regular file can be created in it.
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        WriteSuite("100");

        var run = Run("hil", "run", "suite.yaml", "--junit", "/proc/ctl-junit.xml");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--junit /proc/ctl-junit.xml", run.StandardError);
        Assert.DoesNotContain(".tmp", run.StandardError);
        Assert.Equal("", run.StandardOutput);
    }

    [Fact]
    public void Run_ReportWriteFails_PrintsVerdictThenError()
    {
        WriteSuite("100");
        string report = Path.Combine(_files.Folder, "report");
        Directory.CreateDirectory(Path.Combine(report, "second.csv"));
        File.WriteAllText(Path.Combine(report, "index.html"), "report of an earlier run");

        var run = Run("hil", "run", "suite.yaml", "--junit", "junit.xml", "--report", "report");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("PASS", run.StandardOutput);
        Assert.StartsWith("error: could not write " + Path.Combine(report, "second.csv") + ": ", run.StandardError);
        Assert.DoesNotContain(".tmp", run.StandardError);
        Assert.Single(run.StandardError.TrimEnd().Split('\n'));
        Assert.False(File.Exists(Path.Combine(report, "index.html")));
        Assert.Empty(Directory.GetFiles(report, "*.tmp"));
        Assert.True(File.Exists(Path.Combine(_files.Folder, "junit.xml")));
    }

    [Fact]
    public void Run_CaseCollidingScenarios_ExitsWithTwo()
    {
        _files.WriteSuite(
            "name: Synthetic discharge",
            "board: board.yaml",
            "replay:",
            "  file: recording.csv",
            "criteria:",
            "  convergenceMinutes: 1",
            "  maxAbsSocErrorPercent: 100",
            "scenarios:",
            "  - name: a",
            "  - name: A");

        var run = Run("hil", "run", "suite.yaml");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("suite.yaml, line 10, field 'name'", run.StandardError);
    }
}

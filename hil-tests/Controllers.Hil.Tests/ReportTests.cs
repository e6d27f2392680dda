using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Controllers.Hil.Reports;
using Controllers.Hil.Running;
using Controllers.Hil.Suites;
using Xunit;

namespace Controllers.Hil.Tests;

public sealed class ReportTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>
    /// Result of the two-scenario test suite with the five-step trace for both. The first scenario
    /// (limits 2.5 % and RMS 1.5 %) fails on max |error| = 3 and on RMS 1.94. The second (limit 4 %)
    /// fails only on RMS.
    /// </summary>
    private SocSuiteResult BuildResult()
    {
        var suite = SocSuiteFile.Load(_files.WriteSuite(TestFiles.ValidSuite));
        var results = suite.Scenarios.Select(scenario =>
        {
            var trace = SyntheticTraces.FiveSteps();
            var metrics = SocErrorMetrics.Compute(trace, scenario.Criteria.ConvergenceMinutes);
            return new SocScenarioResult
            {
                Scenario = scenario,
                Trace = trace,
                Metrics = metrics,
                Failures = SocCriteriaCheck.Evaluate(metrics, scenario.Criteria),
                WallTime = TimeSpan.FromMilliseconds(1500),
            };
        }).ToList();
        return new SocSuiteResult { Suite = suite, Scenarios = results, StartTime = DateTimeOffset.Now };
    }

    [Fact]
    public void JUnit_ParsedBack_HasCasesFailuresAndProperties()
    {
        string path = Path.Combine(_files.Folder, "out", "junit.xml");

        JUnitReport.Write(BuildResult(), path);

        var document = XDocument.Load(path);
        var suite = Assert.Single(document.Descendants("testsuite"));
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal(2, cases.Count);
        Assert.Equal("2", suite.Attribute("tests")?.Value);
        Assert.Equal("2", suite.Attribute("failures")?.Value);
        Assert.Equal("Synthetic discharge", cases[0].Attribute("classname")?.Value);
        Assert.Equal("correct-initial-soc", cases[0].Attribute("name")?.Value);
        Assert.Equal("1.500", cases[0].Attribute("time")?.Value);

        string? rms = cases[0].Element("properties")?.Elements("property")
            .Single(p => p.Attribute("name")?.Value == JUnitReport.RmsProperty).Attribute("value")?.Value;
        Assert.Equal(1.936492, double.Parse(rms!, CultureInfo.InvariantCulture), 4);

        string? failure = cases[0].Element("failure")?.Attribute("message")?.Value;
        Assert.NotNull(failure);
        Assert.Contains("maxAbsSocErrorPercent", failure);
        Assert.Contains("3", failure);
        Assert.Contains("rmsSocErrorPercent", cases[1].Element("failure")?.Attribute("message")?.Value);
        Assert.Contains("1.94", cases[1].Element("system-out")?.Value);
    }

    [Fact]
    public void JUnit_Write_LeavesNoTemporaryFile()
    {
        string folder = Path.Combine(_files.Folder, "out");
        string path = Path.Combine(folder, "junit.xml");
        Directory.CreateDirectory(folder);
        File.WriteAllText(path, "previous");

        JUnitReport.Write(BuildResult(), path);

        Assert.Equal(new[] { "junit.xml" }, Directory.GetFiles(folder).Select(f => Path.GetFileName(f)).ToArray());
        Assert.StartsWith("<?xml", File.ReadAllText(path));
    }

    [Fact]
    public void Csv_HeaderAndRowCount_MatchTrace()
    {
        string folder = Path.Combine(_files.Folder, "report");

        HtmlReport.Write(BuildResult(), folder);

        string[] lines = File.ReadAllLines(Path.Combine(folder, "correct-initial-soc.csv"));
        Assert.Equal("time_s,true_soc_percent,estimated_soc_percent,soc_error_percent,soc_sigma_percent," +
                     "voltage_measured_V,voltage_model_V,current_A,temperature_degC", lines[0]);
        Assert.Equal(6, lines.Length);

        // Second step: 60 s, true 80 %, estimated 81 %, error +1, sigma 5 %.
        string[] fields = lines[2].Split(',');
        Assert.Equal("60", fields[0]);
        Assert.Equal(80.0, double.Parse(fields[1], CultureInfo.InvariantCulture), 4);
        Assert.Equal(81.0, double.Parse(fields[2], CultureInfo.InvariantCulture), 4);
        Assert.Equal(1.0, double.Parse(fields[3], CultureInfo.InvariantCulture), 4);
        Assert.Equal(5.0, double.Parse(fields[4], CultureInfo.InvariantCulture), 4);
    }

    [Fact]
    public void Html_EmbedsSvgWithTextLabels()
    {
        string folder = Path.Combine(_files.Folder, "report");

        HtmlReport.Write(BuildResult(), folder);

        string html = File.ReadAllText(Path.Combine(folder, HtmlReport.IndexFileName));
        Assert.Equal(4, Regex.Matches(html, "<svg").Count);
        Assert.DoesNotContain("<?xml", html);
        Assert.Matches("<text[^>]*>Time \\(min\\)</text>", html);
        Assert.DoesNotMatch("<text[^>]*>\\s*</text>", html);
        Assert.Contains("correct-initial-soc.csv", html);
        Assert.Contains("FAIL", html);
    }

    [Fact]
    public void Html_InChinese_HasChineseTextLabels()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            string folder = Path.Combine(_files.Folder, "report");

            HtmlReport.Write(BuildResult(), folder);

            string html = File.ReadAllText(Path.Combine(folder, HtmlReport.IndexFileName));
            Assert.Contains("lang=\"zh-CN\"", html);
            Assert.Matches("<text[^>]*>时间（分钟）</text>", html);
            Assert.Matches("<text[^>]*>估计 SOC</text>", html);
            Assert.DoesNotMatch("<text[^>]*>\\s*</text>", html);
            Assert.Contains("<th>场景</th>", html);
            Assert.Contains("失败", html);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void Html_CsvWriteFails_RemovesOldIndex()
    {
        string folder = Path.Combine(_files.Folder, "report");
        Directory.CreateDirectory(Path.Combine(folder, "offset-and-noise.csv"));
        File.WriteAllText(Path.Combine(folder, HtmlReport.IndexFileName), "report of an earlier run");

        var error = Assert.Throws<ReportWriteException>(() => HtmlReport.Write(BuildResult(), folder));

        Assert.Equal(Path.Combine(folder, "offset-and-noise.csv"), error.TargetPath);
        Assert.DoesNotContain(".tmp", error.Message);
        Assert.False(File.Exists(Path.Combine(folder, HtmlReport.IndexFileName)));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }

    [Fact]
    public void JUnit_ParentIsFile_NamesTargetPath()
    {
        string path = Path.Combine(_files.SuitePath, "junit.xml");
        var result = BuildResult();

        var error = Assert.Throws<ReportWriteException>(() => JUnitReport.Write(result, path));

        Assert.Equal(path, error.TargetPath);
        Assert.DoesNotContain(".tmp", error.Message);
    }

    [Fact]
    public void WallTime_InChinese_UsesSecondsWord()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            Assert.Equal("1.5 秒", ReportText.Seconds(TimeSpan.FromSeconds(1.5)));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void Html_InChinese_UsesBoardAndRecordingTerms()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            string folder = Path.Combine(_files.Folder, "report");

            HtmlReport.Write(BuildResult(), folder);

            string html = File.ReadAllText(Path.Combine(folder, HtmlReport.IndexFileName));
            Assert.Contains("板卡：", html);
            Assert.Contains("记录数据：", html);
            Assert.Contains("时序数据", html);
            Assert.DoesNotContain("电路板", html);
            Assert.DoesNotContain("录制", html);
            Assert.DoesNotContain("轨迹", html);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void Decimate_LongSeries_KeepsPeaks()
    {
        double[] x = Enumerable.Range(0, 100_000).Select(i => (double)i).ToArray();
        double[] y = x.Select(v => v == 54_321 ? 50.0 : Math.Sin(v / 1000)).ToArray();

        var (xs, ys) = MinMaxDecimation.Decimate(x, y, 1000);

        Assert.True(xs.Length <= 2000);
        Assert.Contains(50.0, ys);
        Assert.Equal(ys.Length, xs.Length);
        Assert.True(xs.Zip(xs.Skip(1)).All(pair => pair.First < pair.Second));
    }
}

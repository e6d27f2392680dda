using System;
using System.IO;
using System.Text.RegularExpressions;
using Xunit;

namespace Controllers.Cli.Tests;

public sealed class CtlHelpTests
{
    private static CtlRun Run(params string[] arguments) => CtlProcess.Run(Path.GetTempPath(), arguments);

    [Fact]
    public void Help_English_ListsCommands()
    {
        var run = Run("--lang", "en", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Description:", run.StandardOutput);
        Assert.Contains("Usage:", run.StandardOutput);
        Assert.Contains("hil", run.StandardOutput);
        Assert.Contains("cell", run.StandardOutput);
        Assert.Contains("Show help and usage information.", run.StandardOutput);
    }

    [Fact]
    public void Help_Chinese_TranslatesHeadingsAndDescriptions()
    {
        var run = Run("--lang", "zh-CN", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("说明:", run.StandardOutput);
        Assert.Contains("用法:", run.StandardOutput);
        Assert.Contains("选项:", run.StandardOutput);
        Assert.Contains("HIL 测试套件", run.StandardOutput);
        Assert.Contains("显示帮助和用法信息", run.StandardOutput);
        Assert.DoesNotContain("Description:", run.StandardOutput);
    }

    [Fact]
    public void HilRunHelp_Chinese_DescribesOptions()
    {
        var run = Run("hil", "run", "--help", "--lang=zh-CN");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--junit <PATH>", run.StandardOutput);
        Assert.Contains("JUnit XML 报告", run.StandardOutput);
        Assert.Contains("参数:", run.StandardOutput);
    }

    [Fact]
    public void CellFitHelp_English_DescribesOptions()
    {
        var run = Run("cell", "fit", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--ocv <PATH@TEMPC>", run.StandardOutput);
        Assert.Contains("--output <PATH>", run.StandardOutput);
    }

    [Fact]
    public void Help_ChineseSystemLanguage_IsDefault()
    {
        var run = CtlProcess.Run(Path.GetTempPath(), ["--help"], language: "zh_CN.UTF-8");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("用法:", run.StandardOutput);
    }

    [Fact]
    public void ParseError_MissingArgument_ExitsWithTwo()
    {
        var run = Run("hil", "run");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", run.StandardError);
        Assert.Contains("ctl hil run --help", run.StandardError);
        Assert.DoesNotContain(" at ", run.StandardError);
    }

    [Fact]
    public void ParseError_UnknownOption_ExitsWithTwo()
    {
        var run = Run("hil", "run", "suite.yaml", "--bogus");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--bogus", run.StandardError);
    }

    [Fact]
    public void ParseError_UnsupportedLanguage_ExitsWithTwo()
    {
        var run = Run("--lang", "fr", "--help");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("zh-CN", run.StandardError);
    }

    [Fact]
    public void ParseError_InChinese_IsChinese()
    {
        var run = Run("--lang", "zh-CN", "cell", "fit");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("错误：", run.StandardError);
    }

    [Fact]
    public void HilHelp_English_NamesSimulatedBoards()
    {
        var run = Run("hil", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("by default on simulated boards (software in the loop)", run.StandardOutput);
        Assert.DoesNotContain("virtual board", run.StandardOutput);
    }

    [Fact]
    public void HilHelp_Chinese_UsesBoardTerm()
    {
        var run = Run("--lang", "zh-CN", "hil", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("默认在仿真板卡上运行（软件在环）", run.StandardOutput);
        Assert.DoesNotContain("电路板", run.StandardOutput);
        Assert.Contains("ctl hil [命令] [选项]", run.StandardOutput);
    }

    [Fact]
    public void CellFitHelp_Chinese_TranslatesRequiredLabel()
    {
        var run = Run("--lang", "zh-CN", "cell", "fit", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("REQUIRED", run.StandardOutput);
        Assert.DoesNotContain("[options]", run.StandardOutput);
        Assert.DoesNotContain("录制", run.StandardOutput);
        Assert.Contains("--ocv <PATH@TEMPC> （必需）", run.StandardOutput);

        // The description column stays where System.CommandLine put it: CJK characters take two columns.
        string[] lines = run.StandardOutput.Split('\n');
        int ocvColumn = DisplayColumn(Array.Find(lines, l => l.Contains("--ocv"))!, "从满电");
        int helpColumn = DisplayColumn(Array.Find(lines, l => l.Contains("--help"))!, "显示帮助");
        Assert.Equal(helpColumn, ocvColumn);
    }

    [Fact]
    public void ParseErrors_Chinese_HaveNoEnglish()
    {
        string[][] commands =
        [
            ["--lang", "zh-CN", "cell", "fit"],
            ["--lang", "zh-CN"],
            ["--lang", "zh-CN", "hil", "run", "suite.yaml", "--junt", "x"],
            ["--lang", "zh-CN", "hil", "run"],
            ["--lang", "zh-CN", "hil", "run", "suite.yaml", "--junit"],
        ];
        foreach (string[] command in commands)
        {
            var run = Run(command);

            Assert.Equal(2, run.ExitCode);
            Assert.DoesNotMatch("[A-Za-z]{3,}", Regex.Replace(run.StandardError, "--?[a-z]+|ctl|hil|run|cell|fit|suite\\.yaml", ""));
            Assert.DoesNotContain("。.", run.StandardError);
            Assert.DoesNotContain("“'", run.StandardError);
            Assert.DoesNotContain("”.", run.StandardError);
        }
    }

    [Fact]
    public void ParseErrors_Chinese_AreRewritten()
    {
        Assert.Contains("错误：缺少必需的选项“--drive”。", Run("--lang", "zh-CN", "cell", "fit").StandardError);
        Assert.Contains("错误：缺少必需的命令。\n", Run("--lang", "zh-CN").StandardError);
        Assert.Contains("错误：无法识别的命令或参数“--junt”。",
            Run("--lang", "zh-CN", "hil", "run", "suite.yaml", "--junt").StandardError);
    }

    [Fact]
    public void ParseErrors_English_AreRewritten()
    {
        Assert.Contains("error: option '--drive' is required.", Run("cell", "fit").StandardError);
        Assert.Contains("error: unrecognized command or argument '--junt'.",
            Run("hil", "run", "suite.yaml", "--junt").StandardError);
    }

    private static int DisplayColumn(string line, string text)
    {
        int index = line.IndexOf(text, StringComparison.Ordinal);
        int column = 0;
        for (int i = 0; i < index; i++)
        {
            column += line[i] >= '\u2E80' ? 2 : 1;
        }

        return column;
    }
}

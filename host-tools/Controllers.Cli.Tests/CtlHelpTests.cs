using System.IO;
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
        Assert.Contains("硬件在环测试套件", run.StandardOutput);
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
}

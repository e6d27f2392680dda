using Xunit;

namespace Controllers.Cli.Tests;

/// <summary>Runs <c>monitor</c> against a socketcand server on the loopback interface.</summary>
public sealed class MonitorCommandTests : LogSocketcandBench
{
    [Fact]
    public void Monitor_IdFilter_PrintsDecodedLines()
    {
        Write("pack.dbc", LogCommandTests.PackDbc);

        var run = RunWhileSending(
            i => i % 2 == 0 ? Frame(0x100, 0xE8, 0x0F, 0xF6, 0xFF, 0x5A, 0, 0, 0) : Frame(0x123, 1),
            "monitor", "--socketcand", Endpoint, "--dbc", "pack.dbc", "--id", "0x100", "--count", "2", "--duration", "30");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.StandardError);
        string[] lines = run.StandardOutput.TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^\d+\.\d{6}  0x100  \[8\]  E80FF6FF5A000000  Pack  Voltage=407.2 V  Current=-1 A  Temperature=50 degC$", lines[0].TrimEnd('\r'));
        Assert.Contains("0x100", lines[1]);
        Assert.Equal("Received 2 frames.", lines[2].TrimEnd('\r'));
        Assert.DoesNotContain("0x123", run.StandardOutput);
    }

    [Fact]
    public void Monitor_WithoutDbc_PrintsRawFrames()
    {
        var run = RunWhileSending(i => Frame(0x18FF0001, 9),
            "monitor", "--socketcand", Endpoint, "--id", "0x18FF0001x", "--count", "1", "--duration", "30");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"\d+\.\d{6}  0x18FF0001x  \[1\]  09  -", run.StandardOutput);
    }

    [Fact]
    public void Monitor_Duration_StopsWithoutTraffic()
    {
        var run = Run("monitor", "--socketcand", Endpoint, "--duration", "0.3");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Received 0 frames.", run.StandardOutput.TrimEnd());
    }

    [Theory]
    [InlineData("0x800")]
    [InlineData("0x20000000x")]
    [InlineData("abc")]
    public void Monitor_InvalidId_ExitsWithTwo(string id)
    {
        var run = Run("monitor", "--socketcand", Endpoint, "--id", id, "--count", "1");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--id " + id + " is invalid", run.StandardError);
    }

    [Fact]
    public void MonitorHelp_Chinese_DescribesOptions()
    {
        var run = Run("monitor", "--help", "--lang", "zh-CN");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--socketcand <HOST:PORT>", run.StandardOutput);
        Assert.Contains("实时显示 socketcand 通道上的帧", run.StandardOutput);
        Assert.Contains("要显示的标识符", run.StandardOutput);
    }
}

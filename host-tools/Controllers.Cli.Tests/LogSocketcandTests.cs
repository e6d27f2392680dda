using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Controllers.Can.Transports;
using Controllers.Firmware.Common.Can;
using Xunit;

namespace Controllers.Cli.Tests;

/// <summary>Runs <c>log record</c> and <c>log replay</c> against a socketcand server on the loopback interface.</summary>
public sealed class LogSocketcandTests : LogSocketcandBench
{
    [Fact]
    public void Record_Count_WritesConsecutiveFrames()
    {
        var run = RunWhileSending(i => Frame(0x100, (byte)i, 0xAB),
            "log", "record", "--socketcand", Endpoint, "--output", "rec.log", "--count", "3", "--duration", "30");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.StandardError);
        Assert.Contains("Recorded 3 frames to rec.log", run.StandardOutput);
        string[] lines = Read("rec.log").TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        int first = Convert.ToInt32(lines[0].Split(' ')[2][4..6], 16);
        for (int i = 0; i < lines.Length; i++)
        {
            Assert.Matches(@"^\(\d{10}\.\d{6}\) can0 100#" + (first + i).ToString("X2") + "AB R$", lines[i]);
        }
    }

    [Fact]
    public void Record_AscOutput_WritesAscLog()
    {
        var run = RunWhileSending(i => Frame(0x18FF0001, 7),
            "log", "record", "--socketcand", Endpoint, "--channel", "can0", "--output", "rec.asc", "--count", "2", "--duration", "30");

        Assert.Equal(0, run.ExitCode);
        string asc = Read("rec.asc");
        Assert.StartsWith("date ", asc);
        Assert.Equal(2, asc.Split("18FF0001x").Length - 1);
    }

    [Fact]
    public void Record_DurationWithoutTraffic_WritesEmptyLog()
    {
        var run = Run("log", "record", "--socketcand", Endpoint, "--output", "rec.log", "--duration", "0.3");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Recorded 0 frames to rec.log", run.StandardOutput);
        Assert.Equal("", Read("rec.log"));
    }

    [Fact]
    public async Task Record_Interrupt_WritesReceivedFrames()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ctl.dll"));
        foreach (string argument in new[] { "log", "record", "--socketcand", Endpoint, "--output", "rec.log", "--duration", "50", "--lang", "en" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow + RunTimeout;
        int sent = 0;
        while (DateTime.UtcNow < deadline && !process.HasExited && Node.Statistics.FramesSent < 1000)
        {
            Node.Send(Frame(0x100, (byte)sent));
            sent++;
            Thread.Sleep(20);
            if (sent == 50)
            {
                Assert.Equal(0, SendSignal(process.Id, SignalInterrupt));
            }
        }

        Assert.True(process.WaitForExit(RunTimeout), "ctl did not exit after SIGINT");
        Assert.Equal(0, process.ExitCode);
        Assert.Equal("", await standardError);
        Assert.Matches(@"Recorded \d+ frames to rec.log", await standardOutput);
        Assert.NotEmpty(Read("rec.log"));
    }

    private const int SignalInterrupt = 2;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int processId, int signal);

    [Fact]
    public void Record_ConnectionRefused_ExitsWithOne()
    {
        var run = Run("log", "record", "--socketcand", "127.0.0.1:" + UnusedPort(), "--output", "rec.log", "--duration", "1");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: could not open channel can0 on socketcand 127.0.0.1:", run.StandardError);
        Assert.False(Exists("rec.log"));
    }

    [Fact]
    public void Record_UnknownChannel_ExitsWithOne()
    {
        var run = Run("log", "record", "--socketcand", Endpoint, "--channel", "vcan9", "--output", "rec.log", "--duration", "1");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("could not open channel vcan9", run.StandardError);
    }

    [Theory]
    [InlineData("127.0.0.1", "--socketcand 127.0.0.1 is invalid")]
    [InlineData("127.0.0.1:0", "--socketcand 127.0.0.1:0 is invalid")]
    [InlineData(":29536", "--socketcand :29536 is invalid")]
    public void Record_InvalidEndpoint_ExitsWithTwo(string endpoint, string expected)
    {
        var run = Run("log", "record", "--socketcand", endpoint, "--output", "rec.log", "--count", "1");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.StandardError);
    }

    [Theory]
    [InlineData("--count", "0", "--count 0 is invalid")]
    [InlineData("--duration", "-1", "--duration -1 is invalid")]
    public void Record_InvalidLimit_ExitsWithTwo(string option, string value, string expected)
    {
        var run = Run("log", "record", "--socketcand", Endpoint, "--output", "rec.log", option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.StandardError);
    }

    [Fact]
    public void Replay_CandumpLog_SendsFramesInOrder()
    {
        Write("in.log",
            "(1700000000.000000) can0 100#01\n" +
            "(1700000000.100000) can0 20000080#0000000000000000\n" +
            "(1700000000.200000) can0 18FF0001#0203\n" +
            "(1700000000.300000) can0 7FF#R\n");

        var run = Run("log", "replay", "in.log", "--socketcand", Endpoint, "--speed", "10");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Sent 3 frames from in.log", run.StandardOutput);
        Assert.Contains("Skipped 1 error frames", run.StandardOutput);
        var received = new List<CanFrame>();
        var frame = new CanFrame();
        while (received.Count < 3 && Node.TryReceive(frame, TimeSpan.FromSeconds(5)))
        {
            var copy = new CanFrame();
            copy.CopyFrom(frame);
            received.Add(copy);
        }

        Assert.Equal(3, received.Count);
        Assert.Equal(0x100u, received[0].Id);
        Assert.Equal(0x01, received[0].Data[0]);
        Assert.Equal(0x18FF0001u, received[1].Id);
        Assert.True(received[1].IsExtended);
        Assert.Equal(2, received[1].Length);
        Assert.Equal(0x7FFu, received[2].Id);
        Assert.True(received[2].IsRemote);
    }

    [Fact]
    public void Replay_Speed_KeepsGapsScaled()
    {
        Write("in.log", "(1.000000) can0 100#01\n(1.600000) can0 100#02\n");

        var started = DateTime.UtcNow;
        var run = Run("log", "replay", "in.log", "--socketcand", Endpoint, "--speed", "2");

        Assert.Equal(0, run.ExitCode);
        var frame = new CanFrame();
        Assert.True(Node.TryReceive(frame, TimeSpan.FromSeconds(5), out TimeSpan first));
        Assert.True(Node.TryReceive(frame, TimeSpan.FromSeconds(5), out TimeSpan second));
        double gap = (second - first).TotalSeconds;
        Assert.InRange(gap, 0.25, 1.0);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.3));
    }

    [Fact]
    public void Replay_MalformedLog_ExitsWithTwoBeforeConnecting()
    {
        Write("in.log", "(1.000000) can0 100#01\nnot a frame\n");

        var run = Run("log", "replay", "in.log", "--socketcand", "127.0.0.1:" + UnusedPort());

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: invalid CAN log: in.log:2:", run.StandardError);
    }

    [Fact]
    public void Replay_InvalidSpeed_ExitsWithTwo()
    {
        Write("in.log", "(1.000000) can0 100#01\n");

        var run = Run("log", "replay", "in.log", "--socketcand", Endpoint, "--speed", "0");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--speed 0 is invalid", run.StandardError);
    }

    [Fact]
    public void Replay_ConnectionRefused_ExitsWithOne()
    {
        Write("in.log", "(1.000000) can0 100#01\n");

        var run = Run("log", "replay", "in.log", "--socketcand", "127.0.0.1:" + UnusedPort());

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("could not open channel can0", run.StandardError);
    }

    [Fact]
    public void ReplayHelp_English_DescribesSpeed()
    {
        var run = Run("log", "replay", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--speed <X>", run.StandardOutput);
        Assert.Contains("2 halves the gaps between frames", run.StandardOutput);
    }
}

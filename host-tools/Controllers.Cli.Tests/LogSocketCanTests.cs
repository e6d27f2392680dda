using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace Controllers.Cli.Tests;

/// <summary>
/// Bus selection of <c>log record</c> and <c>dtc read</c>, and recording from a vcan interface fed by can-utils cansend.
/// The vcan test skips with the reason where the machine cannot create a vcan interface.
/// </summary>
public sealed class LogSocketCanTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("ctl-socketcan-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Record_WithoutBus_AsksForOne()
    {
        var run = CtlProcess.Run(folder, ["log", "record", "--output", "rec.log", "--duration", "1"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no bus given; add --socketcand HOST:PORT for a socketcand server or --socketcan INTERFACE", run.StandardError);
    }

    [Fact]
    public void Record_BothBuses_Rejected()
    {
        var run = CtlProcess.Run(folder, ["log", "record", "--socketcand", "127.0.0.1:29536", "--socketcan", "vcan0", "--output", "rec.log"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--socketcand and --socketcan cannot be combined", run.StandardError);
    }

    [SkippableFact]
    public void Record_MissingInterface_NamesIt()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "SocketCAN exists only on Linux.");
        Skip.If(Directory.Exists("/sys/class/net/nocan93"), "An interface named nocan93 exists on this machine.");

        var run = CtlProcess.Run(folder, ["log", "record", "--socketcan", "nocan93", "--output", "rec.log", "--duration", "1"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("could not open SocketCAN interface nocan93: CAN interface 'nocan93' not found", run.StandardError);
        Assert.False(File.Exists(Path.Combine(folder, "rec.log")));
    }

    [SkippableFact]
    public void DtcRead_MissingInterface_NamesIt()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "SocketCAN exists only on Linux.");
        Skip.If(Directory.Exists("/sys/class/net/nocan93"), "An interface named nocan93 exists on this machine.");

        var run = CtlProcess.Run(folder, ["dtc", "read", "--socketcan", "nocan93"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("could not open SocketCAN interface nocan93: CAN interface 'nocan93' not found", run.StandardError);
    }

    [Fact]
    public void DtcRead_WithoutBus_AsksForOne()
    {
        var run = CtlProcess.Run(folder, ["dtc", "read"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no bus given; add --socketcand HOST:PORT", run.StandardError);
    }

    [SkippableFact]
    public async Task Record_FromVcan_WritesCansendFrames()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "SocketCAN exists only on Linux.");
        Skip.IfNot(File.Exists("/usr/bin/cansend"), "cansend is not installed (Debian package can-utils).");
        string name = $"vc{Environment.ProcessId % 10_000_000}c";
        var add = RunTool("/usr/sbin/ip", "link", "add", "dev", name, "type", "vcan");
        Skip.If(add.ExitCode != 0, $"Cannot create vcan interface {name} ('ip link add dev {name} type vcan' failed: {add.Error}). This test needs root and the vcan kernel module.");

        try
        {
            Assert.Equal(0, RunTool("/usr/sbin/ip", "link", "set", "dev", name, "up").ExitCode);
            var record = Task.Run(() => CtlProcess.Run(folder, ["log", "record", "--socketcan", name, "--output", "rec.log", "--count", "3", "--duration", "30"]));

            // ctl opens its socket some time after it starts, so cansend repeats the frame until ctl has three.
            while (!record.IsCompleted)
            {
                RunTool("/usr/bin/cansend", name, "1ABCDEF0#0102");
                await Task.WhenAny(record, Task.Delay(50));
            }

            var run = await record;
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("Recorded 3 frames to rec.log", run.StandardOutput);
            string[] lines = File.ReadAllText(Path.Combine(folder, "rec.log")).TrimEnd('\n').Split('\n');
            Assert.Equal(3, lines.Length);
            foreach (string line in lines)
            {
                // candump -L format: (seconds.microseconds) interface id#data, with 8 hex digits for an extended id.
                Assert.Matches(@"^\(\d{10}\.\d{6}\) " + name + " 1ABCDEF0#0102$", line);
            }
        }
        finally
        {
            RunTool("/usr/sbin/ip", "link", "delete", "dev", name);
        }
    }

    private static (int ExitCode, string Error) RunTool(string path, params string[] arguments)
    {
        var start = new ProcessStartInfo(path) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        string error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error.Trim());
    }
}

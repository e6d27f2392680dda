using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using Controllers.Can.Tests.Logs;
using Controllers.Can.Transports;
using Controllers.Firmware.Common.Can;
using Xunit;

namespace Controllers.Can.Tests.Transports;

/// <summary>
/// SocketCanTransport against a vcan interface, with can-utils cansend and candump as the independent
/// peers. Tests that need vcan skip with the reason where the kernel or the user cannot create one.
/// </summary>
public sealed class SocketCanTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [SkippableFact]
    public void Open_MissingInterface_NamesIt()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "SocketCAN exists only on Linux.");
        const string name = "nocan93";
        Skip.If(Directory.Exists($"/sys/class/net/{name}"), $"An interface named {name} exists on this machine.");

        var error = Assert.Throws<SocketCanException>(() => SocketCanTransport.Open(name));

        Assert.Contains($"'{name}'", error.Message);
        Assert.Contains("not found", error.Message);
        Assert.Contains($"ip link add dev {name} type vcan", error.Message);
    }

    [SkippableFact]
    public void Open_LoopbackInterface_RejectedAsNotCan()
    {
        Skip.IfNot(Directory.Exists("/sys/class/net/lo"), "This machine has no loopback interface named lo.");

        var error = Assert.Throws<SocketCanException>(() => SocketCanTransport.Open("lo"));

        // ARPHRD_LOOPBACK is 772 (linux/if_arp.h).
        Assert.Contains("'lo' is not a CAN interface (link type 772", error.Message);
    }

    [Theory]
    [InlineData("can0-is-too-long")]
    [InlineData("can/0")]
    [InlineData("can 0")]
    public void Open_InvalidName_Rejected(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => SocketCanTransport.Open(name));

        Assert.Contains($"'{name}' is not a valid network interface name", error.Message);
    }

    [Fact]
    public void ToCanId_SetsFlagsAndIdentifier()
    {
        var standard = SocketCanTransport.ToCanId(CanBitTimingTests.Frame(0x7FF, false, 8));
        Assert.False(standard.ExtendedFrameFormat);
        Assert.False(standard.RemoteTransmissionRequest);
        Assert.Equal(0x7FFu, standard.Value);
        Assert.True(standard.IsValid);

        var extended = SocketCanTransport.ToCanId(CanBitTimingTests.Frame(0x1FFFFFFF, true, 0));
        Assert.True(extended.ExtendedFrameFormat);
        Assert.Equal(0x1FFFFFFFu, extended.Value);
        Assert.True(extended.IsValid);

        var remoteFrame = CanBitTimingTests.Frame(0x18DAF110, true, 3);
        remoteFrame.IsRemote = true;
        var remote = SocketCanTransport.ToCanId(remoteFrame);
        Assert.True(remote.RemoteTransmissionRequest);
        Assert.True(remote.ExtendedFrameFormat);
        Assert.Equal(0x18DAF110u, remote.Value);
    }

    [Fact]
    public void CopyToFrame_KeepsFlagsAndLength()
    {
        // An extended identifier whose low 11 bits equal a standard one must stay extended.
        var id = new Iot.Device.SocketCan.CanId { Extended = 0x123 };
        id.RemoteTransmissionRequest = true;
        var frame = new CanFrame();

        SocketCanTransport.CopyToFrame(id, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, 2, frame);

        Assert.Equal(0x123u, frame.Id);
        Assert.True(frame.IsExtended);
        Assert.True(frame.IsRemote);
        Assert.Equal(2, frame.Length);
        Assert.Equal(new byte[] { 1, 2 }, frame.Data[..2]);
    }

    [SkippableFact]
    public void Receive_FramesFromCansend()
    {
        string cansend = FindCanUtilsOrSkip("cansend");
        using var vcan = VcanInterface.CreateOrSkip("r");
        using var transport = SocketCanTransport.Open(vcan.Name);

        ExternalTool.RunChecked(cansend, null, vcan.Name, "123#DEADBEEF");
        ExternalTool.RunChecked(cansend, null, vcan.Name, "1ABCDEF0#0102");
        ExternalTool.RunChecked(cansend, null, vcan.Name, "321#R3");

        var frame = new CanFrame();
        Assert.True(transport.TryReceive(frame, Timeout, out TimeSpan firstTime));
        Assert.Equal(0x123u, frame.Id);
        Assert.False(frame.IsExtended);
        Assert.False(frame.IsRemote);
        Assert.Equal(new byte[] { 0xDE, 0xAD, 0xBE, 0xEF }, frame.Data[..frame.Length]);

        // The kernel stamps frames with wall-clock time, so the stamp lies after 2020-01-01 (1 577 836 800 s).
        Assert.True(firstTime > TimeSpan.FromSeconds(1_577_836_800), $"time stamp {firstTime}");

        Assert.True(transport.TryReceive(frame, Timeout));
        Assert.Equal(0x1ABCDEF0u, frame.Id);
        Assert.True(frame.IsExtended);
        Assert.Equal(new byte[] { 0x01, 0x02 }, frame.Data[..frame.Length]);

        // cansend's usage text: "<can_id>#R{len}" sends a remote frame whose DLC is len.
        Assert.True(transport.TryReceive(frame, Timeout));
        Assert.Equal(0x321u, frame.Id);
        Assert.True(frame.IsRemote);
        Assert.Equal(3, frame.Length);

        Assert.Equal(3, transport.Statistics.FramesReceived);
        Assert.Equal(0, transport.Statistics.Errors);
    }

    [SkippableFact]
    public void Send_FramesSeenByCandump()
    {
        string candump = FindCanUtilsOrSkip("candump");
        using var vcan = VcanInterface.CreateOrSkip("s");
        using var transport = SocketCanTransport.Open(vcan.Name);
        using var dump = CandumpProcess.Start(candump, vcan.Name);

        // candump binds its socket some time after it starts, so a marker frame repeats until it shows up.
        var marker = CanBitTimingTests.Frame(0x7FF, false, 0);
        dump.WaitForLine($"{vcan.Name} 7FF#", () => transport.Send(marker));

        transport.Send(CanBitTimingTests.Frame(0x123, false, 4));
        transport.Send(CanBitTimingTests.Frame(0x1ABCDEF0, true, 2));
        var remote = CanBitTimingTests.Frame(0x321, false, 0);
        remote.IsRemote = true;
        transport.Send(remote);

        // candump -L writes a standard id with 3 hex digits, an extended id with 8, and a remote frame as #R.
        Assert.EndsWith($"{vcan.Name} 123#11223344", dump.NextLineAfterMarkers("7FF#"));
        Assert.EndsWith($"{vcan.Name} 1ABCDEF0#1122", dump.NextLineAfterMarkers("7FF#"));
        Assert.EndsWith($"{vcan.Name} 321#R", dump.NextLineAfterMarkers("7FF#"));
    }

    [SkippableFact]
    public void Dispose_StopsIdleReader()
    {
        using var vcan = VcanInterface.CreateOrSkip("d");
        var transport = SocketCanTransport.Open(vcan.Name);
        Assert.True(transport.IsReceiving);

        // A receiver waiting on an idle bus must return when the transport is disposed.
        bool? received = null;
        var waiter = new Thread(() => received = transport.TryReceive(new CanFrame(), TimeSpan.FromMinutes(5)));
        waiter.Start();
        transport.Dispose();

        Assert.True(waiter.Join(TimeSpan.FromMinutes(1)), "TryReceive did not return after Dispose.");
        Assert.False(received);
        Assert.False(transport.IsReceiving);
        Assert.Throws<ObjectDisposedException>(() => transport.Send(new CanFrame()));
    }

    private static string FindCanUtilsOrSkip(string tool)
    {
        string? path = ExternalTool.FindOnPath(tool);
        Skip.If(path is null, $"{tool} is not installed (Debian package can-utils).");
        return path!;
    }

    /// <summary>A running <c>candump -L</c> whose output lines are collected as they arrive.</summary>
    private sealed class CandumpProcess : IDisposable
    {
        private readonly Process process;
        private readonly BlockingCollection<string> lines = new();

        private CandumpProcess(Process process)
        {
            this.process = process;
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lines.Add(e.Data);
                }
            };
            process.BeginOutputReadLine();
        }

        public static CandumpProcess Start(string candump, string interfaceName)
        {
            var startInfo = new ProcessStartInfo(candump)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            startInfo.ArgumentList.Add("-L");
            startInfo.ArgumentList.Add(interfaceName);
            var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Failed to start {candump}.");
            return new CandumpProcess(process);
        }

        /// <summary>Calls <paramref name="send"/> every 50 ms until a line contains <paramref name="text"/>.</summary>
        public void WaitForLine(string text, Action send)
        {
            var stopwatch = Stopwatch.StartNew();
            while (stopwatch.Elapsed < Timeout)
            {
                send();
                if (lines.TryTake(out string? line, TimeSpan.FromMilliseconds(50)) && line.Contains(text, StringComparison.Ordinal))
                {
                    return;
                }
            }

            throw new TimeoutException($"candump did not print a line with '{text}' within {Timeout.TotalSeconds} s.");
        }

        /// <summary>Returns the next line that does not contain <paramref name="marker"/>.</summary>
        public string NextLineAfterMarkers(string marker)
        {
            while (lines.TryTake(out string? line, Timeout))
            {
                if (!line.Contains(marker, StringComparison.Ordinal))
                {
                    return line;
                }
            }

            throw new TimeoutException($"candump printed no further line within {Timeout.TotalSeconds} s.");
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit();
            }

            process.Dispose();
            lines.Dispose();
        }
    }
}

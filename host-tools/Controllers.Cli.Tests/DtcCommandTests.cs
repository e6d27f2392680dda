using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using Controllers.Firmware.Common.Diagnostics;
using Xunit;

namespace Controllers.Cli.Tests;

public sealed class DtcCommandTests : IDisposable
{
    private static readonly uint[] Registered = [0x123456, 0xABCDEF, 0x010203];

    private readonly DtcTestEcu ecu = new(Registered, failedDtcs: [0xABCDEF]);

    public void Dispose() => ecu.Dispose();

    // A 2 s P2 keeps the tests stable on a loaded machine, although the ECU on loopback responds within milliseconds.
    private CtlRun Run(string command, params string[] extra) => RunIn("en_US.UTF-8", command, extra);

    private CtlRun RunIn(string language, string command, params string[] extra)
    {
        string[] arguments = ["dtc", command, "--socketcand", ecu.Endpoint, "--channel", "can0", "--p2", "2000", .. extra];
        return CtlProcess.Run(Path.GetTempPath(), arguments, language);
    }

    [Fact]
    public void Read_ListsDtcsWithStatusNames()
    {
        CtlRun run = Run("read");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.StandardError);
        Assert.Contains("0x123456", run.StandardOutput);
        Assert.Contains("0xABCDEF", run.StandardOutput);
        Assert.Contains("0x2F", run.StandardOutput);
        Assert.Contains("testFailed, testFailedThisOperationCycle, pendingDTC, confirmedDTC, testFailedSinceLastClear", run.StandardOutput);
        Assert.Contains("testNotCompletedSinceLastClear, testNotCompletedThisOperationCycle", run.StandardOutput);

        // 0x010203 was never tested after registration, so it has the cleared status and is listed too.
        Assert.Contains("0x010203", run.StandardOutput);
    }

    [Fact]
    public void Read_StatusMaskFilters()
    {
        CtlRun run = Run("read", "--status-mask", "01");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("0xABCDEF", run.StandardOutput);
        Assert.DoesNotContain("0x123456", run.StandardOutput);
    }

    [Fact]
    public void Read_NoMatchPrintsMessage()
    {
        CtlRun run = Run("read", "--status-mask", "0x80");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("No DTC matches status mask 0x80.", run.StandardOutput);
    }

    [Fact]
    public void Read_ChineseStatusNames()
    {
        CtlRun run = RunIn("zh_CN.UTF-8", "read", "--status-mask", "01");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("状态位", run.StandardOutput);
        Assert.Contains("测试失败", run.StandardOutput);
    }

    [Fact]
    public void Clear_ClearsAllGroups()
    {
        CtlRun run = Run("clear");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Cleared DTC group 0xFFFFFF.", run.StandardOutput);
        int index = ecu.Read(dtcs => dtcs.IndexOf(0xABCDEF));
        Assert.Equal(DtcMemory.ClearedStatus, ecu.Read(dtcs => dtcs.StatusAt(index)));
    }

    [Fact]
    public void Clear_UnknownGroupFailsWithNrc()
    {
        CtlRun run = Run("clear", "--group", "999999");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ClearDiagnosticInformation (0x14)", run.StandardError);
        Assert.Contains("NRC 0x31 requestOutOfRange", run.StandardError);
    }

    [Fact]
    public void Read_WrongResponseIdTimesOut()
    {
        string[] arguments = ["dtc", "read", "--socketcand", ecu.Endpoint, "--rx-id", "0x7E9", "--p2", "200"];

        CtlRun run = CtlProcess.Run(Path.GetTempPath(), arguments);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ReadDTCInformation (0x19) timed out", run.StandardError);
        Assert.Contains("0x7E9", run.StandardError);
    }

    [Theory]
    [InlineData("--tx-id", "0x800", "Invalid --tx-id value '0x800'")]
    [InlineData("--rx-id", "xyz", "Invalid --rx-id value 'xyz'")]
    [InlineData("--status-mask", "100", "Invalid --status-mask value '100'")]
    [InlineData("--p2", "0", "Invalid --p2 value '0'")]
    public void Read_InvalidOptionExitsTwo(string option, string value, string expected)
    {
        CtlRun run = CtlProcess.Run(Path.GetTempPath(), ["dtc", "read", "--socketcand", ecu.Endpoint, option, value]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.StandardError);
    }

    [Fact]
    public void Read_InvalidEndpointExitsTwo()
    {
        CtlRun run = CtlProcess.Run(Path.GetTempPath(), ["dtc", "read", "--socketcand", "localhost"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Invalid --socketcand value 'localhost'", run.StandardError);
    }

    [Fact]
    public void Read_RefusedConnectionExitsOne()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        CtlRun run = CtlProcess.Run(Path.GetTempPath(), ["dtc", "read", "--socketcand", "127.0.0.1:" + port]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Connecting to socketcand at 127.0.0.1:" + port + " failed", run.StandardError);
    }
}

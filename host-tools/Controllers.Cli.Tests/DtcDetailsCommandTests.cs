using System;
using System.IO;
using System.Linq;
using Controllers.Firmware.Common.Diagnostics;
using Xunit;

namespace Controllers.Cli.Tests;

/// <summary>
/// <c>ctl dtc read</c> against an ECU whose DTC memory debounces, keeps freeze frames with the VCU's data
/// identifiers and ages DTCs, so the fault detection counter, counters and snapshot records are shown.
/// </summary>
public sealed class DtcDetailsCommandTests : IDisposable
{
    private const uint Debounced = 0x123456;
    private const uint Failed = 0xABCDEF;

    // Freeze frame bytes, big endian: 0x01E0 = 480 × 0.1 km/h = 48.0 km/h; 0x0EEC = 3820 rpm;
    // 0xFF83 = −125 × 0.1 N·m = −12.5 N·m; 0x2BC0 = 11200 mV = 11.2 V; 0x7C = 124 × 0.5 % = 62 %;
    // 0x0D80 = 3456 × 0.1 V = 345.6 V.
    private static readonly byte[] FrameValues = Convert.FromHexString("01E00EECFF832BC07C0D80");

    private readonly DtcTestEcu ecu = new([Debounced, Failed, 0x010203], [Failed], Configure);

    public void Dispose() => ecu.Dispose();

    private static void Configure(DtcMemory memory)
    {
        memory.AgeingThresholdCycles = 40;
        memory.SetSnapshotLayout([0xD100, 0xD101, 0xD102, 0xD103, 0xD104, 0xD105], [2, 2, 2, 2, 1, 2], true, new FixedFrame());

        // Three prefailed samples of 32 each: fault detection counter 96.
        memory.ConfigureDebounce(Debounced, 32, 32, false);
        for (int i = 0; i < 3; i++)
        {
            memory.ReportMonitorSample(Debounced, true);
        }
    }

    private CtlRun Run(string language, params string[] extra)
    {
        string[] arguments = ["dtc", "read", "--socketcand", ecu.Endpoint, "--channel", "can0", "--p2", "2000", .. extra];
        return CtlProcess.Run(Path.GetTempPath(), arguments, language);
    }

    private static string LineWith(string output, string text) =>
        output.Split('\n').First(line => line.Contains(text, StringComparison.Ordinal));

    [Fact]
    public void Read_ShowsFaultDetectionCounter()
    {
        CtlRun run = Run("en_US.UTF-8");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.StandardError);
        Assert.Contains("FDC", run.StandardOutput);
        Assert.Contains(" 96 ", LineWith(run.StandardOutput, "0x123456"));
    }

    [Fact]
    public void Read_ShowsOccurrenceAndAgeing()
    {
        CtlRun run = Run("en_US.UTF-8");

        // One failure, no passed cycle yet: occurrence counter 1, ageing counter 0.
        string row = LineWith(run.StandardOutput, "0xABCDEF");
        string[] cells = row.Split('│', StringSplitOptions.TrimEntries);
        Assert.Contains("1", cells);
        Assert.Contains("0", cells);
        Assert.Contains("Ageing cycles", run.StandardOutput);
    }

    [Fact]
    public void Read_ShowsSnapshotRecords()
    {
        CtlRun run = Run("en_US.UTF-8");

        Assert.Contains("Snapshot record 0x01 of DTC 0xABCDEF:", run.StandardOutput);
        Assert.Contains("Snapshot record 0x02 of DTC 0xABCDEF:", run.StandardOutput);
        Assert.Contains("48.0 km/h", LineWith(run.StandardOutput, "Vehicle speed"));
        Assert.Contains("3820 rpm", run.StandardOutput);
        Assert.Contains("-12.5 N·m", run.StandardOutput);
        Assert.Contains("11.2 V", run.StandardOutput);
        Assert.Contains("62.0 %", run.StandardOutput);
        Assert.Contains("345.6 V", run.StandardOutput);
        Assert.Contains("0xD105", run.StandardOutput);
    }

    [Fact]
    public void Read_SnapshotFilteredByStatusMask()
    {
        // 0xABCDEF has status 0x2F; the mask 0x10 (testNotCompletedSinceLastClear) leaves it out.
        CtlRun run = Run("en_US.UTF-8", "--status-mask", "10");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("Snapshot record", run.StandardOutput);
    }

    [Fact]
    public void Read_ChineseSnapshotHeading()
    {
        CtlRun run = Run("zh_CN.UTF-8");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("DTC 0xABCDEF 的快照记录 0x01", run.StandardOutput);
        Assert.Contains("车速", run.StandardOutput);
        Assert.Contains("老化循环数", run.StandardOutput);
    }

    private sealed class FixedFrame : IDtcSnapshotSource
    {
        public void FillSnapshot(byte[] values) => Array.Copy(FrameValues, values, FrameValues.Length);
    }
}

using Controllers.Firmware.Common.Diagnostics;
using Xunit;
using static Controllers.Firmware.Common.Tests.Diagnostics.UdsTestBench;

namespace Controllers.Firmware.Common.Tests.Diagnostics;

/// <summary>DTC status bits, ClearDiagnosticInformation, ReadDTCInformation and ControlDTCSetting.</summary>
public class UdsDtcTests
{
    private readonly UdsTestBench bench = new();

    private DtcMemory Dtcs => bench.Server.Dtcs!;

    private byte Status(uint number) => Dtcs.StatusAt(Dtcs.IndexOf(number));

    [Fact]
    public void Status_AfterRegistration()
    {
        Assert.Equal(0x50, Status(0x123456));
    }

    [Fact]
    public void Status_AfterFailure()
    {
        Assert.True(Dtcs.ReportTestResult(0x123456, true));

        // testFailed, thisOperationCycle, pending, confirmed and sinceLastClear, with both "not completed" bits clear.
        Assert.Equal(0x2F, Status(0x123456));
        Assert.Equal(1, Dtcs.OccurrenceCounterAt(Dtcs.IndexOf(0x123456)));
    }

    [Fact]
    public void Status_FailedThenPassed()
    {
        Dtcs.ReportTestResult(0x123456, true);
        Dtcs.ReportTestResult(0x123456, false);

        Assert.Equal(0x2E, Status(0x123456));
    }

    [Fact]
    public void Status_PassedOnly()
    {
        Dtcs.ReportTestResult(0x123456, false);

        Assert.Equal(0x00, Status(0x123456));
    }

    [Fact]
    public void OccurrenceCounter_CountsNewFailures()
    {
        Dtcs.ReportTestResult(0x123456, true);
        Dtcs.ReportTestResult(0x123456, true);
        Dtcs.ReportTestResult(0x123456, false);
        Dtcs.ReportTestResult(0x123456, true);

        Assert.Equal(2, Dtcs.OccurrenceCounterAt(Dtcs.IndexOf(0x123456)));
    }

    [Fact]
    public void OperationCycle_ClearsPendingAfterPassedCycle()
    {
        Dtcs.ReportTestResult(0x123456, true);
        Dtcs.ReportTestResult(0x123456, false);

        Dtcs.StartOperationCycle();
        Assert.Equal(0x6C, Status(0x123456));

        Dtcs.ReportTestResult(0x123456, false);
        Assert.Equal(0x2C, Status(0x123456));

        Dtcs.StartOperationCycle();
        Assert.Equal(0x68, Status(0x123456));
    }

    [Fact]
    public void OperationCycle_KeepsPendingWhenNotTested()
    {
        Dtcs.ReportTestResult(0x123456, true);
        Dtcs.StartOperationCycle();

        Dtcs.StartOperationCycle();

        Assert.Equal(0x6D, Status(0x123456));
    }

    [Fact]
    public void WarningIndicator_SetAndCleared()
    {
        Assert.True(Dtcs.SetWarningIndicator(0xABCDEF, true));
        Assert.Equal(0xD0, Status(0xABCDEF));

        Assert.True(Dtcs.SetWarningIndicator(0xABCDEF, false));
        Assert.Equal(0x50, Status(0xABCDEF));
        Assert.False(Dtcs.SetWarningIndicator(0x999999, true));
    }

    [Fact]
    public void ReportTestResult_UnknownDtc_ReturnsFalse()
    {
        Assert.False(Dtcs.ReportTestResult(0x999999, true));
    }

    [Fact]
    public void ReadDtc_NumberByStatusMask()
    {
        Dtcs.ReportTestResult(0x123456, true);
        Dtcs.ReportTestResult(0x010203, true);
        Dtcs.ReportTestResult(0x010203, false);

        Assert.Equal(Hex("59 01 FF 01 00 01"), bench.Send("19 01 01"));
        Assert.Equal(Hex("59 01 FF 01 00 02"), bench.Send("19 01 08"));
        Assert.Equal(Hex("59 01 FF 01 00 03"), bench.Send("19 01 FF"));
        Assert.Equal(Hex("59 01 FF 01 00 00"), bench.Send("19 01 00"));
    }

    [Fact]
    public void ReadDtc_ByStatusMask()
    {
        Dtcs.ReportTestResult(0x123456, true);
        Dtcs.ReportTestResult(0x010203, true);
        Dtcs.ReportTestResult(0x010203, false);

        Assert.Equal(Hex("59 02 FF 12 34 56 2F"), bench.Send("19 02 01"));
        Assert.Equal(Hex("59 02 FF 12 34 56 2F 01 02 03 2E"), bench.Send("19 02 08"));
        Assert.Equal(Hex("59 02 FF"), bench.Send("19 02 80"));
    }

    [Fact]
    public void ReadDtc_SupportedDtcs()
    {
        Dtcs.ReportTestResult(0xABCDEF, true);

        Assert.Equal(Hex("59 0A FF 12 34 56 50 AB CD EF 2F 01 02 03 50"), bench.Send("19 0A"));
    }

    [Fact]
    public void ReadDtc_ExtendedData()
    {
        Dtcs.ReportTestResult(0xABCDEF, true);
        Dtcs.ReportTestResult(0xABCDEF, false);
        Dtcs.ReportTestResult(0xABCDEF, true);

        Assert.Equal(Hex("59 06 AB CD EF 2F 01 02"), bench.Send("19 06 AB CD EF 01"));
        Assert.Equal(Hex("59 06 AB CD EF 2F 01 02"), bench.Send("19 06 AB CD EF FF"));
    }

    [Theory]
    [InlineData("19 06 99 99 99 01", "7F 19 31")]
    [InlineData("19 06 AB CD EF 02", "7F 19 31")]
    [InlineData("19 06 AB CD EF", "7F 19 13")]
    [InlineData("19 01", "7F 19 13")]
    [InlineData("19 02 FF 00", "7F 19 13")]
    [InlineData("19 0A 00", "7F 19 13")]
    [InlineData("19", "7F 19 13")]
    [InlineData("19 04 12 34 56 01", "7F 19 12")]
    [InlineData("19 81 FF", "7F 19 12")]
    public void ReadDtc_InvalidRequests(string request, string expected)
    {
        Assert.Equal(Hex(expected), bench.Send(request));
    }

    [Fact]
    public void Clear_AllGroups()
    {
        Dtcs.ReportTestResult(0x123456, true);
        Dtcs.ReportTestResult(0xABCDEF, true);

        Assert.Equal(Hex("54"), bench.Send("14 FF FF FF"));

        Assert.Equal(0x50, Status(0x123456));
        Assert.Equal(0x50, Status(0xABCDEF));
        Assert.Equal(0, Dtcs.OccurrenceCounterAt(Dtcs.IndexOf(0x123456)));
    }

    [Fact]
    public void Clear_SingleDtc()
    {
        Dtcs.ReportTestResult(0x123456, true);
        Dtcs.ReportTestResult(0xABCDEF, true);

        Assert.Equal(Hex("54"), bench.Send("14 12 34 56"));

        Assert.Equal(0x50, Status(0x123456));
        Assert.Equal(0x2F, Status(0xABCDEF));
    }

    [Theory]
    [InlineData("14 99 99 99", "7F 14 31")]
    [InlineData("14 FF FF", "7F 14 13")]
    [InlineData("14 FF FF FF 00", "7F 14 13")]
    public void Clear_InvalidRequests(string request, string expected)
    {
        Dtcs.ReportTestResult(0x123456, true);

        Assert.Equal(Hex(expected), bench.Send(request));
        Assert.Equal(0x2F, Status(0x123456));
    }

    [Fact]
    public void ControlDtcSetting_OffFreezesStatus()
    {
        bench.Send("10 03");

        Assert.Equal(Hex("C5 02"), bench.Send("85 02"));
        Assert.False(Dtcs.ReportTestResult(0x123456, true));
        Assert.Equal(0x50, Status(0x123456));

        Assert.Equal(Hex("C5 01"), bench.Send("85 01"));
        Assert.True(Dtcs.ReportTestResult(0x123456, true));
        Assert.Equal(0x2F, Status(0x123456));
    }

    [Fact]
    public void ControlDtcSetting_SuppressBitAndOptionRecord()
    {
        bench.Send("10 03");

        Assert.Null(bench.Send("85 82 FF FF FF"));
        Assert.False(Dtcs.IsUpdateEnabled);
    }

    [Fact]
    public void ControlDtcSetting_DefaultSessionReenables()
    {
        bench.Send("10 03");
        bench.Send("85 02");

        bench.Send("10 01");

        Assert.True(Dtcs.IsUpdateEnabled);
    }

    [Theory]
    [InlineData("85", "7F 85 13")]
    [InlineData("85 03", "7F 85 12")]
    [InlineData("85 00", "7F 85 12")]
    public void ControlDtcSetting_InvalidRequests(string request, string expected)
    {
        bench.Send("10 03");

        Assert.Equal(Hex(expected), bench.Send(request));
        Assert.True(Dtcs.IsUpdateEnabled);
    }

    [Fact]
    public void ControlDtcSetting_DefaultSession_NotInActiveSession()
    {
        Assert.Equal(Hex("7F 85 7F"), bench.Send("85 02"));
        Assert.True(Dtcs.IsUpdateEnabled);
    }

    [Fact]
    public void DtcServices_NotConfigured_ServiceNotSupported()
    {
        bench.Server.Dtcs = null;
        bench.Send("10 03");

        Assert.Equal(Hex("7F 14 11"), bench.Send("14 FF FF FF"));
        Assert.Equal(Hex("7F 19 11"), bench.Send("19 0A"));
        Assert.Equal(Hex("7F 85 11"), bench.Send("85 02"));
    }
}

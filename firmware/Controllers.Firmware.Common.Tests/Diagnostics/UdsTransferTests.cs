using Controllers.Firmware.Common.Diagnostics;
using Xunit;
using static Controllers.Firmware.Common.Tests.Diagnostics.UdsTestBench;

namespace Controllers.Firmware.Common.Tests.Diagnostics;

/// <summary>RequestDownload, TransferData with its block sequence counter, and RequestTransferExit.</summary>
public class UdsTransferTests
{
    private readonly UdsTestBench bench = new();

    private static byte[] TransferRequest(int counter, int length)
    {
        var request = new byte[2 + length];
        request[0] = 0x36;
        request[1] = (byte)counter;
        for (int i = 0; i < length; i++)
        {
            request[2 + i] = (byte)(counter + i);
        }

        return request;
    }

    [Fact]
    public void Download_FullSequence()
    {
        bench.EnterProgrammingUnlocked();

        Assert.Equal(Hex("74 20 0F FF"), bench.Send("34 00 44 00 08 00 00 00 00 00 06"));
        Assert.Equal(0x00080000u, bench.Download.StartAddress);
        Assert.Equal(6u, bench.Download.StartSize);

        Assert.Equal(Hex("76 01"), bench.Send("36 01 AA BB CC DD"));
        Assert.Equal(Hex("76 02"), bench.Send("36 02 EE FF"));
        Assert.Equal(Hex("77"), bench.Send("37"));

        Assert.Equal(2, bench.Download.Blocks.Count);
        Assert.Equal(0x00080000u, bench.Download.Blocks[0].Address);
        Assert.Equal(Hex("AA BB CC DD"), bench.Download.Blocks[0].Data);
        Assert.Equal(0x00080004u, bench.Download.Blocks[1].Address);
        Assert.Equal(Hex("EE FF"), bench.Download.Blocks[1].Data);
        Assert.Equal(1, bench.Download.FinishCount);
        Assert.False(bench.Server.IsDownloadActive);
    }

    [Fact]
    public void TransferData_CounterWrapsAfterFF()
    {
        bench.EnterProgrammingUnlocked();
        bench.Send("34 00 22 10 00 01 01");

        for (int counter = 1; counter <= 0xFF; counter++)
        {
            Assert.Equal(new byte[] { 0x76, (byte)counter }, bench.Send(TransferRequest(counter, 1)));
        }

        Assert.Equal(Hex("76 00"), bench.Send(TransferRequest(0x00, 1)));
        Assert.Equal(Hex("76 01"), bench.Send(TransferRequest(0x01, 1)));
        Assert.Equal(257, bench.Download.Blocks.Count);
        Assert.Equal(0x1100u, bench.Download.Blocks[256].Address);
        Assert.Equal(Hex("77"), bench.Send("37"));
    }

    [Fact]
    public void TransferData_RepeatedBlock_AcceptedWithoutWrite()
    {
        bench.EnterProgrammingUnlocked();
        bench.Send("34 00 11 00 04");
        bench.Send("36 01 01 02");

        Assert.Equal(Hex("76 01"), bench.Send("36 01 01 02"));
        Assert.Single(bench.Download.Blocks);

        Assert.Equal(Hex("76 02"), bench.Send("36 02 03 04"));
        Assert.Equal(Hex("77"), bench.Send("37"));
    }

    [Theory]
    [InlineData("36 02 00")]
    [InlineData("36 00 00")]
    [InlineData("36 FF 00")]
    public void TransferData_WrongFirstCounter(string request)
    {
        bench.EnterProgrammingUnlocked();
        bench.Send("34 00 11 00 04");

        Assert.Equal(Hex("7F 36 73"), bench.Send(request));
        Assert.Empty(bench.Download.Blocks);
    }

    [Fact]
    public void TransferData_SkippedCounter()
    {
        bench.EnterProgrammingUnlocked();
        bench.Send("34 00 11 00 04");
        bench.Send("36 01 00");

        Assert.Equal(Hex("7F 36 73"), bench.Send("36 03 00"));
        Assert.Equal(Hex("76 02"), bench.Send("36 02 00"));
    }

    [Fact]
    public void TransferData_MoreThanRequested_Suspended()
    {
        bench.EnterProgrammingUnlocked();
        bench.Send("34 00 11 00 04");
        bench.Send("36 01 00 00 00");

        Assert.Equal(Hex("7F 36 71"), bench.Send("36 02 00 00"));
        Assert.Single(bench.Download.Blocks);
    }

    [Fact]
    public void TransferData_WriteFailure_IsSent()
    {
        bench.EnterProgrammingUnlocked();
        bench.Send("34 00 11 00 04");
        bench.Download.WriteCode = UdsNegativeResponseCode.GeneralProgrammingFailure;

        Assert.Equal(Hex("7F 36 72"), bench.Send("36 01 00"));
    }

    [Theory]
    [InlineData("36", "7F 36 13")]
    [InlineData("36 01", "7F 36 13")]
    public void TransferData_InvalidLength(string request, string expected)
    {
        bench.EnterProgrammingUnlocked();
        bench.Send("34 00 11 00 04");

        Assert.Equal(Hex(expected), bench.Send(request));
    }

    [Fact]
    public void TransferData_WithoutDownload_RequestSequenceError()
    {
        bench.EnterProgrammingUnlocked();

        Assert.Equal(Hex("7F 36 24"), bench.Send("36 01 00"));
        Assert.Equal(Hex("7F 37 24"), bench.Send("37"));
    }

    [Fact]
    public void TransferExit_BeforeAllData_RequestSequenceError()
    {
        bench.EnterProgrammingUnlocked();
        bench.Send("34 00 11 00 04");
        bench.Send("36 01 00");

        Assert.Equal(Hex("7F 37 24"), bench.Send("37"));
        Assert.True(bench.Server.IsDownloadActive);
    }

    [Fact]
    public void TransferExit_HandlerFailure_IsSent()
    {
        bench.EnterProgrammingUnlocked();
        bench.Send("34 00 11 00 01");
        bench.Send("36 01 00");
        bench.Download.FinishCode = UdsNegativeResponseCode.GeneralProgrammingFailure;

        Assert.Equal(Hex("7F 37 72"), bench.Send("37"));
        Assert.False(bench.Server.IsDownloadActive);
    }

    [Theory]
    [InlineData("34 00", "7F 34 13")]
    [InlineData("34 00 11 00", "7F 34 13")]
    [InlineData("34 00 11 00 04 00", "7F 34 13")]
    [InlineData("34 10 11 00 04", "7F 34 31")]
    [InlineData("34 00 01 00 04", "7F 34 31")]
    [InlineData("34 00 50 00 04", "7F 34 31")]
    [InlineData("34 00 11 00 00", "7F 34 31")]
    public void RequestDownload_InvalidRequests(string request, string expected)
    {
        bench.EnterProgrammingUnlocked();

        Assert.Equal(Hex(expected), bench.Send(request));
        Assert.False(bench.Server.IsDownloadActive);
    }

    [Fact]
    public void RequestDownload_Locked_SecurityAccessDenied()
    {
        bench.Send("10 03");
        bench.Send("10 02");

        Assert.Equal(Hex("7F 34 33"), bench.Send("34 00 11 00 04"));
    }

    [Theory]
    [InlineData("34 00 11 00 04", "7F 34 7F")]
    [InlineData("36 01 00", "7F 36 7F")]
    [InlineData("37", "7F 37 7F")]
    public void Transfer_ExtendedSession_NotInActiveSession(string request, string expected)
    {
        bench.EnterExtendedUnlocked();

        Assert.Equal(Hex(expected), bench.Send(request));
    }

    [Fact]
    public void RequestDownload_WhileActive_ConditionsNotCorrect()
    {
        bench.EnterProgrammingUnlocked();
        bench.Send("34 00 11 00 04");

        Assert.Equal(Hex("7F 34 22"), bench.Send("34 00 11 00 04"));
    }

    [Theory]
    [InlineData(UdsNegativeResponseCode.RequestOutOfRange, "7F 34 31")]
    [InlineData(UdsNegativeResponseCode.UploadDownloadNotAccepted, "7F 34 70")]
    public void RequestDownload_HandlerRejects(byte code, string expected)
    {
        bench.EnterProgrammingUnlocked();
        bench.Download.StartCode = code;

        Assert.Equal(Hex(expected), bench.Send("34 00 11 00 04"));
        Assert.False(bench.Server.IsDownloadActive);
    }

    [Fact]
    public void SessionChange_AbortsDownload()
    {
        bench.EnterProgrammingUnlocked();
        bench.Send("34 00 11 00 04");

        bench.Send("10 02");

        Assert.False(bench.Server.IsDownloadActive);
    }

    [Fact]
    public void Download_NotConfigured_ServiceNotSupported()
    {
        bench.Server.DownloadHandler = null;
        bench.EnterProgrammingUnlocked();

        Assert.Equal(Hex("7F 34 11"), bench.Send("34 00 11 00 04"));
        Assert.Equal(Hex("7F 36 11"), bench.Send("36 01 00"));
        Assert.Equal(Hex("7F 37 11"), bench.Send("37"));
    }
}

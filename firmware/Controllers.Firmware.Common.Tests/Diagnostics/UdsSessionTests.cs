using Controllers.Firmware.Common.Diagnostics;
using Xunit;
using static Controllers.Firmware.Common.Tests.Diagnostics.UdsTestBench;

namespace Controllers.Firmware.Common.Tests.Diagnostics;

/// <summary>DiagnosticSessionControl, S3 timeout, TesterPresent, ECUReset, CommunicationControl and general request checks.</summary>
public class UdsSessionTests
{
    private readonly UdsTestBench bench = new();

    [Fact]
    public void UnknownService_ServiceNotSupported()
    {
        Assert.Equal(Hex("7F 23 11"), bench.Send("23 00 10"));
    }

    [Fact]
    public void EmptyRequest_NoResponse()
    {
        Assert.Null(bench.Send(new byte[0]));
    }

    [Theory]
    [InlineData("10 01", "50 01 00 32 01 F4")]
    [InlineData("10 03", "50 03 00 32 01 F4")]
    public void SessionControl_ReportsP2Values(string request, string expected)
    {
        Assert.Equal(Hex(expected), bench.Send(request));
    }

    [Fact]
    public void SessionControl_ProgrammingFromExtended()
    {
        bench.Send("10 03");

        Assert.Equal(Hex("50 02 00 32 01 F4"), bench.Send("10 02"));
        Assert.Equal(UdsSession.Programming, bench.Server.Session);
    }

    [Fact]
    public void SessionControl_ProgrammingFromDefault_NotInActiveSession()
    {
        Assert.Equal(Hex("7F 10 7E"), bench.Send("10 02"));
        Assert.Equal(UdsSession.Default, bench.Server.Session);
    }

    [Theory]
    [InlineData("10", "7F 10 13")]
    [InlineData("10 03 00", "7F 10 13")]
    [InlineData("10 04", "7F 10 12")]
    [InlineData("10 00", "7F 10 12")]
    public void SessionControl_InvalidRequests(string request, string expected)
    {
        Assert.Equal(Hex(expected), bench.Send(request));
        Assert.Equal(UdsSession.Default, bench.Server.Session);
    }

    [Fact]
    public void SessionControl_SuppressBit_NoResponse()
    {
        Assert.Null(bench.Send("10 83"));
        Assert.Equal(UdsSession.Extended, bench.Server.Session);
    }

    [Fact]
    public void SuppressBit_NegativeResponseStillSent()
    {
        Assert.Equal(Hex("7F 10 12"), bench.Send("10 84"));
    }

    [Fact]
    public void S3Timeout_ReturnsToDefaultSession()
    {
        bench.EnterExtendedUnlocked();
        Assert.Equal(0x01, bench.Server.UnlockedSecurityLevel);

        Assert.Null(bench.Advance(4_999_000));
        Assert.Equal(UdsSession.Extended, bench.Server.Session);

        bench.Advance(1_000);
        Assert.Equal(UdsSession.Default, bench.Server.Session);
        Assert.Equal(0, bench.Server.UnlockedSecurityLevel);
    }

    [Fact]
    public void TesterPresent_RestartsS3()
    {
        bench.Send("10 03");

        bench.Advance(4_000_000);
        Assert.Null(bench.Send("3E 80"));
        bench.Advance(4_000_000);
        Assert.Equal(UdsSession.Extended, bench.Server.Session);

        bench.Advance(1_000_000);
        Assert.Equal(UdsSession.Default, bench.Server.Session);
    }

    [Fact]
    public void S3Timeout_NotInDefaultSession()
    {
        bench.Advance(60_000_000);

        Assert.Equal(UdsSession.Default, bench.Server.Session);
    }

    [Theory]
    [InlineData("3E 00", "7E 00")]
    [InlineData("3E", "7F 3E 13")]
    [InlineData("3E 00 00", "7F 3E 13")]
    [InlineData("3E 01", "7F 3E 12")]
    public void TesterPresent_Responses(string request, string expected)
    {
        Assert.Equal(Hex(expected), bench.Send(request));
    }

    [Fact]
    public void TesterPresent_SuppressBit_NoResponse()
    {
        Assert.Null(bench.Send("3E 80"));
    }

    [Theory]
    [InlineData("11 01", 0x01)]
    [InlineData("11 03", 0x03)]
    public void EcuReset_RespondsThenResets(string request, int resetType)
    {
        Assert.Equal(new byte[] { 0x51, (byte)resetType }, bench.Send(request));
        Assert.Empty(bench.Reset.Resets);

        bench.Advance(1_000);
        Assert.Equal(new[] { resetType }, bench.Reset.Resets);

        bench.Advance(1_000);
        Assert.Single(bench.Reset.Resets);
    }

    [Fact]
    public void EcuReset_SuppressBit_ResetsWithoutResponse()
    {
        Assert.Null(bench.Send("11 81"));

        bench.Advance(1_000);
        Assert.Equal(new[] { 0x01 }, bench.Reset.Resets);
    }

    [Fact]
    public void EcuReset_WaitsUntilResponseRead()
    {
        bench.Server.HandleRequest(Hex("11 01"), 2);

        bench.Server.Run(bench.Clock.NowMicroseconds);
        Assert.Empty(bench.Reset.Resets);

        Assert.Equal(Hex("51 01"), bench.TakeResponse());
        bench.Server.Run(bench.Clock.NowMicroseconds);
        Assert.Single(bench.Reset.Resets);
    }

    [Theory]
    [InlineData("11", "7F 11 13")]
    [InlineData("11 01 00", "7F 11 13")]
    [InlineData("11 02", "7F 11 12")]
    [InlineData("11 04", "7F 11 12")]
    public void EcuReset_InvalidRequests(string request, string expected)
    {
        Assert.Equal(Hex(expected), bench.Send(request));

        bench.Advance(1_000);
        Assert.Empty(bench.Reset.Resets);
    }

    [Fact]
    public void EcuReset_NotAllowed_ConditionsNotCorrect()
    {
        bench.Reset.Allowed = false;

        Assert.Equal(Hex("7F 11 22"), bench.Send("11 01"));
        bench.Advance(1_000);
        Assert.Empty(bench.Reset.Resets);
    }

    [Fact]
    public void EcuReset_WithoutHandler_ServiceNotSupported()
    {
        bench.Server.ResetHandler = null;

        Assert.Equal(Hex("7F 11 11"), bench.Send("11 01"));
    }

    [Fact]
    public void CommunicationControl_DefaultSession_NotInActiveSession()
    {
        Assert.Equal(Hex("7F 28 7F"), bench.Send("28 03 01"));
    }

    [Fact]
    public void CommunicationControl_SetsControlTypes()
    {
        bench.Send("10 03");

        Assert.Equal(Hex("68 01"), bench.Send("28 01 01"));
        Assert.Equal(0x01, bench.Server.NormalCommunicationControl);
        Assert.Equal(0x00, bench.Server.NetworkManagementCommunicationControl);

        Assert.Null(bench.Send("28 83 03"));
        Assert.Equal(0x03, bench.Server.NormalCommunicationControl);
        Assert.Equal(0x03, bench.Server.NetworkManagementCommunicationControl);

        Assert.Equal(Hex("68 02"), bench.Send("28 02 02"));
        Assert.Equal(0x03, bench.Server.NormalCommunicationControl);
        Assert.Equal(0x02, bench.Server.NetworkManagementCommunicationControl);
    }

    [Fact]
    public void CommunicationControl_DefaultSession_ReenablesAll()
    {
        bench.Send("10 03");
        bench.Send("28 03 03");

        bench.Send("10 01");

        Assert.Equal(0x00, bench.Server.NormalCommunicationControl);
        Assert.Equal(0x00, bench.Server.NetworkManagementCommunicationControl);
    }

    [Theory]
    [InlineData("28", "7F 28 13")]
    [InlineData("28 00", "7F 28 13")]
    [InlineData("28 00 01 00", "7F 28 13")]
    [InlineData("28 04 01", "7F 28 12")]
    [InlineData("28 00 00", "7F 28 31")]
    [InlineData("28 00 11", "7F 28 31")]
    public void CommunicationControl_InvalidRequests(string request, string expected)
    {
        bench.Send("10 03");

        Assert.Equal(Hex(expected), bench.Send(request));
    }

    [Fact]
    public void HandleRequest_DiscardsUnreadResponse()
    {
        bench.Server.HandleRequest(Hex("3E 00"), 2);
        bench.Server.HandleRequest(Hex("10 03"), 2);

        Assert.Equal(Hex("50 03 00 32 01 F4"), bench.TakeResponse());
        Assert.Null(bench.TakeResponse());
    }
}

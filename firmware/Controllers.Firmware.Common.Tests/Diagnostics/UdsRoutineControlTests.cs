using Controllers.Firmware.Common.Diagnostics;
using Xunit;
using static Controllers.Firmware.Common.Tests.Diagnostics.UdsTestBench;

namespace Controllers.Firmware.Common.Tests.Diagnostics;

/// <summary>RoutineControl through the routine table, with responsePending for a long routine.</summary>
public class UdsRoutineControlTests
{
    private readonly UdsTestBench bench = new();

    [Fact]
    public void Start_ReturnsStatusRecord()
    {
        Assert.Equal(Hex("71 01 FF 00 00 0A 0B"), bench.Send("31 01 FF 00 0A 0B"));
    }

    [Fact]
    public void StopAndResults_AfterStart()
    {
        bench.Send("31 01 FF 00");

        Assert.Equal(Hex("71 03 FF 00 AA"), bench.Send("31 03 FF 00"));
        Assert.Equal(Hex("71 02 FF 00 02"), bench.Send("31 02 FF 00"));
        Assert.Equal(Hex("7F 31 24"), bench.Send("31 02 FF 00"));
    }

    [Theory]
    [InlineData("31 02 FF 00")]
    [InlineData("31 03 FF 00")]
    public void StopOrResults_BeforeStart_RequestSequenceError(string request)
    {
        Assert.Equal(Hex("7F 31 24"), bench.Send(request));
    }

    [Fact]
    public void Start_SuppressBit_NoResponse()
    {
        Assert.Null(bench.Send("31 81 FF 00"));
        Assert.Equal(Hex("71 03 FF 00 AA"), bench.Send("31 03 FF 00"));
    }

    [Theory]
    [InlineData("31 01 FF", "7F 31 13")]
    [InlineData("31 04 FF 00", "7F 31 12")]
    [InlineData("31 00 FF 00", "7F 31 12")]
    [InlineData("31 01 12 34", "7F 31 31")]
    [InlineData("31 01 02 02", "7F 31 31")]
    [InlineData("31 02 FF 01", "7F 31 12")]
    [InlineData("31 03 FF 01", "7F 31 12")]
    [InlineData("31 01 FF 02", "7F 31 22")]
    public void RoutineControl_InvalidRequests(string request, string expected)
    {
        // 0x0202 exists in the extended session only; 0xFF01 has no stop or results; 0xFF02 fails to start.
        Assert.Equal(Hex(expected), bench.Send(request));
    }

    [Fact]
    public void SecuredRoutine_NeedsUnlock()
    {
        bench.Send("10 03");
        Assert.Equal(Hex("7F 31 33"), bench.Send("31 01 02 02"));

        bench.Unlock();
        Assert.Equal(Hex("71 01 02 02 00"), bench.Send("31 01 02 02"));
    }

    [Fact]
    public void LongRoutine_ResponsePendingThenFinal()
    {
        Assert.Equal(Hex("7F 31 78"), bench.Send("31 01 FF 01"));
        Assert.True(bench.Server.IsRoutinePending);

        Assert.Null(bench.Advance(10_000));
        Assert.Equal(1, bench.Routine.PollCount);

        bench.Routine.LongRoutineDone = true;
        Assert.Equal(Hex("71 01 FF 01 01 02"), bench.Advance(10_000));
        Assert.False(bench.Server.IsRoutinePending);
    }

    [Fact]
    public void LongRoutine_RepeatsResponsePendingWithinP2Star()
    {
        bench.Send("31 01 FF 01");
        long lastPendingMicroseconds = bench.Clock.NowMicroseconds;
        int pendingCount = 0;

        // 12 s of a 10 ms Run period: every gap between 0x78 responses must stay below P2* = 5 s.
        for (int i = 0; i < 1200; i++)
        {
            byte[]? response = bench.Advance(10_000);
            if (response != null)
            {
                Assert.Equal(Hex("7F 31 78"), response);
                Assert.True(bench.Clock.NowMicroseconds - lastPendingMicroseconds < UdsServer.P2StarServerMaxMilliseconds * 1000L);
                lastPendingMicroseconds = bench.Clock.NowMicroseconds;
                pendingCount++;
            }
        }

        Assert.Equal(3, pendingCount);
        Assert.True(bench.Clock.NowMicroseconds - lastPendingMicroseconds < UdsServer.P2StarServerMaxMilliseconds * 1000L);
    }

    [Fact]
    public void LongRoutine_FinalResponseDespiteSuppressBit()
    {
        Assert.Equal(Hex("7F 31 78"), bench.Send("31 81 FF 01"));
        bench.Routine.LongRoutineDone = true;

        Assert.Equal(Hex("71 01 FF 01 01 02"), bench.Advance(10_000));
    }

    [Fact]
    public void LongRoutine_FailureAfterPending()
    {
        bench.Send("31 01 FF 01");
        bench.Routine.LongRoutineDone = true;
        bench.Routine.LongRoutineFailure = UdsNegativeResponseCode.GeneralProgrammingFailure;

        Assert.Equal(Hex("7F 31 72"), bench.Advance(10_000));
        Assert.False(bench.Server.IsRoutinePending);
        Assert.Equal(Hex("7E 00"), bench.Send("3E 00"));
    }

    [Fact]
    public void LongRoutine_OtherRequestsBusy()
    {
        bench.Send("31 01 FF 01");

        Assert.Equal(Hex("7F 22 21"), bench.Send("22 F1 90"));
    }

    [Fact]
    public void LongRoutine_KeepsSessionOpen()
    {
        bench.Send("10 03");
        bench.Send("31 01 FF 01");

        for (int i = 0; i < 10; i++)
        {
            bench.Advance(1_000_000);
        }

        Assert.Equal(UdsSession.Extended, bench.Server.Session);
    }

    [Fact]
    public void SessionChange_ForgetsStartedRoutines()
    {
        bench.Send("31 01 FF 00");

        bench.Send("10 03");

        Assert.Equal(Hex("7F 31 24"), bench.Send("31 03 FF 00"));
    }

    [Fact]
    public void Routines_NotConfigured_ServiceNotSupported()
    {
        bench.Server.Routines = null;

        Assert.Equal(Hex("7F 31 11"), bench.Send("31 01 FF 00"));
    }
}

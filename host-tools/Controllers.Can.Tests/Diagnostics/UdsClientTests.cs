using System;
using System.IO;
using System.Linq;
using Controllers.Can.Diagnostics;
using Controllers.Firmware.Common.Diagnostics;
using Xunit;

namespace Controllers.Can.Tests.Diagnostics;

// The client against the firmware UdsServer on a simulated-time bus, so every timing is deterministic.
public sealed class UdsClientTests : IDisposable
{
    private static readonly uint[] Dtcs = [0x123456, 0xABCDEF, 0x010203];

    private readonly SimulatedUdsEcu ecu = new();
    private readonly UdsClient client;

    public UdsClientTests()
    {
        client = new UdsClient(ecu, SimulatedUdsEcu.IsoTp(SimulatedUdsEcu.RequestId, SimulatedUdsEcu.ResponseId), ecu.Clock);
        foreach (uint dtc in Dtcs)
        {
            ecu.Server.Dtcs!.Register(dtc);
        }
    }

    public void Dispose() => ecu.Dispose();

    [Fact]
    public void DiagnosticSessionControl_ReturnsTiming()
    {
        UdsSessionTiming timing = client.DiagnosticSessionControl(UdsSession.Extended);

        Assert.Equal(UdsSession.Extended, ecu.Server.Session);
        Assert.Equal(UdsServer.P2ServerMaxMilliseconds, timing.P2ServerMaxMilliseconds);
        Assert.Equal(UdsServer.P2StarServerMaxMilliseconds, timing.P2StarServerMaxMilliseconds);
    }

    [Fact]
    public void TesterPresent_KeepsSessionAlive()
    {
        client.DiagnosticSessionControl(UdsSession.Extended);
        client.TesterPresent();
        client.TesterPresent(suppressResponse: true);

        Assert.Equal(UdsSession.Extended, ecu.Server.Session);
        Assert.Equal(0, client.UnexpectedResponseCount);
    }

    [Fact]
    public void EcuReset_ServerResetsAfterResponse()
    {
        client.EcuReset(0x01);

        // The server resets on a later Run, after its response has left, so the next request drives it.
        client.TesterPresent();

        Assert.Equal([0x01], ecu.Resets.Performed);
    }

    [Fact]
    public void ReadDataByIdentifier_SingleFrame()
    {
        byte[] vin = client.ReadDataByIdentifier(SimulatedUdsEcu.VinIdentifier);

        Assert.Equal("TESTVIN0000000001", System.Text.Encoding.ASCII.GetString(vin));
    }

    [Fact]
    public void ReadDataByIdentifier_MultiFrame()
    {
        byte[] value = client.ReadDataByIdentifier(SimulatedUdsEcu.LargeIdentifier);

        Assert.Equal(Enumerable.Range(0, 100).Select(i => (byte)i), value);
    }

    [Fact]
    public void WriteDataByIdentifier_MultiFrameRequest()
    {
        byte[] value = Enumerable.Range(0, 100).Select(i => (byte)(255 - i)).ToArray();

        client.WriteDataByIdentifier(SimulatedUdsEcu.LargeIdentifier, value);

        Assert.Equal(value, ecu.Data.Values[SimulatedUdsEcu.LargeIdentifier]);
        Assert.Equal(value, client.ReadDataByIdentifier(SimulatedUdsEcu.LargeIdentifier));
    }

    [Fact]
    public void NegativeResponse_RaisesWithCodeAndName()
    {
        var error = Assert.Throws<UdsNegativeResponseException>(() => client.ReadDataByIdentifier(0x7777));

        Assert.Equal(0x22, error.ServiceId);
        Assert.Equal(UdsNegativeResponseCode.RequestOutOfRange, error.ResponseCode);
        Assert.Equal("requestOutOfRange", error.ResponseCodeName);
        Assert.Contains("ReadDataByIdentifier (0x22)", error.Message);
        Assert.Contains("NRC 0x31", error.Message);
    }

    [Fact]
    public void SecuredWrite_DeniedWhileLocked()
    {
        var error = Assert.Throws<UdsNegativeResponseException>(
            () => client.WriteDataByIdentifier(SimulatedUdsEcu.SettingIdentifier, [0x56, 0x78]));

        Assert.Equal(UdsNegativeResponseCode.SecurityAccessDenied, error.ResponseCode);
    }

    [Fact]
    public void SecurityAccess_RightSecretUnlocks()
    {
        client.DiagnosticSessionControl(UdsSession.Extended);

        Assert.True(client.SecurityAccess(0x01, SimulatedUdsEcu.Secret));
        Assert.Equal(0x01, ecu.Server.UnlockedSecurityLevel);

        client.WriteDataByIdentifier(SimulatedUdsEcu.SettingIdentifier, [0x56, 0x78]);
        Assert.Equal([0x56, 0x78], ecu.Data.Values[SimulatedUdsEcu.SettingIdentifier]);

        // A second request finds the level unlocked: the seed is all zeros and no key is sent.
        Assert.False(client.SecurityAccess(0x01, SimulatedUdsEcu.Secret));
    }

    [Fact]
    public void SecurityAccess_WrongSecretRejected()
    {
        client.DiagnosticSessionControl(UdsSession.Extended);
        byte[] wrongSecret = SimulatedUdsEcu.Secret.Select(value => (byte)(value ^ 0x5A)).ToArray();

        var error = Assert.Throws<UdsNegativeResponseException>(() => client.SecurityAccess(0x01, wrongSecret));

        Assert.Equal(UdsNegativeResponseCode.InvalidKey, error.ResponseCode);
        Assert.Equal("invalidKey", error.ResponseCodeName);
        Assert.Equal(0, ecu.Server.UnlockedSecurityLevel);
        Assert.Equal(1, ecu.Server.FailedSecurityAttempts);
    }

    [Fact]
    public void ComputeKey_MatchesDotNetHmac()
    {
        byte[] seed = [0x11, 0x22, 0x33, 0x44];

        byte[] expected = System.Security.Cryptography.HMACSHA256.HashData(SimulatedUdsEcu.Secret, seed)[..4];

        Assert.Equal(expected, UdsClient.ComputeKey(SimulatedUdsEcu.Secret, seed));
    }

    [Fact]
    public void ReadDtcInformation_CountAndList()
    {
        ecu.Server.Dtcs!.ReportTestResult(0xABCDEF, failed: true);
        ecu.Server.Dtcs.ReportTestResult(0x010203, failed: false);

        DtcCount failedCount = client.ReadDtcCount(DtcMemory.TestFailed);
        var failed = client.ReadDtcsByStatusMask(DtcMemory.TestFailed);
        var all = client.ReadDtcsByStatusMask(0xFF);

        Assert.Equal(new DtcCount(0xFF, 0x01, 1), failedCount);
        Assert.Equal([new DtcAndStatus(0xABCDEF, 0x2F)], failed);
        // 0x010203 passed its test, so its status is 0x00 and matches no mask.
        Assert.Equal([0x123456u, 0xABCDEFu], all.Select(record => record.Dtc));
        Assert.Equal(DtcMemory.ClearedStatus, all[0].Status);
    }

    [Fact]
    public void ClearDiagnosticInformation_ResetsStatus()
    {
        ecu.Server.Dtcs!.ReportTestResult(0x123456, failed: true);

        client.ClearDiagnosticInformation();

        Assert.Empty(client.ReadDtcsByStatusMask(DtcMemory.TestFailed));
        Assert.Equal(DtcMemory.ClearedStatus, ecu.Server.Dtcs.StatusAt(0));
    }

    [Fact]
    public void ClearDiagnosticInformation_UnknownGroupRejected()
    {
        var error = Assert.Throws<UdsNegativeResponseException>(() => client.ClearDiagnosticInformation(0x999999));

        Assert.Equal(0x14, error.ServiceId);
        Assert.Equal(UdsNegativeResponseCode.RequestOutOfRange, error.ResponseCode);
    }

    [Fact]
    public void RoutineControl_StartStopResults()
    {
        byte[] started = client.RoutineControl(RoutineControlType.StartRoutine, SimulatedUdsEcu.QuickRoutine, [0x05, 0x06]);
        byte[] results = client.RoutineControl(RoutineControlType.RequestRoutineResults, SimulatedUdsEcu.QuickRoutine);
        byte[] stopped = client.RoutineControl(RoutineControlType.StopRoutine, SimulatedUdsEcu.QuickRoutine);

        Assert.Equal([0x00, 0x05, 0x06], started);
        Assert.Equal([0xAA], results);
        Assert.Equal([0x02], stopped);
    }

    [Fact]
    public void ResponsePending_ExtendsWaitToP2Star()
    {
        long start = ecu.Clock.NowMicroseconds;

        // The server repeats 0x78 every 4 s, so a 7 s routine sends two before its result.
        byte[] status = client.RoutineControl(RoutineControlType.StartRoutine, SimulatedUdsEcu.SlowRoutine);

        Assert.Equal([0x01], status);
        Assert.Equal(2, client.ResponsePendingCount);
        Assert.InRange(ecu.Clock.NowMicroseconds - start, 7_000_000, 7_100_000);
    }

    [Fact]
    public void ResponsePending_TimesOutAfterP2Star()
    {
        client.P2StarTimeout = TimeSpan.FromSeconds(2);
        long start = ecu.Clock.NowMicroseconds;

        var error = Assert.Throws<TimeoutException>(
            () => client.RoutineControl(RoutineControlType.StartRoutine, SimulatedUdsEcu.SlowRoutine));

        Assert.Contains("RoutineControl (0x31)", error.Message);
        Assert.Contains("2000 ms", error.Message);
        Assert.Equal(1, client.ResponsePendingCount);
        Assert.InRange(ecu.Clock.NowMicroseconds - start, 2_000_000, 2_100_000);
    }

    [Fact]
    public void SilentServer_TimesOutAfterP2()
    {
        ecu.Silent = true;
        long start = ecu.Clock.NowMicroseconds;

        var error = Assert.Throws<TimeoutException>(() => client.ReadDataByIdentifier(SimulatedUdsEcu.VinIdentifier));

        Assert.Contains("ReadDataByIdentifier (0x22)", error.Message);
        Assert.Contains("50 ms", error.Message);
        Assert.InRange(ecu.Clock.NowMicroseconds - start, 50_000, 60_000);
    }

    [Fact]
    public void SilentServer_MultiFrameRequestTimesOut()
    {
        ecu.Silent = true;

        // The server's ISO-TP endpoint still sends flow control, so the request is sent completely and
        // the client then waits P2 for a response.
        var error = Assert.Throws<TimeoutException>(
            () => client.WriteDataByIdentifier(SimulatedUdsEcu.LargeIdentifier, new byte[100]));

        Assert.Contains("WriteDataByIdentifier (0x2E)", error.Message);
    }

    [Fact]
    public void LateResponse_DiscardedByNextRequest()
    {
        client.P2Timeout = TimeSpan.FromTicks(1);
        Assert.Throws<TimeoutException>(() => client.ReadDataByIdentifier(SimulatedUdsEcu.VinIdentifier));

        client.P2Timeout = TimeSpan.FromMilliseconds(50);
        byte[] value = client.ReadDataByIdentifier(SimulatedUdsEcu.LargeIdentifier);

        Assert.Equal(100, value.Length);
        Assert.Equal(1, client.UnexpectedResponseCount);
    }

    [Fact]
    public void SendRequest_ReturnsRawResponse()
    {
        byte[] response = client.SendRequest([0x3E, 0x00]);

        Assert.Equal([0x7E, 0x00], response);
    }
}

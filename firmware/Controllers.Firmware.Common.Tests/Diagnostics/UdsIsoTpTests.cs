using System;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Tests.Can;
using Xunit;
using static Controllers.Firmware.Common.Tests.Diagnostics.UdsTestBench;

namespace Controllers.Firmware.Common.Tests.Diagnostics;

/// <summary>
/// The UDS server behind a real ISO-TP endpoint: a tester endpoint (A) sends requests over the loopback
/// link to the server's endpoint (B), and the adapter connects B to the server.
/// </summary>
public class UdsIsoTpTests
{
    private const long TickMicroseconds = 100;

    private readonly UdsTestBench bench = new();
    private readonly IsoTpTestLink link;
    private readonly IsoTpEndpoint tester;
    private readonly UdsIsoTpAdapter adapter;
    private readonly byte[] responseBuffer = new byte[UdsServer.MaxMessageLengthBytes];

    public UdsIsoTpTests()
    {
        link = new IsoTpTestLink(bench.Clock);
        tester = new IsoTpEndpoint(IsoTpTestData.SettingsA(), link.PortA, bench.Clock);
        var serverEndpoint = new IsoTpEndpoint(IsoTpTestData.SettingsB(), link.PortB, bench.Clock);
        link.A = tester;
        link.B = serverEndpoint;
        adapter = new UdsIsoTpAdapter(bench.Server, serverEndpoint);
    }

    // Sends a request from the tester and steps the link and the adapter until the response arrives.
    // Returns the response length, or 0 when none arrived within one second.
    private int Exchange(byte[] request, int length)
    {
        Assert.True(tester.TryStartTransmit(request, 0, length));
        for (int i = 0; i < 10_000; i++)
        {
            link.Step(TickMicroseconds);
            adapter.Run(bench.Clock.NowMicroseconds);
            if (tester.IsMessageAvailable)
            {
                return tester.ReadMessage(responseBuffer, 0);
            }
        }

        return 0;
    }

    private byte[] Response(int length) => responseBuffer[..length];

    [Fact]
    public void ReadLargeIdentifier_MultiFrame()
    {
        int length = Exchange(Hex("22 04 00"), 3);

        Assert.Equal(103, length);
        byte[] expected = new byte[103];
        expected[0] = 0x62;
        expected[1] = 0x04;
        expected[2] = 0x00;
        for (int i = 0; i < 100; i++)
        {
            expected[3 + i] = (byte)i;
        }

        Assert.Equal(expected, Response(length));

        // The response is a first frame with FF_DL 103, then 14 consecutive frames after the tester's flow control.
        int firstFrame = -1;
        int consecutiveFrames = 0;
        for (int i = 0; i < link.LogCount; i++)
        {
            byte[] frame = link.LogBytes(i);
            if (link.LogFromA(i))
            {
                continue;
            }

            if (frame[0] >> 4 == 1)
            {
                firstFrame = i;
                Assert.Equal(Hex("10 67 62 04 00 00 01 02"), frame);
            }
            else if (frame[0] >> 4 == 2)
            {
                consecutiveFrames++;
            }
        }

        Assert.True(firstFrame >= 0);
        Assert.Equal(14, consecutiveFrames);
    }

    [Fact]
    public void MultiFrameRequest_WriteDataByIdentifier()
    {
        bench.Server.DataIdentifiers!.Add(0x0600, 20, true, true, UdsSession.AllMask, 0, bench.Data);
        bench.Data.Values[0x0600] = new byte[20];
        byte[] request = new byte[23];
        request[0] = 0x2E;
        request[1] = 0x06;
        request[2] = 0x00;
        for (int i = 0; i < 20; i++)
        {
            request[3 + i] = (byte)(0xA0 + i);
        }

        int length = Exchange(request, request.Length);

        Assert.Equal(Hex("6E 06 00"), Response(length));
        Assert.Equal(request[3..], bench.Data.Values[0x0600]);
    }

    [Fact]
    public void ResponsePending_ThenFinalOverIsoTp()
    {
        int length = Exchange(Hex("31 01 FF 01"), 4);
        Assert.Equal(Hex("7F 31 78"), Response(length));

        bench.Routine.LongRoutineDone = true;
        link.RunFor(1_000);
        adapter.Run(bench.Clock.NowMicroseconds);
        link.RunUntilIdle(100_000);

        Assert.True(tester.IsMessageAvailable);
        length = tester.ReadMessage(responseBuffer, 0);
        Assert.Equal(Hex("71 01 FF 01 01 02"), Response(length));
    }

    [Fact]
    public void EcuReset_AfterResponseSent()
    {
        link.PortB.Accepting = false;
        Assert.True(tester.TryStartTransmit(Hex("11 01"), 0, 2));
        for (int i = 0; i < 20; i++)
        {
            link.Step(TickMicroseconds);
            adapter.Run(bench.Clock.NowMicroseconds);
        }

        // The server's endpoint cannot send, so the response is still waiting and no reset may happen.
        Assert.Empty(bench.Reset.Resets);

        link.PortB.Accepting = true;
        link.RunUntilIdle(100_000);
        Assert.Equal(2, tester.ReadMessage(responseBuffer, 0));
        Assert.Equal(Hex("51 01"), Response(2));

        adapter.Run(bench.Clock.NowMicroseconds);
        Assert.Equal(new[] { 0x01 }, bench.Reset.Resets);
    }

    [Fact]
    public void Exchange_AllocatesNothingAfterWarmUp()
    {
        byte[] readLarge = Hex("22 04 00");
        byte[] testerPresent = Hex("3E 00");
        byte[] readDtcs = Hex("19 02 FF");
        Exchange(readLarge, readLarge.Length);
        Exchange(testerPresent, testerPresent.Length);
        Exchange(readDtcs, readDtcs.Length);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int totalLength = 0;
        for (int i = 0; i < 10; i++)
        {
            totalLength += Exchange(readLarge, readLarge.Length);
            totalLength += Exchange(testerPresent, testerPresent.Length);
            totalLength += Exchange(readDtcs, readDtcs.Length);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(10 * (103 + 2 + 15), totalLength);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Server_AllocatesNothingPerRequest()
    {
        UdsServer server = bench.Server;
        byte[] buffer = new byte[UdsServer.MaxMessageLengthBytes];
        byte[][] requests =
        [
            Hex("10 03"),
            Hex("3E 00"),
            Hex("22 F1 90 01 00"),
            Hex("2E 01 00 AB CD"),
            Hex("19 01 FF"),
            Hex("19 02 FF"),
            Hex("19 06 12 34 56 FF"),
            Hex("19 0A"),
            Hex("14 FF FF FF"),
            Hex("31 01 FF 00 01"),
            Hex("31 03 FF 00"),
            Hex("28 00 01"),
            Hex("85 01"),
            Hex("23 00"),
        ];

        foreach (byte[] request in requests)
        {
            server.HandleRequest(request, request.Length);
            server.ReadResponse(buffer, 0);
        }

        bench.Unlock();
        bench.Send("10 03");

        // The next seed is known, so the matching key is computed before the measurement.

        uint nextSeed = bench.Random.Next;
        byte[] seed = [(byte)(nextSeed >> 24), (byte)(nextSeed >> 16), (byte)(nextSeed >> 8), (byte)nextSeed];
        byte[] sendKey = [0x27, 0x02, .. KeyFor(seed)];
        byte[] requestSeed = Hex("27 01");

        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (byte[] request in requests)
        {
            server.HandleRequest(request, request.Length);
            server.ReadResponse(buffer, 0);
            server.Run(bench.Clock.NowMicroseconds);
        }

        server.HandleRequest(requestSeed, requestSeed.Length);
        server.ReadResponse(buffer, 0);
        server.HandleRequest(sendKey, sendKey.Length);
        int keyResponseLength = server.ReadResponse(buffer, 0);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(2, keyResponseLength);
        Assert.Equal(0x67, buffer[0]);
        Assert.Equal(0, allocated);
    }
}

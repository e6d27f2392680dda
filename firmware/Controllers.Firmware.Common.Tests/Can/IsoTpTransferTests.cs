using System;
using Controllers.Firmware.Common.Can;
using Xunit;
using static Controllers.Firmware.Common.Tests.Can.IsoTpTestData;

namespace Controllers.Firmware.Common.Tests.Can;

/// <summary>Complete transfers between two endpoints over the loopback link: frame layouts, flow control and pacing.</summary>
public class IsoTpTransferTests
{
    private const long OneSecondMicroseconds = 1_000_000;

    private readonly TestClock clock = new(5_000);
    private readonly IsoTpTestLink link;

    public IsoTpTransferTests()
    {
        link = new IsoTpTestLink(clock);
    }

    private void Connect(IsoTpSettings a, IsoTpSettings b)
    {
        link.A = new IsoTpEndpoint(a, link.PortA, clock);
        link.B = new IsoTpEndpoint(b, link.PortB, clock);
    }

    private byte[] ReadAtB()
    {
        var message = new byte[link.B!.MessageLength];
        int length = link.B.ReadMessage(message, 0);
        Assert.Equal(message.Length, length);
        return message;
    }

    private static int FrameType(byte[] bytes) => bytes[0] >> 4;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void SingleFrame_RoundTripsPayload(int length)
    {
        Connect(SettingsA(), SettingsB());
        byte[] payload = Payload(length);

        Assert.True(link.A!.TryStartTransmit(payload, 0, length));
        Assert.True(link.RunUntilIdle(OneSecondMicroseconds));

        // SF: PCI 0x0L with L = length, the data, then padding up to 8 bytes.
        Assert.Equal(1, link.LogCount);
        Assert.Equal(Padded(Pad, WithPci((byte)length, payload, 0, length)), link.LogBytes(0));
        Assert.Equal(IsoTpResult.Success, link.A.LastTransmitResult);
        Assert.Equal(IsoTpResult.Success, link.B!.LastReceiveResult);
        Assert.Equal(payload, ReadAtB());
    }

    [Fact]
    public void SingleFrame_ZeroLengthRejected()
    {
        Connect(SettingsA(), SettingsB());

        // An empty message has no ISO-TP encoding on classic CAN: SF_DL 0 is the CAN FD escape.
        Assert.Throws<ArgumentOutOfRangeException>(() => link.A!.TryStartTransmit(new byte[1], 0, 0));

        Assert.True(link.B!.OnFrameReceived(Frame(IdAToB, 0x00, 1, 2, 3, 4, 5, 6, 7)));
        Assert.False(link.B.IsMessageAvailable);
        Assert.Equal(1, link.B.IgnoredFrameCount);
    }

    [Fact]
    public void FirstFrame_TwentyBytesLayout()
    {
        Connect(SettingsA(), SettingsB());
        byte[] payload = Payload(20);

        link.A!.TryStartTransmit(payload, 0, 20);
        Assert.True(link.RunUntilIdle(OneSecondMicroseconds));

        // FF_DL = 20 = 0x014, so the FF starts 0x10 0x14 and carries bytes 0-5. The 14 bytes left fill two
        // CFs of 7 bytes with sequence numbers 1 and 2. B replies to the FF with ContinueToSend, BS 0, STmin 0.
        Assert.Equal(4, link.LogCount);
        Assert.Equal(new byte[] { 0x10, 0x14, payload[0], payload[1], payload[2], payload[3], payload[4], payload[5] }, link.LogBytes(0));
        Assert.Equal(Padded(Pad, 0x30, 0x00, 0x00), link.LogBytes(1));
        Assert.False(link.LogFromA(1));
        Assert.Equal(IdBToA, link.LogFrame(1).Id);
        Assert.Equal(WithPci(0x21, payload, 6, 7), link.LogBytes(2));
        Assert.Equal(WithPci(0x22, payload, 13, 7), link.LogBytes(3));
        Assert.Equal(payload, ReadAtB());
    }

    [Theory]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(100)]
    [InlineData(1000)]
    [InlineData(4095)]
    public void MultiFrame_RoundTripsPayload(int length)
    {
        Connect(SettingsA(), SettingsB());
        byte[] payload = Payload(length, seed: 17);

        Assert.True(link.A!.TryStartTransmit(payload, 0, length));
        Assert.True(link.RunUntilIdle(10 * OneSecondMicroseconds));

        // One FF with 6 bytes, one FC, then ceil((length - 6) / 7) CFs.
        int consecutiveFrames = (length - 6 + 6) / 7;
        Assert.Equal(2 + consecutiveFrames, link.LogCount);
        Assert.Equal((byte)(0x10 | (length >> 8)), link.LogBytes(0)[0]);
        Assert.Equal((byte)(length & 0xFF), link.LogBytes(0)[1]);
        Assert.Equal(IsoTpResult.Success, link.A.LastTransmitResult);
        Assert.Equal(IsoTpResult.Success, link.B!.LastReceiveResult);
        Assert.Equal(payload, ReadAtB());
    }

    [Fact]
    public void SequenceNumber_WrapsAfter0x2F()
    {
        Connect(SettingsA(), SettingsB());
        byte[] payload = Payload(4095);

        link.A!.TryStartTransmit(payload, 0, 4095);
        Assert.True(link.RunUntilIdle(10 * OneSecondMicroseconds));

        // 4095 = 0xFFF gives FF 0x1F 0xFF. The 4089 bytes after it need 585 CFs (584 full, then 1 byte).
        // CF k (from 1) has PCI 0x20 | (k mod 16): 0x21 ... 0x2F, then 0x20, 0x21 ...
        Assert.Equal(new byte[] { 0x1F, 0xFF }, link.LogBytes(0)[..2]);
        Assert.Equal(2 + 585, link.LogCount);
        for (int k = 1; k <= 585; k++)
        {
            Assert.Equal((byte)(0x20 | (k % 16)), link.LogBytes(1 + k)[0]);
        }

        Assert.Equal(0x2F, link.LogBytes(1 + 15)[0]);
        Assert.Equal(0x20, link.LogBytes(1 + 16)[0]);
        Assert.Equal(Padded(Pad, 0x29, payload[4094]), link.LogBytes(1 + 585));
    }

    [Fact]
    public void BlockSizeZero_SendsOneFlowControl()
    {
        Connect(SettingsA(), SettingsB());

        link.A!.TryStartTransmit(Payload(100), 0, 100);
        Assert.True(link.RunUntilIdle(OneSecondMicroseconds));

        int flowControls = 0;
        for (int i = 0; i < link.LogCount; i++)
        {
            flowControls += FrameType(link.LogBytes(i)) == 3 ? 1 : 0;
        }

        Assert.Equal(1, flowControls);
    }

    [Fact]
    public void BlockSizeTwo_FlowControlAfterEachBlock()
    {
        IsoTpSettings b = SettingsB();
        b.BlockSize = 2;
        Connect(SettingsA(), b);
        byte[] payload = Payload(50);

        link.A!.TryStartTransmit(payload, 0, 50);
        Assert.True(link.RunUntilIdle(OneSecondMicroseconds));

        // 50 - 6 = 44 bytes need 7 CFs. With BS 2 the receiver sends an FC after the FF and after CFs 2, 4
        // and 6, so the frame types run FF FC CF CF FC CF CF FC CF CF FC CF.
        int[] expectedTypes = { 1, 3, 2, 2, 3, 2, 2, 3, 2, 2, 3, 2 };
        Assert.Equal(expectedTypes.Length, link.LogCount);
        for (int i = 0; i < expectedTypes.Length; i++)
        {
            Assert.Equal(expectedTypes[i], FrameType(link.LogBytes(i)));
        }

        Assert.Equal(Padded(Pad, 0x30, 0x02, 0x00), link.LogBytes(1));
        Assert.Equal(payload, ReadAtB());
    }

    [Fact]
    public void SeparationTime10Milliseconds_PacesConsecutiveFrames()
    {
        IsoTpSettings b = SettingsB();
        b.SeparationTimeMinimum = 0x0A;
        Connect(SettingsA(), b);
        byte[] payload = Payload(50);

        link.A!.TryStartTransmit(payload, 0, 50);
        Assert.True(link.RunUntilIdle(OneSecondMicroseconds));

        // STmin 0x0A = 10 ms. Frames: FF, FC, then 7 CFs at least 10 000 µs apart. The link's 100 µs tick
        // lets the sender be at most one tick late.
        Assert.Equal(Padded(Pad, 0x30, 0x00, 0x0A), link.LogBytes(1));
        Assert.Equal(9, link.LogCount);
        for (int i = 3; i < link.LogCount; i++)
        {
            long gap = link.LogTimeMicroseconds(i) - link.LogTimeMicroseconds(i - 1);
            Assert.InRange(gap, 10_000, 10_100);
        }

        Assert.Equal(payload, ReadAtB());
    }

    [Fact]
    public void SeparationTime0xF3_Is300Microseconds()
    {
        IsoTpSettings b = SettingsB();
        b.SeparationTimeMinimum = 0xF3;
        Connect(SettingsA(), b);
        byte[] payload = Payload(50);

        link.A!.TryStartTransmit(payload, 0, 50);
        Assert.True(link.RunUntilIdle(OneSecondMicroseconds, tickMicroseconds: 50));

        // STmin 0xF3 = 3 × 100 µs. With a 50 µs tick the gap is 300 or 350 µs.
        Assert.Equal(9, link.LogCount);
        for (int i = 3; i < link.LogCount; i++)
        {
            long gap = link.LogTimeMicroseconds(i) - link.LogTimeMicroseconds(i - 1);
            Assert.InRange(gap, 300, 350);
        }

        Assert.Equal(payload, ReadAtB());
    }

    [Fact]
    public void ReservedSeparationTime_Waits127Milliseconds()
    {
        link.A = new IsoTpEndpoint(SettingsA(), link.PortA, clock);
        byte[] payload = Payload(20);

        link.A.TryStartTransmit(payload, 0, 20);
        link.Step(1000);

        // An FC with reserved STmin 0x80 (a peer's error) must make the sender wait the longest valid time, 127 ms.
        long flowControlTime = clock.NowMicroseconds;
        link.A.OnFrameReceived(Frame(IdBToA, 0x30, 0x00, 0x80));
        link.RunFor(300_000, tickMicroseconds: 1000);

        Assert.Equal(3, link.LogCount);
        Assert.Equal(flowControlTime, link.LogTimeMicroseconds(1));
        Assert.Equal(flowControlTime + 127_000, link.LogTimeMicroseconds(2));
        Assert.Equal(IsoTpResult.Success, link.A.LastTransmitResult);
    }

    [Theory]
    [InlineData(0x00, 0)]
    [InlineData(0x01, 1_000)]
    [InlineData(0x7F, 127_000)]
    [InlineData(0xF1, 100)]
    [InlineData(0xF3, 300)]
    [InlineData(0xF9, 900)]
    [InlineData(0x80, 127_000)]
    [InlineData(0xF0, 127_000)]
    [InlineData(0xFA, 127_000)]
    [InlineData(0xFF, 127_000)]
    public void SeparationTime_Decodes(int code, long expectedMicroseconds)
    {
        Assert.Equal(expectedMicroseconds, IsoTpSettings.DecodeSeparationTimeMicroseconds(code));
    }

    [Fact]
    public void WaitFrames_ThenContinueToSend()
    {
        Connect(SettingsA(), SettingsB());
        byte[] first = Payload(10);
        byte[] second = Payload(20, seed: 99);

        link.A!.TryStartTransmit(first, 0, 10);
        Assert.True(link.RunUntilIdle(OneSecondMicroseconds));
        link.ClearLog();

        // B still has the first message unread, so it replies to the next FF with Wait every N_Br = 100 ms.
        link.A.TryStartTransmit(second, 0, 20);
        link.RunFor(250_000);

        Assert.True(link.A.IsTransmitting);
        Assert.Equal(4, link.LogCount);
        Assert.Equal(Padded(Pad, 0x31, 0x00, 0x00), link.LogBytes(1));
        Assert.Equal(Padded(Pad, 0x31, 0x00, 0x00), link.LogBytes(2));
        Assert.Equal(Padded(Pad, 0x31, 0x00, 0x00), link.LogBytes(3));

        Assert.Equal(first, ReadAtB());
        Assert.True(link.RunUntilIdle(OneSecondMicroseconds));

        Assert.Equal(Padded(Pad, 0x30, 0x00, 0x00), link.LogBytes(4));
        Assert.Equal(IsoTpResult.Success, link.A.LastTransmitResult);
        Assert.Equal(second, ReadAtB());
    }

    [Fact]
    public void PaddingByte_AppliedOnTransmit()
    {
        IsoTpSettings a = SettingsA();
        a.PaddingByte = 0x55;
        IsoTpSettings b = SettingsB();
        b.PaddingEnabled = false;
        Connect(a, b);
        byte[] payload = Payload(21);

        link.A!.TryStartTransmit(payload, 0, 21);
        Assert.True(link.RunUntilIdle(OneSecondMicroseconds));

        // 21 - 6 = 15 bytes: CFs of 7, 7 and 1 byte. A pads its last CF with 0x55; B sends a bare 3-byte FC.
        Assert.Equal(5, link.LogCount);
        Assert.Equal(new byte[] { 0x30, 0x00, 0x00 }, link.LogBytes(1));
        Assert.Equal(new byte[] { 0x23, payload[20], 0x55, 0x55, 0x55, 0x55, 0x55, 0x55 }, link.LogBytes(4));
        for (int i = 0; i < link.LogCount; i++)
        {
            Assert.Equal(link.LogFromA(i) ? 8 : 3, link.LogFrame(i).Length);
        }

        Assert.Equal(payload, ReadAtB());
    }

    [Fact]
    public void PaddingDisabled_SendsUsedBytesOnly()
    {
        IsoTpSettings a = SettingsA();
        a.PaddingEnabled = false;
        Connect(a, SettingsB());
        byte[] payload = Payload(21);

        link.A!.TryStartTransmit(payload, 0, 3);
        Assert.True(link.RunUntilIdle(OneSecondMicroseconds));
        Assert.Equal(new byte[] { 0x03, payload[0], payload[1], payload[2] }, link.LogBytes(0));
        ReadAtB();
        link.ClearLog();

        link.A.TryStartTransmit(payload, 0, 21);
        Assert.True(link.RunUntilIdle(OneSecondMicroseconds));

        // The FF and full CFs need all 8 bytes; the last CF carries PCI 0x23 and one data byte.
        Assert.Equal(8, link.LogFrame(0).Length);
        Assert.Equal(new byte[] { 0x23, payload[20] }, link.LogBytes(4));
        Assert.Equal(payload, ReadAtB());
    }

    [Fact]
    public void Padding_IgnoredOnReceive()
    {
        Connect(SettingsA(), SettingsB());

        // SF_DL 3: the four bytes after the data are padding of any value.
        link.B!.OnFrameReceived(Frame(IdAToB, 0x03, 1, 2, 3, 0xAA, 0xBB, 0xCC, 0xDD));

        Assert.Equal(new byte[] { 1, 2, 3 }, ReadAtB());
    }

    [Fact]
    public void TryStartTransmit_FalseWhileBusy()
    {
        Connect(SettingsA(), SettingsB());
        byte[] payload = Payload(100);

        Assert.True(link.A!.TryStartTransmit(payload, 0, 100));
        Assert.False(link.A.TryStartTransmit(payload, 0, 5));
        Assert.True(link.RunUntilIdle(OneSecondMicroseconds));

        Assert.Equal(payload, ReadAtB());
        Assert.Equal(1, link.A.TransmittedMessageCount);
    }

    [Fact]
    public void BothDirections_AtOnce()
    {
        Connect(SettingsA(), SettingsB());
        byte[] toB = Payload(300);
        byte[] toA = Payload(200, seed: 5);

        link.A!.TryStartTransmit(toB, 0, toB.Length);
        link.B!.TryStartTransmit(toA, 0, toA.Length);
        Assert.True(link.RunUntilIdle(OneSecondMicroseconds));

        var atA = new byte[toA.Length];
        Assert.Equal(toA.Length, link.A.ReadMessage(atA, 0));
        Assert.Equal(toA, atA);
        Assert.Equal(toB, ReadAtB());
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(8, 0xF1)]
    public void FullTransfer_AllocatesNothing(int blockSize, int separationTimeMinimum)
    {
        IsoTpSettings b = SettingsB();
        b.BlockSize = blockSize;
        b.SeparationTimeMinimum = separationTimeMinimum;
        Connect(SettingsA(), b);
        byte[] payload = Payload(4095);
        var received = new byte[4095];

        // The first transfer warms up every code path, so that later calls allocate nothing.
        link.A!.TryStartTransmit(payload, 0, 4095);
        link.RunUntilIdle(10 * OneSecondMicroseconds);
        link.B!.ReadMessage(received, 0);
        link.ClearLog();
        Array.Clear(received);

        long before = GC.GetAllocatedBytesForCurrentThread();
        link.A.TryStartTransmit(payload, 0, 4095);
        bool finished = link.RunUntilIdle(10 * OneSecondMicroseconds);
        int length = link.B.ReadMessage(received, 0);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(finished);
        Assert.Equal(4095, length);
        Assert.Equal(payload, received);
    }
}

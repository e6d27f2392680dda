using Controllers.Firmware.Common.Can;
using Xunit;
using static Controllers.Firmware.Common.Tests.Can.IsoTpTestData;

namespace Controllers.Firmware.Common.Tests.Can;

/// <summary>Aborted transfers, timeouts and frames that an endpoint must ignore.</summary>
public class IsoTpErrorTests
{
    private const long OneSecondMicroseconds = 1_000_000;
    private const long TickMicroseconds = 100;

    private readonly TestClock clock = new(5_000);
    private readonly IsoTpTestLink link;

    public IsoTpErrorTests()
    {
        link = new IsoTpTestLink(clock);
    }

    private void Connect(IsoTpSettings a, IsoTpSettings b)
    {
        link.A = new IsoTpEndpoint(a, link.PortA, clock);
        link.B = new IsoTpEndpoint(b, link.PortB, clock);
    }

    private IsoTpEndpoint ReceiverOnly()
    {
        link.B = new IsoTpEndpoint(SettingsB(), link.PortB, clock);
        return link.B;
    }

    private IsoTpEndpoint SenderOnly()
    {
        link.A = new IsoTpEndpoint(SettingsA(), link.PortA, clock);
        return link.A;
    }

    // Leaves an unread 10-byte message in B, so that B replies to the next FF with Wait frames.
    private void FillReceiveBuffer()
    {
        link.A!.TryStartTransmit(Payload(10), 0, 10);
        Assert.True(link.RunUntilIdle(OneSecondMicroseconds));
        Assert.True(link.B!.IsMessageAvailable);
        link.ClearLog();
    }

    private static CanFrame FirstFrame(int length, byte[] payload) =>
        Frame(IdAToB, (byte)(0x10 | (length >> 8)), (byte)length, payload[0], payload[1], payload[2], payload[3], payload[4], payload[5]);

    private static CanFrame ConsecutiveFrame(int sequenceNumber, byte[] payload, int start) =>
        Frame(IdAToB, WithPci((byte)(0x20 | sequenceNumber), payload, start, 7));

    [Fact]
    public void SenderWaitLimit_AbortsTransmit()
    {
        IsoTpSettings a = SettingsA();
        a.MaxWaitFrames = 1;
        Connect(a, SettingsB());
        FillReceiveBuffer();

        // B sends Wait at once and again after N_Br = 100 ms. A accepts one Wait and aborts on the second.
        link.A!.TryStartTransmit(Payload(20), 0, 20);
        long start = clock.NowMicroseconds;
        link.RunFor(99_000);
        Assert.True(link.A.IsTransmitting);
        link.RunFor(2_000);

        Assert.False(link.A.IsTransmitting);
        Assert.Equal(IsoTpResult.WaitLimitExceeded, link.A.LastTransmitResult);
        Assert.Equal(1, link.A.TransmitErrorCount);
        Assert.InRange(clock.NowMicroseconds - start, 100_000, 101_000);
    }

    [Fact]
    public void ReceiverWaitLimit_SendsOverflow()
    {
        IsoTpSettings b = SettingsB();
        b.MaxWaitFrames = 2;
        Connect(SettingsA(), b);
        FillReceiveBuffer();

        link.A!.TryStartTransmit(Payload(20), 0, 20);
        Assert.True(link.RunUntilIdle(OneSecondMicroseconds));

        // B sends N_WFTmax = 2 Wait frames 100 ms apart, then Overflow instead of a third.
        Assert.Equal(4, link.LogCount);
        Assert.Equal(Padded(Pad, 0x31, 0x00, 0x00), link.LogBytes(1));
        Assert.Equal(Padded(Pad, 0x31, 0x00, 0x00), link.LogBytes(2));
        Assert.Equal(Padded(Pad, 0x32, 0x00, 0x00), link.LogBytes(3));
        Assert.Equal(IsoTpResult.WaitLimitExceeded, link.B!.LastReceiveResult);
        Assert.Equal(IsoTpResult.BufferOverflow, link.A.LastTransmitResult);
        Assert.Equal(10, link.B.MessageLength);
    }

    [Fact]
    public void ReceiverWaitLimitZero_OverflowsAtOnce()
    {
        IsoTpSettings b = SettingsB();
        b.MaxWaitFrames = 0;
        Connect(SettingsA(), b);
        FillReceiveBuffer();

        link.A!.TryStartTransmit(Payload(20), 0, 20);
        Assert.True(link.RunUntilIdle(OneSecondMicroseconds));

        // With N_WFTmax 0 B may not send Wait, so it replies to the FF with Overflow.
        Assert.Equal(2, link.LogCount);
        Assert.Equal(Padded(Pad, 0x32, 0x00, 0x00), link.LogBytes(1));
        Assert.Equal(IsoTpResult.WaitLimitExceeded, link.B!.LastReceiveResult);
        Assert.Equal(IsoTpResult.BufferOverflow, link.A.LastTransmitResult);
    }

    [Fact]
    public void FlowControlOverflow_AbortsTransmit()
    {
        IsoTpSettings b = SettingsB();
        b.MaxReceiveLengthBytes = 100;
        Connect(SettingsA(), b);

        link.A!.TryStartTransmit(Payload(200), 0, 200);
        Assert.True(link.RunUntilIdle(OneSecondMicroseconds));

        // FF_DL = 200 = 0x0C8 is more than B accepts, so B replies with FC Overflow (0x32) and no CF follows.
        Assert.Equal(2, link.LogCount);
        Assert.Equal(new byte[] { 0x10, 0xC8 }, link.LogBytes(0)[..2]);
        Assert.Equal(Padded(Pad, 0x32, 0x00, 0x00), link.LogBytes(1));
        Assert.Equal(IsoTpResult.BufferOverflow, link.A.LastTransmitResult);
        Assert.Equal(IsoTpResult.BufferOverflow, link.B!.LastReceiveResult);
        Assert.False(link.B.IsMessageAvailable);
    }

    [Fact]
    public void EscapeFirstFrame_GetsOverflow()
    {
        IsoTpEndpoint receiver = ReceiverOnly();

        // FF_DL 0 escapes to a 32-bit length, here 0x00001000 = 4096 bytes, more than classic CAN allows.
        receiver.OnFrameReceived(Frame(IdAToB, 0x10, 0x00, 0x00, 0x00, 0x10, 0x00, 0xAA, 0xBB));

        Assert.Equal(Padded(Pad, 0x32, 0x00, 0x00), link.LogBytes(0));
        Assert.Equal(IsoTpResult.BufferOverflow, receiver.LastReceiveResult);
        Assert.False(receiver.IsReceiving);
    }

    [Fact]
    public void InvalidFlowStatus_AbortsTransmit()
    {
        IsoTpEndpoint sender = SenderOnly();
        sender.TryStartTransmit(Payload(20), 0, 20);

        sender.OnFrameReceived(Frame(IdBToA, 0x33, 0x00, 0x00));

        Assert.False(sender.IsTransmitting);
        Assert.Equal(IsoTpResult.InvalidFlowStatus, sender.LastTransmitResult);
    }

    [Fact]
    public void MissingFlowControl_TimesOutBs()
    {
        IsoTpEndpoint sender = SenderOnly();

        sender.TryStartTransmit(Payload(20), 0, 20);
        link.RunFor(OneSecondMicroseconds - TickMicroseconds);
        Assert.True(sender.IsTransmitting);
        link.Step(TickMicroseconds);

        // N_Bs = 1000 ms after the FF went out.
        Assert.False(sender.IsTransmitting);
        Assert.Equal(IsoTpResult.TimeoutBs, sender.LastTransmitResult);
        Assert.Equal(1, link.LogCount);
    }

    [Fact]
    public void MissingBlockFlowControl_TimesOutBs()
    {
        IsoTpSettings b = SettingsB();
        b.BlockSize = 2;
        Connect(SettingsA(), b);

        // Step 1 delivers the FF and B sends its FC. Step 2 delivers the FC and A sends CFs 1 and 2. Then
        // B's transmitter rejects the FC due after CF 2, so A never receives it.
        link.A!.TryStartTransmit(Payload(50), 0, 50);
        link.Step(TickMicroseconds);
        link.Step(TickMicroseconds);
        Assert.Equal(4, link.LogCount);
        link.PortB.Accepting = false;
        long lastConsecutiveFrameTime = link.LogTimeMicroseconds(3);
        link.RunFor(OneSecondMicroseconds - TickMicroseconds);
        Assert.True(link.A.IsTransmitting);
        link.RunFor(1_000);

        // N_Bs = 1000 ms after CF 2, the last frame of the block. B stops retrying its FC after N_Ar = 1000 ms.
        Assert.False(link.A.IsTransmitting);
        Assert.Equal(IsoTpResult.TimeoutBs, link.A.LastTransmitResult);
        Assert.True(clock.NowMicroseconds >= lastConsecutiveFrameTime + OneSecondMicroseconds);
        Assert.Equal(IsoTpResult.TimeoutAr, link.B!.LastReceiveResult);
    }

    [Fact]
    public void StoppedConsecutiveFrames_TimeOutCr()
    {
        IsoTpEndpoint receiver = ReceiverOnly();
        byte[] payload = Payload(30);

        receiver.OnFrameReceived(FirstFrame(30, payload));
        link.RunFor(500_000);
        receiver.OnFrameReceived(ConsecutiveFrame(1, payload, 6));

        // Each CF restarts N_Cr = 1000 ms, so the deadline is 1000 ms after CF 1, not after the FC.
        link.RunFor(OneSecondMicroseconds - TickMicroseconds);
        Assert.True(receiver.IsReceiving);
        link.Step(TickMicroseconds);

        Assert.False(receiver.IsReceiving);
        Assert.Equal(IsoTpResult.TimeoutCr, receiver.LastReceiveResult);
        Assert.False(receiver.IsMessageAvailable);
    }

    [Fact]
    public void RejectedFrame_TimesOutAs()
    {
        IsoTpEndpoint sender = SenderOnly();
        link.PortA.Accepting = false;

        Assert.True(sender.TryStartTransmit(Payload(5), 0, 5));
        link.RunFor(OneSecondMicroseconds - TickMicroseconds);
        Assert.True(sender.IsTransmitting);
        link.Step(TickMicroseconds);

        Assert.Equal(IsoTpResult.TimeoutAs, sender.LastTransmitResult);
        Assert.Equal(0, link.LogCount);
    }

    [Fact]
    public void RejectedFrame_RetriedUntilAccepted()
    {
        Connect(SettingsA(), SettingsB());
        link.PortA.Accepting = false;
        byte[] payload = Payload(5);

        link.A!.TryStartTransmit(payload, 0, 5);
        link.RunFor(500_000);
        link.PortA.Accepting = true;
        Assert.True(link.RunUntilIdle(OneSecondMicroseconds));

        Assert.Equal(IsoTpResult.Success, link.A.LastTransmitResult);
        Assert.Equal(5, link.B!.MessageLength);
    }

    [Fact]
    public void RejectedFlowControl_TimesOutAr()
    {
        IsoTpEndpoint receiver = ReceiverOnly();
        link.PortB.Accepting = false;

        receiver.OnFrameReceived(FirstFrame(20, Payload(20)));
        link.RunFor(OneSecondMicroseconds - TickMicroseconds);
        Assert.True(receiver.IsReceiving);
        link.Step(TickMicroseconds);

        Assert.False(receiver.IsReceiving);
        Assert.Equal(IsoTpResult.TimeoutAr, receiver.LastReceiveResult);
    }

    [Fact]
    public void WrongSequenceNumber_AbortsReception()
    {
        IsoTpEndpoint receiver = ReceiverOnly();
        byte[] payload = Payload(30);

        receiver.OnFrameReceived(FirstFrame(30, payload));
        receiver.OnFrameReceived(ConsecutiveFrame(1, payload, 6));
        receiver.OnFrameReceived(ConsecutiveFrame(3, payload, 13));

        Assert.False(receiver.IsReceiving);
        Assert.Equal(IsoTpResult.WrongSequenceNumber, receiver.LastReceiveResult);
        Assert.Equal(1, receiver.ReceiveErrorCount);

        // The reception is over, so the next CF is ignored.
        receiver.OnFrameReceived(ConsecutiveFrame(2, payload, 13));
        Assert.Equal(1, receiver.IgnoredFrameCount);
        Assert.False(receiver.IsMessageAvailable);
    }

    [Fact]
    public void NewFirstFrame_RestartsReception()
    {
        IsoTpEndpoint receiver = ReceiverOnly();
        byte[] abandoned = Payload(20, seed: 1);
        byte[] payload = Payload(20, seed: 50);

        receiver.OnFrameReceived(FirstFrame(20, abandoned));
        receiver.OnFrameReceived(ConsecutiveFrame(1, abandoned, 6));
        receiver.OnFrameReceived(FirstFrame(20, payload));
        receiver.OnFrameReceived(ConsecutiveFrame(1, payload, 6));
        receiver.OnFrameReceived(ConsecutiveFrame(2, payload, 13));

        // The second FF ends the first reception (N_UNEXP_PDU) and gets its own FC.
        Assert.Equal(2, link.LogCount);
        Assert.Equal(1, receiver.ReceiveErrorCount);
        Assert.Equal(IsoTpResult.Success, receiver.LastReceiveResult);
        var message = new byte[20];
        Assert.Equal(20, receiver.ReadMessage(message, 0));
        Assert.Equal(payload, message);
    }

    [Fact]
    public void NewSingleFrame_EndsReception()
    {
        IsoTpEndpoint receiver = ReceiverOnly();
        byte[] abandoned = Payload(20);

        receiver.OnFrameReceived(FirstFrame(20, abandoned));
        receiver.OnFrameReceived(ConsecutiveFrame(1, abandoned, 6));
        receiver.OnFrameReceived(Frame(IdAToB, 0x02, 0x11, 0x22));

        Assert.False(receiver.IsReceiving);
        Assert.Equal(1, receiver.ReceiveErrorCount);
        var message = new byte[2];
        Assert.Equal(2, receiver.ReadMessage(message, 0));
        Assert.Equal(new byte[] { 0x11, 0x22 }, message);
    }

    [Fact]
    public void UnreadMessage_DropsSingleFrame()
    {
        IsoTpEndpoint receiver = ReceiverOnly();

        receiver.OnFrameReceived(Frame(IdAToB, 0x01, 0x11));
        receiver.OnFrameReceived(Frame(IdAToB, 0x01, 0x22));

        Assert.Equal(IsoTpResult.BufferOverflow, receiver.LastReceiveResult);
        var message = new byte[1];
        receiver.ReadMessage(message, 0);
        Assert.Equal(0x11, message[0]);
    }

    [Fact]
    public void OtherIdentifiers_Ignored()
    {
        IsoTpEndpoint receiver = ReceiverOnly();
        CanFrame otherId = Frame(0x7DF, 0x01, 0x11);
        CanFrame extended = Frame(0, 0x01, 0x11);
        extended.SetId(IdAToB, true);
        CanFrame remote = Frame(IdAToB, 0x01, 0x11);
        remote.IsRemote = true;

        Assert.False(receiver.OnFrameReceived(otherId));
        Assert.False(receiver.OnFrameReceived(extended));
        Assert.False(receiver.OnFrameReceived(remote));

        Assert.Equal(3, receiver.ForeignFrameCount);
        Assert.Equal(0, receiver.IgnoredFrameCount);
        Assert.False(receiver.IsMessageAvailable);
    }

    [Fact]
    public void ExtendedIdentifiers_RoundTrip()
    {
        IsoTpSettings a = SettingsA();
        a.ExtendedIds = true;
        a.TransmitId = 0x18DA10F1;
        a.ReceiveId = 0x18DAF110;
        IsoTpSettings b = SettingsB();
        b.ExtendedIds = true;
        b.TransmitId = 0x18DAF110;
        b.ReceiveId = 0x18DA10F1;
        Connect(a, b);
        byte[] payload = Payload(40);

        link.A!.TryStartTransmit(payload, 0, 40);
        Assert.True(link.RunUntilIdle(OneSecondMicroseconds));

        Assert.True(link.LogFrame(0).IsExtended);
        Assert.Equal(0x18DA10F1u, link.LogFrame(0).Id);
        Assert.Equal(0x18DAF110u, link.LogFrame(1).Id);
        var message = new byte[40];
        link.B!.ReadMessage(message, 0);
        Assert.Equal(payload, message);
    }

    [Fact]
    public void ConsecutiveFrameWhenIdle_Ignored()
    {
        IsoTpEndpoint receiver = ReceiverOnly();

        Assert.True(receiver.OnFrameReceived(ConsecutiveFrame(1, Payload(7), 0)));

        Assert.Equal(1, receiver.IgnoredFrameCount);
        Assert.Equal(0, receiver.ReceiveErrorCount);
        Assert.Equal(0, link.LogCount);
    }

    [Fact]
    public void UnexpectedFlowControl_Ignored()
    {
        IsoTpEndpoint sender = SenderOnly();

        sender.OnFrameReceived(Frame(IdBToA, 0x30, 0x00, 0x00));

        Assert.Equal(1, sender.IgnoredFrameCount);
        Assert.Equal(IsoTpResult.None, sender.LastTransmitResult);
    }

    [Fact]
    public void FirstFrameBelowEightBytes_Ignored()
    {
        IsoTpEndpoint receiver = ReceiverOnly();

        // FF_DL 7 fits a single frame, so the FF is invalid and gets no FC.
        receiver.OnFrameReceived(Frame(IdAToB, 0x10, 0x07, 1, 2, 3, 4, 5, 6));
        Assert.Equal(1, receiver.IgnoredFrameCount);
        Assert.Equal(0, link.LogCount);

        // FF_DL 8 is the smallest valid length.
        receiver.OnFrameReceived(Frame(IdAToB, 0x10, 0x08, 1, 2, 3, 4, 5, 6));
        Assert.Equal(1, link.LogCount);
        Assert.True(receiver.IsReceiving);
    }

    [Fact]
    public void ShortConsecutiveFrame_Ignored()
    {
        IsoTpEndpoint receiver = ReceiverOnly();
        byte[] payload = Payload(20);

        receiver.OnFrameReceived(FirstFrame(20, payload));

        // 14 bytes remain, so CF 1 must carry 7 data bytes. One with 3 is ignored and the reception goes on.
        receiver.OnFrameReceived(Frame(IdAToB, 0x21, 1, 2, 3));
        receiver.OnFrameReceived(ConsecutiveFrame(1, payload, 6));
        receiver.OnFrameReceived(ConsecutiveFrame(2, payload, 13));

        Assert.Equal(1, receiver.IgnoredFrameCount);
        Assert.Equal(IsoTpResult.Success, receiver.LastReceiveResult);
    }
}

using Controllers.Firmware.Common.Can;

namespace Controllers.Firmware.Common.Tests.Can;

/// <summary>
/// Loopback CAN link between two ISO-TP endpoints in simulated time. A frame sent in one step is delivered
/// to the other end in the next step, so every frame takes one tick. Every sent frame is logged with its
/// send time. All storage is allocated in the constructor, so a transfer allocates nothing.
/// </summary>
internal sealed class IsoTpTestLink
{
    private readonly TestClock clock;
    private readonly CanFrame[] inFlight;
    private readonly bool[] inFlightFromA;
    private readonly CanFrame deliveryFrame = new();
    private readonly CanFrame[] log;
    private readonly long[] logTimesMicroseconds;
    private readonly bool[] logFromA;
    private int head;
    private int inFlightCount;

    public IsoTpTestLink(TestClock clock, int capacity = 1024, int logCapacity = 2048)
    {
        this.clock = clock;
        inFlight = NewFrames(capacity);
        inFlightFromA = new bool[capacity];
        log = NewFrames(logCapacity);
        logTimesMicroseconds = new long[logCapacity];
        logFromA = new bool[logCapacity];
        PortA = new Port(this, true);
        PortB = new Port(this, false);
    }

    /// <summary>Transmitter for endpoint A: its frames go to B.</summary>
    public Port PortA { get; }

    /// <summary>Transmitter for endpoint B: its frames go to A.</summary>
    public Port PortB { get; }

    /// <summary>Endpoint at end A. When it is null, frames sent to A are dropped.</summary>
    public IsoTpEndpoint? A { get; set; }

    /// <summary>Endpoint at end B. When it is null, frames sent to B are dropped.</summary>
    public IsoTpEndpoint? B { get; set; }

    public int LogCount { get; private set; }

    public int InFlightCount => inFlightCount;

    public CanFrame LogFrame(int index) => log[index];

    public long LogTimeMicroseconds(int index) => logTimesMicroseconds[index];

    public bool LogFromA(int index) => logFromA[index];

    /// <summary>Data bytes of logged frame <paramref name="index"/>, as many as its length.</summary>
    public byte[] LogBytes(int index)
    {
        var bytes = new byte[log[index].Length];
        System.Array.Copy(log[index].Data, bytes, bytes.Length);
        return bytes;
    }

    public void ClearLog() => LogCount = 0;

    /// <summary>Advances the clock by one tick, delivers the frames sent before it and runs both endpoints.</summary>
    public void Step(long tickMicroseconds)
    {
        clock.Advance(tickMicroseconds);

        int count = inFlightCount;
        for (int i = 0; i < count; i++)
        {
            deliveryFrame.CopyFrom(inFlight[head]);
            bool fromA = inFlightFromA[head];
            head = (head + 1) % inFlight.Length;
            inFlightCount--;

            IsoTpEndpoint? target = fromA ? B : A;
            target?.OnFrameReceived(deliveryFrame);
        }

        A?.Run(clock.NowMicroseconds);
        B?.Run(clock.NowMicroseconds);
    }

    /// <summary>Steps for <paramref name="durationMicroseconds"/>.</summary>
    public void RunFor(long durationMicroseconds, long tickMicroseconds = 100)
    {
        long end = clock.NowMicroseconds + durationMicroseconds;
        while (clock.NowMicroseconds < end)
        {
            Step(tickMicroseconds);
        }
    }

    /// <summary>
    /// Steps until no frame is in flight and neither endpoint is sending or receiving, at most for
    /// <paramref name="maxDurationMicroseconds"/>. Returns false when that time ran out.
    /// </summary>
    public bool RunUntilIdle(long maxDurationMicroseconds, long tickMicroseconds = 100)
    {
        long end = clock.NowMicroseconds + maxDurationMicroseconds;
        while (IsBusy())
        {
            if (clock.NowMicroseconds >= end)
            {
                return false;
            }

            Step(tickMicroseconds);
        }

        return true;
    }

    private bool IsBusy()
    {
        if (inFlightCount > 0)
        {
            return true;
        }

        bool aBusy = A != null && (A.IsTransmitting || A.IsReceiving);
        bool bBusy = B != null && (B.IsTransmitting || B.IsReceiving);
        return aBusy || bBusy;
    }

    private bool Enqueue(CanFrame frame, bool fromA)
    {
        if (inFlightCount == inFlight.Length)
        {
            return false;
        }

        int tail = (head + inFlightCount) % inFlight.Length;
        inFlight[tail].CopyFrom(frame);
        inFlightFromA[tail] = fromA;
        inFlightCount++;

        if (LogCount < log.Length)
        {
            log[LogCount].CopyFrom(frame);
            logTimesMicroseconds[LogCount] = clock.NowMicroseconds;
            logFromA[LogCount] = fromA;
            LogCount++;
        }

        return true;
    }

    private static CanFrame[] NewFrames(int count)
    {
        var frames = new CanFrame[count];
        for (int i = 0; i < count; i++)
        {
            frames[i] = new CanFrame();
        }

        return frames;
    }

    /// <summary>One end's transmitter. Setting <see cref="Accepting"/> to false makes every send fail, like a full mailbox.</summary>
    internal sealed class Port : ICanTransmitter
    {
        private readonly IsoTpTestLink link;
        private readonly bool fromA;

        public Port(IsoTpTestLink link, bool fromA)
        {
            this.link = link;
            this.fromA = fromA;
        }

        public bool Accepting { get; set; } = true;

        public bool TrySend(CanFrame frame) => Accepting && link.Enqueue(frame, fromA);
    }
}

using System;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Common.Can
{
    /// <summary>
    /// One ISO-TP (ISO 15765-2) connection on classic CAN with normal addressing: it sends messages of up
    /// to 4095 bytes on <see cref="IsoTpSettings.TransmitId"/> and receives them on
    /// <see cref="IsoTpSettings.ReceiveId"/>, both directions at once. The board passes every received frame
    /// to <see cref="OnFrameReceived"/> and runs <see cref="Run"/> periodically (every millisecond or
    /// faster for sub-millisecond STmin), which sends paced frames and checks the timeouts. No threads or
    /// timers are used, and nothing is allocated after construction. Protocol errors end a transfer with an
    /// <see cref="IsoTpResult"/> and a counter; only invalid arguments throw.
    /// Extended and mixed addressing (an address byte before the PCI) and CAN FD frames are not supported.
    /// </summary>
    public sealed class IsoTpEndpoint : IPeriodicTask
    {
        private readonly IsoTpSettings settings;
        private readonly IMonotonicClock clock;
        private readonly IsoTpSender sender;
        private readonly IsoTpReceiver receiver;
        private long foreignFrameCount;

        /// <summary>
        /// Creates an endpoint with a copy of <paramref name="settings"/>, after validating them, and
        /// allocates its two 4095-byte buffers.
        /// </summary>
        public IsoTpEndpoint(IsoTpSettings settings, ICanTransmitter transmitter, IMonotonicClock clock)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            if (transmitter == null)
            {
                throw new ArgumentNullException("transmitter");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            settings.Validate();

            this.settings = settings.Clone();
            this.clock = clock;
            sender = new IsoTpSender(this.settings, transmitter);
            receiver = new IsoTpReceiver(this.settings, transmitter);
        }

        /// <summary>True from <see cref="TryStartTransmit"/> until the message is sent or the transfer fails.</summary>
        public bool IsTransmitting
        {
            get { return sender.IsBusy; }
        }

        /// <summary>Outcome of the latest transmission; <see cref="IsoTpResult.None"/> while one is in progress.</summary>
        public IsoTpResult LastTransmitResult
        {
            get { return sender.LastResult; }
        }

        /// <summary>Messages sent completely.</summary>
        public long TransmittedMessageCount
        {
            get { return sender.CompletedCount; }
        }

        /// <summary>Transmissions that ended with an error result.</summary>
        public long TransmitErrorCount
        {
            get { return sender.ErrorCount; }
        }

        /// <summary>True while a multi-frame message is being received or waits for the buffer.</summary>
        public bool IsReceiving
        {
            get { return receiver.IsReceiving; }
        }

        /// <summary>True when a received message waits to be read with <see cref="ReadMessage"/>.</summary>
        public bool IsMessageAvailable
        {
            get { return receiver.IsMessageAvailable; }
        }

        /// <summary>Length of the message waiting to be read, in bytes; 0 when there is none.</summary>
        public int MessageLength
        {
            get { return receiver.MessageLength; }
        }

        /// <summary>Outcome of the latest reception.</summary>
        public IsoTpResult LastReceiveResult
        {
            get { return receiver.LastResult; }
        }

        /// <summary>Messages received completely.</summary>
        public long ReceivedMessageCount
        {
            get { return receiver.CompletedCount; }
        }

        /// <summary>Receptions that ended with an error result, including single frames dropped for lack of buffer.</summary>
        public long ReceiveErrorCount
        {
            get { return receiver.ErrorCount; }
        }

        /// <summary>
        /// Frames with this endpoint's receive identifier that were ignored: malformed frames, and frames
        /// that arrived when the protocol did not expect them.
        /// </summary>
        public long IgnoredFrameCount
        {
            get { return sender.IgnoredFrameCount + receiver.IgnoredFrameCount; }
        }

        /// <summary>Frames passed to <see cref="OnFrameReceived"/> that had another identifier, or were remote frames.</summary>
        public long ForeignFrameCount
        {
            get { return foreignFrameCount; }
        }

        /// <summary>
        /// Copies <paramref name="length"/> bytes into the transmit buffer and sends the first frame.
        /// Returns false, and sends nothing, while the previous message is still being sent.
        /// </summary>
        public bool TryStartTransmit(byte[] data, int offset, int length)
        {
            if (data == null)
            {
                throw new ArgumentNullException("data");
            }

            if (length < 1 || length > IsoTpSettings.MaxMessageLengthBytes)
            {
                throw new ArgumentOutOfRangeException("length", "An ISO-TP message on classic CAN has 1 to 4095 bytes.");
            }

            if (offset < 0 || offset > data.Length - length)
            {
                throw new ArgumentOutOfRangeException("offset", "The offset and length must lie inside the data array.");
            }

            return sender.TryStart(data, offset, length, clock.NowMicroseconds);
        }

        /// <summary>
        /// Processes a received frame. Returns false when the frame is not for this endpoint (another
        /// identifier, another identifier width or a remote frame), so the caller can offer it elsewhere.
        /// </summary>
        public bool OnFrameReceived(CanFrame frame)
        {
            if (frame == null)
            {
                throw new ArgumentNullException("frame");
            }

            if (frame.Id != settings.ReceiveId || frame.IsExtended != settings.ExtendedIds || frame.IsRemote)
            {
                foreignFrameCount++;
                return false;
            }

            if (frame.Length == 0)
            {
                receiver.CountIgnoredFrame();
                return true;
            }

            long now = clock.NowMicroseconds;
            int frameType = frame.Data[0] >> 4;
            if (frameType == IsoTpFrameFormat.FlowControl)
            {
                sender.OnFlowControl(frame, now);
            }
            else if (frameType <= IsoTpFrameFormat.ConsecutiveFrame)
            {
                receiver.OnDataFrame(frame, frameType, now);
            }
            else
            {
                // Frame types 4 to 15 are reserved.
                receiver.CountIgnoredFrame();
            }

            return true;
        }

        /// <summary>Sends the frames that are due and checks the timeouts of both directions.</summary>
        public void Run(long nowMicroseconds)
        {
            sender.Service(nowMicroseconds);
            receiver.Service(nowMicroseconds);
        }

        /// <summary>
        /// Copies the received message to <paramref name="destination"/> at <paramref name="offset"/>, frees
        /// the receive buffer for the next message and returns the length. Returns 0 when no message is available.
        /// </summary>
        public int ReadMessage(byte[] destination, int offset)
        {
            if (destination == null)
            {
                throw new ArgumentNullException("destination");
            }

            if (!receiver.IsMessageAvailable)
            {
                return 0;
            }

            if (offset < 0 || offset > destination.Length - receiver.MessageLength)
            {
                throw new ArgumentOutOfRangeException("offset", "The destination has no room for the message at this offset; check MessageLength first.");
            }

            return receiver.ReadMessage(destination, offset);
        }
    }
}

using System;

namespace Controllers.Firmware.Common.Can
{
    /// <summary>
    /// Sender half of an <see cref="IsoTpEndpoint"/>: segments one message into a single frame, or into a
    /// first frame and consecutive frames paced by the receiver's flow control.
    /// </summary>
    internal sealed class IsoTpSender
    {
        private const int StateIdle = 0;
        private const int StateSendingSingleFrame = 1;
        private const int StateSendingFirstFrame = 2;
        private const int StateWaitingForFlowControl = 3;
        private const int StateSendingConsecutiveFrames = 4;

        private readonly IsoTpSettings settings;
        private readonly ICanTransmitter transmitter;
        private readonly CanFrame frame = new CanFrame();
        private readonly byte[] buffer = new byte[IsoTpSettings.MaxMessageLengthBytes];

        private int state;
        private int messageLength;
        private int sentBytes;
        private int sequenceNumber;
        private int blockSize;
        private int framesLeftInBlock;
        private long separationTimeMicroseconds;
        private long nextConsecutiveFrameMicroseconds;
        private long flowControlDeadlineMicroseconds;
        private bool sendDeadlineRunning;
        private long sendDeadlineMicroseconds;
        private int waitFramesInRow;

        public IsoTpSender(IsoTpSettings settings, ICanTransmitter transmitter)
        {
            this.settings = settings;
            this.transmitter = transmitter;
            LastResult = IsoTpResult.None;
        }

        public bool IsBusy
        {
            get { return state != StateIdle; }
        }

        public IsoTpResult LastResult { get; private set; }

        public long CompletedCount { get; private set; }

        public long ErrorCount { get; private set; }

        public long IgnoredFrameCount { get; private set; }

        /// <summary>Copies the message and sends its first frame. Returns false while a message is in progress.</summary>
        public bool TryStart(byte[] data, int offset, int length, long nowMicroseconds)
        {
            if (state != StateIdle)
            {
                return false;
            }

            Array.Copy(data, offset, buffer, 0, length);
            messageLength = length;
            sentBytes = 0;
            sendDeadlineRunning = false;
            waitFramesInRow = 0;
            LastResult = IsoTpResult.None;
            state = length <= IsoTpFrameFormat.MaxSingleFrameDataBytes ? StateSendingSingleFrame : StateSendingFirstFrame;

            Service(nowMicroseconds);
            return true;
        }

        /// <summary>Sends what is due and checks the timeouts.</summary>
        public void Service(long nowMicroseconds)
        {
            if (state == StateSendingSingleFrame)
            {
                SendSingleFrame(nowMicroseconds);
            }
            else if (state == StateSendingFirstFrame)
            {
                SendFirstFrame(nowMicroseconds);
            }
            else if (state == StateWaitingForFlowControl)
            {
                if (nowMicroseconds >= flowControlDeadlineMicroseconds)
                {
                    Finish(IsoTpResult.TimeoutBs);
                }
            }
            else if (state == StateSendingConsecutiveFrames)
            {
                SendConsecutiveFrames(nowMicroseconds);
            }
        }

        /// <summary>Handles a flow control frame. One that arrives while no flow control is expected is ignored.</summary>
        public void OnFlowControl(CanFrame received, long nowMicroseconds)
        {
            if (state != StateWaitingForFlowControl || received.Length < IsoTpFrameFormat.FlowControlBytes)
            {
                IgnoredFrameCount++;
                return;
            }

            byte[] data = received.Data;
            int flowStatus = data[0] & 0x0F;

            if (flowStatus == IsoTpFrameFormat.FlowStatusContinueToSend)
            {
                blockSize = data[1];
                framesLeftInBlock = blockSize;
                separationTimeMicroseconds = IsoTpSettings.DecodeSeparationTimeMicroseconds(data[2]);
                waitFramesInRow = 0;

                // STmin separates consecutive frames, so the first frame of a block goes out at once.
                nextConsecutiveFrameMicroseconds = nowMicroseconds;
                state = StateSendingConsecutiveFrames;
                SendConsecutiveFrames(nowMicroseconds);
                return;
            }

            if (flowStatus == IsoTpFrameFormat.FlowStatusWait)
            {
                waitFramesInRow++;
                if (waitFramesInRow > settings.MaxWaitFrames)
                {
                    Finish(IsoTpResult.WaitLimitExceeded);
                    return;
                }

                flowControlDeadlineMicroseconds = nowMicroseconds + settings.TimeoutBsMilliseconds * 1000L;
                return;
            }

            if (flowStatus == IsoTpFrameFormat.FlowStatusOverflow)
            {
                Finish(IsoTpResult.BufferOverflow);
                return;
            }

            Finish(IsoTpResult.InvalidFlowStatus);
        }

        private void SendSingleFrame(long nowMicroseconds)
        {
            byte[] data = frame.Data;
            data[0] = (byte)((IsoTpFrameFormat.SingleFrame << 4) | messageLength);
            Array.Copy(buffer, 0, data, 1, messageLength);
            IsoTpFrameFormat.Finish(frame, settings, 1 + messageLength);

            if (TrySendFrame(nowMicroseconds))
            {
                Finish(IsoTpResult.Success);
            }
        }

        private void SendFirstFrame(long nowMicroseconds)
        {
            byte[] data = frame.Data;
            data[0] = (byte)((IsoTpFrameFormat.FirstFrame << 4) | (messageLength >> 8));
            data[1] = (byte)(messageLength & 0xFF);
            Array.Copy(buffer, 0, data, 2, IsoTpFrameFormat.FirstFrameDataBytes);
            IsoTpFrameFormat.Finish(frame, settings, 8);

            if (!TrySendFrame(nowMicroseconds))
            {
                return;
            }

            sentBytes = IsoTpFrameFormat.FirstFrameDataBytes;
            sequenceNumber = 1;
            StartWaitingForFlowControl(nowMicroseconds);
        }

        private void SendConsecutiveFrames(long nowMicroseconds)
        {
            // With STmin 0 this sends the rest of the block in one call, until the transmitter is full.
            while (state == StateSendingConsecutiveFrames && nowMicroseconds >= nextConsecutiveFrameMicroseconds)
            {
                int count = messageLength - sentBytes;
                if (count > IsoTpFrameFormat.ConsecutiveFrameDataBytes)
                {
                    count = IsoTpFrameFormat.ConsecutiveFrameDataBytes;
                }

                byte[] data = frame.Data;
                data[0] = (byte)((IsoTpFrameFormat.ConsecutiveFrame << 4) | sequenceNumber);
                Array.Copy(buffer, sentBytes, data, 1, count);
                IsoTpFrameFormat.Finish(frame, settings, 1 + count);

                if (!TrySendFrame(nowMicroseconds))
                {
                    return;
                }

                sentBytes += count;
                sequenceNumber = (sequenceNumber + 1) & 0x0F;

                if (sentBytes == messageLength)
                {
                    Finish(IsoTpResult.Success);
                    return;
                }

                if (blockSize != 0)
                {
                    framesLeftInBlock--;
                    if (framesLeftInBlock == 0)
                    {
                        StartWaitingForFlowControl(nowMicroseconds);
                        return;
                    }
                }

                // NOTE: STmin counts from the moment the transmitter accepted the frame, not from the end
                // of its transmission on the bus, which this layer cannot observe.
                nextConsecutiveFrameMicroseconds = nowMicroseconds + separationTimeMicroseconds;
            }
        }

        private void StartWaitingForFlowControl(long nowMicroseconds)
        {
            flowControlDeadlineMicroseconds = nowMicroseconds + settings.TimeoutBsMilliseconds * 1000L;
            waitFramesInRow = 0;
            state = StateWaitingForFlowControl;
        }

        // Offers the prepared frame to the transmitter. N_As runs from the first rejected attempt, because
        // acceptance by the transmitter is the only confirmation this layer gets.
        private bool TrySendFrame(long nowMicroseconds)
        {
            if (transmitter.TrySend(frame))
            {
                sendDeadlineRunning = false;
                return true;
            }

            if (!sendDeadlineRunning)
            {
                sendDeadlineRunning = true;
                sendDeadlineMicroseconds = nowMicroseconds + settings.TimeoutAsMilliseconds * 1000L;
            }
            else if (nowMicroseconds >= sendDeadlineMicroseconds)
            {
                Finish(IsoTpResult.TimeoutAs);
            }

            return false;
        }

        private void Finish(IsoTpResult result)
        {
            state = StateIdle;
            sendDeadlineRunning = false;
            LastResult = result;
            if (result == IsoTpResult.Success)
            {
                CompletedCount++;
            }
            else
            {
                ErrorCount++;
            }
        }
    }
}

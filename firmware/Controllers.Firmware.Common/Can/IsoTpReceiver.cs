using System;

namespace Controllers.Firmware.Common.Can
{
    /// <summary>
    /// Receiver half of an <see cref="IsoTpEndpoint"/>: reassembles one message from a single frame, or from
    /// a first frame and consecutive frames, and sends the flow control frames. A completed message stays
    /// in the buffer until the application reads it. While it is unread, a new first frame gets a Wait
    /// frame every N_Br until the buffer is free. After N_WFTmax Wait frames it gets Overflow instead.
    /// </summary>
    internal sealed class IsoTpReceiver
    {
        private const int StateIdle = 0;
        private const int StateReceiving = 1;
        private const int StateWaitingForBuffer = 2;

        private readonly IsoTpSettings settings;
        private readonly ICanTransmitter transmitter;
        private readonly CanFrame frame = new CanFrame();
        private readonly byte[] buffer = new byte[IsoTpSettings.MaxMessageLengthBytes];
        private readonly byte[] firstFrameData = new byte[IsoTpFrameFormat.FirstFrameDataBytes];

        private int state;
        private int messageLength;
        private int receivedBytes;
        private int expectedSequenceNumber;
        private int framesLeftInBlock;
        private long consecutiveFrameDeadlineMicroseconds;
        private long nextWaitFrameMicroseconds;
        private int waitFramesSent;

        private bool flowControlPending;
        private int pendingFlowStatus;
        private bool sendDeadlineRunning;
        private long sendDeadlineMicroseconds;

        private bool messageAvailable;
        private int availableLength;

        public IsoTpReceiver(IsoTpSettings settings, ICanTransmitter transmitter)
        {
            this.settings = settings;
            this.transmitter = transmitter;
            LastResult = IsoTpResult.None;
        }

        public bool IsReceiving
        {
            get { return state != StateIdle; }
        }

        public bool IsMessageAvailable
        {
            get { return messageAvailable; }
        }

        public int MessageLength
        {
            get { return messageAvailable ? availableLength : 0; }
        }

        public IsoTpResult LastResult { get; private set; }

        public long CompletedCount { get; private set; }

        public long ErrorCount { get; private set; }

        public long IgnoredFrameCount { get; private set; }

        public void CountIgnoredFrame()
        {
            IgnoredFrameCount++;
        }

        /// <summary>Copies the completed message to <paramref name="destination"/> and frees the buffer.</summary>
        public int ReadMessage(byte[] destination, int offset)
        {
            int length = availableLength;
            Array.Copy(buffer, 0, destination, offset, length);
            messageAvailable = false;
            availableLength = 0;
            return length;
        }

        /// <summary>Handles a single, first or consecutive frame addressed to this endpoint.</summary>
        public void OnDataFrame(CanFrame received, int frameType, long nowMicroseconds)
        {
            if (frameType == IsoTpFrameFormat.SingleFrame)
            {
                OnSingleFrame(received);
            }
            else if (frameType == IsoTpFrameFormat.FirstFrame)
            {
                OnFirstFrame(received, nowMicroseconds);
            }
            else
            {
                OnConsecutiveFrame(received, nowMicroseconds);
            }
        }

        /// <summary>Retries a rejected flow control frame, sends Wait frames and checks the timeouts.</summary>
        public void Service(long nowMicroseconds)
        {
            if (flowControlPending)
            {
                TrySendFlowControl(nowMicroseconds);
                return;
            }

            if (state == StateReceiving)
            {
                if (nowMicroseconds >= consecutiveFrameDeadlineMicroseconds)
                {
                    Fail(IsoTpResult.TimeoutCr);
                }
            }
            else if (state == StateWaitingForBuffer)
            {
                if (!messageAvailable)
                {
                    Array.Copy(firstFrameData, 0, buffer, 0, IsoTpFrameFormat.FirstFrameDataBytes);
                    StartReceiving(nowMicroseconds);
                }
                else if (nowMicroseconds >= nextWaitFrameMicroseconds)
                {
                    SendWaitOrGiveUp(nowMicroseconds);
                }
            }
        }

        private void OnSingleFrame(CanFrame received)
        {
            byte[] data = received.Data;
            int length = data[0] & 0x0F;

            // SF_DL 0 is the escape to a longer single frame, which exists only on CAN FD.
            if (length == 0 || length > IsoTpFrameFormat.MaxSingleFrameDataBytes || length > received.Length - 1)
            {
                IgnoredFrameCount++;
                return;
            }

            if (state != StateIdle)
            {
                AbortForNewMessage();
            }

            if (messageAvailable || length > settings.MaxReceiveLengthBytes)
            {
                Fail(IsoTpResult.BufferOverflow);
                return;
            }

            Array.Copy(data, 1, buffer, 0, length);
            Complete(length);
        }

        private void OnFirstFrame(CanFrame received, long nowMicroseconds)
        {
            byte[] data = received.Data;
            if (received.Length < 8)
            {
                IgnoredFrameCount++;
                return;
            }

            int length = ((data[0] & 0x0F) << 8) | data[1];
            if (length != 0 && length < IsoTpFrameFormat.MinFirstFrameLength)
            {
                IgnoredFrameCount++;
                return;
            }

            if (state != StateIdle)
            {
                AbortForNewMessage();
            }

            // FF_DL 0 is the escape to a 32-bit length above 4095 bytes, which does not fit the buffer.
            if (length == 0 || length > settings.MaxReceiveLengthBytes)
            {
                QueueFlowControl(IsoTpFrameFormat.FlowStatusOverflow, nowMicroseconds);
                Fail(IsoTpResult.BufferOverflow);
                return;
            }

            messageLength = length;
            if (messageAvailable)
            {
                Array.Copy(data, 2, firstFrameData, 0, IsoTpFrameFormat.FirstFrameDataBytes);
                state = StateWaitingForBuffer;
                waitFramesSent = 0;
                SendWaitOrGiveUp(nowMicroseconds);
                return;
            }

            Array.Copy(data, 2, buffer, 0, IsoTpFrameFormat.FirstFrameDataBytes);
            StartReceiving(nowMicroseconds);
        }

        private void OnConsecutiveFrame(CanFrame received, long nowMicroseconds)
        {
            // A consecutive frame outside a reception, or before this endpoint's flow control went out, is ignored.
            if (state != StateReceiving || flowControlPending)
            {
                IgnoredFrameCount++;
                return;
            }

            int count = messageLength - receivedBytes;
            if (count > IsoTpFrameFormat.ConsecutiveFrameDataBytes)
            {
                count = IsoTpFrameFormat.ConsecutiveFrameDataBytes;
            }

            if (received.Length < 1 + count)
            {
                IgnoredFrameCount++;
                return;
            }

            byte[] data = received.Data;
            if ((data[0] & 0x0F) != expectedSequenceNumber)
            {
                Fail(IsoTpResult.WrongSequenceNumber);
                return;
            }

            Array.Copy(data, 1, buffer, receivedBytes, count);
            receivedBytes += count;
            expectedSequenceNumber = (expectedSequenceNumber + 1) & 0x0F;

            if (receivedBytes == messageLength)
            {
                Complete(messageLength);
                return;
            }

            if (settings.BlockSize != 0)
            {
                framesLeftInBlock--;
                if (framesLeftInBlock == 0)
                {
                    framesLeftInBlock = settings.BlockSize;
                    QueueFlowControl(IsoTpFrameFormat.FlowStatusContinueToSend, nowMicroseconds);
                    return;
                }
            }

            consecutiveFrameDeadlineMicroseconds = nowMicroseconds + settings.TimeoutCrMilliseconds * 1000L;
        }

        // Expects the first 6 data bytes to be in the buffer already.
        private void StartReceiving(long nowMicroseconds)
        {
            receivedBytes = IsoTpFrameFormat.FirstFrameDataBytes;
            expectedSequenceNumber = 1;
            framesLeftInBlock = settings.BlockSize;
            state = StateReceiving;
            QueueFlowControl(IsoTpFrameFormat.FlowStatusContinueToSend, nowMicroseconds);
        }

        // Sends one more Wait frame, or Overflow once N_WFTmax Wait frames have gone out, so that the
        // sender stops at once instead of running into N_Bs.
        private void SendWaitOrGiveUp(long nowMicroseconds)
        {
            if (waitFramesSent >= settings.MaxWaitFrames)
            {
                QueueFlowControl(IsoTpFrameFormat.FlowStatusOverflow, nowMicroseconds);
                Fail(IsoTpResult.WaitLimitExceeded);
                return;
            }

            waitFramesSent++;
            QueueFlowControl(IsoTpFrameFormat.FlowStatusWait, nowMicroseconds);
        }

        private void QueueFlowControl(int flowStatus, long nowMicroseconds)
        {
            flowControlPending = true;
            pendingFlowStatus = flowStatus;
            sendDeadlineRunning = false;
            TrySendFlowControl(nowMicroseconds);
        }

        private void TrySendFlowControl(long nowMicroseconds)
        {
            byte[] data = frame.Data;
            data[0] = (byte)((IsoTpFrameFormat.FlowControl << 4) | pendingFlowStatus);

            // BS and STmin matter only with ContinueToSend; they are sent as 0 otherwise.
            bool continueToSend = pendingFlowStatus == IsoTpFrameFormat.FlowStatusContinueToSend;
            data[1] = (byte)(continueToSend ? settings.BlockSize : 0);
            data[2] = (byte)(continueToSend ? settings.SeparationTimeMinimum : 0);
            IsoTpFrameFormat.Finish(frame, settings, IsoTpFrameFormat.FlowControlBytes);

            if (transmitter.TrySend(frame))
            {
                flowControlPending = false;
                sendDeadlineRunning = false;
                consecutiveFrameDeadlineMicroseconds = nowMicroseconds + settings.TimeoutCrMilliseconds * 1000L;
                nextWaitFrameMicroseconds = nowMicroseconds + settings.WaitFrameIntervalMilliseconds * 1000L;
                return;
            }

            if (!sendDeadlineRunning)
            {
                sendDeadlineRunning = true;
                sendDeadlineMicroseconds = nowMicroseconds + settings.TimeoutArMilliseconds * 1000L;
            }
            else if (nowMicroseconds >= sendDeadlineMicroseconds)
            {
                flowControlPending = false;
                sendDeadlineRunning = false;
                Fail(IsoTpResult.TimeoutAr);
            }
        }

        private void Complete(int length)
        {
            availableLength = length;
            messageAvailable = true;
            state = StateIdle;
            LastResult = IsoTpResult.Success;
            CompletedCount++;
        }

        // A single or first frame during a reception ends it, and the new message is processed instead.
        private void AbortForNewMessage()
        {
            flowControlPending = false;
            sendDeadlineRunning = false;
            Fail(IsoTpResult.UnexpectedPdu);
        }

        // Ends the current reception, if any. A flow control frame still pending (such as Overflow) is kept.
        private void Fail(IsoTpResult result)
        {
            state = StateIdle;
            LastResult = result;
            ErrorCount++;
        }
    }
}

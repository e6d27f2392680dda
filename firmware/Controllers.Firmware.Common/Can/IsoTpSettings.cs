using System;

namespace Controllers.Firmware.Common.Can
{
    /// <summary>
    /// Configuration of one ISO-TP endpoint with normal addressing: the CAN identifiers, the flow control
    /// parameters that this endpoint sends as a receiver, the wait frame limit and the four timeouts.
    /// <see cref="Validate"/> checks every field; <see cref="IsoTpEndpoint"/> calls it and keeps a copy.
    /// </summary>
    public sealed class IsoTpSettings
    {
        /// <summary>Largest message length that a 12-bit first frame data length (FF_DL) can carry.</summary>
        public const int MaxMessageLengthBytes = 4095;

        /// <summary>Maximum timeout accepted by <see cref="Validate"/>, in milliseconds.</summary>
        public const int MaxTimeoutMilliseconds = 60000;

        /// <summary>Creates settings with the defaults described on each property.</summary>
        public IsoTpSettings()
        {
            BlockSize = 0;
            SeparationTimeMinimum = 0;
            MaxWaitFrames = 10;
            WaitFrameIntervalMilliseconds = 100;
            TimeoutAsMilliseconds = 1000;
            TimeoutArMilliseconds = 1000;
            TimeoutBsMilliseconds = 1000;
            TimeoutCrMilliseconds = 1000;
            PaddingEnabled = true;
            PaddingByte = 0xCC;
            MaxReceiveLengthBytes = MaxMessageLengthBytes;
        }

        /// <summary>Identifier of the frames this endpoint sends: SF, FF and CF as sender, FC as receiver.</summary>
        public uint TransmitId { get; set; }

        /// <summary>Identifier of the frames this endpoint accepts; frames with any other identifier are ignored.</summary>
        public uint ReceiveId { get; set; }

        /// <summary>True for 29-bit identifiers on both directions, false for 11-bit.</summary>
        public bool ExtendedIds { get; set; }

        /// <summary>
        /// Block size (BS) sent in this endpoint's flow control frames: the number of consecutive frames
        /// the sender may send before it waits for the next flow control, 0 to 255. 0 (the default) means
        /// the whole message follows without further flow control.
        /// </summary>
        public int BlockSize { get; set; }

        /// <summary>
        /// Separation time minimum (STmin) sent in this endpoint's flow control frames, encoded as on the
        /// bus: 0x00 to 0x7F is 0 to 127 ms, 0xF1 to 0xF9 is 100 to 900 µs. Other values are reserved and
        /// rejected by <see cref="Validate"/>. Default 0.
        /// </summary>
        public int SeparationTimeMinimum { get; set; }

        /// <summary>
        /// Wait frame limit (N_WFTmax), 0 to 255, default 10. As a receiver this endpoint sends at most
        /// this many flow control Wait frames in a row, then Overflow (at once when the limit is 0). As a
        /// sender it aborts when it receives more Wait frames in a row.
        /// </summary>
        public int MaxWaitFrames { get; set; }

        /// <summary>
        /// Time between two flow control Wait frames (N_Br), in milliseconds, default 100. It must be shorter
        /// than the peer's N_Bs, or the peer times out between two Wait frames.
        /// </summary>
        public int WaitFrameIntervalMilliseconds { get; set; }

        /// <summary>Time the transmitter may take to accept an SF, FF or CF (N_As), in milliseconds, default 1000.</summary>
        public int TimeoutAsMilliseconds { get; set; }

        /// <summary>Time the transmitter may take to accept a flow control frame (N_Ar), in milliseconds, default 1000.</summary>
        public int TimeoutArMilliseconds { get; set; }

        /// <summary>Time the sender waits for a flow control frame (N_Bs), in milliseconds, default 1000.</summary>
        public int TimeoutBsMilliseconds { get; set; }

        /// <summary>Time the receiver waits for the next consecutive frame (N_Cr), in milliseconds, default 1000.</summary>
        public int TimeoutCrMilliseconds { get; set; }

        /// <summary>
        /// True (the default) to send every frame with 8 data bytes, filling unused bytes with
        /// <see cref="PaddingByte"/>. False sends only the bytes in use. Received frames are accepted either way.
        /// </summary>
        public bool PaddingEnabled { get; set; }

        /// <summary>Value of the fill bytes when <see cref="PaddingEnabled"/> is true, default 0xCC.</summary>
        public byte PaddingByte { get; set; }

        /// <summary>
        /// Maximum message length this endpoint accepts, 1 to 4095 bytes, default 4095. The endpoint replies
        /// to a first frame with a larger FF_DL with flow status Overflow.
        /// </summary>
        public int MaxReceiveLengthBytes { get; set; }

        /// <summary>
        /// Returns the separation time that an STmin byte encodes, in microseconds. Reserved values
        /// (0x80 to 0xF0 and 0xFA to 0xFF) return 127 ms, the longest valid time, as ISO 15765-2 requires.
        /// </summary>
        public static long DecodeSeparationTimeMicroseconds(int separationTimeMinimum)
        {
            if (separationTimeMinimum >= 0x00 && separationTimeMinimum <= 0x7F)
            {
                return separationTimeMinimum * 1000L;
            }

            if (separationTimeMinimum >= 0xF1 && separationTimeMinimum <= 0xF9)
            {
                return (separationTimeMinimum - 0xF0) * 100L;
            }

            return 127000L;
        }

        /// <summary>True when an STmin byte is not reserved.</summary>
        public static bool IsValidSeparationTimeMinimum(int separationTimeMinimum)
        {
            return (separationTimeMinimum >= 0x00 && separationTimeMinimum <= 0x7F)
                || (separationTimeMinimum >= 0xF1 && separationTimeMinimum <= 0xF9);
        }

        /// <summary>Throws <see cref="ArgumentException"/> naming the first field that is out of range.</summary>
        public void Validate()
        {
            uint maxId = ExtendedIds ? CanFrame.MaxExtendedId : CanFrame.MaxStandardId;
            if (TransmitId > maxId)
            {
                throw new ArgumentException(ExtendedIds
                    ? "TransmitId must fit 29 bits (at most 0x1FFFFFFF)."
                    : "TransmitId must fit 11 bits (at most 0x7FF); set ExtendedIds for 29-bit identifiers.", "TransmitId");
            }

            if (ReceiveId > maxId)
            {
                throw new ArgumentException(ExtendedIds
                    ? "ReceiveId must fit 29 bits (at most 0x1FFFFFFF)."
                    : "ReceiveId must fit 11 bits (at most 0x7FF); set ExtendedIds for 29-bit identifiers.", "ReceiveId");
            }

            if (TransmitId == ReceiveId)
            {
                throw new ArgumentException("TransmitId and ReceiveId must differ, or the endpoint receives its own frames.", "ReceiveId");
            }

            if (BlockSize < 0 || BlockSize > 255)
            {
                throw new ArgumentException("BlockSize must be 0 to 255 consecutive frames.", "BlockSize");
            }

            if (!IsValidSeparationTimeMinimum(SeparationTimeMinimum))
            {
                throw new ArgumentException("SeparationTimeMinimum must be 0x00 to 0x7F (milliseconds) or 0xF1 to 0xF9 (100 to 900 µs).", "SeparationTimeMinimum");
            }

            if (MaxWaitFrames < 0 || MaxWaitFrames > 255)
            {
                throw new ArgumentException("MaxWaitFrames must be 0 to 255.", "MaxWaitFrames");
            }

            CheckTimeout(WaitFrameIntervalMilliseconds, "WaitFrameIntervalMilliseconds");
            CheckTimeout(TimeoutAsMilliseconds, "TimeoutAsMilliseconds");
            CheckTimeout(TimeoutArMilliseconds, "TimeoutArMilliseconds");
            CheckTimeout(TimeoutBsMilliseconds, "TimeoutBsMilliseconds");
            CheckTimeout(TimeoutCrMilliseconds, "TimeoutCrMilliseconds");

            if (MaxReceiveLengthBytes < 1 || MaxReceiveLengthBytes > MaxMessageLengthBytes)
            {
                throw new ArgumentException("MaxReceiveLengthBytes must be 1 to 4095 bytes.", "MaxReceiveLengthBytes");
            }
        }

        /// <summary>Returns a copy, so that later changes to this object do not reach an endpoint.</summary>
        public IsoTpSettings Clone()
        {
            IsoTpSettings copy = new IsoTpSettings();
            copy.TransmitId = TransmitId;
            copy.ReceiveId = ReceiveId;
            copy.ExtendedIds = ExtendedIds;
            copy.BlockSize = BlockSize;
            copy.SeparationTimeMinimum = SeparationTimeMinimum;
            copy.MaxWaitFrames = MaxWaitFrames;
            copy.WaitFrameIntervalMilliseconds = WaitFrameIntervalMilliseconds;
            copy.TimeoutAsMilliseconds = TimeoutAsMilliseconds;
            copy.TimeoutArMilliseconds = TimeoutArMilliseconds;
            copy.TimeoutBsMilliseconds = TimeoutBsMilliseconds;
            copy.TimeoutCrMilliseconds = TimeoutCrMilliseconds;
            copy.PaddingEnabled = PaddingEnabled;
            copy.PaddingByte = PaddingByte;
            copy.MaxReceiveLengthBytes = MaxReceiveLengthBytes;
            return copy;
        }

        private static void CheckTimeout(int valueMilliseconds, string name)
        {
            if (valueMilliseconds < 1 || valueMilliseconds > MaxTimeoutMilliseconds)
            {
                throw new ArgumentException(name + " must be 1 to 60000 ms.", name);
            }
        }
    }
}

namespace Controllers.Firmware.Common.Can
{
    /// <summary>
    /// Protocol control information (PCI) of ISO 15765-2 on classic CAN with normal addressing. The
    /// high nibble of data byte 0 is the frame type:
    /// SF 0x0L (L = length 1 to 7, then the data),
    /// FF 0x1H 0xLL (12-bit length, at least 8, then 6 data bytes),
    /// CF 0x2N (N = sequence number 0 to 15, then up to 7 data bytes),
    /// FC 0x3S BS STmin (S = flow status).
    /// </summary>
    internal static class IsoTpFrameFormat
    {
        public const int SingleFrame = 0x0;
        public const int FirstFrame = 0x1;
        public const int ConsecutiveFrame = 0x2;
        public const int FlowControl = 0x3;

        public const int FlowStatusContinueToSend = 0x0;
        public const int FlowStatusWait = 0x1;
        public const int FlowStatusOverflow = 0x2;

        public const int MaxSingleFrameDataBytes = 7;
        public const int FirstFrameDataBytes = 6;
        public const int ConsecutiveFrameDataBytes = 7;
        public const int FlowControlBytes = 3;

        /// <summary>Smallest FF_DL; a shorter message fits a single frame, so such a first frame is invalid.</summary>
        public const int MinFirstFrameLength = 8;

        /// <summary>
        /// Sets the identifier and the data length of <paramref name="frame"/> for a frame with
        /// <paramref name="usedBytes"/> bytes of PCI and data, and fills the rest of the 8 bytes with the
        /// padding byte when padding is enabled.
        /// </summary>
        public static void Finish(CanFrame frame, IsoTpSettings settings, int usedBytes)
        {
            frame.SetId(settings.TransmitId, settings.ExtendedIds);
            frame.IsRemote = false;

            if (!settings.PaddingEnabled)
            {
                frame.Length = usedBytes;
                return;
            }

            byte[] data = frame.Data;
            for (int i = usedBytes; i < 8; i++)
            {
                data[i] = settings.PaddingByte;
            }

            frame.Length = 8;
        }
    }
}

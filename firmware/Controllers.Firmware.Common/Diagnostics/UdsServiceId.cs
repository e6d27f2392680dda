namespace Controllers.Firmware.Common.Diagnostics
{
    /// <summary>
    /// Request service identifiers (SID) of ISO 14229-1 that <see cref="UdsServer"/> implements. A positive
    /// response carries the SID plus <see cref="PositiveResponseOffset"/>.
    /// </summary>
    public static class UdsServiceId
    {
        public const byte DiagnosticSessionControl = 0x10;
        public const byte EcuReset = 0x11;
        public const byte ClearDiagnosticInformation = 0x14;
        public const byte ReadDtcInformation = 0x19;
        public const byte ReadDataByIdentifier = 0x22;
        public const byte SecurityAccess = 0x27;
        public const byte CommunicationControl = 0x28;
        public const byte WriteDataByIdentifier = 0x2E;
        public const byte RoutineControl = 0x31;
        public const byte RequestDownload = 0x34;
        public const byte TransferData = 0x36;
        public const byte RequestTransferExit = 0x37;
        public const byte TesterPresent = 0x3E;
        public const byte ControlDtcSetting = 0x85;

        /// <summary>First byte of every negative response.</summary>
        public const byte NegativeResponse = 0x7F;

        /// <summary>Added to the request SID to form the positive response SID.</summary>
        public const byte PositiveResponseOffset = 0x40;

        /// <summary>suppressPosRspMsgIndicationBit: bit 7 of the sub-function byte.</summary>
        public const byte SuppressPositiveResponseBit = 0x80;
    }
}

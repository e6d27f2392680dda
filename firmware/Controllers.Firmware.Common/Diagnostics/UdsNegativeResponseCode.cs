namespace Controllers.Firmware.Common.Diagnostics
{
    /// <summary>
    /// Negative response codes (NRC) of ISO 14229-1. A negative response is 0x7F, the request's service
    /// identifier and one of these codes. Callbacks return <see cref="PositiveResponse"/> for success.
    /// </summary>
    public static class UdsNegativeResponseCode
    {
        /// <summary>No error; the value 0x00 is reserved in the standard and never sent.</summary>
        public const byte PositiveResponse = 0x00;

        public const byte GeneralReject = 0x10;
        public const byte ServiceNotSupported = 0x11;
        public const byte SubFunctionNotSupported = 0x12;
        public const byte IncorrectMessageLengthOrInvalidFormat = 0x13;
        public const byte ResponseTooLong = 0x14;
        public const byte BusyRepeatRequest = 0x21;
        public const byte ConditionsNotCorrect = 0x22;
        public const byte RequestSequenceError = 0x24;
        public const byte RequestOutOfRange = 0x31;
        public const byte SecurityAccessDenied = 0x33;
        public const byte InvalidKey = 0x35;
        public const byte ExceededNumberOfAttempts = 0x36;
        public const byte RequiredTimeDelayNotExpired = 0x37;
        public const byte UploadDownloadNotAccepted = 0x70;
        public const byte TransferDataSuspended = 0x71;
        public const byte GeneralProgrammingFailure = 0x72;
        public const byte WrongBlockSequenceCounter = 0x73;
        public const byte ResponsePending = 0x78;
        public const byte SubFunctionNotSupportedInActiveSession = 0x7E;
        public const byte ServiceNotSupportedInActiveSession = 0x7F;
    }
}

namespace Controllers.Firmware.Common.Update
{
    /// <summary>
    /// Result byte of the check routine (RoutineControl 0x0202): the first byte of its routineStatusRecord.
    /// </summary>
    public static class ImageCheckResult
    {
        /// <summary>The image is intact, signed with the board's key and made for this board.</summary>
        public const byte Valid = 0x00;

        /// <summary>The header is not an application image header, or its lengths do not match the download.</summary>
        public const byte InvalidHeader = 0x01;

        /// <summary>The CRC-32 of the payload differs from the one in the header.</summary>
        public const byte CrcMismatch = 0x02;

        /// <summary>The signature does not verify with the board's public key.</summary>
        public const byte SignatureInvalid = 0x03;

        /// <summary>The image was built for another board type.</summary>
        public const byte BoardTypeMismatch = 0x04;

        /// <summary>The image version is older than the confirmed application's version.</summary>
        public const byte VersionRejected = 0x05;

        /// <summary>No complete download waits to be checked.</summary>
        public const byte NothingReceived = 0x06;

        /// <summary>Reading the slot or saving the boot-control record failed.</summary>
        public const byte StorageFailure = 0x07;
    }
}

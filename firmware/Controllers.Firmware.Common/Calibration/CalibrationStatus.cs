namespace Controllers.Firmware.Common.Calibration
{
    /// <summary>State of the calibration in use, reported in the status DID 0x41FF.</summary>
    public static class CalibrationStatus
    {
        /// <summary>The stored record was loaded and every value is in use.</summary>
        public const byte Calibrated = 0;

        /// <summary>No record was found (a new board): factory defaults are in use.</summary>
        public const byte NotFound = 1;

        /// <summary>Both copies are damaged (bad CRC, truncated or unreadable): factory defaults are in use.</summary>
        public const byte Corrupt = 2;

        /// <summary>
        /// The record was written by firmware with another block layout (another cell count, a newer format or
        /// other blocks): factory defaults are in use.
        /// </summary>
        public const byte LayoutMismatch = 3;

        /// <summary>A stored value lies outside the acceptance limits of this firmware: factory defaults are in use.</summary>
        public const byte ValueRejected = 4;

        /// <summary>True for every status in which the sensors run on factory defaults.</summary>
        public static bool IsUsingDefaults(byte status)
        {
            return status != Calibrated;
        }
    }
}

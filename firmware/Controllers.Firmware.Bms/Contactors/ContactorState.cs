namespace Controllers.Firmware.Bms.Contactors
{
    /// <summary>States of <see cref="ContactorController"/>.</summary>
    public enum ContactorState
    {
        /// <summary>All coils released; closing is allowed.</summary>
        Open = 0,

        /// <summary>Negative coil energized; waiting for its feedback.</summary>
        ClosingNegative = 1,

        /// <summary>Precharge coil energized; the link charges through the precharge resistor.</summary>
        Precharging = 2,

        /// <summary>Positive coil energized; waiting for its feedback.</summary>
        ClosingPositive = 3,

        /// <summary>Precharge coil released; waiting for its feedback to open.</summary>
        OpeningPrecharge = 4,

        /// <summary>Negative and positive closed, precharge open.</summary>
        Closed = 5,

        /// <summary>Zero-current request raised; waiting for the current to fall below the break threshold.</summary>
        WaitingForZeroCurrent = 6,

        /// <summary>All coils released; waiting for the feedback contacts to open.</summary>
        Opening = 7,

        /// <summary>A contactor fault occurred; all coils are released and closing is blocked until <see cref="ContactorController.ResetFault"/>.</summary>
        Fault = 8
    }
}

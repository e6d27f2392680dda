namespace Controllers.Firmware.Vcu.HighVoltage
{
    /// <summary>Cause of the last high-voltage shutdown or failed connection.</summary>
    public enum HvShutdownReason
    {
        /// <summary>No shutdown since start-up.</summary>
        None = 0,

        /// <summary>Key off with no charge plug: a normal power-off.</summary>
        KeyOff = 1,

        /// <summary>The DC link did not reach the precharge target in time.</summary>
        PrechargeTimeout = 2,

        /// <summary>The DC link reached the precharge target faster than the link capacitance allows.</summary>
        PrechargeTooFast = 3,

        /// <summary>The BMS reported PrechargeFailedFlag.</summary>
        BmsPrechargeFailed = 4,

        /// <summary>Main contactor feedback disagreed with the request.</summary>
        ContactorMismatch = 5,

        /// <summary>A main contactor stayed closed after the disconnect.</summary>
        ContactorWelded = 6,

        /// <summary>The high-voltage interlock loop opened.</summary>
        HvilOpen = 7,

        /// <summary>Insulation resistance below the fault threshold.</summary>
        InsulationFault = 8,

        /// <summary>The BMS reported fault level ContactorsOpening.</summary>
        BmsContactorsOpening = 9,

        /// <summary>BMS_PackStatus timed out while the contactors were wanted closed.</summary>
        BmsLost = 10,

        /// <summary>Crash sensor or emergency shut-off switch.</summary>
        Crash = 11,

        /// <summary>The DC link stayed above the touch-safe voltage past the active discharge time limit.</summary>
        DischargeTimeout = 12
    }
}

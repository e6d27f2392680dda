namespace Controllers.Firmware.Vcu.Charging
{
    /// <summary>Why the latest charge stopped or could not start.</summary>
    public enum ChargeStopReason
    {
        /// <summary>No stop yet.</summary>
        None = 0,

        /// <summary>The charge current fell below the termination current: the pack is full.</summary>
        Complete = 1,

        /// <summary>The charger reported a fault state or fault code.</summary>
        ChargerFault = 2,

        /// <summary>OBC_Status stopped arriving.</summary>
        ChargerTimeout = 3,

        /// <summary>The charger was hotter than its limit.</summary>
        ChargerOverTemperature = 4,

        /// <summary>The hottest cell was above the charging limit.</summary>
        CellOverTemperature = 5,

        /// <summary>BMS messages stopped arriving.</summary>
        BmsTimeout = 6,

        /// <summary>The BMS reported a fault that opens the contactors.</summary>
        BmsFault = 7,

        /// <summary>The contactors did not close in charge mode in time.</summary>
        HvConnectTimeout = 8,

        /// <summary>A fault reaction requested an HV shutdown.</summary>
        HvShutdownRequested = 9,
    }
}

namespace Controllers.Firmware.Vcu.Charging
{
    /// <summary>States of the charging sequence.</summary>
    public enum ChargingState
    {
        /// <summary>No charge plug; driving is allowed.</summary>
        Unplugged = 0,

        /// <summary>Plug connected; waiting for the charger's status with mains present, and for the BMS.</summary>
        WaitingForCharger = 1,

        /// <summary>Charge mode requested; waiting for the HV contactors to close.</summary>
        ConnectingHv = 2,

        /// <summary>Charger enabled; constant current, then a taper near the cell voltage limit.</summary>
        Charging = 3,

        /// <summary>Charge finished; the charger is disabled until the plug is removed.</summary>
        Complete = 4,

        /// <summary>Charge stopped by a fault; the charger is disabled until the plug is removed.</summary>
        Stopped = 5,
    }
}

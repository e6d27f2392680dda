namespace Controllers.Firmware.Bms.Protection
{
    /// <summary>Current limit that a fault's derate level scales.</summary>
    public enum CurrentDirection
    {
        /// <summary>The charge current limit.</summary>
        Charge = 0,

        /// <summary>The discharge current limit.</summary>
        Discharge = 1,

        /// <summary>Both limits.</summary>
        Both = 2
    }
}

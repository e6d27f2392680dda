namespace Controllers.Firmware.Bms.Protection
{
    /// <summary>
    /// Severity of an active protection. The values equal the FaultLevel signal of BMS_FaultSummary
    /// (0 NoFault, 1 Warning, 2 PowerLimited, 3 ContactorsOpening).
    /// </summary>
    public enum ProtectionLevel
    {
        /// <summary>No level is active.</summary>
        None = 0,

        /// <summary>Flag only.</summary>
        Warning = 1,

        /// <summary>The charge or discharge current limit is scaled down.</summary>
        Derate = 2,

        /// <summary>The contactors are requested to open.</summary>
        Trip = 3
    }
}

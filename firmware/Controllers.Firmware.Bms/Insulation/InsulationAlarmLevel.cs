namespace Controllers.Firmware.Bms.Insulation
{
    /// <summary>Debounced insulation state against the Ω/V thresholds.</summary>
    public enum InsulationAlarmLevel
    {
        /// <summary>At or above the warning threshold (500 Ω/V by default), or not yet measured.</summary>
        None = 0,

        /// <summary>Below the warning threshold.</summary>
        Warning = 1,

        /// <summary>Below the fault threshold (100 Ω/V by default).</summary>
        Fault = 2,
    }
}

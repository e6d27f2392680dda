namespace Controllers.Firmware.Bms.Sensing
{
    /// <summary>Outcome of one NTC conversion.</summary>
    public enum NtcStatus
    {
        /// <summary>The resistance lies inside the thermistor table; the temperature is valid.</summary>
        Valid = 0,

        /// <summary>
        /// Colder than the table's lowest temperature but not open: the temperature is clamped to that
        /// lowest temperature.
        /// </summary>
        BelowTableRange = 1,

        /// <summary>
        /// Hotter than the table's highest temperature but not shorted: the temperature is clamped to that
        /// highest temperature, so over-temperature protection still trips.
        /// </summary>
        AboveTableRange = 2,

        /// <summary>The divider ratio is near 1: thermistor or harness open. No temperature.</summary>
        OpenCircuit = 3,

        /// <summary>The divider ratio is near 0: thermistor or harness shorted. No temperature.</summary>
        ShortCircuit = 4,

        /// <summary>The measured reference voltage is implausible, so no ratio can be formed. No temperature.</summary>
        InvalidReference = 5,
    }
}

namespace Controllers.Firmware.Bms.Calibration
{
    /// <summary>
    /// Acceptance limits of the BMS calibration procedures. The board rejects a written value outside them
    /// with requestOutOfRange (0x31), and <c>ctl calibrate</c> rejects such a result before writing it.
    /// A correction this large cannot come from the measurement chips, so it points at a wrong reference value,
    /// a reference applied to another channel, or a wiring fault.
    /// </summary>
    public static class BmsCalibrationLimits
    {
        /// <summary>
        /// Largest deviation of a cell-voltage gain from 1. The LTC6813-1 states a total measurement error below
        /// 2.2 mV over its 0 to 5 V range (LTC6813-1 datasheet 68131f, page 1). That is under 0.05 % of full
        /// scale, so a healthy channel needs a correction forty times smaller than this limit.
        /// </summary>
        public const float CellGainDeviation = 0.02f;

        /// <summary>
        /// Largest cell-voltage offset correction, V: about four times the LTC6813-1 total measurement error
        /// (2.2 mV), leaving room for the voltage drop of the sense-line filter resistors.
        /// </summary>
        public const float CellOffsetVolts = 0.010f;

        /// <summary>
        /// Largest deviation of the current gain from 1. It covers the shunt tolerance and the ADS131M02 gain
        /// error together.
        /// NOTE: an estimate for a 1 % shunt and a sub-percent ADC gain error. Check it against the fitted
        /// shunt's and the ADS131M02 datasheet (TI SBAS853A, Electrical Characteristics) values before production.
        /// </summary>
        public const float CurrentGainDeviation = 0.02f;

        /// <summary>
        /// Largest current offset, A: 100 µV across the 100 µΩ shunt, about ten times the ADC input offset that
        /// the emulator and the shunt chain tests assume (20 µV).
        /// </summary>
        public const float CurrentOffsetAmperes = 1.0f;

        /// <summary>
        /// Largest deviation of an NTC channel from the reference temperature for a pass, °C: the required
        /// temperature accuracy of 0.5 °C.
        /// </summary>
        public const float NtcPassDeviationCelsius = 0.5f;

        /// <summary>
        /// Largest NTC deviation that the check records at all, °C. A larger one means the reference probe and
        /// the thermistor are not at the same temperature or the channel is wired to another sensor.
        /// </summary>
        public const float NtcPlausibleDeviationCelsius = 10f;

        /// <summary>
        /// Largest deviation of a fitted insulation bridge resistance from its nominal value, as a fraction. It covers
        /// the 1 % tolerance of the bridge resistor, the on-resistance of its switch and the part of the ADC offset that
        /// the fit takes into the effective resistance.
        /// NOTE: an estimate for 1 % bridge resistors; the board definitions name no bridge parts yet.
        /// </summary>
        public const float InsulationBridgeDeviation = 0.03f;

        /// <summary>
        /// Largest deviation of a fitted insulation measurement divider (its total resistance) from its nominal value,
        /// as a fraction: twice the 5 % tolerance of the high-voltage thick-film resistors that such dividers use.
        /// NOTE: an estimate; replace it with the tolerance of the fitted divider parts.
        /// </summary>
        public const float InsulationDividerDeviation = 0.10f;

        /// <summary>
        /// Largest deviation of a pole voltage channel gain from 1. A divider of a 5 % chain and a 1 % tap resistor has a
        /// ratio error up to about 6 %, and the ADC gain error and the scaling of the board adapter add to it.
        /// NOTE: an estimate; replace it with the divider tolerances and the ADC datasheet gain error of the board.
        /// </summary>
        public const float InsulationChannelGainDeviation = 0.10f;
    }
}

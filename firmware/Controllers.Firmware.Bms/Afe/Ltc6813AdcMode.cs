namespace Controllers.Firmware.Bms.Afe
{
    /// <summary>
    /// LTC6813-1 ADC modes. The MD[1:0] bits of a conversion command and the ADCOPT bit of configuration
    /// register A select one of eight modes together: MD 00 is 422 Hz (ADCOPT 0) or 1 kHz (ADCOPT 1), MD 01 is
    /// 27 kHz or 14 kHz, MD 10 is 7 kHz or 3 kHz, MD 11 is 26 Hz or 2 kHz (LTC6813-1 datasheet, command bit
    /// descriptions). The six modes other than 422 Hz and 1 kHz match LTC6804-1 datasheet Table 35.
    /// </summary>
    public enum Ltc6813AdcMode
    {
        /// <summary>27 kHz, fast mode (MD 01, ADCOPT 0).</summary>
        Fast27kHz = 0,

        /// <summary>14 kHz (MD 01, ADCOPT 1).</summary>
        Mode14kHz = 1,

        /// <summary>7 kHz, normal mode (MD 10, ADCOPT 0).</summary>
        Normal7kHz = 2,

        /// <summary>3 kHz (MD 10, ADCOPT 1).</summary>
        Mode3kHz = 3,

        /// <summary>2 kHz (MD 11, ADCOPT 1).</summary>
        Mode2kHz = 4,

        /// <summary>1 kHz (MD 00, ADCOPT 1).</summary>
        Mode1kHz = 5,

        /// <summary>422 Hz (MD 00, ADCOPT 0).</summary>
        Mode422Hz = 6,

        /// <summary>26 Hz, filtered mode (MD 11, ADCOPT 0).</summary>
        Filtered26Hz = 7,
    }
}

namespace Controllers.Firmware.Bms.Sensing
{
    /// <summary>
    /// Murata NCP18XH103F03RB: 10 kΩ ±1 % at 25 °C, B25/50 = 3380 K ±1 %, 0603 chip NTC thermistor.
    /// </summary>
    /// <remarks>
    /// Centre values of the "Temperature Characteristics (Center Value)" table for resistance code XH103
    /// in Murata catalogue R44E, "NTC Thermistors" (chip types, NCP series), in 5 °C steps from −40 °C
    /// to 125 °C. The numbers were taken from the transcription of that table in the Linux hwmon
    /// ntc_thermistor driver (table ncpXXxh103, as corrected by commit 1c7932d5ae0f "Fix the ncpXXxh103
    /// sensor table"), which cites R44E page 15, column 2.
    /// NOTE: the catalogue PDF itself was not opened when the table was entered here. A Steinhart–Hart curve
    /// through the −40, 25 and 85 °C points matches every other point to within 0.21 °C (checked in the Bms
    /// tests), which rules out a mistyped value but not an error common to the whole transcription.
    /// </remarks>
    public static class MurataNcp18xh103
    {
        /// <summary>Resistance tolerance at 25 °C (F grade), as a fraction.</summary>
        public const float ResistanceTolerance = 0.01f;

        /// <summary>B25/50 constant in kelvin.</summary>
        public const float BetaKelvin = 3380f;

        /// <summary>Tolerance of B25/50, as a fraction.</summary>
        public const float BetaTolerance = 0.01f;

        /// <summary>Creates the datasheet table, −40…125 °C in 5 °C steps.</summary>
        public static NtcThermistorTable CreateTable()
        {
            float[] temperaturesCelsius =
            {
                -40f, -35f, -30f, -25f, -20f, -15f, -10f, -5f, 0f, 5f, 10f, 15f, 20f, 25f, 30f, 35f, 40f,
                45f, 50f, 55f, 60f, 65f, 70f, 75f, 80f, 85f, 90f, 95f, 100f, 105f, 110f, 115f, 120f, 125f,
            };

            // Ohms. The catalogue gives kΩ to three decimals.
            float[] resistancesOhms =
            {
                195652f, 148171f, 113347f, 87559f, 68237f, 53650f, 42506f, 33892f, 27219f, 22021f, 17926f,
                14674f, 12081f, 10000f, 8315f, 6948f, 5834f, 4917f, 4161f, 3535f, 3014f, 2586f, 2228f,
                1925f, 1669f, 1452f, 1268f, 1110f, 974f, 858f, 758f, 672f, 596f, 531f,
            };

            return new NtcThermistorTable(temperaturesCelsius, resistancesOhms);
        }
    }
}

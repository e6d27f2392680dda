namespace Controllers.Firmware.Bms.Afe
{
    /// <summary>
    /// Timing limits of the LTC6813-1 in microseconds: conversion times per ADC mode and the isoSPI and
    /// watchdog timeouts.
    /// </summary>
    /// <remarks>
    /// The 27 kHz, 14 kHz, 7 kHz, 3 kHz, 2 kHz and 26 Hz conversion times of ADCV, ADOW and ADSTAT are the
    /// LTC6804-1 datasheet (Rev. C) values, Tables 5, 6 and 9, which the LTC6813-1 shares because each of its
    /// three ADCs converts six cells in the same sequence.
    /// NOTE: the 1 kHz and 422 Hz times and the ADAX all-channel times (ten channels on the LTC6813-1) are
    /// recalled from the LTC6813-1 datasheet and were not checked against a copy. Recheck them on the board.
    /// </remarks>
    public static class Ltc6813Timing
    {
        /// <summary>Smallest isoSPI idle timeout tIDLE (4.3 ms); after it the port needs a wake-up pulse.</summary>
        public const long IsoSpiIdleMinimumMicroseconds = 4300;

        /// <summary>Smallest watchdog timeout tSLEEP (1.8 s); after it the core sleeps and the configuration resets.</summary>
        public const long WatchdogMinimumMicroseconds = 1800000;

        /// <summary>Typical watchdog timeout tSLEEP (2 s).</summary>
        public const long WatchdogTypicalMicroseconds = 2000000;

        /// <summary>Typical isoSPI idle timeout tIDLE (5.5 ms).</summary>
        public const long IsoSpiIdleTypicalMicroseconds = 5500;

        /// <summary>Largest regulator start-up time tWAKE (400 µs) from a wake-up pulse in SLEEP to STANDBY.</summary>
        public const long WakeUpMaximumMicroseconds = 400;

        // Index order: Ltc6813AdcMode values (27k, 14k, 7k, 3k, 2k, 1k, 422, 26 Hz).
        private static readonly long[] AllCellsMicroseconds = { 1113, 1288, 2335, 3033, 4430, 7212, 12807, 201317 };
        private static readonly long[] OneGroupMicroseconds = { 201, 230, 405, 521, 754, 1295, 2347, 33568 };
        private static readonly long[] AllAuxiliaryMicroseconds = { 1825, 2116, 3862, 5025, 7353, 11989, 21336, 335498 };
        private static readonly long[] AllStatusMicroseconds = { 748, 865, 1563, 2028, 2959, 4801, 8537, 134218 };

        /// <summary>
        /// Time from an ADCV or ADOW command to the end of the conversion: all 18 cells for
        /// <paramref name="cellSelection"/> 0, three cells otherwise.
        /// </summary>
        public static long CellConversionMicroseconds(Ltc6813AdcMode mode, int cellSelection)
        {
            return cellSelection == 0 ? AllCellsMicroseconds[Index(mode)] : OneGroupMicroseconds[Index(mode)];
        }

        /// <summary>Time from an ADAX command to the end of the conversion.</summary>
        public static long AuxiliaryConversionMicroseconds(Ltc6813AdcMode mode, int gpioSelection)
        {
            return gpioSelection == 0 ? AllAuxiliaryMicroseconds[Index(mode)] : OneGroupMicroseconds[Index(mode)];
        }

        /// <summary>Time from an ADSTAT command to the end of the conversion.</summary>
        public static long StatusConversionMicroseconds(Ltc6813AdcMode mode, int statusSelection)
        {
            return statusSelection == 0 ? AllStatusMicroseconds[Index(mode)] : OneGroupMicroseconds[Index(mode)];
        }

        private static int Index(Ltc6813AdcMode mode)
        {
            int index = (int)mode;
            if (index < 0 || index >= AllCellsMicroseconds.Length)
            {
                throw new System.ArgumentOutOfRangeException("mode", "ADC mode " + index.ToString() + " is not defined.");
            }

            return index;
        }
    }
}

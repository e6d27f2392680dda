using System;

namespace Controllers.Firmware.Bms.Current
{
    /// <summary>
    /// Configuration of an Isabellenhuette IVT-S style CAN current sensor. Call <see cref="Validate"/> before
    /// use; the sensor constructor does.
    /// </summary>
    public sealed class IvtSensorSettings
    {
        /// <summary>
        /// Time without a valid IVT_Result_I frame after which the current is lost, in milliseconds; 20 to 1000,
        /// default 100 (five cycles of the 20 ms cycle time in boards/can/bms.dbc).
        /// </summary>
        public int CurrentTimeoutMilliseconds = 100;

        /// <summary>
        /// Time without a valid U1, U2 or U3 frame after which that voltage is lost, in milliseconds; 20 to
        /// 10000, default 500 (five cycles of the 100 ms cycle time in the DBC).
        /// </summary>
        public int VoltageTimeoutMilliseconds = 500;

        /// <summary>
        /// Time without a valid temperature frame after which the temperature is lost, in milliseconds; 20 to
        /// 10000, default 3000 (three cycles of the 1000 ms cycle time in the DBC).
        /// </summary>
        public int TemperatureTimeoutMilliseconds = 3000;

        /// <summary>
        /// False when the sensor is mounted with its current-direction arrow pointing toward the battery
        /// terminal, so that charging current reads positive, as the DBC signal IvtCurrent states. True
        /// reverses the sign for a sensor mounted the other way round.
        /// </summary>
        public bool InvertPolarity;

        /// <summary>Throws when a value is outside its documented range.</summary>
        public void Validate()
        {
            if (CurrentTimeoutMilliseconds < 20 || CurrentTimeoutMilliseconds > 1000)
            {
                throw new ArgumentOutOfRangeException("CurrentTimeoutMilliseconds",
                    "The current timeout must be 20 to 1000 ms; it must exceed the sensor's cycle time.");
            }

            if (VoltageTimeoutMilliseconds < 20 || VoltageTimeoutMilliseconds > 10000)
            {
                throw new ArgumentOutOfRangeException("VoltageTimeoutMilliseconds", "The voltage timeout must be 20 to 10000 ms.");
            }

            if (TemperatureTimeoutMilliseconds < 20 || TemperatureTimeoutMilliseconds > 10000)
            {
                throw new ArgumentOutOfRangeException("TemperatureTimeoutMilliseconds", "The temperature timeout must be 20 to 10000 ms.");
            }
        }
    }
}

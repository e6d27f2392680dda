namespace Controllers.Firmware.Common.Hal
{
    /// <summary>Pack current acquisition (shunt ADC or a CAN current sensor).</summary>
    public interface ICurrentSensor
    {
        /// <summary>
        /// Reads the pack current in amperes, positive when charging. Returns false when no valid
        /// sample is available.
        /// </summary>
        bool TryReadAmperes(out float currentAmperes);
    }
}

namespace Controllers.Firmware.Common.Hal
{
    /// <summary>Temperature acquisition, normally NTC thermistors on AFE auxiliary inputs.</summary>
    public interface ITemperatureSensor
    {
        /// <summary>Number of channels.</summary>
        int ChannelCount { get; }

        /// <summary>
        /// Reads channel <paramref name="channel"/> in degrees Celsius. Returns false when the channel is
        /// open, shorted or not converted.
        /// </summary>
        bool TryReadCelsius(int channel, out float temperatureCelsius);
    }
}

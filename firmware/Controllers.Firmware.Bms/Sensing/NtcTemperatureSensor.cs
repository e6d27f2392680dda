using System;
using Controllers.Firmware.Common.Hal;

namespace Controllers.Firmware.Bms.Sensing
{
    /// <summary>
    /// Temperature channels from thermistor dividers on AFE GPIO inputs. The AFE driver stores each
    /// conversion cycle with <see cref="Update"/> (GPIO voltages plus the reference measured in the same
    /// cycle), and <see cref="TryReadCelsius"/> converts one channel. Nothing allocates after construction.
    /// </summary>
    public sealed class NtcTemperatureSensor : ITemperatureSensor
    {
        private readonly NtcTemperatureConverter converter;
        private readonly float[] gpioVolts;
        private readonly NtcStatus[] statuses;
        private float referenceVolts;
        private bool hasReadings;

        /// <summary>Creates <paramref name="channelCount"/> channels (1 to 64) that share one converter.</summary>
        public NtcTemperatureSensor(NtcTemperatureConverter converter, int channelCount)
        {
            if (converter == null)
            {
                throw new ArgumentException("A converter is required.", "converter");
            }

            if (channelCount < 1 || channelCount > 64)
            {
                throw new ArgumentOutOfRangeException("channelCount", "The channel count must be 1 to 64; found " + channelCount.ToString() + ".");
            }

            this.converter = converter;
            gpioVolts = new float[channelCount];
            statuses = new NtcStatus[channelCount];
        }

        /// <inheritdoc />
        public int ChannelCount
        {
            get { return gpioVolts.Length; }
        }

        /// <summary>
        /// Stores one conversion cycle: the first <see cref="ChannelCount"/> entries of
        /// <paramref name="channelGpioVolts"/> and the reference voltage measured with them.
        /// </summary>
        public void Update(float[] channelGpioVolts, float measuredReferenceVolts)
        {
            if (channelGpioVolts == null || channelGpioVolts.Length < gpioVolts.Length)
            {
                throw new ArgumentException("The GPIO voltage array must hold at least " + gpioVolts.Length.ToString() + " channels.", "channelGpioVolts");
            }

            for (int i = 0; i < gpioVolts.Length; i++)
            {
                gpioVolts[i] = channelGpioVolts[i];
            }

            referenceVolts = measuredReferenceVolts;
            hasReadings = true;
        }

        /// <summary>Status of the latest conversion of <paramref name="channel"/>.</summary>
        public NtcStatus GetStatus(int channel)
        {
            return statuses[channel];
        }

        /// <summary>
        /// Reads <paramref name="channel"/> in °C, rounded to 0.1 °C. Returns false for open, shorted or
        /// invalid-reference channels and before the first <see cref="Update"/>. Outside the table range it
        /// returns true with the temperature clamped to the table end, and <see cref="GetStatus"/> returns which end.
        /// </summary>
        public bool TryReadCelsius(int channel, out float temperatureCelsius)
        {
            temperatureCelsius = 0f;
            if (!hasReadings)
            {
                statuses[channel] = NtcStatus.InvalidReference;
                return false;
            }

            int deciCelsius;
            NtcStatus status = converter.Convert(gpioVolts[channel], referenceVolts, out deciCelsius);
            statuses[channel] = status;
            if (status == NtcStatus.OpenCircuit || status == NtcStatus.ShortCircuit || status == NtcStatus.InvalidReference)
            {
                return false;
            }

            temperatureCelsius = deciCelsius / 10f;
            return true;
        }
    }
}

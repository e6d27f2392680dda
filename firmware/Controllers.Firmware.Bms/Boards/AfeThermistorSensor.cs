using System;
using Controllers.Firmware.Bms.Afe;
using Controllers.Firmware.Bms.Sensing;
using Controllers.Firmware.Common.Hal;

namespace Controllers.Firmware.Bms.Boards
{
    /// <summary>
    /// A slave board's NTC thermistors on the GPIO inputs of its LTC6813-1 devices, read ratiometrically to each
    /// device's VREF2. Channels are spread over the devices like the cells: with d devices and n channels, device k
    /// carries channels from k·n/d, on GPIO1 upwards. Reading channel 0 converts and reads every auxiliary input;
    /// the other channels return values from that conversion, so a caller reads channel 0 first in each cycle,
    /// as <see cref="Tasks.TemperatureSamplingTask"/> does.
    /// </summary>
    public sealed class AfeThermistorSensor : ITemperatureSensor
    {
        private readonly AfeCellVoltageSensor afe;
        private readonly NtcTemperatureConverter converter;
        private readonly int channelCount;
        private readonly int[] deviceOfChannel;
        private readonly int[] gpioOfChannel;
        private readonly float[] gpioVolts;
        private readonly float[] referenceVolts;
        private readonly bool[] channelValid;
        private readonly float[] channelCelsius;
        private readonly NtcStatus[] channelStatus;
        private bool conversionValid;

        /// <summary>Creates the sensor for <paramref name="channelCount"/> thermistors (1 to 9 per device).</summary>
        public AfeThermistorSensor(AfeCellVoltageSensor afe, NtcTemperatureConverter converter, int channelCount)
        {
            if (afe == null)
            {
                throw new ArgumentNullException("afe");
            }

            if (converter == null)
            {
                throw new ArgumentNullException("converter");
            }

            int devices = afe.Chain.DeviceCount;
            if (channelCount < 1 || channelCount > devices * Ltc6813Configuration.GpioCount)
            {
                throw new ArgumentOutOfRangeException("channelCount", "Give 1 to 9 thermistors per AFE device; check the board file's temperature count.");
            }

            this.afe = afe;
            this.converter = converter;
            this.channelCount = channelCount;
            deviceOfChannel = new int[channelCount];
            gpioOfChannel = new int[channelCount];
            for (int device = 0; device < devices; device++)
            {
                int first = device * channelCount / devices;
                int end = (device + 1) * channelCount / devices;
                for (int channel = first; channel < end; channel++)
                {
                    deviceOfChannel[channel] = device;
                    gpioOfChannel[channel] = channel - first + 1;
                }
            }

            gpioVolts = new float[devices * Ltc6813Configuration.GpioCount];
            referenceVolts = new float[devices];
            channelValid = new bool[channelCount];
            channelCelsius = new float[channelCount];
            channelStatus = new NtcStatus[channelCount];
        }

        /// <inheritdoc />
        public int ChannelCount
        {
            get { return channelCount; }
        }

        /// <summary>Device (0-based) that reads channel <paramref name="channel"/>.</summary>
        public int DeviceOfChannel(int channel)
        {
            return deviceOfChannel[channel];
        }

        /// <summary>GPIO (1 to 9) that reads channel <paramref name="channel"/>.</summary>
        public int GpioOfChannel(int channel)
        {
            return gpioOfChannel[channel];
        }

        /// <summary>Status of channel <paramref name="channel"/> from the latest conversion.</summary>
        public NtcStatus GetStatus(int channel)
        {
            return channelStatus[channel];
        }

        /// <inheritdoc />
        public bool TryReadCelsius(int channel, out float temperatureCelsius)
        {
            if (channel < 0 || channel >= channelCount)
            {
                throw new ArgumentOutOfRangeException("channel");
            }

            if (channel == 0)
            {
                Refresh();
            }

            temperatureCelsius = channelCelsius[channel];
            return conversionValid && channelValid[channel];
        }

        private void Refresh()
        {
            conversionValid = afe.TryReadAuxiliary(gpioVolts, referenceVolts);
            if (!conversionValid)
            {
                return;
            }

            for (int channel = 0; channel < channelCount; channel++)
            {
                int device = deviceOfChannel[channel];
                float volts = gpioVolts[device * Ltc6813Configuration.GpioCount + gpioOfChannel[channel] - 1];
                int deciCelsius;
                NtcStatus status = converter.Convert(volts, referenceVolts[device], out deciCelsius);
                channelStatus[channel] = status;
                channelValid[channel] = status == NtcStatus.Valid;
                channelCelsius[channel] = deciCelsius * 0.1f;
            }
        }
    }
}

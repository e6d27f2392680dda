using Controllers.Firmware.Common.Hal;
using Controllers.Firmware.Common.Numerics;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Bms.Tasks
{
    /// <summary>Reads every temperature channel; a failed, NaN or infinite channel keeps its previous value.</summary>
    public sealed class TemperatureSamplingTask : IPeriodicTask
    {
        private readonly ITemperatureSensor sensor;
        private readonly float[] temperaturesCelsius;
        private readonly bool[] valid;
        private readonly bool[] latestValid;
        private long failedReadCount;

        /// <summary>Creates the task; every channel starts at <paramref name="initialCelsius"/> until read.</summary>
        public TemperatureSamplingTask(ITemperatureSensor sensor, float initialCelsius)
        {
            this.sensor = sensor;
            temperaturesCelsius = new float[sensor.ChannelCount];
            valid = new bool[sensor.ChannelCount];
            latestValid = new bool[sensor.ChannelCount];
            for (int i = 0; i < temperaturesCelsius.Length; i++)
            {
                temperaturesCelsius[i] = initialCelsius;
            }
        }

        /// <summary>Latest temperatures in °C, one per channel.</summary>
        public float[] TemperaturesCelsius
        {
            get { return temperaturesCelsius; }
        }

        /// <summary>Channel reads that failed so far.</summary>
        public long FailedReadCount
        {
            get { return failedReadCount; }
        }

        /// <summary>True when channel <paramref name="channel"/> has been read at least once.</summary>
        public bool IsValid(int channel)
        {
            return valid[channel];
        }

        /// <summary>
        /// Per-channel result of the latest activation: true when the channel converted. The array is reused
        /// by every activation.
        /// </summary>
        public bool[] LatestReadValid
        {
            get { return latestValid; }
        }

        /// <summary>
        /// True when the latest read of channel <paramref name="channel"/> succeeded. A channel whose sensor has
        /// since opened or shorted keeps its last value in <see cref="TemperaturesCelsius"/> but is not current.
        /// </summary>
        public bool IsCurrent(int channel)
        {
            return latestValid[channel];
        }

        /// <inheritdoc />
        public void Run(long nowMicroseconds)
        {
            for (int channel = 0; channel < temperaturesCelsius.Length; channel++)
            {
                float value;
                if (sensor.TryReadCelsius(channel, out value) && FloatMath.IsFinite(value))
                {
                    temperaturesCelsius[channel] = value;
                    valid[channel] = true;
                    latestValid[channel] = true;
                }
                else
                {
                    failedReadCount++;
                    latestValid[channel] = false;
                }
            }
        }
    }
}

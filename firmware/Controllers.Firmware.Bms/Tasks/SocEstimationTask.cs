using Controllers.Firmware.Bms.Estimation;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Bms.Tasks
{
    /// <summary>
    /// Steps the SOC estimator of one cell with the charge counted since the previous step and the latest
    /// voltage sample. It must run after the voltage task within the same period.
    /// </summary>
    public sealed class SocEstimationTask : IPeriodicTask
    {
        private readonly SocEstimator estimator;
        private readonly CurrentSamplingTask current;
        private readonly CellVoltageSamplingTask voltages;
        private readonly TemperatureSamplingTask temperatures;
        private readonly int cellIndex;
        private readonly int temperatureChannel;
        private long stepCount;
        private long lastVoltageSampleCount;

        /// <summary>Creates the task for cell <paramref name="cellIndex"/> and its nearest temperature channel.</summary>
        public SocEstimationTask(SocEstimator estimator, CurrentSamplingTask current, CellVoltageSamplingTask voltages,
            TemperatureSamplingTask temperatures, int cellIndex, int temperatureChannel)
        {
            this.estimator = estimator;
            this.current = current;
            this.voltages = voltages;
            this.temperatures = temperatures;
            this.cellIndex = cellIndex;
            this.temperatureChannel = temperatureChannel;
        }

        /// <summary>The estimator this task steps.</summary>
        public SocEstimator Estimator
        {
            get { return estimator; }
        }

        /// <summary>Completed estimation steps.</summary>
        public long StepCount
        {
            get { return stepCount; }
        }

        /// <inheritdoc />
        public void Run(long nowMicroseconds)
        {
            if (voltages.SampleCount == lastVoltageSampleCount || !estimator.IsInitialized)
            {
                // No new voltage sample: keep counting charge for the next step.
                return;
            }

            lastVoltageSampleCount = voltages.SampleCount;
            float elapsedSeconds;
            float charge = current.TakeCharge(out elapsedSeconds);
            float temperature = temperatures.TemperaturesCelsius[temperatureChannel];
            estimator.Step(charge, elapsedSeconds, voltages.CellVoltagesVolts[cellIndex], voltages.CurrentAtSampleAmperes, temperature);
            stepCount++;
        }
    }
}

using System;
using Controllers.Firmware.Common.Hal;
using Controllers.Firmware.Common.Numerics;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Bms.Tasks
{
    /// <summary>
    /// Reads every cell voltage and keeps the pack current sampled closest to it, so the estimator gets
    /// voltage and current from the same instant.
    /// </summary>
    public sealed class CellVoltageSamplingTask : IPeriodicTask
    {
        private readonly ICellVoltageSensor sensor;
        private readonly CurrentSamplingTask? current;
        private readonly float[] cellVoltagesVolts;
        private readonly float[] conversion;
        private float currentAtSampleAmperes;
        private long sampleMicroseconds;
        private long sampleCount;
        private long failedReadCount;
        private int consecutiveFailedReadCount;
        private bool latestReadSucceeded;

        /// <summary>
        /// Creates the task; <paramref name="current"/> must run before it in the executive. A slave board, which
        /// measures no current, passes null, and <see cref="CurrentAtSampleAmperes"/> stays 0.
        /// </summary>
        public CellVoltageSamplingTask(ICellVoltageSensor sensor, CurrentSamplingTask? current)
        {
            if (sensor.CellCount < 1)
            {
                throw new ArgumentException("The cell voltage sensor must report at least one cell.", "sensor");
            }

            this.sensor = sensor;
            this.current = current;
            cellVoltagesVolts = new float[sensor.CellCount];
            conversion = new float[sensor.CellCount];
        }

        /// <summary>Latest cell voltages in volts; the array is reused by every activation.</summary>
        public float[] CellVoltagesVolts
        {
            get { return cellVoltagesVolts; }
        }

        /// <summary>Pack current sampled with the latest cell voltages, in amperes.</summary>
        public float CurrentAtSampleAmperes
        {
            get { return currentAtSampleAmperes; }
        }

        /// <summary>Time of the latest successful sample.</summary>
        public long SampleMicroseconds
        {
            get { return sampleMicroseconds; }
        }

        /// <summary>Successful samples so far.</summary>
        public long SampleCount
        {
            get { return sampleCount; }
        }

        /// <summary>Conversions that failed or returned NaN or infinity; the previous voltages are kept meanwhile.</summary>
        public long FailedReadCount
        {
            get { return failedReadCount; }
        }

        /// <summary>Failed reads since the latest successful one.</summary>
        public int ConsecutiveFailedReadCount
        {
            get { return consecutiveFailedReadCount; }
        }

        /// <summary>True when the latest activation converted every cell; protection treats false as a lost sample.</summary>
        public bool LatestReadSucceeded
        {
            get { return latestReadSucceeded; }
        }

        /// <inheritdoc />
        public void Run(long nowMicroseconds)
        {
            // Convert into a scratch buffer so a failed or non-finite conversion keeps the previous voltages.
            if (!sensor.TryRead(conversion) || !AllFinite(conversion))
            {
                failedReadCount++;
                latestReadSucceeded = false;
                if (consecutiveFailedReadCount < int.MaxValue)
                {
                    consecutiveFailedReadCount++;
                }

                return;
            }

            latestReadSucceeded = true;
            consecutiveFailedReadCount = 0;
            Array.Copy(conversion, cellVoltagesVolts, conversion.Length);
            currentAtSampleAmperes = current == null ? 0f : current.LatestCurrentAmperes;
            sampleMicroseconds = nowMicroseconds;
            sampleCount++;
        }

        private static bool AllFinite(float[] values)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (!FloatMath.IsFinite(values[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }
}

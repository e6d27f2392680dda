using Controllers.Firmware.Bms.Current;
using Controllers.Firmware.Common.Hal;
using Controllers.Firmware.Common.Numerics;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Bms.Tasks
{
    /// <summary>
    /// Samples pack current and counts charge (trapezoidal rule between samples) for the SOC estimator and,
    /// in <see cref="ChargeCounter"/>, as exact integer net charge and throughput. Runs at the fastest rate on
    /// the board, because a current sampling period of at most 30 ms is required and coulomb counting gains
    /// from every sample.
    /// </summary>
    public sealed class CurrentSamplingTask : IPeriodicTask
    {
        /// <summary>Longest gap between two valid samples that <see cref="ChargeCounter"/> integrates: 1 s.</summary>
        public const long MaxCountedIntervalMicroseconds = 1000000L;

        private readonly ICurrentSensor sensor;
        private readonly ChargeCounter chargeCounter = new ChargeCounter(MaxCountedIntervalMicroseconds);
        private float latestCurrent;
        private long lastSampleMicroseconds;
        private bool hasSample;
        private float chargeAmpereSeconds;
        private float chargeCompensation;
        private float countedSeconds;
        private long failedReadCount;
        private bool latestReadSucceeded;

        /// <summary>Creates the task over <paramref name="sensor"/>.</summary>
        public CurrentSamplingTask(ICurrentSensor sensor)
        {
            this.sensor = sensor;
        }

        /// <summary>Latest valid current sample in amperes, positive when charging.</summary>
        public float LatestCurrentAmperes
        {
            get { return latestCurrent; }
        }

        /// <summary>True once a valid sample has been read.</summary>
        public bool HasSample
        {
            get { return hasSample; }
        }

        /// <summary>Net charge and charge/discharge throughput since start-up, in exact microampere-seconds.</summary>
        public ChargeCounter ChargeCounter
        {
            get { return chargeCounter; }
        }

        /// <summary>Reads that failed or returned NaN or infinity; the previous sample is held meanwhile.</summary>
        public long FailedReadCount
        {
            get { return failedReadCount; }
        }

        /// <summary>True when the latest activation read a valid sample; protection treats false as a lost sample.</summary>
        public bool LatestReadSucceeded
        {
            get { return latestReadSucceeded; }
        }

        /// <inheritdoc />
        public void Run(long nowMicroseconds)
        {
            float current;
            if (!sensor.TryReadAmperes(out current) || !FloatMath.IsFinite(current))
            {
                failedReadCount++;
                latestReadSucceeded = false;
                return;
            }

            latestReadSucceeded = true;

            if (hasSample)
            {
                float elapsed = (nowMicroseconds - lastSampleMicroseconds) * 1e-6f;
                float increment = 0.5f * (current + latestCurrent) * elapsed - chargeCompensation;
                float sum = chargeAmpereSeconds + increment;
                chargeCompensation = (sum - chargeAmpereSeconds) - increment;
                chargeAmpereSeconds = sum;
                countedSeconds += elapsed;
            }

            chargeCounter.Add(nowMicroseconds, current);
            latestCurrent = current;
            lastSampleMicroseconds = nowMicroseconds;
            hasSample = true;
        }

        /// <summary>
        /// Returns the charge counted since the previous call, in ampere-seconds, with the time it covers
        /// in <paramref name="elapsedSeconds"/>, and starts a new count.
        /// </summary>
        public float TakeCharge(out float elapsedSeconds)
        {
            float charge = chargeAmpereSeconds;
            elapsedSeconds = countedSeconds;
            chargeAmpereSeconds = 0f;
            chargeCompensation = 0f;
            countedSeconds = 0f;
            return charge;
        }
    }
}

using System;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Bms.Current
{
    /// <summary>
    /// Counts net charge and the charge and discharge throughput (for state-of-health use) by the trapezoidal
    /// rule, in exact integer arithmetic. Each sample is rounded once to whole microamperes, and nothing is lost
    /// after that. The product (I1 + I2) µA × Δt µs is added to a remainder below one microampere-second, and
    /// whole microampere-seconds move to a 64-bit counter. So a counter stays exact over years of 10 ms
    /// steps. A float sum rounds each 0.01 A s step (1 A for 10 ms) to its 24-bit mantissa instead: above
    /// 131 072 A s (36 Ah) every step is counted 56 % high, and above 262 144 A s it adds nothing.
    /// </summary>
    public sealed class ChargeCounter
    {
        /// <summary>Microampere-seconds per ampere-hour.</summary>
        public const long MicroampereSecondsPerAmpereHour = 3600000000L;

        /// <summary>Largest current magnitude counted, in amperes; larger readings are clamped to it.</summary>
        public const float MaxCurrentAmperes = 10000f;

        // The trapezoid (I1 + I2) / 2 × Δt in µA × µs is in units of 1e-12 A s, so 2e6 of these sums make 1 µA s.
        private const long SumUnitsPerMicroampereSecond = 2000000L;

        private readonly long maxIntervalMicroseconds;
        private readonly Accumulator net = new Accumulator();
        private readonly Accumulator charged = new Accumulator();
        private readonly Accumulator discharged = new Accumulator();

        private bool hasSample;
        private long lastMicroseconds;
        private long lastMicroamperes;
        private long skippedIntervalCount;

        /// <summary>
        /// Creates a counter at zero. An interval between samples longer than
        /// <paramref name="maxIntervalMicroseconds"/> (1 ms to 100 s) is not integrated but counted in
        /// <see cref="SkippedIntervalCount"/>, because the current over a long gap is unknown.
        /// </summary>
        public ChargeCounter(long maxIntervalMicroseconds)
        {
            if (maxIntervalMicroseconds < 1000L || maxIntervalMicroseconds > 100000000L)
            {
                throw new ArgumentOutOfRangeException("maxIntervalMicroseconds",
                    "The longest integrated interval must be 1000 to 100000000 µs (1 ms to 100 s).");
            }

            this.maxIntervalMicroseconds = maxIntervalMicroseconds;
        }

        /// <summary>Net charge in microampere-seconds, positive when charged.</summary>
        public long NetMicroampereSeconds
        {
            get { return net.MicroampereSeconds; }
        }

        /// <summary>Charge put into the pack (intervals with a positive trapezoid) in microampere-seconds.</summary>
        public long ChargeThroughputMicroampereSeconds
        {
            get { return charged.MicroampereSeconds; }
        }

        /// <summary>Charge taken from the pack (intervals with a negative trapezoid) in microampere-seconds, positive.</summary>
        public long DischargeThroughputMicroampereSeconds
        {
            get { return -discharged.MicroampereSeconds; }
        }

        /// <summary>Net charge in ampere-hours; a float view of <see cref="NetMicroampereSeconds"/> for display.</summary>
        public float NetAmpereHours
        {
            get { return ToAmpereHours(net.MicroampereSeconds); }
        }

        /// <summary>Intervals longer than the limit that were left out.</summary>
        public long SkippedIntervalCount
        {
            get { return skippedIntervalCount; }
        }

        /// <summary>Converts microampere-seconds to ampere-hours, splitting whole hours off first to keep float precision.</summary>
        public static float ToAmpereHours(long microampereSeconds)
        {
            long wholeHours = microampereSeconds / MicroampereSecondsPerAmpereHour;
            long rest = microampereSeconds % MicroampereSecondsPerAmpereHour;
            return wholeHours + rest / (float)MicroampereSecondsPerAmpereHour;
        }

        /// <summary>
        /// Adds the sample taken at <paramref name="nowMicroseconds"/>. The first sample, or one after a skipped
        /// interval, only starts the next trapezoid. Non-finite currents are ignored. Allocates nothing.
        /// </summary>
        public void Add(long nowMicroseconds, float currentAmperes)
        {
            if (!FloatMath.IsFinite(currentAmperes))
            {
                return;
            }

            long microamperes = ToMicroamperes(currentAmperes);
            if (hasSample)
            {
                long interval = nowMicroseconds - lastMicroseconds;
                if (interval > maxIntervalMicroseconds || interval < 0)
                {
                    skippedIntervalCount++;
                }
                else
                {
                    // |sum| <= 2e10 µA × 1e8 µs = 2e18, inside the long range.
                    long sum = (lastMicroamperes + microamperes) * interval;
                    net.Add(sum);
                    if (sum > 0)
                    {
                        charged.Add(sum);
                    }
                    else
                    {
                        discharged.Add(sum);
                    }
                }
            }

            hasSample = true;
            lastMicroseconds = nowMicroseconds;
            lastMicroamperes = microamperes;
        }

        /// <summary>Sets the net counter to zero (for example at a full charge) and keeps the throughput counters.</summary>
        public void ResetNet()
        {
            net.Clear();
        }

        private static long ToMicroamperes(float currentAmperes)
        {
            float clamped = FloatMath.Clamp(currentAmperes, -MaxCurrentAmperes, MaxCurrentAmperes);
            float scaled = clamped * 1e6f;
            return (long)(scaled < 0f ? scaled - 0.5f : scaled + 0.5f);
        }

        /// <summary>Whole microampere-seconds plus a remainder in trapezoid-sum units.</summary>
        private sealed class Accumulator
        {
            public long MicroampereSeconds;
            private long remainder;

            public void Add(long sum)
            {
                long total = remainder + sum;
                MicroampereSeconds += total / SumUnitsPerMicroampereSecond;
                remainder = total % SumUnitsPerMicroampereSecond;
            }

            public void Clear()
            {
                MicroampereSeconds = 0;
                remainder = 0;
            }
        }
    }
}

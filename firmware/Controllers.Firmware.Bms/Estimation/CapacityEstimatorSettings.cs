using System;

namespace Controllers.Firmware.Bms.Estimation
{
    /// <summary>
    /// Tuning of <see cref="CapacityEstimator"/>: the nominal capacity, the memory of the fit, the
    /// smallest usable SOC change and the current sensor's error, in the units named.
    /// </summary>
    public sealed class CapacityEstimatorSettings
    {
        /// <summary>Capacity of a new cell, in ampere-hours (0.01 to 10000). SOH is the estimate divided by this.</summary>
        public float NominalCapacityAmpereHours { get; set; } = 2.8f;

        /// <summary>
        /// Standard deviation of the nominal capacity as a starting value, in ampere-hours (greater than 0,
        /// at most the nominal capacity). The estimator starts from one pseudo pair at the nominal capacity
        /// with this uncertainty, and fading memory discounts it like any other pair.
        /// </summary>
        public float InitialCapacityStandardDeviationAmpereHours { get; set; } = 0.28f;

        /// <summary>
        /// Fading-memory factor (0.9 to 1) applied to the sums before each new pair: 1 keeps every pair,
        /// 0.99 gives an effective memory of about 100 pairs.
        /// </summary>
        public float FadingFactor { get; set; } = 0.99f;

        /// <summary>
        /// Smallest |ΔSOC| of a usable pair, as a fraction (0.01 to 0.9). Short pairs carry little
        /// information about capacity and are rejected.
        /// </summary>
        public float MinimumSocChange { get; set; } = 0.2f;

        /// <summary>Standard deviation of the current sensor's offset, in amperes (0 to 100).</summary>
        public float CurrentOffsetStandardDeviationAmperes { get; set; } = 0.01f;

        /// <summary>Standard deviation of the current sensor's gain error, as a fraction (0 to 0.1).</summary>
        public float CurrentGainStandardDeviation { get; set; } = 0.005f;

        /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
        public void Validate()
        {
            CheckRange(NominalCapacityAmpereHours, 0.01f, 10000f, "NominalCapacityAmpereHours");
            CheckRange(InitialCapacityStandardDeviationAmpereHours, 1e-6f, NominalCapacityAmpereHours, "InitialCapacityStandardDeviationAmpereHours");
            CheckRange(FadingFactor, 0.9f, 1f, "FadingFactor");
            CheckRange(MinimumSocChange, 0.01f, 0.9f, "MinimumSocChange");
            CheckRange(CurrentOffsetStandardDeviationAmperes, 0f, 100f, "CurrentOffsetStandardDeviationAmperes");
            CheckRange(CurrentGainStandardDeviation, 0f, 0.1f, "CurrentGainStandardDeviation");
        }

        private static void CheckRange(float value, float minimum, float maximum, string name)
        {
            if (!(value >= minimum && value <= maximum))
            {
                throw new ArgumentException(name + " = " + value.ToString() + " is outside " + minimum.ToString() + " to " + maximum.ToString() + ".", name);
            }
        }
    }
}

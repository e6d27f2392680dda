using System;

namespace Controllers.Firmware.Bms.Estimation
{
    /// <summary>
    /// Tuning of the per-cell delta filters in <see cref="PackSocEstimator"/>: noise levels as one standard
    /// deviation, in the units named.
    /// </summary>
    public sealed class DeltaSocSettings
    {
        /// <summary>
        /// Error of one cell's voltage difference to the pack mean, in volts (0.0005 to 0.5). It covers the
        /// measurement noise and cell-to-cell differences in resistance that the delta filter does not model.
        /// </summary>
        public float VoltageDifferenceNoiseVolts { get; set; } = 0.005f;

        /// <summary>
        /// Random walk of each cell's SOC difference to the pack average, as a fraction per square root of
        /// a second (0 to 0.01). It lets the filter follow cells whose capacity differs from the nominal one.
        /// </summary>
        public float DeltaSocRandomWalkPerSqrtSecond { get; set; } = 1e-4f;

        /// <summary>Standard deviation of each initial SOC difference, as a fraction (0.001 to 1).</summary>
        public float InitialDeltaSocStandardDeviation { get; set; } = 0.1f;

        /// <summary>
        /// Largest current magnitude at which the delta filters correct from the voltage differences, in amperes
        /// (0 to 10000). Above it they only predict, so a cell's resistance difference, which shows as I·ΔR in its
        /// voltage, cannot pull its ΔSOC. The default of 10000 A corrects at every current.
        /// </summary>
        public float MaximumCorrectionCurrentAmperes { get; set; } = 10000f;

        /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
        public void Validate()
        {
            CheckRange(VoltageDifferenceNoiseVolts, 0.0005f, 0.5f, "VoltageDifferenceNoiseVolts");
            CheckRange(DeltaSocRandomWalkPerSqrtSecond, 0f, 0.01f, "DeltaSocRandomWalkPerSqrtSecond");
            CheckRange(InitialDeltaSocStandardDeviation, 0.001f, 1f, "InitialDeltaSocStandardDeviation");
            CheckRange(MaximumCorrectionCurrentAmperes, 0f, 10000f, "MaximumCorrectionCurrentAmperes");
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

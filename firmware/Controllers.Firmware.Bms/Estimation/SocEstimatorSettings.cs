using System;

namespace Controllers.Firmware.Bms.Estimation
{
    /// <summary>
    /// Tuning of <see cref="SocEstimator"/>: noise levels as one standard deviation, in the units named.
    /// Defaults suit a cell-voltage channel with millivolt resolution and a current channel with
    /// milliampere resolution.
    /// </summary>
    public sealed class SocEstimatorSettings
    {
        /// <summary>Voltage measurement plus model error, in volts (0.0005 to 0.5).</summary>
        public float VoltageNoiseVolts { get; set; } = 0.015f;

        /// <summary>Current measurement noise, in amperes (0 to 100); enters the SOC process noise.</summary>
        public float CurrentNoiseAmperes { get; set; } = 0.05f;

        /// <summary>
        /// Random walk of SOC that covers unmodelled drift such as a current offset, as a fraction per
        /// square root of a second (0 to 0.01): the SOC variance grows by this squared times the step.
        /// </summary>
        public float SocRandomWalkPerSqrtSecond { get; set; } = 5e-5f;

        /// <summary>Random walk of each RC branch voltage, in volts per square root of a second (0 to 0.5).</summary>
        public float BranchVoltageRandomWalkPerSqrtSecond { get; set; } = 0.001f;

        /// <summary>
        /// Random walk of the current-sensor offset state, in amperes per square root of a second (0 to 1).
        /// A small value lets the filter learn a steady offset without following the drive current.
        /// </summary>
        public float CurrentBiasRandomWalkAmperesPerSqrtSecond { get; set; } = 5e-6f;

        /// <summary>
        /// Standard deviation of the current-sensor offset at start, in amperes (0 to 100). Zero together with
        /// a zero random walk turns the offset state off. Set it near the sensor's specified offset, because a
        /// much larger value lets model error pull the offset estimate. In the 0 °C LG 18650HG2 replay, 0.05 A
        /// instead of 0.02 A raised the maximum SOC error from 1.2 % to 11 %.
        /// </summary>
        public float InitialCurrentBiasStandardDeviationAmperes { get; set; } = 0.02f;

        /// <summary>Standard deviation of the initial SOC, as a fraction (0.001 to 1).</summary>
        public float InitialSocStandardDeviation { get; set; } = 0.3f;

        /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
        public void Validate()
        {
            CheckRange(VoltageNoiseVolts, 0.0005f, 0.5f, "VoltageNoiseVolts");
            CheckRange(CurrentNoiseAmperes, 0f, 100f, "CurrentNoiseAmperes");
            CheckRange(SocRandomWalkPerSqrtSecond, 0f, 0.01f, "SocRandomWalkPerSqrtSecond");
            CheckRange(BranchVoltageRandomWalkPerSqrtSecond, 0f, 0.5f, "BranchVoltageRandomWalkPerSqrtSecond");
            CheckRange(CurrentBiasRandomWalkAmperesPerSqrtSecond, 0f, 1f, "CurrentBiasRandomWalkAmperesPerSqrtSecond");
            CheckRange(InitialCurrentBiasStandardDeviationAmperes, 0f, 100f, "InitialCurrentBiasStandardDeviationAmperes");
            CheckRange(InitialSocStandardDeviation, 0.001f, 1f, "InitialSocStandardDeviation");
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

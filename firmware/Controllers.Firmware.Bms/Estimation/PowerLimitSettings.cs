using System;

namespace Controllers.Firmware.Bms.Estimation
{
    /// <summary>
    /// Configuration of <see cref="PowerLimitEstimator"/>: per-cell current ratings, a temperature derating
    /// table and the prediction horizons. Currents are magnitudes in amperes per cell. The voltage window
    /// comes from <see cref="CellParameters"/>.
    /// </summary>
    public sealed class PowerLimitSettings
    {
        /// <summary>Maximum continuous charge current per cell, in amperes (0 to 2000).</summary>
        public float MaximumChargeCurrentAmperes { get; set; }

        /// <summary>Maximum continuous discharge current per cell, as a positive number of amperes (0 to 2000).</summary>
        public float MaximumDischargeCurrentAmperes { get; set; }

        /// <summary>
        /// Temperature axis of the derating tables, in °C, strictly ascending within −60 to 100 °C.
        /// Outside the axis the first or last factor applies, so the table should end in zero factors
        /// where the cell must not be used.
        /// </summary>
        public float[] DeratingTemperaturesCelsius { get; set; } = new float[] { 25f };

        /// <summary>Fraction of <see cref="MaximumChargeCurrentAmperes"/> allowed at each derating temperature (0 to 1).</summary>
        public float[] ChargeDeratingFactors { get; set; } = new float[] { 1f };

        /// <summary>Fraction of <see cref="MaximumDischargeCurrentAmperes"/> allowed at each derating temperature (0 to 1).</summary>
        public float[] DischargeDeratingFactors { get; set; } = new float[] { 1f };

        /// <summary>
        /// Horizons over which the current is held, in seconds, strictly ascending within 0.1 to 3600 s,
        /// one to eight values. The default gives the 2 s, 10 s and 30 s limits.
        /// </summary>
        public float[] HorizonsSeconds { get; set; } = new float[] { 2f, 10f, 30f };

        /// <summary>Throws <see cref="ArgumentException"/> naming the first value that is missing or out of range.</summary>
        public void Validate()
        {
            CheckRange(MaximumChargeCurrentAmperes, 0f, 2000f, "MaximumChargeCurrentAmperes");
            CheckRange(MaximumDischargeCurrentAmperes, 0f, 2000f, "MaximumDischargeCurrentAmperes");

            CheckAxis(DeratingTemperaturesCelsius, "DeratingTemperaturesCelsius", -60f, 100f, 64);
            int count = DeratingTemperaturesCelsius.Length;
            CheckFactors(ChargeDeratingFactors, "ChargeDeratingFactors", count);
            CheckFactors(DischargeDeratingFactors, "DischargeDeratingFactors", count);

            CheckAxis(HorizonsSeconds, "HorizonsSeconds", 0.1f, 3600f, 8);
        }

        private static void CheckRange(float value, float minimum, float maximum, string name)
        {
            if (!(value >= minimum && value <= maximum))
            {
                throw new ArgumentException(name + " = " + value.ToString() + " is outside " + minimum.ToString() + " to " + maximum.ToString() + ".", name);
            }
        }

        private static void CheckAxis(float[] axis, string name, float minimum, float maximum, int maximumCount)
        {
            if (axis == null || axis.Length < 1 || axis.Length > maximumCount)
            {
                throw new ArgumentException(name + " must have 1 to " + maximumCount + " values.", name);
            }

            for (int i = 0; i < axis.Length; i++)
            {
                if (!(axis[i] >= minimum && axis[i] <= maximum))
                {
                    throw new ArgumentException(name + "[" + i + "] = " + axis[i].ToString() + " is outside " + minimum.ToString() + " to " + maximum.ToString() + ".", name);
                }

                if (i > 0 && !(axis[i] > axis[i - 1]))
                {
                    throw new ArgumentException(name + " must be strictly ascending (index " + i + ").", name);
                }
            }
        }

        private static void CheckFactors(float[] factors, string name, int expectedLength)
        {
            if (factors == null || factors.Length != expectedLength)
            {
                throw new ArgumentException(name + " must have " + expectedLength + " values, one per entry of DeratingTemperaturesCelsius.", name);
            }

            for (int i = 0; i < factors.Length; i++)
            {
                if (!(factors[i] >= 0f && factors[i] <= 1f))
                {
                    throw new ArgumentException(name + "[" + i + "] = " + factors[i].ToString() + " is outside 0 to 1.", name);
                }
            }
        }
    }
}

using System;

namespace Controllers.Firmware.Bms.Estimation
{
    /// <summary>
    /// Tuning of <see cref="ResistanceEstimator"/>: the new cell's ohmic resistance, the smallest usable
    /// current step and the measurement noise, as one standard deviation in the units named.
    /// </summary>
    public sealed class ResistanceEstimatorSettings
    {
        /// <summary>Ohmic resistance R0 of a new cell, in ohms (1e-5 to 10). SOH_R is this divided by the estimate.</summary>
        public float NominalResistanceOhms { get; set; } = 0.015f;

        /// <summary>Standard deviation of the starting estimate (the nominal resistance), in ohms (greater than 0 to 10).</summary>
        public float InitialResistanceStandardDeviationOhms { get; set; } = 0.005f;

        /// <summary>
        /// Smallest current change between two consecutive samples that counts as a step, in amperes (0.01
        /// to 10000). Smaller changes give ΔV/ΔI dominated by noise and by the RC branches.
        /// </summary>
        public float MinimumCurrentStepAmperes { get; set; } = 5f;

        /// <summary>Noise of one cell-voltage sample, in volts (0 to 0.5).</summary>
        public float VoltageNoiseVolts { get; set; } = 0.001f;

        /// <summary>Noise of one current sample, in amperes (0 to 100).</summary>
        public float CurrentNoiseAmperes { get; set; } = 0.05f;

        /// <summary>
        /// Random walk of R0 per accepted step, in ohms (0 to 1), so the filter keeps following ageing and
        /// temperature. Zero makes the filter average every step equally.
        /// </summary>
        public float ResistanceRandomWalkOhms { get; set; } = 5e-5f;

        /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
        public void Validate()
        {
            CheckRange(NominalResistanceOhms, 1e-5f, 10f, "NominalResistanceOhms");
            CheckRange(InitialResistanceStandardDeviationOhms, 1e-9f, 10f, "InitialResistanceStandardDeviationOhms");
            CheckRange(MinimumCurrentStepAmperes, 0.01f, 10000f, "MinimumCurrentStepAmperes");
            CheckRange(VoltageNoiseVolts, 0f, 0.5f, "VoltageNoiseVolts");
            CheckRange(CurrentNoiseAmperes, 0f, 100f, "CurrentNoiseAmperes");
            CheckRange(ResistanceRandomWalkOhms, 0f, 1f, "ResistanceRandomWalkOhms");
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

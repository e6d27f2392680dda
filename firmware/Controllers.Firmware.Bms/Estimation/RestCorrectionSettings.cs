using System;

namespace Controllers.Firmware.Bms.Estimation
{
    /// <summary>
    /// Tuning of <see cref="RestCorrection"/>: uncertainties as one standard deviation, in the units named.
    /// </summary>
    public sealed class RestCorrectionSettings
    {
        /// <summary>Error of one cell voltage reading at start-up, in volts (0.0001 to 0.1).</summary>
        public float CellVoltageStandardDeviationVolts { get; set; } = 0.005f;

        /// <summary>
        /// Error of the difference between two cell voltages read in the same conversion, in volts (0.0001
        /// to 0.1). It is smaller than the absolute error because gain and reference errors are shared.
        /// </summary>
        public float VoltageDifferenceStandardDeviationVolts { get; set; } = 0.002f;

        /// <summary>
        /// Uncertainty of the predicted remaining polarisation, as a fraction of it (0 to 1), for errors in
        /// the stored RC voltages and in the time constants at the rest temperature.
        /// </summary>
        public float PolarisationRelativeStandardDeviation { get; set; } = 0.3f;

        /// <summary>
        /// Self-discharge allowance, as SOC fraction per hour of rest (0 to 0.01). The stored SOC's standard
        /// deviation grows by this times the rest hours.
        /// </summary>
        /// <remarks>
        /// NOTE: The default of 4e-5 per hour (about 3 % per month) is an estimate for a typical lithium-ion
        /// cell at room temperature, not a datasheet value. Set it from the cell's storage data.
        /// </remarks>
        public float SelfDischargeSocPerHour { get; set; } = 4e-5f;

        /// <summary>
        /// Growth of the stored SOC's standard deviation when the rest time is unknown because the real-time
        /// clock lost its time, as a fraction (0 to 1).
        /// </summary>
        public float UnknownRestSocStandardDeviation { get; set; } = 0.05f;

        /// <summary>
        /// OCV slope below which the voltage carries no useful SOC information, in volts per unit SOC (0 to 10).
        /// Below it the stored SOC is kept.
        /// </summary>
        public float MinimumOcvSlopeVoltsPerSoc { get; set; } = 0.01f;

        /// <summary>
        /// Consistency gate, in standard deviations of the difference between the OCV SOC and the stored SOC
        /// (0 to 100, 0 turns it off). A larger difference shows that the stored variance was too small, so
        /// the variance is raised until the difference sits on the gate. A rested pack whose stored SOC had
        /// drifted is then pulled to its OCV.
        /// </summary>
        public float InnovationGateStandardDeviations { get; set; } = 3f;

        /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
        public void Validate()
        {
            CheckRange(CellVoltageStandardDeviationVolts, 0.0001f, 0.1f, "CellVoltageStandardDeviationVolts");
            CheckRange(VoltageDifferenceStandardDeviationVolts, 0.0001f, 0.1f, "VoltageDifferenceStandardDeviationVolts");
            CheckRange(PolarisationRelativeStandardDeviation, 0f, 1f, "PolarisationRelativeStandardDeviation");
            CheckRange(SelfDischargeSocPerHour, 0f, 0.01f, "SelfDischargeSocPerHour");
            CheckRange(UnknownRestSocStandardDeviation, 0f, 1f, "UnknownRestSocStandardDeviation");
            CheckRange(MinimumOcvSlopeVoltsPerSoc, 0f, 10f, "MinimumOcvSlopeVoltsPerSoc");
            CheckRange(InnovationGateStandardDeviations, 0f, 100f, "InnovationGateStandardDeviations");
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

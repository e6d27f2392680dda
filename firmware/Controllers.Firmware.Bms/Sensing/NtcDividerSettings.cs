using System;

namespace Controllers.Firmware.Bms.Sensing
{
    /// <summary>
    /// The divider in front of each thermistor: a pull-up from the AFE reference (VREF2 on an LTC6813)
    /// to the GPIO input, the thermistor from the GPIO input through the harness to ground.
    /// </summary>
    public sealed class NtcDividerSettings
    {
        /// <summary>Pull-up resistance in ohms (100 to 1 000 000). The board fits 10 kΩ 0.1 %.</summary>
        public float PullUpOhms { get; set; } = 10000f;

        /// <summary>
        /// Harness resistance in series with the thermistor, in ohms (0 to 100), subtracted from the
        /// measured resistance. Connector systems for battery packs specify at most 1 Ω.
        /// </summary>
        public float HarnessOhms { get; set; } = 1f;

        /// <summary>
        /// Lowest plausible measured reference voltage in volts (0.5 to 10). VREF2 is 3.0 V nominal, so
        /// the default 2.5 V catches a reference that is off or a failed conversion.
        /// </summary>
        public float MinimumReferenceVolts { get; set; } = 2.5f;

        /// <summary>Highest plausible measured reference voltage in volts (0.5 to 10).</summary>
        public float MaximumReferenceVolts { get; set; } = 3.5f;

        /// <summary>
        /// GPIO-to-reference ratio at or above which the channel is open (0.5 to 0.9999). The default 0.98
        /// is 490 kΩ with a 10 kΩ pull-up, far beyond 195.7 kΩ at −40 °C.
        /// </summary>
        public float OpenCircuitRatio { get; set; } = 0.98f;

        /// <summary>
        /// GPIO-to-reference ratio at or below which the channel is shorted (0.0001 to 0.5). The default
        /// 0.02 is 204 Ω with a 10 kΩ pull-up, far below 531 Ω at 125 °C.
        /// </summary>
        public float ShortCircuitRatio { get; set; } = 0.02f;

        /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
        public void Validate()
        {
            CheckRange(PullUpOhms, 100f, 1000000f, "PullUpOhms");
            CheckRange(HarnessOhms, 0f, 100f, "HarnessOhms");
            CheckRange(MinimumReferenceVolts, 0.5f, 10f, "MinimumReferenceVolts");
            CheckRange(MaximumReferenceVolts, 0.5f, 10f, "MaximumReferenceVolts");
            CheckRange(OpenCircuitRatio, 0.5f, 0.9999f, "OpenCircuitRatio");
            CheckRange(ShortCircuitRatio, 0.0001f, 0.5f, "ShortCircuitRatio");
            if (!(MaximumReferenceVolts > MinimumReferenceVolts))
            {
                throw new ArgumentException("MaximumReferenceVolts = " + MaximumReferenceVolts.ToString()
                    + " must be above MinimumReferenceVolts = " + MinimumReferenceVolts.ToString() + ".", "MaximumReferenceVolts");
            }
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

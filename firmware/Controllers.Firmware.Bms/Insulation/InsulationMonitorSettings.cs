using System;

namespace Controllers.Firmware.Bms.Insulation
{
    /// <summary>
    /// Circuit values and tuning of <see cref="InsulationMonitor"/>. Resistances are the nominal values of
    /// the board's bridge and measurement dividers.
    /// </summary>
    public sealed class InsulationMonitorSettings
    {
        /// <summary>Bridge resistor switched between the positive pole and chassis, in ohms (10 kΩ to 100 MΩ).</summary>
        public float PositiveBridgeOhms { get; set; } = 1000000f;

        /// <summary>Bridge resistor switched between chassis and the negative pole, in ohms (10 kΩ to 100 MΩ).</summary>
        public float NegativeBridgeOhms { get; set; } = 1000000f;

        /// <summary>
        /// Total resistance of the permanently connected measurement divider from the positive pole to
        /// chassis, in ohms (100 kΩ to 10 GΩ). It is in parallel with the insulation and is removed from the
        /// result.
        /// </summary>
        public float PositiveMeasurementOhms { get; set; } = 10000000f;

        /// <summary>Total resistance of the measurement divider from chassis to the negative pole, in ohms (100 kΩ to 10 GΩ).</summary>
        public float NegativeMeasurementOhms { get; set; } = 10000000f;

        /// <summary>
        /// Largest Y capacitance expected from each pole to chassis, in farads (0 to 10 µF). It bounds the
        /// settling time constant that the settle check must allow for.
        /// </summary>
        public float MaximumYCapacitanceFarads { get; set; } = 1e-6f;

        /// <summary>Upper end of the reported range in ohms (1 MΩ to 1 GΩ). Above it a pole reads "above range".</summary>
        public float RangeMaximumOhms { get; set; } = 10000000f;

        /// <summary>
        /// Time between the samples that the settle check compares, in milliseconds (100 to 10 000). The
        /// monitor runs every 100 ms, so a multiple of 100 ms is exact.
        /// </summary>
        public int SampleSpacingMilliseconds { get; set; } = 1000;

        /// <summary>Time after switching before the first sample, in milliseconds (0 to 10 000).</summary>
        public int MinimumDwellMilliseconds { get; set; } = 300;

        /// <summary>
        /// Remaining settling error accepted, as a fraction of the pack voltage (0.0001 to 0.05). The default
        /// 0.002 is 0.8 V at 400 V.
        /// </summary>
        public float SettleToleranceFraction { get; set; } = 0.002f;

        /// <summary>
        /// When true, a still-decaying voltage is accepted once the exponential's final value predicted from
        /// three equally spaced samples lies within <see cref="MaximumPredictionFraction"/> of the latest
        /// sample. When false, the monitor waits until the voltages are flat.
        /// </summary>
        public bool PredictFinalValue { get; set; } = true;

        /// <summary>
        /// Largest extrapolation accepted from the three-sample prediction, as a fraction of the pack voltage
        /// (0 to 0.2). It limits how much sample noise the prediction can amplify.
        /// </summary>
        public float MaximumPredictionFraction { get; set; } = 0.02f;

        /// <summary>Time allowed for one bridge state to settle, in milliseconds (1000 to 600 000).</summary>
        public int StateTimeoutMilliseconds { get; set; } = 60000;

        /// <summary>Time with both bridges open between cycles, in milliseconds (0 to 3 600 000).</summary>
        public int IdleMilliseconds { get; set; }

        /// <summary>Pack voltage below which no measurement is made, in volts (1 to 2000).</summary>
        public float MinimumPackVolts { get; set; } = 50f;

        /// <summary>
        /// Pole voltage, as a fraction of the pack voltage, below which a pole counts as shorted to chassis in
        /// both bridge states (0.00001 to 0.05). With the default 0.001 and 1 MΩ bridges this is below about
        /// 1 kΩ.
        /// </summary>
        public float ShortedPoleFraction { get; set; } = 0.001f;

        /// <summary>
        /// Largest accepted mismatch between the sum of the pole voltages and the pack voltage, as a fraction
        /// of the pack voltage (0.001 to 0.2).
        /// </summary>
        public float VoltageSumToleranceFraction { get; set; } = 0.03f;

        /// <summary>
        /// Warning threshold in ohms per volt of pack voltage (1 to 100 000). The default 500 Ω/V is the
        /// higher of the two minimum values in GB/T 18384 and ISO 6469-3.
        /// </summary>
        public float WarningOhmsPerVolt { get; set; } = 500f;

        /// <summary>
        /// Fault threshold in ohms per volt (1 to 100 000, below the warning threshold). The default 100 Ω/V
        /// is the lower of the two minimum values in GB/T 18384 and ISO 6469-3.
        /// </summary>
        public float FaultOhmsPerVolt { get; set; } = 100f;

        /// <summary>Consecutive valid results below a threshold before its alarm is raised (1 to 100).</summary>
        public int AlarmDebounceResults { get; set; } = 2;

        /// <summary>Consecutive valid results above a threshold plus hysteresis before its alarm clears (1 to 100).</summary>
        public int RecoveryDebounceResults { get; set; } = 3;

        /// <summary>
        /// Hysteresis for clearing an alarm, as a fraction of its threshold (0 to 1): a warning clears above
        /// 500 Ω/V × (1 + 0.1) with the defaults.
        /// </summary>
        public float RecoveryHysteresisFraction { get; set; } = 0.1f;

        /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
        public void Validate()
        {
            CheckRange(PositiveBridgeOhms, 1e4f, 1e8f, "PositiveBridgeOhms");
            CheckRange(NegativeBridgeOhms, 1e4f, 1e8f, "NegativeBridgeOhms");
            CheckRange(PositiveMeasurementOhms, 1e5f, 1e10f, "PositiveMeasurementOhms");
            CheckRange(NegativeMeasurementOhms, 1e5f, 1e10f, "NegativeMeasurementOhms");
            CheckRange(MaximumYCapacitanceFarads, 0f, 1e-5f, "MaximumYCapacitanceFarads");
            CheckRange(RangeMaximumOhms, 1e6f, 1e9f, "RangeMaximumOhms");
            CheckRange(SampleSpacingMilliseconds, 100f, 10000f, "SampleSpacingMilliseconds");
            CheckRange(MinimumDwellMilliseconds, 0f, 10000f, "MinimumDwellMilliseconds");
            CheckRange(SettleToleranceFraction, 0.0001f, 0.05f, "SettleToleranceFraction");
            CheckRange(MaximumPredictionFraction, 0f, 0.2f, "MaximumPredictionFraction");
            CheckRange(StateTimeoutMilliseconds, 1000f, 600000f, "StateTimeoutMilliseconds");
            CheckRange(IdleMilliseconds, 0f, 3600000f, "IdleMilliseconds");
            CheckRange(MinimumPackVolts, 1f, 2000f, "MinimumPackVolts");
            CheckRange(ShortedPoleFraction, 0.00001f, 0.05f, "ShortedPoleFraction");
            CheckRange(VoltageSumToleranceFraction, 0.001f, 0.2f, "VoltageSumToleranceFraction");
            CheckRange(WarningOhmsPerVolt, 1f, 100000f, "WarningOhmsPerVolt");
            CheckRange(FaultOhmsPerVolt, 1f, 100000f, "FaultOhmsPerVolt");
            CheckRange(AlarmDebounceResults, 1f, 100f, "AlarmDebounceResults");
            CheckRange(RecoveryDebounceResults, 1f, 100f, "RecoveryDebounceResults");
            CheckRange(RecoveryHysteresisFraction, 0f, 1f, "RecoveryHysteresisFraction");
            if (!(FaultOhmsPerVolt < WarningOhmsPerVolt))
            {
                throw new ArgumentException("FaultOhmsPerVolt = " + FaultOhmsPerVolt.ToString() + " must be below WarningOhmsPerVolt = "
                    + WarningOhmsPerVolt.ToString() + ".", "FaultOhmsPerVolt");
            }

            if (StateTimeoutMilliseconds <= MinimumDwellMilliseconds + 2 * SampleSpacingMilliseconds)
            {
                throw new ArgumentException("StateTimeoutMilliseconds = " + StateTimeoutMilliseconds.ToString()
                    + " leaves no time for three samples; make it longer than MinimumDwellMilliseconds + 2 * SampleSpacingMilliseconds.", "StateTimeoutMilliseconds");
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

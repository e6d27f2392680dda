using System;

namespace Controllers.Firmware.Bms.Estimation
{
    /// <summary>
    /// Equivalent-circuit parameters of one cell: an OCV–SOC curve per temperature, an ohmic resistance
    /// and two RC branches, each tabulated over SOC and temperature. Tables are flat row-major arrays
    /// (index = temperatureIndex * SocBreakpoints.Length + socIndex) because nanoFramework has no
    /// multidimensional arrays. Lookups interpolate linearly and clamp at the table edges.
    /// </summary>
    public sealed class CellParameters
    {
        // Bounds of charge R0 / discharge R0. Within 1/3 to 3 the ohmic drop I R0(I) rises strictly through
        // the linear blend of CellModel, as the power-limit search needs, and 0.5 to 2 leaves margin.
        private const float MinimumChargeResistanceRatio = 0.5f;
        private const float MaximumChargeResistanceRatio = 2f;

        /// <summary>Capacity that sets the SOC scale, in ampere-hours (0.1 to 2000).</summary>
        public float CapacityAmpereHours { get; set; }

        /// <summary>
        /// Optional temperature axis of <see cref="CapacityByTemperatureAmpereHours"/>, in °C, strictly ascending.
        /// Empty (the default) means that <see cref="CapacityAmpereHours"/> applies at every temperature.
        /// </summary>
        public float[] CapacityTemperaturesCelsius { get; set; } = new float[0];

        /// <summary>
        /// Optional capacity that sets the SOC scale at each of <see cref="CapacityTemperaturesCelsius"/>, in
        /// ampere-hours (0.1 to 2000). The OCV row at a temperature is tabulated on the SOC scale of the
        /// capacity at that temperature, so coulomb counting uses the same scale.
        /// </summary>
        public float[] CapacityByTemperatureAmpereHours { get; set; } = new float[0];

        /// <summary>Fraction of charge current that is stored (0.9 to 1); discharge counts fully.</summary>
        public float ChargeEfficiency { get; set; } = 1f;

        /// <summary>SOC axis shared by every table, as fractions, strictly ascending within 0 to 1.</summary>
        public float[] SocBreakpoints { get; set; } = new float[0];

        /// <summary>Temperature axis of <see cref="OcvVolts"/>, in °C, strictly ascending.</summary>
        public float[] OcvTemperaturesCelsius { get; set; } = new float[0];

        /// <summary>Open-circuit voltage in volts, one row per OCV temperature.</summary>
        public float[] OcvVolts { get; set; } = new float[0];

        /// <summary>Temperature axis of the impedance tables, in °C, strictly ascending.</summary>
        public float[] ImpedanceTemperaturesCelsius { get; set; } = new float[0];

        /// <summary>
        /// Ohmic (series) resistance in ohms, one row per impedance temperature. It applies while discharging,
        /// and while charging too when <see cref="ChargeOhmicResistanceOhms"/> is empty.
        /// </summary>
        public float[] OhmicResistanceOhms { get; set; } = new float[0];

        /// <summary>
        /// Optional ohmic (series) resistance while charging, in ohms, same shape as
        /// <see cref="OhmicResistanceOhms"/>. Empty (the default) means that charge and discharge share one table.
        /// Each value must lie within 0.5 to 2 times the discharge value at the same point, which keeps the
        /// ohmic drop rising with current through the direction dead band of <see cref="CellModel"/>.
        /// </summary>
        public float[] ChargeOhmicResistanceOhms { get; set; } = new float[0];

        /// <summary>Resistance of the fast RC branch in ohms, one row per impedance temperature.</summary>
        public float[] FastBranchResistanceOhms { get; set; } = new float[0];

        /// <summary>Time constant of the fast RC branch in seconds, one row per impedance temperature.</summary>
        public float[] FastBranchTimeConstantSeconds { get; set; } = new float[0];

        /// <summary>Resistance of the slow RC branch in ohms, one row per impedance temperature.</summary>
        public float[] SlowBranchResistanceOhms { get; set; } = new float[0];

        /// <summary>Time constant of the slow RC branch in seconds, one row per impedance temperature.</summary>
        public float[] SlowBranchTimeConstantSeconds { get; set; } = new float[0];

        /// <summary>
        /// Optional temperature axis of the hysteresis tables, in °C, strictly ascending. Empty (the default)
        /// means no hysteresis, which suits cells such as NMC whose charge and discharge OCV nearly coincide.
        /// </summary>
        public float[] HysteresisTemperaturesCelsius { get; set; } = new float[0];

        /// <summary>
        /// Hysteresis magnitude M in volts (0 to 0.5), one per hysteresis temperature: the OCV offset reached
        /// after a long charge (+M) or discharge (−M).
        /// </summary>
        public float[] HysteresisMagnitudeVolts { get; set; } = new float[0];

        /// <summary>
        /// Hysteresis rate in 1/SOC (0 to 10 000), one per hysteresis temperature: the hysteresis voltage
        /// approaches ±M as exp(−rate × |SOC moved|).
        /// </summary>
        public float[] HysteresisRatePerSoc { get; set; } = new float[0];

        /// <summary>Lowest terminal voltage the cell may reach (discharge cut-off), in volts.</summary>
        public float MinimumVoltageVolts { get; set; }

        /// <summary>Highest terminal voltage the cell may reach (charge cut-off), in volts.</summary>
        public float MaximumVoltageVolts { get; set; }

        /// <summary>
        /// Checks every field and throws <see cref="ArgumentException"/> naming the first invalid one, so a
        /// bad parameter set is rejected at start-up instead of producing wrong estimates.
        /// </summary>
        public void Validate()
        {
            if (!(CapacityAmpereHours >= 0.1f && CapacityAmpereHours <= 2000f))
            {
                throw new ArgumentException("CapacityAmpereHours must be within 0.1 to 2000 Ah.", "CapacityAmpereHours");
            }

            if (!(ChargeEfficiency >= 0.9f && ChargeEfficiency <= 1f))
            {
                throw new ArgumentException("ChargeEfficiency must be within 0.9 to 1.", "ChargeEfficiency");
            }

            if (CapacityTemperaturesCelsius == null || CapacityByTemperatureAmpereHours == null)
            {
                throw new ArgumentException("CapacityTemperaturesCelsius and CapacityByTemperatureAmpereHours must not be null; use empty arrays for one capacity at every temperature.", "CapacityTemperaturesCelsius");
            }

            if (CapacityTemperaturesCelsius.Length > 0 || CapacityByTemperatureAmpereHours.Length > 0)
            {
                CheckAxis(CapacityTemperaturesCelsius, "CapacityTemperaturesCelsius", -60f, 100f);
                if (CapacityByTemperatureAmpereHours.Length != CapacityTemperaturesCelsius.Length)
                {
                    throw new ArgumentException("CapacityByTemperatureAmpereHours must have one value per entry of CapacityTemperaturesCelsius (" + CapacityTemperaturesCelsius.Length + ").", "CapacityByTemperatureAmpereHours");
                }

                CheckTable(CapacityByTemperatureAmpereHours, "CapacityByTemperatureAmpereHours", CapacityTemperaturesCelsius.Length, 0.1f, 2000f);
            }

            if (HysteresisTemperaturesCelsius == null || HysteresisMagnitudeVolts == null || HysteresisRatePerSoc == null)
            {
                throw new ArgumentException("The hysteresis tables must not be null; use empty arrays for a cell without hysteresis.", "HysteresisTemperaturesCelsius");
            }

            if (HysteresisTemperaturesCelsius.Length > 0 || HysteresisMagnitudeVolts.Length > 0 || HysteresisRatePerSoc.Length > 0)
            {
                CheckAxis(HysteresisTemperaturesCelsius, "HysteresisTemperaturesCelsius", -60f, 100f);
                int count = HysteresisTemperaturesCelsius.Length;
                if (HysteresisMagnitudeVolts.Length != count || HysteresisRatePerSoc.Length != count)
                {
                    throw new ArgumentException("HysteresisMagnitudeVolts and HysteresisRatePerSoc must each have one value per entry of HysteresisTemperaturesCelsius (" + count + ").", "HysteresisMagnitudeVolts");
                }

                CheckTable(HysteresisMagnitudeVolts, "HysteresisMagnitudeVolts", count, 0f, 0.5f);
                CheckTable(HysteresisRatePerSoc, "HysteresisRatePerSoc", count, 0f, 10000f);
            }

            CheckAxis(SocBreakpoints, "SocBreakpoints", 0f, 1f);
            CheckAxis(OcvTemperaturesCelsius, "OcvTemperaturesCelsius", -60f, 100f);
            CheckAxis(ImpedanceTemperaturesCelsius, "ImpedanceTemperaturesCelsius", -60f, 100f);

            int socCount = SocBreakpoints.Length;
            CheckTable(OcvVolts, "OcvVolts", OcvTemperaturesCelsius.Length * socCount, 0.5f, 5.5f);
            for (int row = 0; row < OcvTemperaturesCelsius.Length; row++)
            {
                for (int column = 1; column < socCount; column++)
                {
                    int index = row * socCount + column;
                    if (!(OcvVolts[index] > OcvVolts[index - 1]))
                    {
                        throw new ArgumentException("OcvVolts must rise strictly with SOC in every row (row " + row + ", column " + column + ").", "OcvVolts");
                    }
                }
            }

            int impedanceLength = ImpedanceTemperaturesCelsius.Length * socCount;
            CheckTable(OhmicResistanceOhms, "OhmicResistanceOhms", impedanceLength, 1e-6f, 10f);
            CheckChargeOhmicResistance(impedanceLength);
            CheckTable(FastBranchResistanceOhms, "FastBranchResistanceOhms", impedanceLength, 0f, 10f);
            CheckTable(FastBranchTimeConstantSeconds, "FastBranchTimeConstantSeconds", impedanceLength, 0.01f, 100000f);
            CheckTable(SlowBranchResistanceOhms, "SlowBranchResistanceOhms", impedanceLength, 0f, 10f);
            CheckTable(SlowBranchTimeConstantSeconds, "SlowBranchTimeConstantSeconds", impedanceLength, 0.01f, 100000f);

            if (!(MinimumVoltageVolts > 0f && MaximumVoltageVolts > MinimumVoltageVolts && MaximumVoltageVolts < 6f))
            {
                throw new ArgumentException("MinimumVoltageVolts and MaximumVoltageVolts must satisfy 0 < minimum < maximum < 6 V.", "MaximumVoltageVolts");
            }
        }

        private void CheckChargeOhmicResistance(int impedanceLength)
        {
            if (ChargeOhmicResistanceOhms == null)
            {
                throw new ArgumentException("ChargeOhmicResistanceOhms must not be null; use an empty array when charge and discharge share OhmicResistanceOhms.", "ChargeOhmicResistanceOhms");
            }

            if (ChargeOhmicResistanceOhms.Length == 0)
            {
                return;
            }

            CheckTable(ChargeOhmicResistanceOhms, "ChargeOhmicResistanceOhms", impedanceLength, 1e-6f, 10f);
            for (int i = 0; i < impedanceLength; i++)
            {
                float ratio = ChargeOhmicResistanceOhms[i] / OhmicResistanceOhms[i];
                if (!(ratio >= MinimumChargeResistanceRatio && ratio <= MaximumChargeResistanceRatio))
                {
                    throw new ArgumentException("ChargeOhmicResistanceOhms[" + i + "] = " + ChargeOhmicResistanceOhms[i].ToString() + " is " + ratio.ToString() + " times OhmicResistanceOhms[" + i + "]. Keep it within 0.5 to 2 times, or leave the charge table empty.", "ChargeOhmicResistanceOhms");
                }
            }
        }

        private static void CheckAxis(float[] axis, string name, float minimum, float maximum)
        {
            if (axis == null || axis.Length < 1)
            {
                throw new ArgumentException(name + " must have at least one value.", name);
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

        private static void CheckTable(float[] table, string name, int expectedLength, float minimum, float maximum)
        {
            if (table == null || table.Length != expectedLength)
            {
                throw new ArgumentException(name + " must have " + expectedLength + " values (temperature rows times SOC breakpoints).", name);
            }

            for (int i = 0; i < table.Length; i++)
            {
                if (!(table[i] >= minimum && table[i] <= maximum))
                {
                    throw new ArgumentException(name + "[" + i + "] = " + table[i].ToString() + " is outside " + minimum.ToString() + " to " + maximum.ToString() + ".", name);
                }
            }
        }
    }
}

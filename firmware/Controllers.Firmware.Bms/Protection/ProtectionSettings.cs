using System;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Bms.Protection
{
    /// <summary>
    /// Thresholds, hysteresis and debounce times of every protection. Currents are magnitudes in amperes.
    /// Defaults suit a 3.2 V LiFePO4 cell (3.2 V 60 Ah LiFePO4 prismatic cell specification, items 4.1.4
    /// to 4.1.9): 3.65 V charge limit, 2.5 V discharge cut-off, 180 A maximum charge and discharge current.
    /// Its operating windows are 0 to 45 °C in charge and −20 to 60 °C in discharge.
    /// </summary>
    public sealed class ProtectionSettings
    {
        /// <summary>Highest cell voltage, in volts (upper limit, 0 to 5 V).</summary>
        public ProtectionLimit CellOvervoltage { get; set; } = new ProtectionLimit(
            new ProtectionThreshold(3.60f, 0.05f, 1000, 1000),
            new ProtectionThreshold(3.62f, 0.05f, 500, 1000),
            // 50 mV above the 3.65 V charge limit, which leaves room for the 0.2 % measurement error and for
            // the overshoot of constant-voltage charging.
            new ProtectionThreshold(3.70f, 0.10f, 200, 2000));

        /// <summary>Lowest cell voltage, in volts (lower limit, 0 to 5 V).</summary>
        public ProtectionLimit CellUndervoltage { get; set; } = new ProtectionLimit(
            new ProtectionThreshold(2.80f, 0.05f, 1000, 1000),
            new ProtectionThreshold(2.70f, 0.05f, 1000, 1000),
            new ProtectionThreshold(2.50f, 0.20f, 1000, 2000));

        /// <summary>Charge current, in amperes (upper limit, 0 to 5000 A).</summary>
        public ProtectionLimit ChargeOvercurrent { get; set; } = new ProtectionLimit(
            new ProtectionThreshold(150f, 10f, 2000, 1000),
            new ProtectionThreshold(170f, 10f, 1000, 1000),
            new ProtectionThreshold(200f, 20f, 50, 1000));

        /// <summary>Discharge current, in amperes (upper limit, 0 to 5000 A).</summary>
        public ProtectionLimit DischargeOvercurrent { get; set; } = new ProtectionLimit(
            new ProtectionThreshold(150f, 10f, 2000, 1000),
            new ProtectionThreshold(170f, 10f, 1000, 1000),
            new ProtectionThreshold(200f, 20f, 50, 1000));

        /// <summary>Highest cell temperature while charging, in °C (upper limit, −60 to 150 °C).</summary>
        public ProtectionLimit ChargeOvertemperature { get; set; } = new ProtectionLimit(
            new ProtectionThreshold(40f, 2f, 2000, 2000),
            new ProtectionThreshold(42f, 2f, 2000, 2000),
            new ProtectionThreshold(45f, 3f, 2000, 5000));

        /// <summary>Highest cell temperature, in °C (upper limit, −60 to 150 °C).</summary>
        public ProtectionLimit DischargeOvertemperature { get; set; } = new ProtectionLimit(
            new ProtectionThreshold(52f, 2f, 2000, 2000),
            new ProtectionThreshold(55f, 2f, 2000, 2000),
            new ProtectionThreshold(60f, 3f, 2000, 5000));

        /// <summary>Lowest cell temperature while charging, in °C (lower limit, −60 to 150 °C).</summary>
        public ProtectionLimit ChargeUndertemperature { get; set; } = new ProtectionLimit(
            new ProtectionThreshold(5f, 2f, 2000, 2000),
            new ProtectionThreshold(3f, 2f, 2000, 2000),
            new ProtectionThreshold(0f, 3f, 2000, 5000));

        /// <summary>Lowest cell temperature, in °C (lower limit, −60 to 150 °C).</summary>
        public ProtectionLimit DischargeUndertemperature { get; set; } = new ProtectionLimit(
            new ProtectionThreshold(-10f, 2f, 2000, 2000),
            new ProtectionThreshold(-15f, 2f, 2000, 2000),
            new ProtectionThreshold(-20f, 3f, 2000, 5000));

        /// <summary>
        /// Largest difference between the sum of cell voltages and the measured pack voltage, in volts
        /// (0.01 to 100 V). The default allows 0.5 % of a 100-cell pack at 3.2 V plus busbar drops.
        /// </summary>
        public ProtectionThreshold PackVoltagePlausibility { get; set; } = new ProtectionThreshold(2f, 0.5f, 1000, 1000);

        /// <summary>Largest difference between shunt and CAN current sensor, in amperes (0.01 to 500 A).</summary>
        public ProtectionThreshold CurrentPlausibility { get; set; } = new ProtectionThreshold(5f, 1f, 500, 1000);

        /// <summary>
        /// Cell voltage below which a reading means an open sense wire rather than an empty cell, in volts
        /// (0 to 2 V, lower limit). A LiFePO4 cell never reads below 2 V in use.
        /// </summary>
        public ProtectionThreshold OpenSenseWire { get; set; } = new ProtectionThreshold(1f, 0.5f, 300, 1000);

        /// <summary>Debounce of a temperature channel that is open, shorted or not converted.</summary>
        public FaultDebounce TemperatureSensorFault { get; set; } = new FaultDebounce(3000, 3000);

        /// <summary>How long the AFE may deliver no valid cell voltages before the fault sets.</summary>
        public FaultDebounce AfeCommunicationLoss { get; set; } = new FaultDebounce(500, 500);

        /// <summary>How long neither current source may deliver a valid sample before the fault sets.</summary>
        public FaultDebounce CurrentSensorLoss { get; set; } = new FaultDebounce(100, 500);

        /// <summary>Current limit scale while a single-level derate fault is active (0 to 1): a fixed step.</summary>
        public float FaultDerateScale { get; set; } = 0.5f;

        /// <summary>
        /// Charge current above which the pack counts as charging, in amperes (0 to 100 A). Trips of the
        /// charge temperature window open the contactors only while the pack is charging.
        /// </summary>
        public float ChargingDetectionAmperes { get; set; } = 1f;

        /// <summary>
        /// Throws <see cref="ArgumentException"/> naming the first value that is missing, out of range or
        /// out of order, and what it must satisfy.
        /// </summary>
        public void Validate()
        {
            CheckLimit(CellOvervoltage, "CellOvervoltage", true, 0f, 5f);
            CheckLimit(CellUndervoltage, "CellUndervoltage", false, 0f, 5f);
            CheckLimit(ChargeOvercurrent, "ChargeOvercurrent", true, 0f, 5000f);
            CheckLimit(DischargeOvercurrent, "DischargeOvercurrent", true, 0f, 5000f);
            CheckLimit(ChargeOvertemperature, "ChargeOvertemperature", true, -60f, 150f);
            CheckLimit(DischargeOvertemperature, "DischargeOvertemperature", true, -60f, 150f);
            CheckLimit(ChargeUndertemperature, "ChargeUndertemperature", false, -60f, 150f);
            CheckLimit(DischargeUndertemperature, "DischargeUndertemperature", false, -60f, 150f);

            if (CellUndervoltage.Trip.Threshold >= CellOvervoltage.Trip.Threshold)
            {
                throw new ArgumentException("CellUndervoltage.Trip (" + CellUndervoltage.Trip.Threshold.ToString()
                    + " V) must be below CellOvervoltage.Trip (" + CellOvervoltage.Trip.Threshold.ToString() + " V).", "CellUndervoltage");
            }

            // Lithium cell datasheets give a narrower window for charging than for discharging: lithium
            // plating makes charging unsafe below about 0 °C, while discharge continues to about −20 °C.
            if (ChargeOvertemperature.Trip.Threshold > DischargeOvertemperature.Trip.Threshold)
            {
                throw new ArgumentException("ChargeOvertemperature.Trip (" + ChargeOvertemperature.Trip.Threshold.ToString()
                    + " °C) must not exceed DischargeOvertemperature.Trip (" + DischargeOvertemperature.Trip.Threshold.ToString()
                    + " °C): the charge window lies inside the discharge window.", "ChargeOvertemperature");
            }

            if (ChargeUndertemperature.Trip.Threshold < DischargeUndertemperature.Trip.Threshold)
            {
                throw new ArgumentException("ChargeUndertemperature.Trip (" + ChargeUndertemperature.Trip.Threshold.ToString()
                    + " °C) must not be below DischargeUndertemperature.Trip (" + DischargeUndertemperature.Trip.Threshold.ToString()
                    + " °C): charging is refused at a higher temperature than discharging.", "ChargeUndertemperature");
            }

            CheckThreshold(PackVoltagePlausibility, "PackVoltagePlausibility", 0.01f, 100f);
            CheckThreshold(CurrentPlausibility, "CurrentPlausibility", 0.01f, 500f);
            CheckThreshold(OpenSenseWire, "OpenSenseWire", 0f, 2f);
            CheckDebounce(TemperatureSensorFault, "TemperatureSensorFault");
            CheckDebounce(AfeCommunicationLoss, "AfeCommunicationLoss");
            CheckDebounce(CurrentSensorLoss, "CurrentSensorLoss");
            CheckRange(FaultDerateScale, 0f, 1f, "FaultDerateScale");
            CheckRange(ChargingDetectionAmperes, 0f, 100f, "ChargingDetectionAmperes");
        }

        /// <summary>Returns the limit of graded fault <paramref name="fault"/>.</summary>
        public ProtectionLimit GetLimit(ProtectionFault fault)
        {
            switch (fault)
            {
                case ProtectionFault.CellOvervoltage:
                    return CellOvervoltage;
                case ProtectionFault.CellUndervoltage:
                    return CellUndervoltage;
                case ProtectionFault.ChargeOvercurrent:
                    return ChargeOvercurrent;
                case ProtectionFault.DischargeOvercurrent:
                    return DischargeOvercurrent;
                case ProtectionFault.ChargeOvertemperature:
                    return ChargeOvertemperature;
                case ProtectionFault.DischargeOvertemperature:
                    return DischargeOvertemperature;
                case ProtectionFault.ChargeUndertemperature:
                    return ChargeUndertemperature;
                case ProtectionFault.DischargeUndertemperature:
                    return DischargeUndertemperature;
                default:
                    throw new ArgumentOutOfRangeException("fault", "Only the first " + BmsDtcTable.GradedFaultCount.ToString() + " faults have a three-level limit.");
            }
        }

        private static void CheckLimit(ProtectionLimit limit, string name, bool upperLimit, float minimum, float maximum)
        {
            if (limit == null)
            {
                throw new ArgumentException(name + " is missing; set its Warning, Derate and Trip levels.", name);
            }

            limit.Validate(name, upperLimit, minimum, maximum);
        }

        private static void CheckThreshold(ProtectionThreshold threshold, string name, float minimum, float maximum)
        {
            if (threshold == null)
            {
                throw new ArgumentException(name + " is missing; set its threshold, hysteresis and debounce times.", name);
            }

            threshold.Validate(name, minimum, maximum, maximum);
        }

        private static void CheckDebounce(FaultDebounce debounce, string name)
        {
            if (debounce == null)
            {
                throw new ArgumentException(name + " is missing; set its debounce times.", name);
            }

            debounce.Validate(name);
        }

        private static void CheckRange(float value, float minimum, float maximum, string name)
        {
            if (!(FloatMath.IsFinite(value) && value >= minimum && value <= maximum))
            {
                throw new ArgumentException(name + " = " + value.ToString() + " is outside " + minimum.ToString() + " to " + maximum.ToString() + ".", name);
            }
        }
    }
}

using System;

namespace Controllers.Firmware.Vcu.Thermal
{
    /// <summary>
    /// Calibration of thermal management. Every temperature is °C, every duty a fraction from 0 to 1. The
    /// figures are this project's calibration for the ATV of boards/vcu-atv.yaml, not taken from a part's data
    /// sheet; docs/vcu-thermal.md explains each choice.
    /// </summary>
    public sealed class ThermalSettings
    {
        // Motor and inverter loop: pump and radiator fan.

        /// <summary>Motor pump demand from the motor winding temperature.</summary>
        public DutyCurve MotorPumpByMotor { get; set; } = new DutyCurve(50f, 90f, 0.3f, 5f);

        /// <summary>Motor pump demand from the inverter temperature.</summary>
        public DutyCurve MotorPumpByInverter { get; set; } = new DutyCurve(45f, 70f, 0.3f, 5f);

        /// <summary>Radiator fan demand from the motor winding temperature.</summary>
        public DutyCurve FanByMotor { get; set; } = new DutyCurve(80f, 120f, 0.3f, 5f);

        /// <summary>Radiator fan demand from the inverter temperature.</summary>
        public DutyCurve FanByInverter { get; set; } = new DutyCurve(55f, 75f, 0.3f, 5f);

        /// <summary>
        /// Radiator fan demand from the range extender's engine coolant, whose radiator sits behind the same fan.
        /// The engine has its own mechanical water pump.
        /// </summary>
        public DutyCurve FanByEngineCoolant { get; set; } = new DutyCurve(92f, 105f, 0.3f, 4f);

        /// <summary>Motor pump duty while the HV bus is connected, so coolant always flows through the inverter's cold plate.</summary>
        public float MotorPumpMinimumDutyHvOn { get; set; } = 0.2f;

        // Battery loop: pump and chiller request.

        /// <summary>Battery pump demand from the highest cell temperature.</summary>
        public DutyCurve BatteryPumpByMaxCell { get; set; } = new DutyCurve(30f, 40f, 0.3f, 3f);

        /// <summary>Chiller request from the highest cell temperature: on at the switch-on point, off below it minus the hysteresis.</summary>
        public DutyCurve ChillerByMaxCell { get; set; } = new DutyCurve(38f, 45f, 1f, 4f);

        /// <summary>Battery pump duty while the HV bus is connected.</summary>
        public float BatteryPumpMinimumDutyHvOn { get; set; } = 0.15f;

        /// <summary>Cell temperature spread (highest minus lowest) at which the battery pump runs to even it out, K.</summary>
        public float CellSpreadPumpKelvin { get; set; } = 8f;

        // After-run after key-off.

        /// <summary>Motor pump duty during after-run.</summary>
        public float AfterRunPumpDuty { get; set; } = 0.5f;

        /// <summary>Shortest after-run, µs.</summary>
        public long AfterRunMinimumMicroseconds { get; set; } = 30000000;

        /// <summary>Longest after-run, µs; it ends then even if the loop is still warm.</summary>
        public long AfterRunMaximumMicroseconds { get; set; } = 300000000;

        /// <summary>After-run ends once the motor is below this temperature (and the inverter below its own).</summary>
        public float AfterRunEndMotorCelsius { get; set; } = 60f;

        /// <inheritdoc cref="AfterRunEndMotorCelsius"/>
        public float AfterRunEndInverterCelsius { get; set; } = 50f;

        // Over-temperature derating: the torque cap falls linearly from 1 at the start to 0 at the end.

        /// <summary>Motor winding temperature where derating starts and where the cap reaches 0.</summary>
        public float MotorDerateStartCelsius { get; set; } = 140f;

        /// <inheritdoc cref="MotorDerateStartCelsius"/>
        public float MotorDerateEndCelsius { get; set; } = 165f;

        /// <summary>Inverter temperature where derating starts and where the cap reaches 0.</summary>
        public float InverterDerateStartCelsius { get; set; } = 80f;

        /// <inheritdoc cref="InverterDerateStartCelsius"/>
        public float InverterDerateEndCelsius { get; set; } = 95f;

        /// <summary>Highest cell temperature where derating starts and where the cap reaches 0.</summary>
        public float CellDerateStartCelsius { get; set; } = 50f;

        /// <inheritdoc cref="CellDerateStartCelsius"/>
        public float CellDerateEndCelsius { get; set; } = 58f;

        // Sensor plausibility.

        /// <summary>Temperatures outside this range count as implausible (open or shorted sensor).</summary>
        public float PlausibleMinimumCelsius { get; set; } = -40f;

        /// <inheritdoc cref="PlausibleMinimumCelsius"/>
        public float PlausibleMaximumCelsius { get; set; } = 200f;

        /// <summary>
        /// Torque cap while the motor or inverter temperature is stale or implausible: the loop then runs at full
        /// cooling, but the VCU cannot see an over-temperature, so it halves the torque.
        /// </summary>
        public float SensorFallbackTorqueFraction { get; set; } = 0.5f;

        /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid value.</summary>
        public void Validate()
        {
            if (MotorPumpByMotor == null || MotorPumpByInverter == null || FanByMotor == null || FanByInverter == null
                || FanByEngineCoolant == null || BatteryPumpByMaxCell == null || ChillerByMaxCell == null)
            {
                throw new ArgumentException("Every duty curve of the thermal settings must be set.", "MotorPumpByMotor");
            }

            CheckFraction(MotorPumpMinimumDutyHvOn, "MotorPumpMinimumDutyHvOn");
            CheckFraction(BatteryPumpMinimumDutyHvOn, "BatteryPumpMinimumDutyHvOn");
            CheckFraction(AfterRunPumpDuty, "AfterRunPumpDuty");
            CheckFraction(SensorFallbackTorqueFraction, "SensorFallbackTorqueFraction");

            if (!(CellSpreadPumpKelvin > 0f))
            {
                throw new ArgumentException("CellSpreadPumpKelvin must be positive; use a large value to disable the spread rule.", "CellSpreadPumpKelvin");
            }

            if (AfterRunMinimumMicroseconds < 0 || AfterRunMaximumMicroseconds < AfterRunMinimumMicroseconds)
            {
                throw new ArgumentException("AfterRunMaximumMicroseconds must be at least AfterRunMinimumMicroseconds, and both 0 or more.", "AfterRunMaximumMicroseconds");
            }

            CheckRange(MotorDerateStartCelsius, MotorDerateEndCelsius, "MotorDerateEndCelsius");
            CheckRange(InverterDerateStartCelsius, InverterDerateEndCelsius, "InverterDerateEndCelsius");
            CheckRange(CellDerateStartCelsius, CellDerateEndCelsius, "CellDerateEndCelsius");
            CheckRange(PlausibleMinimumCelsius, PlausibleMaximumCelsius, "PlausibleMaximumCelsius");
        }

        private static void CheckFraction(float value, string name)
        {
            if (!(value >= 0f && value <= 1f))
            {
                throw new ArgumentException(name + " is a fraction from 0 to 1.", name);
            }
        }

        private static void CheckRange(float start, float end, string name)
        {
            if (!(end > start))
            {
                throw new ArgumentException(name + " must lie above its start temperature.", name);
            }
        }
    }
}

using System;

namespace Controllers.Firmware.Vcu.Torque
{
    /// <summary>
    /// Calibration of torque arbitration. The motor defaults match the ATV traction motor of the vehicle
    /// model (90 N·m peak, 20 kW peak power, 8000 rpm). The rest is this project's calibration.
    /// </summary>
    public sealed class TorqueArbiterSettings
    {
        /// <summary>Motor peak torque, N·m.</summary>
        public float PeakTorqueNewtonMetres { get; set; } = 90f;

        /// <summary>Motor peak power, W; above the base speed the envelope is this power over speed.</summary>
        public float PeakPowerWatts { get; set; } = 20000f;

        /// <summary>Motor maximum speed, rad/s (8000 rpm = 837.8 rad/s); no torque above it.</summary>
        public float MaxSpeedRadiansPerSecond { get; set; } = 837.758f;

        /// <summary>Drivetrain efficiency used to turn battery power limits into torque, fraction.</summary>
        public float PowerConversionEfficiency { get; set; } = 0.9f;

        /// <summary>Speed below which power limits are evaluated at this speed, rad/s, so they stay finite at standstill.</summary>
        public float PowerLimitMinimumSpeedRadiansPerSecond { get; set; } = 50f;

        /// <summary>Motor temperature where the derate starts and where torque reaches zero, °C.</summary>
        public float MotorDerateStartCelsius { get; set; } = 120f;

        /// <inheritdoc cref="MotorDerateStartCelsius"/>
        public float MotorDerateEndCelsius { get; set; } = 150f;

        /// <summary>Inverter temperature where the derate starts and where torque reaches zero, °C.</summary>
        public float InverterDerateStartCelsius { get; set; } = 75f;

        /// <inheritdoc cref="InverterDerateStartCelsius"/>
        public float InverterDerateEndCelsius { get; set; } = 90f;

        /// <summary>Regenerative torque on lift-off at full taper, N·m.</summary>
        public float LiftOffRegenNewtonMetres { get; set; } = 15f;

        /// <summary>Regenerative torque blended in at full brake travel, N·m.</summary>
        public float BrakeRegenNewtonMetres { get; set; } = 45f;

        /// <summary>Regeneration fades to zero below the lower speed and is full above the upper speed, km/h.</summary>
        public float RegenFadeStartKmh { get; set; } = 3f;

        /// <inheritdoc cref="RegenFadeStartKmh"/>
        public float RegenFadeEndKmh { get; set; } = 10f;

        /// <summary>Largest command change per second, N·m/s.</summary>
        public float RateLimitNewtonMetresPerSecond { get; set; } = 4500f;

        /// <summary>Bound of the feedback correction factor around 1, fraction.</summary>
        public float CorrectionBound { get; set; } = 0.04f;

        /// <summary>Integral gain of the feedback correction, 1/s per unit of relative error.</summary>
        public float CorrectionGainPerSecond { get; set; } = 2f;

        /// <summary>The correction freezes when the target magnitude is below this torque, N·m.</summary>
        public float CorrectionMinimumTorqueNewtonMetres { get; set; } = 9f;

        /// <summary>
        /// Factor from motor speed (rad/s) to vehicle speed (km/h). The default is the ATV of boards/vcu-atv.yaml:
        /// 0.30 m wheel radius over a 9:1 final drive gives 0.30 / 9 × 3.6 = 0.12 km/h per rad/s.
        /// </summary>
        public float KmhPerRadianPerSecond { get; set; } = 0.12f;

        /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid value.</summary>
        public void Validate()
        {
            CheckPositive(PeakTorqueNewtonMetres, "PeakTorqueNewtonMetres");
            CheckPositive(PeakPowerWatts, "PeakPowerWatts");
            CheckPositive(MaxSpeedRadiansPerSecond, "MaxSpeedRadiansPerSecond");
            CheckPositive(PowerLimitMinimumSpeedRadiansPerSecond, "PowerLimitMinimumSpeedRadiansPerSecond");
            CheckPositive(RateLimitNewtonMetresPerSecond, "RateLimitNewtonMetresPerSecond");
            CheckPositive(KmhPerRadianPerSecond, "KmhPerRadianPerSecond");
            if (!(PowerConversionEfficiency > 0f && PowerConversionEfficiency <= 1f))
            {
                throw new ArgumentException("PowerConversionEfficiency = " + PowerConversionEfficiency.ToString() + " must be above 0 and at most 1.", "PowerConversionEfficiency");
            }

            CheckRange(MotorDerateStartCelsius, MotorDerateEndCelsius, "MotorDerateStartCelsius");
            CheckRange(InverterDerateStartCelsius, InverterDerateEndCelsius, "InverterDerateStartCelsius");
            CheckRange(RegenFadeStartKmh, RegenFadeEndKmh, "RegenFadeStartKmh");
            if (!(LiftOffRegenNewtonMetres >= 0f && BrakeRegenNewtonMetres >= 0f))
            {
                throw new ArgumentException("Regenerative torques must be 0 or more N·m.", "LiftOffRegenNewtonMetres");
            }

            if (!(CorrectionBound >= 0f && CorrectionBound < 0.2f && CorrectionGainPerSecond >= 0f && CorrectionMinimumTorqueNewtonMetres > 0f))
            {
                throw new ArgumentException("The feedback correction needs a bound from 0 to 0.2, a gain of 0 or more and a positive minimum torque; found "
                    + CorrectionBound.ToString() + ", " + CorrectionGainPerSecond.ToString() + " and " + CorrectionMinimumTorqueNewtonMetres.ToString() + ".", "CorrectionBound");
            }
        }

        private static void CheckPositive(float value, string name)
        {
            if (!(value > 0f))
            {
                throw new ArgumentException(name + " = " + value.ToString() + " must be positive.", name);
            }
        }

        private static void CheckRange(float start, float end, string name)
        {
            if (!(start < end))
            {
                throw new ArgumentException(name + ": the start (" + start.ToString() + ") must be below the end (" + end.ToString() + ").", name);
            }
        }
    }
}

using System;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Vcu.Faults
{
    /// <summary>Calibration of the fault reactions; <see cref="Validate"/> runs when the manager is built.</summary>
    public sealed class FaultReactionSettings
    {
        /// <summary>Torque cap under <see cref="FaultReaction.PowerDerate"/>, fraction of the available torque, 0 to 1.</summary>
        public float DerateTorqueFraction = 0.5f;

        /// <summary>Torque cap under <see cref="FaultReaction.LimpHome"/>, fraction of the available torque, 0 to 1.</summary>
        public float LimpHomeTorqueFraction = 0.3f;

        /// <summary>Vehicle speed cap under <see cref="FaultReaction.LimpHome"/>, km/h.</summary>
        public float LimpHomeSpeedKilometresPerHour = 20f;

        /// <summary>
        /// Operation cycles without failure after which a confirmed DTC ages out. 40 is the value commonly
        /// used for warm-up cycles; this project chose it, no standard fixes it.
        /// </summary>
        public int AgeingThresholdCycles = 40;

        /// <summary>Wheel radius used for the vehicle speed in freeze frames, m (boards/vcu-atv.yaml).</summary>
        public float WheelRadiusMetres = 0.30f;

        /// <summary>Motor-to-wheel gear ratio used for the vehicle speed in freeze frames (boards/vcu-atv.yaml).</summary>
        public float FinalDriveRatio = 9f;

        /// <summary>Checks every value and throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid one.</summary>
        public void Validate()
        {
            CheckFraction(DerateTorqueFraction, "DerateTorqueFraction");
            CheckFraction(LimpHomeTorqueFraction, "LimpHomeTorqueFraction");
            if (LimpHomeTorqueFraction > DerateTorqueFraction)
            {
                throw new ArgumentOutOfRangeException("LimpHomeTorqueFraction", "The limp-home torque fraction must not exceed the derate fraction, because limp-home is the stronger reaction.");
            }

            if (!FloatMath.IsFinite(LimpHomeSpeedKilometresPerHour) || LimpHomeSpeedKilometresPerHour <= 0f)
            {
                throw new ArgumentOutOfRangeException("LimpHomeSpeedKilometresPerHour", "The limp-home speed cap must be a positive number of km/h.");
            }

            if (AgeingThresholdCycles < 1 || AgeingThresholdCycles > 255)
            {
                throw new ArgumentOutOfRangeException("AgeingThresholdCycles", "The ageing threshold must be 1 to 255 operation cycles.");
            }

            if (!FloatMath.IsFinite(WheelRadiusMetres) || WheelRadiusMetres <= 0f)
            {
                throw new ArgumentOutOfRangeException("WheelRadiusMetres", "The wheel radius must be a positive number of metres.");
            }

            if (!FloatMath.IsFinite(FinalDriveRatio) || FinalDriveRatio <= 0f)
            {
                throw new ArgumentOutOfRangeException("FinalDriveRatio", "The final drive ratio must be a positive number.");
            }
        }

        private static void CheckFraction(float value, string name)
        {
            if (!FloatMath.IsFinite(value) || value < 0f || value > 1f)
            {
                throw new ArgumentOutOfRangeException(name, "The torque fraction must be 0 to 1.");
            }
        }
    }
}

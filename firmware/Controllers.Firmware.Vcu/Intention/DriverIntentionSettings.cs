using System;

namespace Controllers.Firmware.Vcu.Intention
{
    /// <summary>Calibration of driver intention. Defaults are this project's calibration, to be tuned on the vehicle.</summary>
    public sealed class DriverIntentionSettings
    {
        /// <summary>Motor peak torque that the pedal map fractions scale, N·m.</summary>
        public float PeakTorqueNewtonMetres { get; set; } = 90f;

        /// <summary>Creep torque at standstill with both pedals released, N·m.</summary>
        public float CreepTorqueNewtonMetres { get; set; } = 6f;

        /// <summary>Speed at which the creep torque has tapered linearly to zero, km/h.</summary>
        public float CreepSpeedKmh { get; set; } = 6f;

        /// <summary>Direction changes into forward or reverse are accepted only below this speed, km/h.</summary>
        public float DirectionChangeMaximumSpeedKmh { get; set; } = 2f;

        /// <summary>Pedal position above which a pressed brake latches the brake override, fraction.</summary>
        public float BrakeOverridePedalThreshold { get; set; } = 0.25f;

        /// <summary>Pedal position below which the brake override releases, fraction.</summary>
        public float BrakeOverrideReleaseThreshold { get; set; } = 0.05f;

        /// <summary>Drive torque limit while in limp-home, N·m.</summary>
        public float LimpTorqueNewtonMetres { get; set; } = 27f;

        /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid value.</summary>
        public void Validate()
        {
            if (!(PeakTorqueNewtonMetres > 0f))
            {
                throw new ArgumentException("PeakTorqueNewtonMetres = " + PeakTorqueNewtonMetres.ToString() + " must be positive.", "PeakTorqueNewtonMetres");
            }

            if (!(CreepTorqueNewtonMetres >= 0f && CreepTorqueNewtonMetres <= PeakTorqueNewtonMetres && CreepSpeedKmh > 0f))
            {
                throw new ArgumentException("The creep torque must be from 0 to the peak torque and the creep speed positive; found "
                    + CreepTorqueNewtonMetres.ToString() + " N·m and " + CreepSpeedKmh.ToString() + " km/h.", "CreepTorqueNewtonMetres");
            }

            if (!(DirectionChangeMaximumSpeedKmh >= 0f))
            {
                throw new ArgumentException("DirectionChangeMaximumSpeedKmh = " + DirectionChangeMaximumSpeedKmh.ToString() + " must be 0 or more.", "DirectionChangeMaximumSpeedKmh");
            }

            if (!(BrakeOverrideReleaseThreshold >= 0f && BrakeOverrideReleaseThreshold < BrakeOverridePedalThreshold && BrakeOverridePedalThreshold <= 1f))
            {
                throw new ArgumentException("Brake override thresholds need 0 <= release < latch <= 1; found "
                    + BrakeOverrideReleaseThreshold.ToString() + " and " + BrakeOverridePedalThreshold.ToString() + ".", "BrakeOverridePedalThreshold");
            }

            if (!(LimpTorqueNewtonMetres >= 0f && LimpTorqueNewtonMetres <= PeakTorqueNewtonMetres))
            {
                throw new ArgumentException("LimpTorqueNewtonMetres = " + LimpTorqueNewtonMetres.ToString() + " must be from 0 to the peak torque.", "LimpTorqueNewtonMetres");
            }
        }
    }
}

using System;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Vcu.Intention
{
    /// <summary>
    /// Turns pedal, brake, direction and mode into a signed drive torque demand in the motor's frame
    /// (positive drives forward). Order: direction gate, pedal map or creep, brake override, limp limit.
    /// </summary>
    public sealed class DriverIntention
    {
        private readonly DriverIntentionSettings settings;
        private readonly PedalMap map;
        private DriveDirection direction;
        private DriveMode mode;
        private bool directionChangeRejected;
        private bool brakeOverride;
        private float demandNewtonMetres;
        private bool pedalReleased;

        /// <summary>Creates the function in neutral and normal mode.</summary>
        public DriverIntention(DriverIntentionSettings settings, PedalMap map)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            if (map == null)
            {
                throw new ArgumentNullException("map");
            }

            settings.Validate();
            this.settings = settings;
            this.map = map;
            mode = DriveMode.Normal;
        }

        /// <summary>Direction in force.</summary>
        public DriveDirection Direction
        {
            get { return direction; }
        }

        /// <summary>Drive mode in force.</summary>
        public DriveMode Mode
        {
            get { return mode; }
        }

        /// <summary>True while a requested direction differs from the one in force because the vehicle was too fast.</summary>
        public bool DirectionChangeRejected
        {
            get { return directionChangeRejected; }
        }

        /// <summary>True while the brake override forces the drive demand to zero.</summary>
        public bool BrakeOverrideActive
        {
            get { return brakeOverride; }
        }

        /// <summary>True when the accelerator is released (lift-off), so regeneration may apply.</summary>
        public bool PedalReleased
        {
            get { return pedalReleased; }
        }

        /// <summary>Signed drive torque demand, N·m.</summary>
        public float DemandNewtonMetres
        {
            get { return demandNewtonMetres; }
        }

        /// <summary>
        /// Evaluates one cycle. <paramref name="speedKmh"/> is signed (positive forward);
        /// <paramref name="limp"/> caps the demand at the limp torque.
        /// </summary>
        public void Update(float pedalPosition, bool brakePressed, DriveDirection requestedDirection, DriveMode requestedMode, float speedKmh, bool limp)
        {
            UpdateDirection(requestedDirection, speedKmh);
            mode = requestedMode;
            pedalReleased = pedalPosition <= 0f;

            if (brakeOverride && pedalPosition < settings.BrakeOverrideReleaseThreshold)
            {
                brakeOverride = false;
            }

            if (brakePressed && pedalPosition > settings.BrakeOverridePedalThreshold)
            {
                brakeOverride = true;
            }

            if (direction == DriveDirection.Neutral || brakeOverride)
            {
                demandNewtonMetres = 0f;
                return;
            }

            float sign = direction == DriveDirection.Forward ? 1f : -1f;
            float magnitude = map.Lookup(mode, pedalPosition, speedKmh) * settings.PeakTorqueNewtonMetres;

            // Creep tapers from its full value at standstill to zero at the creep speed in the selected
            // direction. Rolling against the selected direction gets the full creep torque.
            if (pedalReleased && !brakePressed)
            {
                float along = speedKmh * sign;
                float taper = 1f - FloatMath.Clamp(along / settings.CreepSpeedKmh, 0f, 1f);
                magnitude = settings.CreepTorqueNewtonMetres * taper;
            }

            if (limp)
            {
                magnitude = FloatMath.Min(magnitude, settings.LimpTorqueNewtonMetres);
            }

            demandNewtonMetres = sign * magnitude;
        }

        private void UpdateDirection(DriveDirection requested, float speedKmh)
        {
            if (requested == direction)
            {
                directionChangeRejected = false;
                return;
            }

            bool slow = FloatMath.Abs(speedKmh) < settings.DirectionChangeMaximumSpeedKmh;
            if (requested == DriveDirection.Neutral || slow)
            {
                direction = requested;
                directionChangeRejected = false;
                return;
            }

            directionChangeRejected = true;
        }
    }
}

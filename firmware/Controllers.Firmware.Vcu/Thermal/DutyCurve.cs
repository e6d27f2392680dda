using System;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Vcu.Thermal
{
    /// <summary>
    /// Actuator demand from one temperature: off until the temperature reaches <see cref="OnCelsius"/>, then
    /// <see cref="MinimumDuty"/> rising linearly to full duty at <see cref="FullCelsius"/>. Once on, the demand
    /// stays on until the temperature falls below <see cref="OnCelsius"/> minus <see cref="HysteresisKelvin"/>,
    /// so an actuator does not chatter at the switching point.
    /// </summary>
    public sealed class DutyCurve
    {
        private bool active;

        /// <summary>Creates the curve and checks its points.</summary>
        public DutyCurve(float onCelsius, float fullCelsius, float minimumDuty, float hysteresisKelvin)
        {
            if (!(fullCelsius > onCelsius))
            {
                throw new ArgumentException("The full-duty temperature must lie above the switch-on temperature.", "fullCelsius");
            }

            if (!(minimumDuty >= 0f && minimumDuty <= 1f))
            {
                throw new ArgumentOutOfRangeException("minimumDuty", "The minimum duty is a fraction from 0 to 1.");
            }

            if (!(hysteresisKelvin >= 0f))
            {
                throw new ArgumentOutOfRangeException("hysteresisKelvin", "The hysteresis must be 0 K or more.");
            }

            OnCelsius = onCelsius;
            FullCelsius = fullCelsius;
            MinimumDuty = minimumDuty;
            HysteresisKelvin = hysteresisKelvin;
        }

        /// <summary>Temperature at which the demand switches on, °C.</summary>
        public float OnCelsius { get; private set; }

        /// <summary>Temperature at which the demand reaches full duty, °C.</summary>
        public float FullCelsius { get; private set; }

        /// <summary>Duty at the switch-on temperature, fraction.</summary>
        public float MinimumDuty { get; private set; }

        /// <summary>Distance below the switch-on temperature at which the demand switches off, K.</summary>
        public float HysteresisKelvin { get; private set; }

        /// <summary>True while the demand is on.</summary>
        public bool IsActive
        {
            get { return active; }
        }

        /// <summary>Updates the on/off state from <paramref name="celsius"/> and returns the duty, 0 to 1.</summary>
        public float Evaluate(float celsius)
        {
            if (celsius >= OnCelsius)
            {
                active = true;
            }
            else if (celsius < OnCelsius - HysteresisKelvin)
            {
                active = false;
            }

            if (!active)
            {
                return 0f;
            }

            float rise = (celsius - OnCelsius) / (FullCelsius - OnCelsius);
            float duty = MinimumDuty + (1f - MinimumDuty) * rise;
            return FloatMath.Clamp(duty, MinimumDuty, 1f);
        }

        /// <summary>Forgets the on/off state.</summary>
        public void Reset()
        {
            active = false;
        }
    }
}

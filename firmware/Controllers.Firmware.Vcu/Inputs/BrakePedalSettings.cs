using System;

namespace Controllers.Firmware.Vcu.Inputs
{
    /// <summary>
    /// Calibration of the brake pedal position sensor and brake light switch. The defaults are this
    /// project's calibration for a 5 V ratiometric sensor with the switch closing at about 5 % travel.
    /// </summary>
    public sealed class BrakePedalSettings
    {
        /// <summary>Sensor voltage with the pedal released, V.</summary>
        public float ReleasedVolts { get; set; } = 0.5f;

        /// <summary>Sensor voltage at full travel, V.</summary>
        public float FullVolts { get; set; } = 4.5f;

        /// <summary>Valid sensor range, V; outside it the sensor is shorted or open.</summary>
        public float MinimumVolts { get; set; } = 0.25f;

        /// <inheritdoc cref="MinimumVolts"/>
        public float MaximumVolts { get; set; } = 4.75f;

        /// <summary>Travel at which the pedal counts as pressed, fraction of full travel.</summary>
        public float PressedThreshold { get; set; } = 0.05f;

        /// <summary>A closed switch with the sensor below this travel is implausible.</summary>
        public float SwitchClosedMaximumReleasedTravel { get; set; } = 0.02f;

        /// <summary>An open switch with the sensor above this travel is implausible.</summary>
        public float SwitchOpenMaximumTravel { get; set; } = 0.20f;

        /// <summary>How long switch and sensor may disagree before the fault sets, µs.</summary>
        public long CorrelationDelayMicroseconds { get; set; } = 200000;

        /// <summary>How long the sensor may stay out of range before the fault sets, µs.</summary>
        public long RangeDelayMicroseconds { get; set; } = 20000;

        /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent value.</summary>
        public void Validate()
        {
            if (!(MinimumVolts < ReleasedVolts && ReleasedVolts < FullVolts && FullVolts < MaximumVolts))
            {
                throw new ArgumentException("Brake sensor voltages must rise in the order minimum < released < full < maximum; found "
                    + MinimumVolts.ToString() + ", " + ReleasedVolts.ToString() + ", " + FullVolts.ToString() + ", " + MaximumVolts.ToString() + " V.", "ReleasedVolts");
            }

            if (!(SwitchClosedMaximumReleasedTravel < PressedThreshold && PressedThreshold < SwitchOpenMaximumTravel && SwitchOpenMaximumTravel < 1f))
            {
                throw new ArgumentException("Brake travel thresholds must rise in the order SwitchClosedMaximumReleasedTravel < PressedThreshold < SwitchOpenMaximumTravel < 1.", "PressedThreshold");
            }

            if (CorrelationDelayMicroseconds < 0 || RangeDelayMicroseconds < 0)
            {
                throw new ArgumentException("Debounce delays must be 0 or more microseconds.", "CorrelationDelayMicroseconds");
            }
        }
    }
}

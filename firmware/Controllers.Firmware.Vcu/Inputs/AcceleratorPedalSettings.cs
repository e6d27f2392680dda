using System;

namespace Controllers.Firmware.Vcu.Inputs
{
    /// <summary>
    /// Calibration of the two-track accelerator pedal. Track 2 runs at half the slope of track 1, so a
    /// short between the tracks gives two voltages that no pedal position can produce. The defaults are
    /// this project's calibration for a 5 V ratiometric Hall pedal: the rails at 0 V and 5 V fall outside
    /// both valid ranges, so a short to ground or supply is an out-of-range fault.
    /// </summary>
    public sealed class AcceleratorPedalSettings
    {
        /// <summary>Track 1 voltage with the pedal released, V.</summary>
        public float Track1ReleasedVolts { get; set; } = 0.8f;

        /// <summary>Track 1 voltage at full travel, V.</summary>
        public float Track1FullVolts { get; set; } = 4.2f;

        /// <summary>Track 2 voltage with the pedal released, V.</summary>
        public float Track2ReleasedVolts { get; set; } = 0.4f;

        /// <summary>Track 2 voltage at full travel, V (half the slope of track 1 by default).</summary>
        public float Track2FullVolts { get; set; } = 2.1f;

        /// <summary>Track 1 valid range, V: below is a short to ground or an open wire, above a short to supply.</summary>
        public float Track1MinimumVolts { get; set; } = 0.4f;

        /// <inheritdoc cref="Track1MinimumVolts"/>
        public float Track1MaximumVolts { get; set; } = 4.6f;

        /// <summary>Track 2 valid range, V.</summary>
        public float Track2MinimumVolts { get; set; } = 0.2f;

        /// <inheritdoc cref="Track2MinimumVolts"/>
        public float Track2MaximumVolts { get; set; } = 2.5f;

        /// <summary>Largest allowed difference between the two track positions, as a fraction of full travel.</summary>
        public float MaximumDisagreement { get; set; } = 0.10f;

        /// <summary>How long the tracks may disagree before the correlation fault sets, µs.</summary>
        public long DisagreementDelayMicroseconds { get; set; } = 100000;

        /// <summary>How long a track may stay out of range before its range fault sets, µs.</summary>
        public long RangeDelayMicroseconds { get; set; } = 20000;

        /// <summary>Pedal positions below this fraction read as released (dead band at rest).</summary>
        public float ReleasedDeadBand { get; set; } = 0.03f;

        /// <summary>Largest pedal position passed on while in limp mode, as a fraction of full travel.</summary>
        public float LimpPositionLimit { get; set; } = 0.5f;

        /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent value.</summary>
        public void Validate()
        {
            CheckTrack(Track1MinimumVolts, Track1ReleasedVolts, Track1FullVolts, Track1MaximumVolts, "Track1");
            CheckTrack(Track2MinimumVolts, Track2ReleasedVolts, Track2FullVolts, Track2MaximumVolts, "Track2");
            if (!(MaximumDisagreement > 0f && MaximumDisagreement < 0.5f))
            {
                throw new ArgumentException("MaximumDisagreement = " + MaximumDisagreement.ToString() + " must be between 0 and 0.5 of full travel.", "MaximumDisagreement");
            }

            if (DisagreementDelayMicroseconds < 0 || RangeDelayMicroseconds < 0)
            {
                throw new ArgumentException("Debounce delays must be 0 or more microseconds.", "DisagreementDelayMicroseconds");
            }

            if (!(ReleasedDeadBand >= 0f && ReleasedDeadBand < 0.2f))
            {
                throw new ArgumentException("ReleasedDeadBand = " + ReleasedDeadBand.ToString() + " must be from 0 to 0.2 of full travel.", "ReleasedDeadBand");
            }

            if (!(LimpPositionLimit >= 0f && LimpPositionLimit <= 1f))
            {
                throw new ArgumentException("LimpPositionLimit = " + LimpPositionLimit.ToString() + " must be from 0 to 1.", "LimpPositionLimit");
            }
        }

        private static void CheckTrack(float minimum, float released, float full, float maximum, string name)
        {
            if (!(minimum < released && released < full && full < maximum))
            {
                throw new ArgumentException(name + " voltages must rise in the order minimum < released < full < maximum; found "
                    + minimum.ToString() + ", " + released.ToString() + ", " + full.ToString() + ", " + maximum.ToString() + " V.", name);
            }
        }
    }
}

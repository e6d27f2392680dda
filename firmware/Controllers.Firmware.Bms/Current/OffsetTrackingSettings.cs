using System;

namespace Controllers.Firmware.Bms.Current
{
    /// <summary>
    /// When and how fast <see cref="CalibratedCurrentSensor"/> re-learns the current offset at rest. Call
    /// <see cref="Validate"/> before use; the sensor constructor does.
    /// </summary>
    public sealed class OffsetTrackingSettings
    {
        /// <summary>False turns offset tracking off.</summary>
        public bool Enabled = true;

        /// <summary>|I| below this counts as rest, in amperes; 0.01 to 5 A, default 0.5 A.</summary>
        public float RestThresholdAmperes = 0.5f;

        /// <summary>Time the pack must stay at rest with open contactors before tracking starts; 1 s to 1 h, default 30 s.</summary>
        public int RestTimeMilliseconds = 30000;

        /// <summary>
        /// Fraction of the remaining offset error corrected per sample, 1e-6 to 0.1; default 0.002, a time
        /// constant of 500 samples (5 s at 10 ms).
        /// </summary>
        public float TrackingFraction = 0.002f;

        /// <summary>Largest offset change per sample in amperes, 1e-6 to 0.1 A; default 0.0005 A (50 mA/s at 10 ms).</summary>
        public float MaxStepAmperes = 0.0005f;

        /// <summary>
        /// Largest distance the tracked offset may move from the calibrated offset, in amperes; 0.01 to 10 A,
        /// default 2 A. A larger drift points to a sensor fault and is counted instead of followed.
        /// </summary>
        public float MaxDriftAmperes = 2f;

        /// <summary>Throws when a value is outside its documented range.</summary>
        public void Validate()
        {
            if (!(RestThresholdAmperes >= 0.01f && RestThresholdAmperes <= 5f))
            {
                throw new ArgumentOutOfRangeException("RestThresholdAmperes", "The rest threshold must be 0.01 to 5 A.");
            }

            if (RestTimeMilliseconds < 1000 || RestTimeMilliseconds > 3600000)
            {
                throw new ArgumentOutOfRangeException("RestTimeMilliseconds", "The rest time must be 1000 to 3600000 ms.");
            }

            if (!(TrackingFraction >= 1e-6f && TrackingFraction <= 0.1f))
            {
                throw new ArgumentOutOfRangeException("TrackingFraction", "The tracking fraction must be 1e-6 to 0.1 per sample.");
            }

            if (!(MaxStepAmperes >= 1e-6f && MaxStepAmperes <= 0.1f))
            {
                throw new ArgumentOutOfRangeException("MaxStepAmperes", "The offset step must be 1e-6 to 0.1 A per sample.");
            }

            if (!(MaxDriftAmperes >= 0.01f && MaxDriftAmperes <= 10f))
            {
                throw new ArgumentOutOfRangeException("MaxDriftAmperes", "The offset drift limit must be 0.01 to 10 A.");
            }
        }
    }
}

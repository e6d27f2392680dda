namespace Controllers.Firmware.Vcu.Calibration
{
    /// <summary>
    /// Acceptance limits of the pedal end-point calibration. End points must lie inside the electrical range of
    /// the pedal settings (the sensor supply window whose edges are the short and open-wire faults) with a
    /// margin, and span enough voltage that the position keeps its resolution.
    /// </summary>
    public static class PedalCalibrationLimits
    {
        /// <summary>
        /// Smallest distance of an end point from the edge of its valid range, V: about 1 % of the 5 V sensor
        /// supply, so noise at rest or full travel does not reach the range fault.
        /// </summary>
        public const float RangeMarginVolts = 0.05f;

        /// <summary>
        /// Smallest released-to-full span as a fraction of the configured span. Less means the pedal did not
        /// reach full travel during the procedure, or the track is worn or wrongly wired.
        /// </summary>
        public const float MinimumSpanFraction = 0.6f;

        /// <summary>
        /// Allowed range of the track 2 span divided by the track 1 span. Track 2 runs at half the slope of
        /// track 1, so shorted tracks give voltages that no position produces. A ratio far from 0.5 means
        /// swapped or shorted tracks.
        /// </summary>
        public const float MinimumTrackSlopeRatio = 0.4f;

        /// <inheritdoc cref="MinimumTrackSlopeRatio"/>
        public const float MaximumTrackSlopeRatio = 0.6f;
    }
}

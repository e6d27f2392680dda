using System;
using Controllers.Firmware.Common.Hal;
using Controllers.Firmware.Common.Numerics;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Bms.Current
{
    /// <summary>
    /// Applies a <see cref="CurrentCalibration"/> to a raw current source and re-learns its offset at rest:
    /// once the contactors have been open and |I| has stayed below the rest threshold for the rest time,
    /// every sample moves the offset a bounded step toward the reading, because the true current is then zero.
    /// Any sample at or above the threshold, a closed contactor or a failed read restarts the rest time, so
    /// the offset never moves under load.
    /// </summary>
    public sealed class CalibratedCurrentSensor : ICurrentSensor
    {
        private readonly ICurrentSensor source;
        private readonly CurrentCalibration calibration;
        private readonly OffsetTrackingSettings tracking;
        private readonly IMonotonicClock clock;
        private readonly long restTimeMicroseconds;

        private bool contactorsOpen;
        private bool resting;
        private long restStartMicroseconds;
        private long trackedSampleCount;
        private long driftLimitCount;

        /// <summary>
        /// Wraps <paramref name="source"/>. Tracking keeps the offset within ± <see cref="OffsetTrackingSettings.MaxDriftAmperes"/>
        /// of <see cref="CurrentCalibration.CalibratedOffsetAmperes"/>.
        /// </summary>
        public CalibratedCurrentSensor(ICurrentSensor source, CurrentCalibration calibration, OffsetTrackingSettings tracking,
            IMonotonicClock clock)
        {
            if (source == null)
            {
                throw new ArgumentNullException("source");
            }

            if (calibration == null)
            {
                throw new ArgumentNullException("calibration");
            }

            if (tracking == null)
            {
                throw new ArgumentNullException("tracking");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            tracking.Validate();
            this.source = source;
            this.calibration = calibration;
            this.tracking = tracking;
            this.clock = clock;
            restTimeMicroseconds = tracking.RestTimeMilliseconds * 1000L;
        }

        /// <summary>
        /// True while both main contactors are open, so no pack current can flow through the shunt. The board
        /// sets it from the contactor feedback before each read; offset tracking runs only while it is true.
        /// </summary>
        public bool ContactorsOpen
        {
            get { return contactorsOpen; }
            set
            {
                contactorsOpen = value;
                if (!value)
                {
                    resting = false;
                }
            }
        }

        /// <summary>The calibration in use; offset tracking updates its offset.</summary>
        public CurrentCalibration Calibration
        {
            get { return calibration; }
        }

        /// <summary>Samples that updated the offset.</summary>
        public long TrackedSampleCount
        {
            get { return trackedSampleCount; }
        }

        /// <summary>Rest samples whose offset update hit the drift limit, a sign of a sensor fault.</summary>
        public long DriftLimitCount
        {
            get { return driftLimitCount; }
        }

        /// <summary>
        /// Reads the source, applies the calibration and, at rest, updates the offset. Returns false when the
        /// source read failed. Allocates nothing.
        /// </summary>
        public bool TryReadAmperes(out float currentAmperes)
        {
            float raw;
            if (!source.TryReadAmperes(out raw) || !FloatMath.IsFinite(raw))
            {
                resting = false;
                currentAmperes = 0f;
                return false;
            }

            currentAmperes = calibration.Apply(raw);
            if (tracking.Enabled)
            {
                TrackOffset(raw, currentAmperes);
            }

            return true;
        }

        private void TrackOffset(float raw, float calibrated)
        {
            long now = clock.NowMicroseconds;
            if (!contactorsOpen || FloatMath.Abs(calibrated) >= tracking.RestThresholdAmperes)
            {
                resting = false;
                return;
            }

            if (!resting)
            {
                resting = true;
                restStartMicroseconds = now;
                return;
            }

            if (now - restStartMicroseconds < restTimeMicroseconds)
            {
                return;
            }

            // At rest the true current is zero, so the whole raw reading minus the offset is offset error.
            float error = raw - calibration.OffsetAmperes;
            float step = FloatMath.Clamp(error * tracking.TrackingFraction, -tracking.MaxStepAmperes, tracking.MaxStepAmperes);
            float offset = calibration.OffsetAmperes + step;
            float lowest = calibration.CalibratedOffsetAmperes - tracking.MaxDriftAmperes;
            float highest = calibration.CalibratedOffsetAmperes + tracking.MaxDriftAmperes;
            if (offset < lowest || offset > highest)
            {
                driftLimitCount++;
                offset = FloatMath.Clamp(offset, lowest, highest);
            }

            calibration.OffsetAmperes = offset;
            trackedSampleCount++;
        }
    }
}

using System;
using Controllers.Firmware.Common.Calibration;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Numerics;
using Controllers.Firmware.Vcu.Inputs;

namespace Controllers.Firmware.Vcu.Calibration
{
    /// <summary>
    /// End points of the two-track accelerator pedal, DID 0x4160: track 1 released, track 1 full, track 2
    /// released, track 2 full, in V, IEEE 754 single, big-endian (16 bytes). They replace the released and
    /// full voltages of <see cref="AcceleratorPedalSettings"/>, which the pedal reads on every update.
    /// </summary>
    public sealed class AcceleratorPedalCalibrationBlock : ICalibrationBlock
    {
        /// <summary>DID of the accelerator end points.</summary>
        public const int CalibrationIdentifier = 0x4160;

        private readonly AcceleratorPedalSettings settings;
        private readonly float defaultTrack1Released;
        private readonly float defaultTrack1Full;
        private readonly float defaultTrack2Released;
        private readonly float defaultTrack2Full;

        /// <summary>Creates the block; the end points in <paramref name="settings"/> now are the factory defaults.</summary>
        public AcceleratorPedalCalibrationBlock(AcceleratorPedalSettings settings)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            settings.Validate();
            this.settings = settings;
            defaultTrack1Released = settings.Track1ReleasedVolts;
            defaultTrack1Full = settings.Track1FullVolts;
            defaultTrack2Released = settings.Track2ReleasedVolts;
            defaultTrack2Full = settings.Track2FullVolts;
        }

        /// <inheritdoc/>
        public int Identifier
        {
            get { return CalibrationIdentifier; }
        }

        /// <inheritdoc/>
        public int Length
        {
            get { return 16; }
        }

        /// <summary>
        /// True when the end points lie inside the valid ranges of <paramref name="settings"/> by
        /// <see cref="PedalCalibrationLimits.RangeMarginVolts"/>, each track spans at least
        /// <see cref="PedalCalibrationLimits.MinimumSpanFraction"/> of its factory span and track 2 keeps about half the slope of track 1.
        /// </summary>
        public bool IsAcceptable(float track1Released, float track1Full, float track2Released, float track2Full)
        {
            if (!IsInside(track1Released, settings.Track1MinimumVolts, settings.Track1MaximumVolts)
                || !IsInside(track1Full, settings.Track1MinimumVolts, settings.Track1MaximumVolts)
                || !IsInside(track2Released, settings.Track2MinimumVolts, settings.Track2MaximumVolts)
                || !IsInside(track2Full, settings.Track2MinimumVolts, settings.Track2MaximumVolts))
            {
                return false;
            }

            float span1 = track1Full - track1Released;
            float span2 = track2Full - track2Released;
            if (!(span1 >= PedalCalibrationLimits.MinimumSpanFraction * (defaultTrack1Full - defaultTrack1Released))
                || !(span2 >= PedalCalibrationLimits.MinimumSpanFraction * (defaultTrack2Full - defaultTrack2Released)))
            {
                return false;
            }

            float ratio = span2 / span1;
            return ratio >= PedalCalibrationLimits.MinimumTrackSlopeRatio && ratio <= PedalCalibrationLimits.MaximumTrackSlopeRatio;
        }

        /// <inheritdoc/>
        public void Encode(byte[] destination, int offset)
        {
            BigEndian.WriteSingle(destination, offset, settings.Track1ReleasedVolts);
            BigEndian.WriteSingle(destination, offset + 4, settings.Track1FullVolts);
            BigEndian.WriteSingle(destination, offset + 8, settings.Track2ReleasedVolts);
            BigEndian.WriteSingle(destination, offset + 12, settings.Track2FullVolts);
        }

        /// <inheritdoc/>
        public byte Decode(byte[] source, int offset)
        {
            float track1Released = BigEndian.ReadSingle(source, offset);
            float track1Full = BigEndian.ReadSingle(source, offset + 4);
            float track2Released = BigEndian.ReadSingle(source, offset + 8);
            float track2Full = BigEndian.ReadSingle(source, offset + 12);
            if (!IsAcceptable(track1Released, track1Full, track2Released, track2Full))
            {
                return UdsNegativeResponseCode.RequestOutOfRange;
            }

            settings.Track1ReleasedVolts = track1Released;
            settings.Track1FullVolts = track1Full;
            settings.Track2ReleasedVolts = track2Released;
            settings.Track2FullVolts = track2Full;
            return UdsNegativeResponseCode.PositiveResponse;
        }

        /// <inheritdoc/>
        public void ApplyDefaults()
        {
            settings.Track1ReleasedVolts = defaultTrack1Released;
            settings.Track1FullVolts = defaultTrack1Full;
            settings.Track2ReleasedVolts = defaultTrack2Released;
            settings.Track2FullVolts = defaultTrack2Full;
        }

        private static bool IsInside(float volts, float minimum, float maximum)
        {
            return FloatMath.IsFinite(volts)
                && volts >= minimum + PedalCalibrationLimits.RangeMarginVolts
                && volts <= maximum - PedalCalibrationLimits.RangeMarginVolts;
        }
    }
}

using System;
using Controllers.Firmware.Common.Calibration;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Numerics;
using Controllers.Firmware.Vcu.Inputs;

namespace Controllers.Firmware.Vcu.Calibration
{
    /// <summary>
    /// End points of the analogue brake pedal sensor, DID 0x4161: released and full travel in V, IEEE 754
    /// single, big-endian (8 bytes). They replace the released and full voltages of <see cref="BrakePedalSettings"/>.
    /// </summary>
    public sealed class BrakePedalCalibrationBlock : ICalibrationBlock
    {
        /// <summary>DID of the brake end points.</summary>
        public const int CalibrationIdentifier = 0x4161;

        private readonly BrakePedalSettings settings;
        private readonly float defaultReleased;
        private readonly float defaultFull;

        /// <summary>Creates the block; the end points in <paramref name="settings"/> now are the factory defaults.</summary>
        public BrakePedalCalibrationBlock(BrakePedalSettings settings)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            settings.Validate();
            this.settings = settings;
            defaultReleased = settings.ReleasedVolts;
            defaultFull = settings.FullVolts;
        }

        /// <inheritdoc/>
        public int Identifier
        {
            get { return CalibrationIdentifier; }
        }

        /// <inheritdoc/>
        public int Length
        {
            get { return 8; }
        }

        /// <summary>
        /// True when both end points lie inside the sensor's valid range by <see cref="PedalCalibrationLimits.RangeMarginVolts"/>
        /// and span at least <see cref="PedalCalibrationLimits.MinimumSpanFraction"/> of the factory span.
        /// </summary>
        public bool IsAcceptable(float releasedVolts, float fullVolts)
        {
            float low = settings.MinimumVolts + PedalCalibrationLimits.RangeMarginVolts;
            float high = settings.MaximumVolts - PedalCalibrationLimits.RangeMarginVolts;
            return FloatMath.IsFinite(releasedVolts) && FloatMath.IsFinite(fullVolts)
                && releasedVolts >= low && releasedVolts <= high && fullVolts >= low && fullVolts <= high
                && fullVolts - releasedVolts >= PedalCalibrationLimits.MinimumSpanFraction * (defaultFull - defaultReleased);
        }

        /// <inheritdoc/>
        public void Encode(byte[] destination, int offset)
        {
            BigEndian.WriteSingle(destination, offset, settings.ReleasedVolts);
            BigEndian.WriteSingle(destination, offset + 4, settings.FullVolts);
        }

        /// <inheritdoc/>
        public byte Decode(byte[] source, int offset)
        {
            float released = BigEndian.ReadSingle(source, offset);
            float full = BigEndian.ReadSingle(source, offset + 4);
            if (!IsAcceptable(released, full))
            {
                return UdsNegativeResponseCode.RequestOutOfRange;
            }

            settings.ReleasedVolts = released;
            settings.FullVolts = full;
            return UdsNegativeResponseCode.PositiveResponse;
        }

        /// <inheritdoc/>
        public void ApplyDefaults()
        {
            settings.ReleasedVolts = defaultReleased;
            settings.FullVolts = defaultFull;
        }
    }
}

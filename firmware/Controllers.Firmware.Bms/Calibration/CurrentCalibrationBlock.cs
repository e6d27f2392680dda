using System;
using Controllers.Firmware.Bms.Current;
using Controllers.Firmware.Common.Calibration;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Bms.Calibration
{
    /// <summary>
    /// Offset and gain of the pack current, DID 0x4120: offset in raw amperes (4 bytes) then gain factor (4),
    /// IEEE 754 single, big-endian, applied as I = (raw − offset) × gain (<see cref="CurrentCalibration"/>).
    /// Reading returns the calibrated offset, not the one that offset tracking moved since.
    /// </summary>
    public sealed class CurrentCalibrationBlock : ICalibrationBlock
    {
        /// <summary>DID of the current calibration.</summary>
        public const int CalibrationIdentifier = 0x4120;

        private readonly CurrentCalibration calibration;

        /// <summary>Creates the block of <paramref name="calibration"/>.</summary>
        public CurrentCalibrationBlock(CurrentCalibration calibration)
        {
            if (calibration == null)
            {
                throw new ArgumentNullException("calibration");
            }

            this.calibration = calibration;
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

        /// <summary>True when <paramref name="offsetAmperes"/> and <paramref name="gain"/> lie within the acceptance limits.</summary>
        public static bool IsAcceptable(float offsetAmperes, float gain)
        {
            return FloatMath.IsFinite(gain) && FloatMath.IsFinite(offsetAmperes)
                && FloatMath.Abs(gain - 1f) <= BmsCalibrationLimits.CurrentGainDeviation
                && FloatMath.Abs(offsetAmperes) <= BmsCalibrationLimits.CurrentOffsetAmperes;
        }

        /// <inheritdoc/>
        public void Encode(byte[] destination, int offset)
        {
            BigEndian.WriteSingle(destination, offset, calibration.CalibratedOffsetAmperes);
            BigEndian.WriteSingle(destination, offset + 4, calibration.GainFactor);
        }

        /// <inheritdoc/>
        public byte Decode(byte[] source, int offset)
        {
            float offsetAmperes = BigEndian.ReadSingle(source, offset);
            float gain = BigEndian.ReadSingle(source, offset + 4);
            if (!IsAcceptable(offsetAmperes, gain))
            {
                return UdsNegativeResponseCode.RequestOutOfRange;
            }

            calibration.Load(offsetAmperes, gain);
            return UdsNegativeResponseCode.PositiveResponse;
        }

        /// <inheritdoc/>
        public void ApplyDefaults()
        {
            calibration.Load(0f, 1f);
        }
    }
}

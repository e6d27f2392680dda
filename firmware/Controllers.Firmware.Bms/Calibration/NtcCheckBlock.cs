using System;
using Controllers.Firmware.Common.Calibration;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Bms.Calibration
{
    /// <summary>
    /// Result of the check of one NTC channel against a reference temperature, DID 0x4130 + channel. Layout:
    /// result (1 byte: 0 not checked, 1 pass, 2 fail), 3 reserved zero bytes, measured minus reference in °C (4)
    /// and the reference temperature in °C (4). Both temperatures are IEEE 754 single, big-endian, and
    /// 0x7FC00000 when not checked. NTC channels are not trimmed, so the result changes no reading.
    /// </summary>
    public sealed class NtcCheckBlock : ICalibrationBlock
    {
        /// <summary>DID of channel 0.</summary>
        public const int FirstIdentifier = 0x4130;

        /// <summary>
        /// Largest number of NTC channels: 16, DIDs 0x4130 to 0x413F, because the insulation calibration starts at 0x4140.
        /// The largest board definition has 14 temperature channels on one slave.
        /// </summary>
        public const int MaxChannelCount = 16;

        /// <summary>The channel was never checked.</summary>
        public const byte NotChecked = 0;

        /// <summary>The deviation lay within <see cref="BmsCalibrationLimits.NtcPassDeviationCelsius"/>.</summary>
        public const byte Pass = 1;

        /// <summary>The deviation lay outside <see cref="BmsCalibrationLimits.NtcPassDeviationCelsius"/>.</summary>
        public const byte Fail = 2;

        private readonly int channel;
        private byte result;
        private float deviationCelsius = float.NaN;
        private float referenceCelsius = float.NaN;

        /// <summary>Creates the block of NTC channel <paramref name="channel"/> (0-based).</summary>
        public NtcCheckBlock(int channel)
        {
            if (channel < 0 || channel >= MaxChannelCount)
            {
                throw new ArgumentOutOfRangeException("channel", "channel = " + channel + " must lie within 0 to " + (MaxChannelCount - 1) + ".");
            }

            this.channel = channel;
        }

        /// <inheritdoc/>
        public int Identifier
        {
            get { return FirstIdentifier + channel; }
        }

        /// <inheritdoc/>
        public int Length
        {
            get { return 12; }
        }

        /// <summary>Check result: <see cref="NotChecked"/>, <see cref="Pass"/> or <see cref="Fail"/>.</summary>
        public byte Result
        {
            get { return result; }
        }

        /// <summary>Measured minus reference temperature at the check, °C; NaN when not checked.</summary>
        public float DeviationCelsius
        {
            get { return deviationCelsius; }
        }

        /// <inheritdoc/>
        public void Encode(byte[] destination, int offset)
        {
            destination[offset] = result;
            destination[offset + 1] = 0;
            destination[offset + 2] = 0;
            destination[offset + 3] = 0;
            if (result == NotChecked)
            {
                BigEndian.WriteUnset(destination, offset + 4);
                BigEndian.WriteUnset(destination, offset + 8);
                return;
            }

            BigEndian.WriteSingle(destination, offset + 4, deviationCelsius);
            BigEndian.WriteSingle(destination, offset + 8, referenceCelsius);
        }

        /// <inheritdoc/>
        public byte Decode(byte[] source, int offset)
        {
            byte candidate = source[offset];
            float deviation = BigEndian.ReadSingle(source, offset + 4);
            float reference = BigEndian.ReadSingle(source, offset + 8);
            if (source[offset + 1] != 0 || source[offset + 2] != 0 || source[offset + 3] != 0)
            {
                return UdsNegativeResponseCode.RequestOutOfRange;
            }

            if (candidate == NotChecked)
            {
                ApplyDefaults();
                return UdsNegativeResponseCode.PositiveResponse;
            }

            // The result must match the deviation, so a record cannot claim a pass that its numbers contradict.
            bool plausible = FloatMath.IsFinite(deviation) && FloatMath.IsFinite(reference)
                && FloatMath.Abs(deviation) <= BmsCalibrationLimits.NtcPlausibleDeviationCelsius;
            bool passed = plausible && FloatMath.Abs(deviation) <= BmsCalibrationLimits.NtcPassDeviationCelsius;
            if (!plausible || (candidate == Pass) != passed || (candidate != Pass && candidate != Fail))
            {
                return UdsNegativeResponseCode.RequestOutOfRange;
            }

            result = candidate;
            deviationCelsius = deviation;
            referenceCelsius = reference;
            return UdsNegativeResponseCode.PositiveResponse;
        }

        /// <inheritdoc/>
        public void ApplyDefaults()
        {
            result = NotChecked;
            deviationCelsius = float.NaN;
            referenceCelsius = float.NaN;
        }
    }
}

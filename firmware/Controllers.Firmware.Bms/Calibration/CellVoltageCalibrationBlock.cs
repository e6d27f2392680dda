using System;
using Controllers.Firmware.Bms.Afe;
using Controllers.Firmware.Common.Calibration;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Bms.Calibration
{
    /// <summary>
    /// Gain and offset of one cell-voltage channel, DID 0x4100 + channel: gain (4 bytes) then offset in volts (4),
    /// both IEEE 754 single, big-endian. The sensor computes volts = code × 100 µV × gain + offset.
    /// </summary>
    public sealed class CellVoltageCalibrationBlock : ICalibrationBlock
    {
        /// <summary>DID of channel 0.</summary>
        public const int FirstIdentifier = 0x4100;

        /// <summary>Largest number of channels: 30 cells per slave board.</summary>
        public const int MaxChannelCount = 30;

        private readonly AfeCellVoltageSensor sensor;
        private readonly int channel;

        /// <summary>Creates the block of board cell <paramref name="channel"/> (0-based) of <paramref name="sensor"/>.</summary>
        public CellVoltageCalibrationBlock(AfeCellVoltageSensor sensor, int channel)
        {
            if (sensor == null)
            {
                throw new ArgumentNullException("sensor");
            }

            if (channel < 0 || channel >= sensor.CellCount || channel >= MaxChannelCount)
            {
                throw new ArgumentOutOfRangeException("channel", "channel = " + channel + " must lie within 0 to " + (sensor.CellCount - 1) + ".");
            }

            this.sensor = sensor;
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
            get { return 8; }
        }

        /// <summary>True when <paramref name="gain"/> and <paramref name="offsetVolts"/> lie within the acceptance limits.</summary>
        public static bool IsAcceptable(float gain, float offsetVolts)
        {
            return FloatMath.IsFinite(gain) && FloatMath.IsFinite(offsetVolts)
                && FloatMath.Abs(gain - 1f) <= BmsCalibrationLimits.CellGainDeviation
                && FloatMath.Abs(offsetVolts) <= BmsCalibrationLimits.CellOffsetVolts;
        }

        /// <inheritdoc/>
        public void Encode(byte[] destination, int offset)
        {
            BigEndian.WriteSingle(destination, offset, sensor.Gain(channel));
            BigEndian.WriteSingle(destination, offset + 4, sensor.OffsetVolts(channel));
        }

        /// <inheritdoc/>
        public byte Decode(byte[] source, int offset)
        {
            float gain = BigEndian.ReadSingle(source, offset);
            float offsetVolts = BigEndian.ReadSingle(source, offset + 4);
            if (!IsAcceptable(gain, offsetVolts))
            {
                return UdsNegativeResponseCode.RequestOutOfRange;
            }

            sensor.SetCalibration(channel, gain, offsetVolts);
            return UdsNegativeResponseCode.PositiveResponse;
        }

        /// <inheritdoc/>
        public void ApplyDefaults()
        {
            sensor.SetCalibration(channel, 1f, 0f);
        }
    }
}

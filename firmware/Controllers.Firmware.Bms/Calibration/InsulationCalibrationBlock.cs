using System;
using Controllers.Firmware.Bms.Insulation;
using Controllers.Firmware.Common.Calibration;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Bms.Calibration
{
    /// <summary>
    /// Calibrated circuit of the insulation monitor, DID 0x4140, 24 bytes of IEEE 754 single, big-endian: the
    /// effective positive and negative bridge resistances in Ω, the effective positive and negative measurement
    /// divider resistances in Ω, and the gains that multiply the positive and negative pole voltage readings.
    /// The defaults are the nominal resistances that the monitor was created with, and gain 1.
    /// </summary>
    public sealed class InsulationCalibrationBlock : ICalibrationBlock
    {
        /// <summary>DID of the insulation calibration.</summary>
        public const int CalibrationIdentifier = 0x4140;

        private readonly InsulationMonitor monitor;
        private readonly float nominalPositiveBridgeOhms;
        private readonly float nominalNegativeBridgeOhms;
        private readonly float nominalPositiveMeasurementOhms;
        private readonly float nominalNegativeMeasurementOhms;
        private readonly float[] values = new float[6];

        /// <summary>Creates the block of <paramref name="monitor"/>.</summary>
        public InsulationCalibrationBlock(InsulationMonitor monitor)
        {
            if (monitor == null)
            {
                throw new ArgumentNullException("monitor");
            }

            this.monitor = monitor;
            nominalPositiveBridgeOhms = monitor.NominalPositiveBridgeOhms;
            nominalNegativeBridgeOhms = monitor.NominalNegativeBridgeOhms;
            nominalPositiveMeasurementOhms = monitor.NominalPositiveMeasurementOhms;
            nominalNegativeMeasurementOhms = monitor.NominalNegativeMeasurementOhms;
            SetDefaultValues();
        }

        /// <inheritdoc/>
        public int Identifier
        {
            get { return CalibrationIdentifier; }
        }

        /// <inheritdoc/>
        public int Length
        {
            get { return 24; }
        }

        /// <summary>
        /// True when the values lie within the acceptance limits around the nominal values
        /// (<see cref="BmsCalibrationLimits.InsulationBridgeDeviation"/>, <see cref="BmsCalibrationLimits.InsulationDividerDeviation"/>,
        /// <see cref="BmsCalibrationLimits.InsulationChannelGainDeviation"/>).
        /// </summary>
        public bool IsAcceptable(float positiveBridgeOhms, float negativeBridgeOhms, float positiveMeasurementOhms,
            float negativeMeasurementOhms, float positiveGain, float negativeGain)
        {
            return IsNear(positiveBridgeOhms, nominalPositiveBridgeOhms, BmsCalibrationLimits.InsulationBridgeDeviation)
                && IsNear(negativeBridgeOhms, nominalNegativeBridgeOhms, BmsCalibrationLimits.InsulationBridgeDeviation)
                && IsNear(positiveMeasurementOhms, nominalPositiveMeasurementOhms, BmsCalibrationLimits.InsulationDividerDeviation)
                && IsNear(negativeMeasurementOhms, nominalNegativeMeasurementOhms, BmsCalibrationLimits.InsulationDividerDeviation)
                && IsNear(positiveGain, 1f, BmsCalibrationLimits.InsulationChannelGainDeviation)
                && IsNear(negativeGain, 1f, BmsCalibrationLimits.InsulationChannelGainDeviation);
        }

        /// <inheritdoc/>
        public void Encode(byte[] destination, int offset)
        {
            for (int i = 0; i < values.Length; i++)
            {
                BigEndian.WriteSingle(destination, offset + 4 * i, values[i]);
            }
        }

        /// <inheritdoc/>
        public byte Decode(byte[] source, int offset)
        {
            float positiveBridge = BigEndian.ReadSingle(source, offset);
            float negativeBridge = BigEndian.ReadSingle(source, offset + 4);
            float positiveMeasurement = BigEndian.ReadSingle(source, offset + 8);
            float negativeMeasurement = BigEndian.ReadSingle(source, offset + 12);
            float positiveGain = BigEndian.ReadSingle(source, offset + 16);
            float negativeGain = BigEndian.ReadSingle(source, offset + 20);
            if (!IsAcceptable(positiveBridge, negativeBridge, positiveMeasurement, negativeMeasurement, positiveGain, negativeGain))
            {
                return UdsNegativeResponseCode.RequestOutOfRange;
            }

            Apply(positiveBridge, negativeBridge, positiveMeasurement, negativeMeasurement, positiveGain, negativeGain);
            return UdsNegativeResponseCode.PositiveResponse;
        }

        /// <inheritdoc/>
        public void ApplyDefaults()
        {
            SetDefaultValues();
            monitor.SetCalibration(values[0], values[1], values[2], values[3], values[4], values[5]);
        }

        private void SetDefaultValues()
        {
            values[0] = nominalPositiveBridgeOhms;
            values[1] = nominalNegativeBridgeOhms;
            values[2] = nominalPositiveMeasurementOhms;
            values[3] = nominalNegativeMeasurementOhms;
            values[4] = 1f;
            values[5] = 1f;
        }

        private void Apply(float positiveBridge, float negativeBridge, float positiveMeasurement, float negativeMeasurement,
            float positiveGain, float negativeGain)
        {
            monitor.SetCalibration(positiveBridge, negativeBridge, positiveMeasurement, negativeMeasurement, positiveGain, negativeGain);
            values[0] = positiveBridge;
            values[1] = negativeBridge;
            values[2] = positiveMeasurement;
            values[3] = negativeMeasurement;
            values[4] = positiveGain;
            values[5] = negativeGain;
        }

        private static bool IsNear(float value, float nominal, float deviation)
        {
            return FloatMath.IsFinite(value) && FloatMath.Abs(value - nominal) <= deviation * nominal;
        }
    }
}

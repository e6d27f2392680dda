using System;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Bms.Current
{
    /// <summary>
    /// Offset and gain correction of one current source (shunt ADC or CAN sensor). The offset is subtracted
    /// first, in the source's raw amperes, then the result is scaled: I = (raw − OffsetAmperes) × GainFactor.
    /// Subtracting first keeps the offset independent of the gain, so offset tracking can update it alone.
    /// </summary>
    public sealed class CurrentCalibration
    {
        /// <summary>Smallest gain factor accepted; a larger correction means a wrong shunt value or wiring.</summary>
        public const float MinGainFactor = 0.9f;

        /// <summary>Largest gain factor accepted.</summary>
        public const float MaxGainFactor = 1.1f;

        private float offsetAmperes;
        private float calibratedOffsetAmperes;
        private float gainFactor = 1f;

        /// <summary>
        /// Offset in raw amperes, subtracted before the gain is applied. Offset tracking changes it; the value set
        /// by the last calibration stays in <see cref="CalibratedOffsetAmperes"/>.
        /// </summary>
        public float OffsetAmperes
        {
            get { return offsetAmperes; }
            set
            {
                if (!FloatMath.IsFinite(value))
                {
                    throw new ArgumentOutOfRangeException("value", "The current offset must be a finite number of amperes.");
                }

                offsetAmperes = value;
            }
        }

        /// <summary>Offset set by the last <see cref="SetFromTwoPoints"/> or <see cref="Load"/>, in raw amperes.</summary>
        public float CalibratedOffsetAmperes
        {
            get { return calibratedOffsetAmperes; }
        }

        /// <summary>Gain factor applied after the offset, <see cref="MinGainFactor"/> to <see cref="MaxGainFactor"/>.</summary>
        public float GainFactor
        {
            get { return gainFactor; }
            set
            {
                if (!(value >= MinGainFactor && value <= MaxGainFactor))
                {
                    throw new ArgumentOutOfRangeException("value",
                        "The current gain factor must be between 0.9 and 1.1; check the shunt resistance setting and the reference currents.");
                }

                gainFactor = value;
            }
        }

        /// <summary>Sets offset and gain from a stored calibration and makes the offset the calibrated one.</summary>
        public void Load(float calibratedOffset, float calibratedGain)
        {
            GainFactor = calibratedGain;
            OffsetAmperes = calibratedOffset;
            calibratedOffsetAmperes = calibratedOffset;
        }

        /// <summary>Returns the calibrated current for a raw reading.</summary>
        public float Apply(float rawAmperes)
        {
            return (rawAmperes - offsetAmperes) * gainFactor;
        }

        /// <summary>
        /// Sets offset and gain from two readings taken at known reference currents, for example 0 A and a
        /// calibrated source near full scale. The result maps each raw reading exactly onto its reference:
        /// gain = (refHigh − refLow) / (rawHigh − rawLow), offset = rawLow − refLow / gain.
        /// </summary>
        public void SetFromTwoPoints(float rawLowAmperes, float referenceLowAmperes, float rawHighAmperes, float referenceHighAmperes)
        {
            if (!FloatMath.IsFinite(rawLowAmperes) || !FloatMath.IsFinite(rawHighAmperes) ||
                !FloatMath.IsFinite(referenceLowAmperes) || !FloatMath.IsFinite(referenceHighAmperes))
            {
                throw new ArgumentException("The calibration readings and reference currents must be finite numbers.");
            }

            float referenceSpan = referenceHighAmperes - referenceLowAmperes;
            float rawSpan = rawHighAmperes - rawLowAmperes;
            if (FloatMath.Abs(referenceSpan) < 1f)
            {
                throw new ArgumentException("The two reference currents must differ by at least 1 A; use points near zero and near full scale.");
            }

            if (rawSpan == 0f)
            {
                throw new ArgumentException("The two raw readings are equal; check that the reference current reached the sensor.");
            }

            float gain = referenceSpan / rawSpan;
            Load(rawLowAmperes - referenceLowAmperes / gain, gain);
        }
    }
}

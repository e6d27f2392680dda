using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Bms.Insulation
{
    /// <summary>
    /// Decides when the pole voltages have settled after a bridge switch. The Y capacitances and the
    /// resistances to chassis form one RC node, so each pole voltage approaches its final value as a single
    /// exponential with time constant τ = (C_Yp + C_Yn) / (sum of conductances to chassis).
    /// </summary>
    /// <remarks>
    /// Samples v0, v1, v2 are taken a fixed spacing Δ apart, with differences d1 = v1 - v0, d2 = v2 - v1. For an
    /// exponential, q = d2 / d1 = e^(-Δ/τ), and the remaining error after v2 is d2 q / (1 - q).
    ///
    /// Flat: since q / (1 - q) is at most τ_max / Δ, |d1| and |d2| both below tolerance × Δ / τ_max guarantee
    /// that the remaining error is below the tolerance, for every τ up to τ_max. τ_max uses the largest
    /// configured Y capacitance and the smallest possible conductance to chassis (bridge resistor and
    /// both measurement dividers, infinite insulation).
    ///
    /// Predicted: when the decay is still visible (d1 and d2 of the same sign and |d2| &lt; |d1|), the final
    /// value v2 + d2 q / (1 - q) is accepted once that extrapolation is below a configured limit, so a
    /// slow decay is not waited out. The circuit cannot produce a ratio q above e^(-Δ/τ_max), so such a
    /// ratio is noise or a disturbance and is never extrapolated. That bound and the limit together cap
    /// how much the noise in d1 and d2 can be amplified.
    /// </remarks>
    public sealed class InsulationSettleDetector
    {
        private readonly long sampleSpacingMicroseconds;
        private readonly long minimumDwellMicroseconds;
        private readonly float flatFraction;
        private readonly float toleranceFraction;
        private readonly bool predictFinalValue;
        private readonly float maximumPredictionFraction;
        private readonly float maximumDecayRatio;

        private readonly float[] positiveSamples = new float[3];
        private readonly float[] negativeSamples = new float[3];
        private int sampleCount;
        private long switchedAtMicroseconds;
        private long lastSampleMicroseconds;
        private float settledPositiveVolts;
        private float settledNegativeVolts;
        private bool predicted;

        /// <summary>
        /// Creates a detector. <paramref name="slowestTimeConstantSeconds"/> is τ_max, and the settings must
        /// have been validated.
        /// </summary>
        public InsulationSettleDetector(InsulationMonitorSettings settings, float slowestTimeConstantSeconds)
        {
            sampleSpacingMicroseconds = settings.SampleSpacingMilliseconds * 1000L;
            minimumDwellMicroseconds = settings.MinimumDwellMilliseconds * 1000L;
            toleranceFraction = settings.SettleToleranceFraction;
            predictFinalValue = settings.PredictFinalValue;
            maximumPredictionFraction = settings.MaximumPredictionFraction;

            float spacingSeconds = settings.SampleSpacingMilliseconds / 1000f;
            float ratio = slowestTimeConstantSeconds > spacingSeconds ? spacingSeconds / slowestTimeConstantSeconds : 1f;
            flatFraction = toleranceFraction * ratio;
            maximumDecayRatio = slowestTimeConstantSeconds > 0f ? FloatMath.Exp(-spacingSeconds / slowestTimeConstantSeconds) : 0f;
        }

        /// <summary>Settled positive pole voltage in volts, valid after <see cref="AddReading"/> returned true.</summary>
        public float SettledPositiveVolts
        {
            get { return settledPositiveVolts; }
        }

        /// <summary>Settled negative pole voltage in volts, valid after <see cref="AddReading"/> returned true.</summary>
        public float SettledNegativeVolts
        {
            get { return settledNegativeVolts; }
        }

        /// <summary>True when the settled values came from the three-sample prediction, not a flat signal.</summary>
        public bool Predicted
        {
            get { return predicted; }
        }

        /// <summary>Starts a new bridge state that was switched at <paramref name="nowMicroseconds"/>.</summary>
        public void Restart(long nowMicroseconds)
        {
            sampleCount = 0;
            switchedAtMicroseconds = nowMicroseconds;
            predicted = false;
        }

        /// <summary>
        /// Offers one reading at <paramref name="nowMicroseconds"/>, which is kept only when the minimum
        /// dwell and the sample spacing have passed. Returns true once both pole voltages have settled.
        /// </summary>
        public bool AddReading(long nowMicroseconds, float packVolts, float positiveVolts, float negativeVolts)
        {
            if (nowMicroseconds - switchedAtMicroseconds < minimumDwellMicroseconds)
            {
                return false;
            }

            if (sampleCount > 0 && nowMicroseconds - lastSampleMicroseconds < sampleSpacingMicroseconds)
            {
                return false;
            }

            Push(positiveSamples, positiveVolts);
            Push(negativeSamples, negativeVolts);
            lastSampleMicroseconds = nowMicroseconds;
            if (sampleCount < 3)
            {
                sampleCount++;
            }

            if (sampleCount < 3)
            {
                return false;
            }

            float tolerance = toleranceFraction * packVolts;
            float flatLimit = flatFraction * packVolts;
            float predictionLimit = maximumPredictionFraction * packVolts;
            float positiveFinal;
            float negativeFinal;
            bool positivePredicted;
            bool negativePredicted;
            if (!TrySettle(positiveSamples, flatLimit, tolerance, predictionLimit, out positiveFinal, out positivePredicted)
                || !TrySettle(negativeSamples, flatLimit, tolerance, predictionLimit, out negativeFinal, out negativePredicted))
            {
                return false;
            }

            settledPositiveVolts = positiveFinal;
            settledNegativeVolts = negativeFinal;
            predicted = positivePredicted || negativePredicted;
            return true;
        }

        private bool TrySettle(float[] samples, float flatLimit, float tolerance, float predictionLimit, out float finalVolts, out bool usedPrediction)
        {
            float d1 = samples[1] - samples[0];
            float d2 = samples[2] - samples[1];
            finalVolts = samples[2];
            usedPrediction = false;

            if (FloatMath.Abs(d1) <= flatLimit && FloatMath.Abs(d2) <= flatLimit)
            {
                return true;
            }

            if (!predictFinalValue)
            {
                return false;
            }

            // Decay still visible: same sign and shrinking. Anything else is noise or a disturbance, so wait
            // for more samples.
            bool decaying = (d1 > 0f && d2 > 0f && d2 < d1) || (d1 < 0f && d2 < 0f && d2 > d1);
            if (!decaying)
            {
                return false;
            }

            float q = d2 / d1;
            if (q > maximumDecayRatio)
            {
                return false;
            }

            float remaining = d2 * q / (1f - q);
            if (FloatMath.Abs(remaining) > predictionLimit)
            {
                return false;
            }

            // The extrapolated value is used either way. Only a remaining error above the tolerance counts as
            // a prediction.
            finalVolts = samples[2] + remaining;
            usedPrediction = FloatMath.Abs(remaining) > tolerance;
            return true;
        }

        private static void Push(float[] samples, float value)
        {
            samples[0] = samples[1];
            samples[1] = samples[2];
            samples[2] = value;
        }
    }
}

using System;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Bms.Estimation
{
    /// <summary>
    /// Start-up correction of a restored SOC state by the open-circuit voltage after a rest. The stored RC
    /// branch voltages decay over the rest time, and the remaining polarisation is subtracted from the
    /// measured voltage. Inverting the OCV curve gives an SOC, which is fused with the stored one by their
    /// variances (a one-dimensional Kalman update). A flat OCV curve or a short rest gives the voltage
    /// little weight. The equations are in docs/state-persistence.md. Every array is allocated in the
    /// constructor.
    /// </summary>
    public sealed class RestCorrection
    {
        // Bisection steps for the OCV inversion: 2^-24 of the SOC range is below float resolution.
        private const int InversionSteps = 24;

        private const float SecondsPerHour = 3600f;

        private readonly CellModel model;
        private readonly RestCorrectionSettings settings;
        private readonly ImpedanceValues impedance = new ImpedanceValues();
        private readonly float[] state;

        private bool restTimeKnown;
        private bool inflated;
        private float storedSoc;
        private float storedSocStandardDeviation;
        private float remainingPolarisationVolts;
        private float ocvSoc;
        private float ocvSocStandardDeviation;
        private float gain;
        private float correctedSoc;
        private float correctedSocStandardDeviation;

        /// <summary>
        /// Creates a correction for cells described by <paramref name="model"/>, for packs of up to
        /// <paramref name="maximumCellCount"/> cells. Throws <see cref="ArgumentException"/> when a value is invalid.
        /// </summary>
        public RestCorrection(CellModel model, RestCorrectionSettings settings, int maximumCellCount)
        {
            if (model == null)
            {
                throw new ArgumentNullException("model");
            }

            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            if (maximumCellCount < 1 || maximumCellCount > PackSocEstimator.MaximumCellCount)
            {
                throw new ArgumentOutOfRangeException("maximumCellCount", "maximumCellCount = " + maximumCellCount + " is outside 1 to " + PackSocEstimator.MaximumCellCount + ".");
            }

            settings.Validate();
            this.model = model;
            this.settings = settings;
            state = new float[PackSocEstimator.GetExportedStateLength(maximumCellCount)];
        }

        /// <summary>False when the latest correction had no rest time because the wall clock was invalid.</summary>
        public bool RestTimeKnown
        {
            get { return restTimeKnown; }
        }

        /// <summary>True when the latest correction raised the stored SOC variance at the consistency gate.</summary>
        public bool StoredVarianceInflated
        {
            get { return inflated; }
        }

        /// <summary>Stored SOC of the average cell before the correction, as a fraction.</summary>
        public float StoredSoc
        {
            get { return storedSoc; }
        }

        /// <summary>Standard deviation of the stored SOC after the self-discharge allowance, as a fraction.</summary>
        public float StoredSocStandardDeviation
        {
            get { return storedSocStandardDeviation; }
        }

        /// <summary>RC branch voltage predicted to remain at start-up, in volts (0 when the rest time is unknown).</summary>
        public float RemainingPolarisationVolts
        {
            get { return remainingPolarisationVolts; }
        }

        /// <summary>SOC read from the OCV curve, as a fraction.</summary>
        public float OcvSoc
        {
            get { return ocvSoc; }
        }

        /// <summary>Standard deviation of <see cref="OcvSoc"/>; infinite when the OCV slope is below the setting's minimum.</summary>
        public float OcvSocStandardDeviation
        {
            get { return ocvSocStandardDeviation; }
        }

        /// <summary>Weight of the OCV reading in the fused SOC, 0 to 1 (the Kalman gain).</summary>
        public float Gain
        {
            get { return gain; }
        }

        /// <summary>SOC of the average cell after the correction, as a fraction.</summary>
        public float CorrectedSoc
        {
            get { return correctedSoc; }
        }

        /// <summary>Standard deviation of <see cref="CorrectedSoc"/>, as a fraction.</summary>
        public float CorrectedSocStandardDeviation
        {
            get { return correctedSocStandardDeviation; }
        }

        /// <summary>
        /// Corrects a <see cref="PackSocEstimator"/> that contains the restored state. <paramref name="restSeconds"/>
        /// is the time since the state was saved, negative or NaN when unknown.
        /// <paramref name="cellVoltagesVolts"/> are read with no current flowing; a NaN voltage leaves its
        /// cell's ΔSOC as stored.
        /// </summary>
        public void Apply(PackSocEstimator estimator, float restSeconds, float[] cellVoltagesVolts, float temperatureCelsius)
        {
            if (estimator == null)
            {
                throw new ArgumentNullException("estimator");
            }

            int cellCount = estimator.CellCount;
            if (PackSocEstimator.GetExportedStateLength(cellCount) > state.Length)
            {
                throw new ArgumentException("The estimator has " + cellCount + " cells; this correction was built for fewer.", "estimator");
            }

            if (cellVoltagesVolts == null || cellVoltagesVolts.Length != cellCount)
            {
                throw new ArgumentException("cellVoltagesVolts must have one voltage per cell (" + cellCount + " values).", "cellVoltagesVolts");
            }

            CheckTemperature(temperatureCelsius);
            float sum = 0f;
            int valid = 0;
            for (int i = 0; i < cellCount; i++)
            {
                if (FloatMath.IsFinite(cellVoltagesVolts[i]))
                {
                    sum += cellVoltagesVolts[i];
                    valid++;
                }
            }

            if (valid == 0)
            {
                throw new ArgumentException("No cell voltage is a finite number, so the rest correction has nothing to measure.", "cellVoltagesVolts");
            }

            float meanVolts = sum / valid;
            estimator.ExportState(state, 0);
            CorrectCell(state, 1, restSeconds, meanVolts, temperatureCelsius, settings.CellVoltageStandardDeviationVolts);
            CorrectDeltas(cellCount, cellVoltagesVolts, meanVolts, restSeconds, temperatureCelsius);
            Import(estimator.ImportState(state, 0));
        }

        /// <summary>
        /// Corrects a single-cell <see cref="SocEstimator"/> that contains the restored state; see the pack overload.
        /// </summary>
        public void Apply(SocEstimator estimator, float restSeconds, float voltageVolts, float temperatureCelsius)
        {
            if (estimator == null)
            {
                throw new ArgumentNullException("estimator");
            }

            if (!FloatMath.IsFinite(voltageVolts))
            {
                throw new ArgumentException("voltageVolts = " + voltageVolts + " is not a finite number. Pass the cell voltage read at start-up.", "voltageVolts");
            }

            CheckTemperature(temperatureCelsius);
            estimator.ExportState(state, 0);
            CorrectCell(state, 0, restSeconds, voltageVolts, temperatureCelsius, settings.CellVoltageStandardDeviationVolts);
            Import(estimator.ImportState(state, 0));
        }

        /// <summary>
        /// Returns the SOC at which the OCV curve at <paramref name="temperatureCelsius"/> equals
        /// <paramref name="ocvVolts"/>, by bisection; 0 or 1 outside the curve. Assumes the OCV rises with SOC.
        /// </summary>
        public float InvertOpenCircuitVoltage(float ocvVolts, float temperatureCelsius)
        {
            float low = 0f;
            float high = 1f;
            if (ocvVolts <= model.GetOpenCircuitVoltage(low, temperatureCelsius))
            {
                return low;
            }

            if (ocvVolts >= model.GetOpenCircuitVoltage(high, temperatureCelsius))
            {
                return high;
            }

            for (int step = 0; step < InversionSteps; step++)
            {
                float middle = 0.5f * (low + high);
                if (model.GetOpenCircuitVoltage(middle, temperatureCelsius) < ocvVolts)
                {
                    low = middle;
                }
                else
                {
                    high = middle;
                }
            }

            return 0.5f * (low + high);
        }

        // The state at offset is a SocEstimator export: StateCount values, then the covariance row by row.
        private void CorrectCell(float[] x, int offset, float restSeconds, float voltageVolts, float temperatureCelsius, float voltageDeviation)
        {
            int n = SocEstimator.StateCount;
            int socIndex = offset + SocEstimator.SocStateIndex;
            int fastIndex = offset + SocEstimator.FastBranchStateIndex;
            int slowIndex = offset + SocEstimator.SlowBranchStateIndex;
            int p = offset + n;
            int fastDiagonal = p + SocEstimator.FastBranchStateIndex * (n + 1);
            int slowDiagonal = p + SocEstimator.SlowBranchStateIndex * (n + 1);
            int fastSlow = p + SocEstimator.FastBranchStateIndex * n + SocEstimator.SlowBranchStateIndex;
            float fastVolts = x[fastIndex];
            float slowVolts = x[slowIndex];

            // Predict over the rest: with no current each branch decays as exp(-t / tau(T)), and the SOC
            // uncertainty grows by the self-discharge allowance.
            restTimeKnown = FloatMath.IsFinite(restSeconds) && restSeconds >= 0f;
            float polarisationVariance;
            float socGrowth;
            if (restTimeKnown)
            {
                model.GetImpedance(FloatMath.Clamp(x[socIndex], 0f, 1f), temperatureCelsius, impedance);
                float fastDecay = CellModel.GetBranchDecay(restSeconds, impedance.FastBranchTimeConstantSeconds);
                float slowDecay = CellModel.GetBranchDecay(restSeconds, impedance.SlowBranchTimeConstantSeconds);
                remainingPolarisationVolts = fastDecay * fastVolts + slowDecay * slowVolts;
                float relative = settings.PolarisationRelativeStandardDeviation * remainingPolarisationVolts;
                polarisationVariance = relative * relative
                    + fastDecay * fastDecay * x[fastDiagonal]
                    + 2f * fastDecay * slowDecay * x[fastSlow]
                    + slowDecay * slowDecay * x[slowDiagonal];
                ScaleStateEntry(x, offset, SocEstimator.FastBranchStateIndex, fastDecay);
                ScaleStateEntry(x, offset, SocEstimator.SlowBranchStateIndex, slowDecay);
                socGrowth = settings.SelfDischargeSocPerHour * restSeconds / SecondsPerHour;
            }
            else
            {
                // The rest may have lasted seconds or months. Take the branches as relaxed, with the whole
                // stored voltage as their uncertainty.
                remainingPolarisationVolts = 0f;
                float stored = FloatMath.Abs(fastVolts) + FloatMath.Abs(slowVolts);
                polarisationVariance = stored * stored + x[fastDiagonal] + x[slowDiagonal];
                float fastVariance = x[fastDiagonal] + fastVolts * fastVolts;
                float slowVariance = x[slowDiagonal] + slowVolts * slowVolts;
                ScaleStateEntry(x, offset, SocEstimator.FastBranchStateIndex, 0f);
                ScaleStateEntry(x, offset, SocEstimator.SlowBranchStateIndex, 0f);
                x[fastDiagonal] = fastVariance;
                x[slowDiagonal] = slowVariance;
                socGrowth = settings.UnknownRestSocStandardDeviation;
            }

            x[p] += socGrowth * socGrowth;
            storedSoc = x[socIndex];
            storedSocStandardDeviation = FloatMath.Sqrt(x[p]);

            // Measure: OCV = V - remaining polarisation, inverted to SOC, with the voltage and polarisation
            // variances mapped through the OCV slope.
            ocvSoc = InvertOpenCircuitVoltage(voltageVolts - remainingPolarisationVolts, temperatureCelsius);
            float slope = model.GetOpenCircuitVoltageSlope(ocvSoc, temperatureCelsius);
            inflated = false;
            if (!(slope > settings.MinimumOcvSlopeVoltsPerSoc))
            {
                ocvSocStandardDeviation = float.PositiveInfinity;
                gain = 0f;
            }
            else
            {
                float measurementVariance = (voltageDeviation * voltageDeviation + polarisationVariance) / (slope * slope);
                ocvSocStandardDeviation = FloatMath.Sqrt(measurementVariance);
                InflateInconsistentVariance(x, offset, measurementVariance);
                gain = x[p] / (x[p] + measurementVariance);
                FuseSoc(x, offset, ocvSoc, gain);
            }

            correctedSoc = x[socIndex];
            correctedSocStandardDeviation = FloatMath.Sqrt(x[p]);
        }

        // When (z - x)^2 > g^2 (P00 + R), scale the SOC row and column of P by f so that
        // f P00 + R = (z - x)^2 / g^2. Scaling the row and column by sqrt(f) keeps P positive semidefinite.
        private void InflateInconsistentVariance(float[] x, int offset, float measurementVariance)
        {
            float gate = settings.InnovationGateStandardDeviations;
            int n = SocEstimator.StateCount;
            int p = offset + n;
            int s = SocEstimator.SocStateIndex;
            float innovation = ocvSoc - x[offset + s];
            float storedVariance = x[p + s * n + s];
            if (!(gate > 0f) || innovation * innovation <= gate * gate * (storedVariance + measurementVariance))
            {
                inflated = false;
                return;
            }

            float target = innovation * innovation / (gate * gate) - measurementVariance;
            // The diagonal entry lies in both the row and the column, so it is scaled by factor².
            float factor = FloatMath.Sqrt(target / storedVariance);
            for (int j = 0; j < n; j++)
            {
                x[p + s * n + j] *= factor;
                x[p + j * n + s] *= factor;
            }

            inflated = true;
        }

        // Kalman update of the SOC entry alone, with gain vector [k, 0, ..., 0]: the RC states keep their
        // decayed values. In Joseph form this gives P00 = (1 - k) P00 for the optimal k, and the SOC row
        // and column of P scale by (1 - k).
        private static void FuseSoc(float[] x, int offset, float measuredSoc, float k)
        {
            int n = SocEstimator.StateCount;
            int p = offset + n;
            int s = SocEstimator.SocStateIndex;
            x[offset + s] += k * (measuredSoc - x[offset + s]);
            for (int j = 0; j < n; j++)
            {
                x[p + s * n + j] *= 1f - k;
                if (j != s)
                {
                    x[p + j * n + s] *= 1f - k;
                }
            }
        }

        // Multiplies state entry i by factor and its covariance row and column to match (P = F P F').
        private static void ScaleStateEntry(float[] x, int offset, int i, float factor)
        {
            int n = SocEstimator.StateCount;
            int p = offset + n;
            x[offset + i] *= factor;
            for (int j = 0; j < n; j++)
            {
                x[p + i * n + j] *= factor;
                x[p + j * n + i] *= factor;
            }

            // The diagonal entry was scaled twice, as F P F' needs, but must stay positive for ImportState.
            if (!(x[p + i * n + i] > 1e-12f))
            {
                x[p + i * n + i] = 1e-12f;
            }
        }

        // Each ΔSOC is fused with the OCV difference of its cell to the mean. The remaining polarisation is
        // taken as equal in all cells, as the delta filter assumes, so it cancels except for its effect on
        // where the curve is read.
        private void CorrectDeltas(int cellCount, float[] cellVoltagesVolts, float meanVolts, float restSeconds, float temperatureCelsius)
        {
            int deltas = PackSocEstimator.ExportedDeltaOffset;
            float meanOcvSoc = InvertOpenCircuitVoltage(meanVolts - remainingPolarisationVolts, temperatureCelsius);
            float growth = restTimeKnown ? settings.SelfDischargeSocPerHour * restSeconds / SecondsPerHour : settings.UnknownRestSocStandardDeviation;
            float differenceDeviation = settings.VoltageDifferenceStandardDeviationVolts;
            for (int i = 0; i < cellCount; i++)
            {
                int varianceIndex = deltas + cellCount + i;
                state[varianceIndex] += growth * growth;
                float volts = cellVoltagesVolts[i];
                if (!FloatMath.IsFinite(volts))
                {
                    continue;
                }

                float cellOcvSoc = InvertOpenCircuitVoltage(volts - remainingPolarisationVolts, temperatureCelsius);
                float slope = model.GetOpenCircuitVoltageSlope(cellOcvSoc, temperatureCelsius);
                if (!(slope > settings.MinimumOcvSlopeVoltsPerSoc))
                {
                    continue;
                }

                float measurementVariance = differenceDeviation * differenceDeviation / (slope * slope);
                float variance = state[varianceIndex];
                float k = variance / (variance + measurementVariance);
                float delta = state[deltas + i];
                state[deltas + i] = FloatMath.Clamp(delta + k * (cellOcvSoc - meanOcvSoc - delta), -1f, 1f);
                state[varianceIndex] = (1f - k) * variance;
            }
        }

        private static void Import(bool imported)
        {
            if (!imported)
            {
                throw new InvalidOperationException("The corrected SOC state was rejected by the estimator. Reset the estimator instead.");
            }
        }

        private static void CheckTemperature(float temperatureCelsius)
        {
            if (!FloatMath.IsFinite(temperatureCelsius))
            {
                throw new ArgumentException("temperatureCelsius = " + temperatureCelsius + " is not a finite number. Pass the cell temperature read at start-up.", "temperatureCelsius");
            }
        }
    }
}

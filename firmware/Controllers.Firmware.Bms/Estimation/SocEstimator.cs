using System;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Bms.Estimation
{
    /// <summary>
    /// Extended Kalman filter for one cell with state [SOC, V1, V2, b] (SOC as a fraction, RC branch voltages
    /// in volts, b the current-sensor offset in amperes as a random walk). The prediction integrates the
    /// charge that the fast current task counted over the step minus b times the step (coulomb counting),
    /// and the correction compares the measured terminal voltage with <see cref="CellModel"/>. Every array is allocated in the constructor; <see cref="Step"/> allocates
    /// nothing.
    /// </summary>
    public sealed class SocEstimator
    {
        private const float SecondsPerHour = 3600f;

        // How far outside 0 to 1 the internal SOC state may go; see Correct.
        private const float StateMargin = 0.1f;

        /// <summary>Entries of the state vector, in the order <see cref="ExportState"/> writes them.</summary>
        public const int StateCount = 4;

        /// <summary>Index of the SOC in the state vector.</summary>
        public const int SocStateIndex = 0;

        /// <summary>Index of the fast RC branch voltage in the state vector.</summary>
        public const int FastBranchStateIndex = 1;

        /// <summary>Index of the slow RC branch voltage in the state vector.</summary>
        public const int SlowBranchStateIndex = 2;

        /// <summary>Index of the current-sensor offset in the state vector.</summary>
        public const int CurrentBiasStateIndex = 3;

        /// <summary>Floats that <see cref="ExportState"/> writes: the state vector, then its covariance row by row.</summary>
        public const int ExportedStateLength = StateCount + StateCount * StateCount;

        private readonly CellModel model;
        private readonly SocEstimatorSettings settings;
        private readonly ImpedanceValues impedance = new ImpedanceValues();

        // Floor of each variance after a correction, so the covariance stays positive definite in float.
        private const float MinimumVariance = 1e-12f;

        // Covariance, row-major 4 x 4 in state order [SOC, V1, V2, current offset].
        private readonly float[] covariance = new float[StateCount * StateCount];

        // Scratch space of one step.
        private readonly float[] product = new float[StateCount * StateCount];
        private readonly float[] updated = new float[StateCount * StateCount];
        private readonly float[] transitionDiagonal = new float[StateCount];
        private readonly float[] biasColumn = new float[StateCount];
        private readonly float[] measurementRow = new float[StateCount];
        private readonly float[] crossCovariance = new float[StateCount];
        private readonly float[] gain = new float[StateCount];
        private readonly float[] projected = new float[StateCount];
        private readonly bool biasEnabled;

        private float soc;
        private float socCompensation;
        private float fastBranchVolts;
        private float slowBranchVolts;
        private float currentBias;
        private float hysteresisVolts;
        private float lastModelVoltage;
        private float lastInnovation;
        private bool initialized;
        private long rejectedInputCount;

        /// <summary>Creates an estimator; throws <see cref="ArgumentException"/> when a setting or parameter is invalid.</summary>
        public SocEstimator(CellParameters parameters, SocEstimatorSettings settings)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            settings.Validate();
            model = new CellModel(parameters);
            this.settings = settings;
            biasEnabled = settings.InitialCurrentBiasStandardDeviationAmperes > 0f || settings.CurrentBiasRandomWalkAmperesPerSqrtSecond > 0f;
        }

        /// <summary>The cell model the filter runs.</summary>
        public CellModel Model
        {
            get { return model; }
        }

        /// <summary>Estimated SOC as a fraction of <see cref="CellParameters.CapacityAmpereHours"/>, within 0 to 1.</summary>
        public float StateOfCharge
        {
            get { return FloatMath.Clamp(soc, 0f, 1f); }
        }

        /// <summary>One standard deviation of the SOC estimate, as a fraction.</summary>
        public float StateOfChargeStandardDeviation
        {
            get { return FloatMath.Sqrt(covariance[0]); }
        }

        /// <summary>Estimated voltage across the fast RC branch, in volts.</summary>
        public float FastBranchVolts
        {
            get { return fastBranchVolts; }
        }

        /// <summary>Estimated voltage across the slow RC branch, in volts.</summary>
        public float SlowBranchVolts
        {
            get { return slowBranchVolts; }
        }

        /// <summary>
        /// Estimated current-sensor offset, in amperes: measured minus true current. Zero when the settings
        /// turn the offset state off.
        /// </summary>
        public float CurrentBiasAmperes
        {
            get { return currentBias; }
        }

        /// <summary>One standard deviation of <see cref="CurrentBiasAmperes"/>, in amperes.</summary>
        public float CurrentBiasStandardDeviationAmperes
        {
            get { return FloatMath.Sqrt(covariance[15]); }
        }

        /// <summary>
        /// Hysteresis voltage added to OCV, in volts. It follows the counted charge through
        /// <see cref="CellModel.StepHysteresis"/> and is not corrected by the measurement.
        /// </summary>
        public float HysteresisVolts
        {
            get { return hysteresisVolts; }
        }

        /// <summary>Terminal voltage the model predicted before the latest correction, in volts.</summary>
        public float LastModelVoltageVolts
        {
            get { return lastModelVoltage; }
        }

        /// <summary>Measured minus predicted terminal voltage at the latest correction, in volts.</summary>
        public float LastInnovationVolts
        {
            get { return lastInnovation; }
        }

        /// <summary>
        /// Steps whose prediction or correction was skipped because an input was NaN, infinite or a
        /// negative time. Skipping keeps one failed reading from poisoning the state for the rest of the drive.
        /// </summary>
        public long RejectedInputCount
        {
            get { return rejectedInputCount; }
        }

        /// <summary>True after <see cref="Reset"/>.</summary>
        public bool IsInitialized
        {
            get { return initialized; }
        }

        /// <summary>
        /// Starts the filter at <paramref name="initialSoc"/> (fraction) with relaxed RC branches, for
        /// example from the SOC stored at shut-down or from OCV after a rest.
        /// </summary>
        public void Reset(float initialSoc)
        {
            soc = FloatMath.Clamp(initialSoc, 0f, 1f);
            socCompensation = 0f;
            fastBranchVolts = 0f;
            slowBranchVolts = 0f;
            currentBias = 0f;

            // NOTE: the hysteresis voltage starts at zero because its value at shut-down is not stored. After a
            // reset it can be off by up to the magnitude M until about 3 / rate of SOC has been moved.
            hysteresisVolts = 0f;
            lastModelVoltage = 0f;
            lastInnovation = 0f;
            for (int i = 0; i < covariance.Length; i++)
            {
                covariance[i] = 0f;
            }

            float socDeviation = settings.InitialSocStandardDeviation;
            covariance[0] = socDeviation * socDeviation;

            // A branch voltage can be up to a few tens of millivolts when the filter starts under load.
            covariance[5] = 0.03f * 0.03f;
            covariance[10] = 0.03f * 0.03f;
            float biasDeviation = settings.InitialCurrentBiasStandardDeviationAmperes;
            covariance[15] = biasDeviation * biasDeviation;
            initialized = true;
        }

        /// <summary>
        /// Runs one prediction and correction.
        /// <paramref name="chargeAmpereSeconds"/> is the charge counted since the previous step over
        /// <paramref name="elapsedSeconds"/> (positive when charging); <paramref name="voltageVolts"/> and
        /// <paramref name="currentAmperes"/> are a cell voltage and the current sampled together.
        /// </summary>
        public void Step(float chargeAmpereSeconds, float elapsedSeconds, float voltageVolts, float currentAmperes, float temperatureCelsius)
        {
            if (!initialized)
            {
                throw new InvalidOperationException("Call Reset with an initial SOC before Step.");
            }

            if (!FloatMath.IsFinite(temperatureCelsius))
            {
                rejectedInputCount++;
                return;
            }

            if (!FloatMath.IsFinite(chargeAmpereSeconds) || !FloatMath.IsFinite(elapsedSeconds) || elapsedSeconds < 0f)
            {
                rejectedInputCount++;
            }
            else if (elapsedSeconds > 0f)
            {
                Predict(chargeAmpereSeconds, elapsedSeconds, temperatureCelsius);
            }

            if (!FloatMath.IsFinite(voltageVolts) || !FloatMath.IsFinite(currentAmperes))
            {
                rejectedInputCount++;
                return;
            }

            Correct(voltageVolts, currentAmperes, temperatureCelsius);
        }

        /// <summary>
        /// Copies the filter state, [SOC, V1, V2] and its covariance row by row, into
        /// <paramref name="destination"/> from <paramref name="offset"/>, for saving across a power cycle.
        /// The SOC is the internal state, which may lie slightly outside 0 to 1.
        /// </summary>
        public void ExportState(float[] destination, int offset)
        {
            if (!initialized)
            {
                throw new InvalidOperationException("Call Reset or ImportState before ExportState.");
            }

            CheckStateBuffer(destination, offset, "destination");
            for (int i = 0; i < StateCount; i++)
            {
                destination[offset + i] = GetStateValue(i);
            }

            Array.Copy(covariance, 0, destination, offset + StateCount, covariance.Length);
        }

        /// <summary>
        /// Restores a state that <see cref="ExportState"/> wrote. Returns false and leaves the filter unchanged
        /// when a value is not finite, a variance is not positive, a covariance is asymmetric or exceeds the
        /// product of its standard deviations, or the SOC lies outside the state's range, because the caller should then
        /// start afresh with <see cref="Reset"/>. Throws <see cref="ArgumentException"/> when the buffer is too short.
        /// </summary>
        public bool ImportState(float[] source, int offset)
        {
            CheckStateBuffer(source, offset, "source");
            int size = StateCount;
            for (int i = 0; i < ExportedStateLength; i++)
            {
                if (!FloatMath.IsFinite(source[offset + i]))
                {
                    return false;
                }
            }

            float socState = source[offset + SocStateIndex];
            if (socState < -StateMargin || socState > 1f + StateMargin)
            {
                return false;
            }

            int p = offset + size;
            for (int row = 0; row < size; row++)
            {
                float rowVariance = source[p + row * size + row];
                // With the offset state switched off by the settings, its variance stays exactly zero.
                bool fixedOffset = row == CurrentBiasStateIndex && !biasEnabled && rowVariance == 0f && source[offset + row] == 0f;
                if (!(rowVariance > 0f) && !fixedOffset)
                {
                    return false;
                }

                for (int column = 0; column < row; column++)
                {
                    float value = source[p + row * size + column];
                    float columnVariance = source[p + column * size + column];
                    // The 0.01 % margin absorbs float rounding at a correlation of ±1.
                    if (value != source[p + column * size + row] || value * value > rowVariance * columnVariance * 1.0001f)
                    {
                        return false;
                    }
                }
            }

            for (int i = 0; i < size; i++)
            {
                SetStateValue(i, source[offset + i]);
            }

            Array.Copy(source, p, covariance, 0, covariance.Length);
            socCompensation = 0f;
            lastModelVoltage = 0f;
            lastInnovation = 0f;
            initialized = true;
            return true;
        }

        private float GetStateValue(int index)
        {
            switch (index)
            {
                case SocStateIndex: return soc;
                case FastBranchStateIndex: return fastBranchVolts;
                case SlowBranchStateIndex: return slowBranchVolts;
                case CurrentBiasStateIndex: return currentBias;
                default: throw new ArgumentOutOfRangeException("index");
            }
        }

        private void SetStateValue(int index, float value)
        {
            switch (index)
            {
                case SocStateIndex: soc = value; break;
                case FastBranchStateIndex: fastBranchVolts = value; break;
                case SlowBranchStateIndex: slowBranchVolts = value; break;
                case CurrentBiasStateIndex: currentBias = value; break;
                default: throw new ArgumentOutOfRangeException("index");
            }
        }

        private void CheckStateBuffer(float[] buffer, int offset, string name)
        {
            if (buffer == null || offset < 0 || offset + ExportedStateLength > buffer.Length)
            {
                throw new ArgumentException("The buffer must hold " + ExportedStateLength + " floats from offset " + offset + ".", name);
            }
        }

        private void Predict(float chargeAmpereSeconds, float elapsedSeconds, float temperatureCelsius)
        {
            CellParameters parameters = model.Parameters;
            model.GetImpedance(soc, temperatureCelsius, impedance);
            float capacityAmpereSeconds = SecondsPerHour * model.GetCapacityAmpereHours(temperatureCelsius);
            float fastDecay = CellModel.GetBranchDecay(elapsedSeconds, impedance.FastBranchTimeConstantSeconds);
            float slowDecay = CellModel.GetBranchDecay(elapsedSeconds, impedance.SlowBranchTimeConstantSeconds);

            // The counted charge includes the sensor offset, so the true charge is q - b dt.
            float correctedCharge = chargeAmpereSeconds - currentBias * elapsedSeconds;
            float averageCurrent = correctedCharge / elapsedSeconds;

            // Coulomb counting, summed with Kahan compensation: a 100 ms step at low current changes SOC
            // by less than the float resolution near 1.
            float efficiency = correctedCharge > 0f ? parameters.ChargeEfficiency : 1f;
            float socPerAmpereSecond = efficiency / capacityAmpereSeconds;
            float socChange = socPerAmpereSecond * correctedCharge;
            float corrected = socChange - socCompensation;
            float sum = soc + corrected;
            socCompensation = (sum - soc) - corrected;
            soc = sum;
            hysteresisVolts = model.StepHysteresis(hysteresisVolts, socChange, temperatureCelsius);

            float fastGain = impedance.FastBranchResistanceOhms * (1f - fastDecay);
            float slowGain = impedance.SlowBranchResistanceOhms * (1f - slowDecay);
            fastBranchVolts = fastDecay * fastBranchVolts + fastGain * averageCurrent;
            slowBranchVolts = slowDecay * slowBranchVolts + slowGain * averageCurrent;

            // F = D + c e3' with D = diag(1, fastDecay, slowDecay, 1) and c = d(state)/d(bias) =
            // [-efficiency dt / capacity, -R1 (1 - a1), -R2 (1 - a2), 0].
            float[] d = transitionDiagonal;
            float[] c = biasColumn;
            d[0] = 1f;
            d[1] = fastDecay;
            d[2] = slowDecay;
            d[3] = 1f;
            c[0] = -socPerAmpereSecond * elapsedSeconds;
            c[1] = -fastGain;
            c[2] = -slowGain;
            c[3] = 0f;
            PropagateCovariance(d, c);

            float currentNoiseSoc = settings.CurrentNoiseAmperes * elapsedSeconds / capacityAmpereSeconds;
            float socWalk = settings.SocRandomWalkPerSqrtSecond;
            float branchWalk = settings.BranchVoltageRandomWalkPerSqrtSecond;
            float biasWalk = settings.CurrentBiasRandomWalkAmperesPerSqrtSecond;
            float[] p = covariance;
            p[0] += currentNoiseSoc * currentNoiseSoc + socWalk * socWalk * elapsedSeconds;
            p[5] += branchWalk * branchWalk * elapsedSeconds;
            p[10] += branchWalk * branchWalk * elapsedSeconds;
            if (biasEnabled)
            {
                p[15] += biasWalk * biasWalk * elapsedSeconds;
            }
        }

        // P = F P F' for F = D + c e3' (D diagonal, c the bias column), without forming F: row i of F P is
        // d[i] P[i, :] + c[i] P[3, :], and entry (i, j) of (F P) F' is d[j] (F P)[i, j] + c[j] (F P)[i, 3].
        private void PropagateCovariance(float[] d, float[] c)
        {
            float[] p = covariance;
            float[] fp = product;
            for (int row = 0; row < StateCount; row++)
            {
                for (int column = 0; column < StateCount; column++)
                {
                    fp[row * StateCount + column] = d[row] * p[row * StateCount + column] + c[row] * p[3 * StateCount + column];
                }
            }

            for (int row = 0; row < StateCount; row++)
            {
                float lastColumn = fp[row * StateCount + 3];
                for (int column = row; column < StateCount; column++)
                {
                    float value = d[column] * fp[row * StateCount + column] + c[column] * lastColumn;
                    p[row * StateCount + column] = value;
                    p[column * StateCount + row] = value;
                }
            }
        }

        private void Correct(float voltageVolts, float currentAmperes, float temperatureCelsius)
        {
            model.GetImpedance(soc, temperatureCelsius, impedance);
            float ocv = model.GetOpenCircuitVoltage(soc, temperatureCelsius);
            float slope = model.GetOpenCircuitVoltageSlope(soc, temperatureCelsius);
            float cellCurrent = currentAmperes - currentBias;
            float r0 = model.GetOhmicResistanceOhms(impedance, cellCurrent);
            lastModelVoltage = ocv + hysteresisVolts + r0 * cellCurrent + fastBranchVolts + slowBranchVolts;
            lastInnovation = voltageVolts - lastModelVoltage;

            // H = [slope, 1, 1, -dU0/dI] with U0 = R0(I) I the ohmic drop (the offset state enters through it);
            // dU0/dI is R0 outside the direction dead band. PH' is h, S = H h + R.
            float[] hRow = measurementRow;
            hRow[0] = slope;
            hRow[1] = 1f;
            hRow[2] = 1f;
            hRow[3] = biasEnabled ? -model.GetIncrementalOhmicResistanceOhms(impedance, cellCurrent) : 0f;
            float[] p = covariance;
            float[] h = crossCovariance;
            for (int row = 0; row < StateCount; row++)
            {
                h[row] = p[row * StateCount] * hRow[0] + p[row * StateCount + 1] * hRow[1] + p[row * StateCount + 2] * hRow[2] + p[row * StateCount + 3] * hRow[3];
            }

            float noiseVariance = settings.VoltageNoiseVolts * settings.VoltageNoiseVolts;
            float innovationVariance = hRow[0] * h[0] + hRow[1] * h[1] + hRow[2] * h[2] + hRow[3] * h[3] + noiseVariance;
            if (!(innovationVariance > 0f))
            {
                return;
            }

            float[] k = gain;
            for (int row = 0; row < StateCount; row++)
            {
                k[row] = h[row] / innovationVariance;
            }

            // The state may pass the ends of the SOC range a little. Clamping it at 0 or 1 would drop the
            // SOC correction that the covariance already assumes, and the RC branch voltages would then
            // absorb the innovation step after step and diverge.
            soc = FloatMath.Clamp(soc + k[0] * lastInnovation, -StateMargin, 1f + StateMargin);
            socCompensation = 0f;
            fastBranchVolts += k[1] * lastInnovation;
            slowBranchVolts += k[2] * lastInnovation;
            if (biasEnabled)
            {
                currentBias += k[3] * lastInnovation;
            }

            UpdateCovarianceJoseph(hRow, h, k, noiseVariance);
        }

        // Joseph form P = (I - K H) P (I - K H)' + K R K': the short form P - K S K' loses positive
        // definiteness in float once the SOC variance is small, and the gain then explodes. With A = I - K H
        // the products need no matrix A: A P = P - K h' (h = P H'), and (A P) A' = A P - m K' with
        // m = (A P) H'. The result is written symmetric with each variance floored, and a covariance whose
        // square exceeds the product of its two variances is cut back to that bound, so every 2 x 2
        // principal minor stays non-negative.
        private void UpdateCovarianceJoseph(float[] hRow, float[] h, float[] k, float noiseVariance)
        {
            float[] p = covariance;
            float[] ap = product;
            for (int row = 0; row < StateCount; row++)
            {
                for (int column = 0; column < StateCount; column++)
                {
                    ap[row * StateCount + column] = p[row * StateCount + column] - k[row] * h[column];
                }
            }

            float[] m = projected;
            for (int row = 0; row < StateCount; row++)
            {
                m[row] = ap[row * StateCount] * hRow[0] + ap[row * StateCount + 1] * hRow[1] + ap[row * StateCount + 2] * hRow[2] + ap[row * StateCount + 3] * hRow[3];
            }

            // Upper triangle of A P A' + K R K' into the scratch matrix, then floored and mirrored into P.
            float[] result = updated;
            for (int row = 0; row < StateCount; row++)
            {
                float kNoise = k[row] * noiseVariance;
                for (int column = row; column < StateCount; column++)
                {
                    result[row * StateCount + column] = ap[row * StateCount + column] - m[row] * k[column] + kNoise * k[column];
                }
            }

            for (int row = 0; row < StateCount; row++)
            {
                int diagonal = row * StateCount + row;
                p[diagonal] = FloatMath.Max(result[diagonal], MinimumVariance);
            }

            if (!biasEnabled)
            {
                p[15] = 0f;
            }

            for (int row = 0; row < StateCount; row++)
            {
                for (int column = row + 1; column < StateCount; column++)
                {
                    float value = result[row * StateCount + column];
                    float bound = p[row * StateCount + row] * p[column * StateCount + column];
                    if (value * value > bound)
                    {
                        float limit = FloatMath.Sqrt(bound);
                        value = value > 0f ? limit : -limit;
                    }

                    p[row * StateCount + column] = value;
                    p[column * StateCount + row] = value;
                }
            }
        }
    }
}

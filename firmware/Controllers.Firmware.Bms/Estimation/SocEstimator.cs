using System;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Bms.Estimation
{
    /// <summary>
    /// Extended Kalman filter for one cell with state [SOC, V1, V2] (SOC as a fraction, RC branch voltages
    /// in volts). The prediction integrates the charge that the fast current task counted over the step
    /// (coulomb counting), and the correction compares the measured terminal voltage with
    /// <see cref="CellModel"/>. Every array is allocated in the constructor; <see cref="Step"/> allocates
    /// nothing.
    /// </summary>
    public sealed class SocEstimator
    {
        private const float SecondsPerHour = 3600f;

        // How far outside 0 to 1 the internal SOC state may go; see Correct.
        private const float StateMargin = 0.1f;

        /// <summary>Entries of the state vector, in the order <see cref="ExportState"/> writes them.</summary>
        public const int StateCount = 3;

        /// <summary>Index of the SOC in the state vector.</summary>
        public const int SocStateIndex = 0;

        /// <summary>Index of the fast RC branch voltage in the state vector.</summary>
        public const int FastBranchStateIndex = 1;

        /// <summary>Index of the slow RC branch voltage in the state vector.</summary>
        public const int SlowBranchStateIndex = 2;

        /// <summary>Floats that <see cref="ExportState"/> writes: the state vector, then its covariance row by row.</summary>
        public const int ExportedStateLength = StateCount + StateCount * StateCount;

        private readonly CellModel model;
        private readonly SocEstimatorSettings settings;
        private readonly ImpedanceValues impedance = new ImpedanceValues();

        // Covariance, row-major 3 x 3.
        private readonly float[] covariance = new float[StateCount * StateCount];
        private readonly float[] predicted = new float[9];
        private readonly float[] updated = new float[9];

        private float soc;
        private float socCompensation;
        private float fastBranchVolts;
        private float slowBranchVolts;
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
            lastModelVoltage = 0f;
            lastInnovation = 0f;
            for (int i = 0; i < 9; i++)
            {
                covariance[i] = 0f;
            }

            float socDeviation = settings.InitialSocStandardDeviation;
            covariance[0] = socDeviation * socDeviation;

            // A branch voltage can be up to a few tens of millivolts when the filter starts under load.
            covariance[4] = 0.03f * 0.03f;
            covariance[8] = 0.03f * 0.03f;
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
                if (!(rowVariance > 0f))
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
            float averageCurrent = chargeAmpereSeconds / elapsedSeconds;
            float fastDecay = CellModel.GetBranchDecay(elapsedSeconds, impedance.FastBranchTimeConstantSeconds);
            float slowDecay = CellModel.GetBranchDecay(elapsedSeconds, impedance.SlowBranchTimeConstantSeconds);

            // Coulomb counting, summed with Kahan compensation: a 100 ms step at low current changes SOC
            // by less than the float resolution near 1.
            float efficiency = chargeAmpereSeconds > 0f ? parameters.ChargeEfficiency : 1f;
            float socChange = efficiency * chargeAmpereSeconds / (SecondsPerHour * parameters.CapacityAmpereHours);
            float corrected = socChange - socCompensation;
            float sum = soc + corrected;
            socCompensation = (sum - soc) - corrected;
            soc = sum;

            fastBranchVolts = fastDecay * fastBranchVolts + impedance.FastBranchResistanceOhms * (1f - fastDecay) * averageCurrent;
            slowBranchVolts = slowDecay * slowBranchVolts + impedance.SlowBranchResistanceOhms * (1f - slowDecay) * averageCurrent;

            // P = F P F' + Q with F = diag(1, fastDecay, slowDecay).
            float[] p = covariance;
            float currentNoiseSoc = settings.CurrentNoiseAmperes * elapsedSeconds / (SecondsPerHour * parameters.CapacityAmpereHours);
            float socWalk = settings.SocRandomWalkPerSqrtSecond;
            float branchWalk = settings.BranchVoltageRandomWalkPerSqrtSecond;
            p[0] = p[0] + currentNoiseSoc * currentNoiseSoc + socWalk * socWalk * elapsedSeconds;
            p[1] = p[1] * fastDecay;
            p[2] = p[2] * slowDecay;
            p[4] = p[4] * fastDecay * fastDecay + branchWalk * branchWalk * elapsedSeconds;
            p[5] = p[5] * fastDecay * slowDecay;
            p[8] = p[8] * slowDecay * slowDecay + branchWalk * branchWalk * elapsedSeconds;
            p[3] = p[1];
            p[6] = p[2];
            p[7] = p[5];
        }

        private void Correct(float voltageVolts, float currentAmperes, float temperatureCelsius)
        {
            model.GetImpedance(soc, temperatureCelsius, impedance);
            float ocv = model.GetOpenCircuitVoltage(soc, temperatureCelsius);
            float slope = model.GetOpenCircuitVoltageSlope(soc, temperatureCelsius);
            lastModelVoltage = ocv + impedance.OhmicResistanceOhms * currentAmperes + fastBranchVolts + slowBranchVolts;
            lastInnovation = voltageVolts - lastModelVoltage;

            // H = [slope, 1, 1]; PH' is column h, S = H P H' + R.
            float[] p = covariance;
            float h0 = slope * p[0] + p[1] + p[2];
            float h1 = slope * p[3] + p[4] + p[5];
            float h2 = slope * p[6] + p[7] + p[8];
            float noise = settings.VoltageNoiseVolts;
            float innovationVariance = slope * h0 + h1 + h2 + noise * noise;
            if (!(innovationVariance > 0f))
            {
                return;
            }

            float k0 = h0 / innovationVariance;
            float k1 = h1 / innovationVariance;
            float k2 = h2 / innovationVariance;

            // The state may pass the ends of the SOC range a little. Clamping it at 0 or 1 would drop the
            // SOC correction that the covariance already assumes, and the RC branch voltages would then
            // absorb the innovation step after step and diverge.
            soc = FloatMath.Clamp(soc + k0 * lastInnovation, -StateMargin, 1f + StateMargin);
            socCompensation = 0f;
            fastBranchVolts += k1 * lastInnovation;
            slowBranchVolts += k2 * lastInnovation;

            // Joseph form P = (I - K H) P (I - K H)' + K R K': the short form P - K S K' loses positive
            // definiteness in float once the SOC variance is small, and the gain then explodes.
            float[] a = predicted;
            a[0] = 1f - k0 * slope;
            a[1] = -k0;
            a[2] = -k0;
            a[3] = -k1 * slope;
            a[4] = 1f - k1;
            a[5] = -k1;
            a[6] = -k2 * slope;
            a[7] = -k2;
            a[8] = 1f - k2;
            float r = noise * noise;
            for (int row = 0; row < 3; row++)
            {
                // Row of A P, then times A' and plus K R K', for the upper triangle only.
                float ap0 = a[row * 3] * p[0] + a[row * 3 + 1] * p[3] + a[row * 3 + 2] * p[6];
                float ap1 = a[row * 3] * p[1] + a[row * 3 + 1] * p[4] + a[row * 3 + 2] * p[7];
                float ap2 = a[row * 3] * p[2] + a[row * 3 + 1] * p[5] + a[row * 3 + 2] * p[8];
                float kRow = row == 0 ? k0 : (row == 1 ? k1 : k2);
                for (int column = row; column < 3; column++)
                {
                    float kColumn = column == 0 ? k0 : (column == 1 ? k1 : k2);
                    updated[row * 3 + column] = ap0 * a[column * 3] + ap1 * a[column * 3 + 1] + ap2 * a[column * 3 + 2] + kRow * r * kColumn;
                }
            }

            p[0] = FloatMath.Max(updated[0], 1e-12f);
            p[4] = FloatMath.Max(updated[4], 1e-12f);
            p[8] = FloatMath.Max(updated[8], 1e-12f);
            p[1] = updated[1];
            p[2] = updated[2];
            p[5] = updated[5];
            p[3] = p[1];
            p[6] = p[2];
            p[7] = p[5];
        }
    }
}

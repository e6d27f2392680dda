using System;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Bms.Estimation
{
    /// <summary>
    /// SOC of every cell in a series string at a fraction of the cost of one full filter per cell. One
    /// <see cref="SocEstimator"/> runs on the average cell (mean cell voltage, string current, mean
    /// temperature). For each cell, a scalar Kalman filter estimates ΔSOC = SOC(cell) − SOC(average) from
    /// the cell's voltage difference to the mean. The battery-management literature calls this split
    /// "bar-delta" filtering.
    /// Every array is allocated in the constructor; <see cref="Step"/> allocates nothing.
    /// </summary>
    /// <remarks>
    /// NOTE: The delta filter equations here were derived for this class and not checked against a
    /// publication. The delta model assumes that every cell has the average cell's resistance and RC branches,
    /// so a cell whose resistance differs shows its I·ΔR as a false ΔSOC while current flows. Its error
    /// is bounded only by <see cref="DeltaSocSettings.VoltageDifferenceNoiseVolts"/>.
    /// </remarks>
    public sealed class PackSocEstimator
    {
        /// <summary>
        /// Minimum cell count. With one cell the mean voltage is that cell's voltage, so the average-cell
        /// filter is the cell's own filter and its ΔSOC stays at zero.
        /// </summary>
        public const int MinimumCellCount = 1;

        /// <summary>Most cells accepted.</summary>
        public const int MaximumCellCount = 1024;

        // Below this |ΔSOC| the chord through the OCV curve is too short to give a stable slope, so the
        // delta filter uses the slope at the average SOC.
        private const float MinimumChordSoc = 0.01f;

        private readonly SocEstimator averageCell;
        private readonly DeltaSocSettings deltaSettings;
        private readonly int cellCount;
        private readonly float[] deltaSoc;
        private readonly float[] deltaSocVariance;
        private readonly bool[] voltageValid;
        private readonly float[] capacityRatio;
        private readonly float capacityAmpereSeconds;
        private readonly float chargeEfficiency;

        private float meanVoltageVolts;
        private bool initialized;
        private long rejectedCellVoltageCount;

        /// <summary>
        /// Creates an estimator for <paramref name="cellCount"/> cells in series that share
        /// <paramref name="parameters"/>; throws <see cref="ArgumentException"/> when a value is invalid.
        /// </summary>
        public PackSocEstimator(CellParameters parameters, int cellCount, SocEstimatorSettings averageSettings, DeltaSocSettings deltaSettings)
        {
            if (cellCount < MinimumCellCount || cellCount > MaximumCellCount)
            {
                throw new ArgumentOutOfRangeException("cellCount", "cellCount = " + cellCount + " is outside " + MinimumCellCount + " to " + MaximumCellCount + ".");
            }

            if (deltaSettings == null)
            {
                throw new ArgumentNullException("deltaSettings");
            }

            deltaSettings.Validate();
            averageCell = new SocEstimator(parameters, averageSettings);
            this.deltaSettings = deltaSettings;
            this.cellCount = cellCount;
            deltaSoc = new float[cellCount];
            deltaSocVariance = new float[cellCount];
            voltageValid = new bool[cellCount];
            capacityRatio = new float[cellCount];
            for (int i = 0; i < cellCount; i++)
            {
                capacityRatio[i] = 1f;
            }

            capacityAmpereSeconds = 3600f * parameters.CapacityAmpereHours;
            chargeEfficiency = parameters.ChargeEfficiency;
        }

        /// <summary>Number of cells in the string.</summary>
        public int CellCount
        {
            get { return cellCount; }
        }

        /// <summary>The full filter that runs on the average cell.</summary>
        public SocEstimator AverageCell
        {
            get { return averageCell; }
        }

        /// <summary>Estimated SOC of the average cell as a fraction, within 0 to 1.</summary>
        public float AverageStateOfCharge
        {
            get { return averageCell.StateOfCharge; }
        }

        /// <summary>Mean of the valid cell voltages at the latest step, in volts (NaN when none was valid).</summary>
        public float MeanCellVoltageVolts
        {
            get { return meanVoltageVolts; }
        }

        /// <summary>
        /// Cell voltages that were NaN or infinite and left out of the mean and of their cell's correction,
        /// counted per cell and step.
        /// </summary>
        public long RejectedCellVoltageCount
        {
            get { return rejectedCellVoltageCount; }
        }

        /// <summary>True after <see cref="Reset"/>.</summary>
        public bool IsInitialized
        {
            get { return initialized; }
        }

        /// <summary>
        /// Sets the capacity of the average cell divided by the capacity of cell <paramref name="cellIndex"/> (0.5 to 2,
        /// initially 1). Each step then moves the cell's ΔSOC by the average cell's charge-counted SOC change times
        /// (ratio − 1), because a smaller cell moves further for the same charge. Call it when a capacity estimate changes.
        /// </summary>
        public void SetCapacityRatio(int cellIndex, float ratio)
        {
            CheckCellIndex(cellIndex);
            if (!(ratio >= 0.5f && ratio <= 2f))
            {
                throw new ArgumentOutOfRangeException("ratio", "ratio = " + ratio.ToString() + " is outside 0.5 to 2; pass the average cell's capacity over this cell's.");
            }

            capacityRatio[cellIndex] = ratio;
        }

        /// <summary>Returns the capacity ratio of cell <paramref name="cellIndex"/> set by <see cref="SetCapacityRatio"/>.</summary>
        public float GetCapacityRatio(int cellIndex)
        {
            CheckCellIndex(cellIndex);
            return capacityRatio[cellIndex];
        }

        /// <summary>Estimated SOC difference of cell <paramref name="cellIndex"/> to the average cell, as a fraction.</summary>
        public float GetDeltaStateOfCharge(int cellIndex)
        {
            CheckCellIndex(cellIndex);
            return deltaSoc[cellIndex];
        }

        /// <summary>Estimated SOC of cell <paramref name="cellIndex"/>: average SOC plus its ΔSOC, clamped to 0 to 1.</summary>
        public float GetCellStateOfCharge(int cellIndex)
        {
            CheckCellIndex(cellIndex);
            return FloatMath.Clamp(averageCell.StateOfCharge + deltaSoc[cellIndex], 0f, 1f);
        }

        /// <summary>
        /// One standard deviation of cell <paramref name="cellIndex"/>'s SOC, as a fraction: the root of the
        /// sum of the average-cell and delta variances.
        /// </summary>
        /// <remarks>NOTE: The sum treats the two errors as independent, which they are only approximately.</remarks>
        public float GetCellStateOfChargeStandardDeviation(int cellIndex)
        {
            CheckCellIndex(cellIndex);
            float averageDeviation = averageCell.StateOfChargeStandardDeviation;
            return FloatMath.Sqrt(averageDeviation * averageDeviation + deltaSocVariance[cellIndex]);
        }

        /// <summary>
        /// Starts every filter: the average cell at the mean of <paramref name="initialCellSoc"/> and each
        /// cell's ΔSOC at its difference to that mean. Values are clamped to 0 to 1 first.
        /// </summary>
        public void Reset(float[] initialCellSoc)
        {
            if (initialCellSoc == null || initialCellSoc.Length != cellCount)
            {
                throw new ArgumentException("initialCellSoc must have one SOC per cell (" + cellCount + " values).", "initialCellSoc");
            }

            float sum = 0f;
            for (int i = 0; i < cellCount; i++)
            {
                if (!FloatMath.IsFinite(initialCellSoc[i]))
                {
                    throw new ArgumentException("initialCellSoc[" + i + "] is not a finite number. Pass a SOC within 0 to 1.", "initialCellSoc");
                }

                sum += FloatMath.Clamp(initialCellSoc[i], 0f, 1f);
            }

            float average = sum / cellCount;
            averageCell.Reset(average);
            float deltaDeviation = deltaSettings.InitialDeltaSocStandardDeviation;
            for (int i = 0; i < cellCount; i++)
            {
                deltaSoc[i] = FloatMath.Clamp(initialCellSoc[i], 0f, 1f) - average;
                deltaSocVariance[i] = deltaDeviation * deltaDeviation;
            }

            meanVoltageVolts = 0f;
            initialized = true;
        }

        /// <summary>
        /// Starts every cell at <paramref name="initialSoc"/> (fraction), with zero ΔSOC and the initial delta
        /// uncertainty from the settings.
        /// </summary>
        public void Reset(float initialSoc)
        {
            averageCell.Reset(initialSoc);
            float deltaDeviation = deltaSettings.InitialDeltaSocStandardDeviation;
            for (int i = 0; i < cellCount; i++)
            {
                deltaSoc[i] = 0f;
                deltaSocVariance[i] = deltaDeviation * deltaDeviation;
            }

            meanVoltageVolts = 0f;
            initialized = true;
        }

        /// <summary>
        /// Floats that <see cref="ExportState"/> writes: the cell count, the average cell's filter state
        /// (<see cref="SocEstimator.ExportedStateLength"/>), every ΔSOC, then every ΔSOC variance.
        /// </summary>
        public int ExportedStateLength
        {
            get { return GetExportedStateLength(cellCount); }
        }

        /// <summary>Floats that <see cref="ExportState"/> writes for <paramref name="cellCount"/> cells.</summary>
        public static int GetExportedStateLength(int cellCount)
        {
            return 1 + SocEstimator.ExportedStateLength + 2 * cellCount;
        }

        /// <summary>Offset of the first ΔSOC in the exported state; the ΔSOC variances follow the <see cref="CellCount"/> deltas.</summary>
        public const int ExportedDeltaOffset = 1 + SocEstimator.ExportedStateLength;

        /// <summary>Copies the state of every filter into <paramref name="destination"/> from <paramref name="offset"/>.</summary>
        public void ExportState(float[] destination, int offset)
        {
            CheckStateBuffer(destination, offset, "destination");
            destination[offset] = cellCount;
            averageCell.ExportState(destination, offset + 1);
            int deltas = offset + ExportedDeltaOffset;
            Array.Copy(deltaSoc, 0, destination, deltas, cellCount);
            Array.Copy(deltaSocVariance, 0, destination, deltas + cellCount, cellCount);
        }

        /// <summary>
        /// Restores a state that <see cref="ExportState"/> wrote. Returns false and leaves every filter
        /// unchanged when the stored cell count differs from <see cref="CellCount"/>, a ΔSOC is not finite or
        /// outside −1 to 1, a variance is not positive, or the average cell's state is invalid (see
        /// <see cref="SocEstimator.ImportState"/>); the caller should then start afresh with <see cref="Reset(float)"/>.
        /// Throws <see cref="ArgumentException"/> when the buffer is too short.
        /// </summary>
        public bool ImportState(float[] source, int offset)
        {
            CheckStateBuffer(source, offset, "source");
            if (source[offset] != cellCount)
            {
                return false;
            }

            int deltas = offset + ExportedDeltaOffset;
            for (int i = 0; i < cellCount; i++)
            {
                float delta = source[deltas + i];
                float variance = source[deltas + cellCount + i];
                if (!FloatMath.IsFinite(delta) || delta < -1f || delta > 1f || !FloatMath.IsFinite(variance) || !(variance > 0f))
                {
                    return false;
                }
            }

            if (!averageCell.ImportState(source, offset + 1))
            {
                return false;
            }

            Array.Copy(source, deltas, deltaSoc, 0, cellCount);
            Array.Copy(source, deltas + cellCount, deltaSocVariance, 0, cellCount);
            meanVoltageVolts = 0f;
            initialized = true;
            return true;
        }

        /// <summary>
        /// Runs one step of the average-cell filter and of every delta filter.
        /// <paramref name="chargeAmpereSeconds"/> is the string charge counted over
        /// <paramref name="elapsedSeconds"/> (positive when charging). <paramref name="cellVoltagesVolts"/>
        /// (one per cell) and <paramref name="currentAmperes"/> are sampled together. A cell voltage that is
        /// NaN or infinite is left out of the mean, and its delta filter only predicts. Every delta filter only
        /// predicts while |current| exceeds <see cref="DeltaSocSettings.MaximumCorrectionCurrentAmperes"/>.
        /// </summary>
        public void Step(float chargeAmpereSeconds, float elapsedSeconds, float[] cellVoltagesVolts, float currentAmperes, float averageTemperatureCelsius)
        {
            if (!initialized)
            {
                throw new InvalidOperationException("Call Reset with the initial SOC before Step.");
            }

            if (cellVoltagesVolts == null || cellVoltagesVolts.Length != cellCount)
            {
                throw new ArgumentException("cellVoltagesVolts must have one voltage per cell (" + cellCount + " values).", "cellVoltagesVolts");
            }

            meanVoltageVolts = MeanOfValidVoltages(cellVoltagesVolts);
            averageCell.Step(chargeAmpereSeconds, elapsedSeconds, meanVoltageVolts, currentAmperes, averageTemperatureCelsius);

            // The same checks as the average-cell filter, so that both skip the same steps.
            if (!FloatMath.IsFinite(averageTemperatureCelsius))
            {
                return;
            }

            if (FloatMath.IsFinite(elapsedSeconds) && elapsedSeconds > 0f)
            {
                PredictDeltas(elapsedSeconds, chargeAmpereSeconds);
            }

            if (!FloatMath.IsFinite(meanVoltageVolts) || !FloatMath.IsFinite(currentAmperes))
            {
                return;
            }

            if (FloatMath.Abs(currentAmperes) > deltaSettings.MaximumCorrectionCurrentAmperes)
            {
                return;
            }

            CorrectDeltas(cellVoltagesVolts, averageTemperatureCelsius);
        }

        private float MeanOfValidVoltages(float[] cellVoltagesVolts)
        {
            float sum = 0f;
            int valid = 0;
            for (int i = 0; i < cellCount; i++)
            {
                bool isValid = FloatMath.IsFinite(cellVoltagesVolts[i]);
                voltageValid[i] = isValid;
                if (isValid)
                {
                    sum += cellVoltagesVolts[i];
                    valid++;
                }
                else
                {
                    rejectedCellVoltageCount++;
                }
            }

            return valid > 0 ? sum / valid : float.NaN;
        }

        // Each ΔSOC is a random walk, because the string current moves every cell alike. A cell whose capacity
        // differs from the average cell's also drifts by the charge-counted SOC change times (ratio − 1). With
        // every ratio at 1, the random walk alone covers that drift.
        private void PredictDeltas(float elapsedSeconds, float chargeAmpereSeconds)
        {
            float walk = deltaSettings.DeltaSocRandomWalkPerSqrtSecond;
            float processVariance = walk * walk * elapsedSeconds;
            float averageSocChange = 0f;
            if (FloatMath.IsFinite(chargeAmpereSeconds))
            {
                float efficiency = chargeAmpereSeconds > 0f ? chargeEfficiency : 1f;
                averageSocChange = efficiency * chargeAmpereSeconds / capacityAmpereSeconds;
            }

            for (int i = 0; i < cellCount; i++)
            {
                deltaSoc[i] = FloatMath.Clamp(deltaSoc[i] + averageSocChange * (capacityRatio[i] - 1f), -1f, 1f);
                deltaSocVariance[i] += processVariance;
            }
        }

        // Measurement of cell i: v(i) − mean = OCV(SOC + ΔSOC(i)) − OCV(SOC) + noise, where SOC is the average
        // cell's. Resistance and RC branch voltages are taken as equal in all cells, so they cancel. The
        // predicted difference uses the OCV table itself, so a cell far from the average is not biased by
        // the curvature of the OCV curve. Its slope (the filter's H) is the chord from SOC to SOC + ΔSOC,
        // or the slope at SOC when the chord is short.
        private void CorrectDeltas(float[] cellVoltagesVolts, float temperatureCelsius)
        {
            CellModel model = averageCell.Model;
            float averageSoc = averageCell.StateOfCharge;
            float averageOcv = model.GetOpenCircuitVoltage(averageSoc, temperatureCelsius);
            float averageSlope = model.GetOpenCircuitVoltageSlope(averageSoc, temperatureCelsius);
            float noise = deltaSettings.VoltageDifferenceNoiseVolts;
            float noiseVariance = noise * noise;

            for (int i = 0; i < cellCount; i++)
            {
                if (!voltageValid[i])
                {
                    continue;
                }

                float delta = deltaSoc[i];
                float measured = cellVoltagesVolts[i] - meanVoltageVolts;
                float predicted = model.GetOpenCircuitVoltage(averageSoc + delta, temperatureCelsius) - averageOcv;
                float innovation = measured - predicted;

                float slope = averageSlope;
                if (delta > MinimumChordSoc || delta < -MinimumChordSoc)
                {
                    float chord = predicted / delta;
                    if (chord > 0f)
                    {
                        slope = chord;
                    }
                }

                float variance = deltaSocVariance[i];
                float gain = variance * slope / (slope * slope * variance + noiseVariance);
                deltaSoc[i] = FloatMath.Clamp(delta + gain * innovation, -1f, 1f);

                // Scalar form of P = (1 − K H) P. K H stays below 1 because the noise variance is positive.
                deltaSocVariance[i] = FloatMath.Max((1f - gain * slope) * variance, 1e-12f);
            }
        }

        private void CheckStateBuffer(float[] buffer, int offset, string name)
        {
            if (buffer == null || offset < 0 || offset + ExportedStateLength > buffer.Length)
            {
                throw new ArgumentException("The buffer must hold " + ExportedStateLength + " floats from offset " + offset + " for " + cellCount + " cells.", name);
            }
        }

        private void CheckCellIndex(int cellIndex)
        {
            if (cellIndex < 0 || cellIndex >= cellCount)
            {
                throw new ArgumentOutOfRangeException("cellIndex", "cellIndex = " + cellIndex + " is outside 0 to " + (cellCount - 1) + ".");
            }
        }
    }
}

using System;
using Controllers.Firmware.Bms.Estimation;
using Controllers.Firmware.Common.Numerics;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Bms.Tasks
{
    /// <summary>
    /// State estimation of a series string on the master: SOC of every cell by <see cref="PackSocEstimator"/>,
    /// and per cell an R0 estimator and a capacity estimator with its <see cref="StateOfHealth"/> record.
    /// Each series element is treated as one cell at 1/P of the string current, P being
    /// <see cref="PackEstimationSettings.ParallelCells"/>, so every SOC, capacity and resistance is per cell.
    /// It must run after the voltage task within the same period and is the only consumer of the
    /// current task's charge counter. Every array is allocated in the constructor, so <see cref="Run"/>
    /// allocates nothing.
    /// </summary>
    /// <remarks>
    /// Capacity pairs come from rest points. While the per-cell current has stayed within
    /// <see cref="PackEstimationSettings.RestCurrentAmperes"/> for <see cref="PackEstimationSettings.MinimumRestSeconds"/>,
    /// the latest SOC of every cell is kept as a candidate end point. When the current leaves rest, each
    /// cell whose SOC moved by at least the capacity settings' minimum change since its previous end
    /// point adds one pair with the charge counted between the two. A cell whose SOC moved less keeps its
    /// older end point, so several short excursions add up to one pair.
    /// </remarks>
    public sealed class PackEstimationTask : IPeriodicTask
    {
        private const double SecondsPerHour = 3600.0;

        private readonly PackSocEstimator soc;
        private readonly CapacityEstimator[] capacity;
        private readonly ResistanceEstimator[] resistance;
        private readonly StateOfHealth[] health;
        private readonly CurrentSamplingTask current;
        private readonly CellVoltageSamplingTask voltages;
        private readonly TemperatureSamplingTask temperatures;
        private readonly int cellCount;
        private readonly float parallelCells;
        private readonly float nominalCapacityAmpereHours;
        private readonly float restCurrentAmperes;
        private readonly float minimumRestSeconds;
        private readonly float minimumSocChange;
        private readonly bool useEstimatedCapacity;

        // Capacity end points per cell, and the candidate taken during the present rest.
        private readonly bool[] hasEndPoint;
        private readonly float[] endPointSoc;
        private readonly float[] endPointSocDeviation;
        private readonly double[] endPointChargeAmpereHours;
        private readonly long[] endPointMicroseconds;
        private readonly float[] candidateSoc;
        private readonly float[] candidateSocDeviation;
        private double candidateChargeAmpereHours;
        private long candidateMicroseconds;
        private bool hasCandidate;

        private double countedChargeAmpereHours;
        private float restSeconds;
        private float capacityScale = 1f;
        private float meanTemperatureCelsius;
        private float packSoc;
        private float minimumCellSoc;
        private float maximumCellSoc;
        private int minimumSocCell;
        private int maximumSocCell;
        private float packCapacityStateOfHealth = 1f;
        private long stepCount;
        private long capacityUpdateCount;
        private long lastVoltageSampleCount;

        /// <summary>
        /// Creates the estimators for every cell that <paramref name="voltages"/> samples. Throws
        /// <see cref="ArgumentException"/> when a setting is invalid.
        /// </summary>
        public PackEstimationTask(CellParameters cell, PackEstimationSettings settings, CurrentSamplingTask current,
            CellVoltageSamplingTask voltages, TemperatureSamplingTask temperatures)
        {
            if (cell == null || settings == null)
            {
                throw new ArgumentNullException(cell == null ? "cell" : "settings");
            }

            if (current == null || voltages == null || temperatures == null)
            {
                throw new ArgumentNullException(current == null ? "current" : voltages == null ? "voltages" : "temperatures");
            }

            settings.Validate();
            this.current = current;
            this.voltages = voltages;
            this.temperatures = temperatures;
            cellCount = voltages.CellVoltagesVolts.Length;
            parallelCells = settings.ParallelCells;
            nominalCapacityAmpereHours = settings.Capacity.NominalCapacityAmpereHours;
            restCurrentAmperes = settings.RestCurrentAmperes;
            minimumRestSeconds = settings.MinimumRestSeconds;
            minimumSocChange = settings.Capacity.MinimumSocChange;
            useEstimatedCapacity = settings.UseEstimatedCapacity;
            if (useEstimatedCapacity && !(FloatMath.Abs(nominalCapacityAmpereHours - cell.CapacityAmpereHours) <= 1e-3f * cell.CapacityAmpereHours))
            {
                throw new ArgumentException("Capacity.NominalCapacityAmpereHours = " + nominalCapacityAmpereHours.ToString() + " differs from the cell definition's "
                    + cell.CapacityAmpereHours.ToString() + " Ah. Set it to the cell's capacity, or turn UseEstimatedCapacity off.", "settings");
            }

            soc = new PackSocEstimator(cell, cellCount, settings.Soc, settings.DeltaSoc);
            capacity = new CapacityEstimator[cellCount];
            resistance = new ResistanceEstimator[cellCount];
            health = new StateOfHealth[cellCount];
            for (int i = 0; i < cellCount; i++)
            {
                capacity[i] = new CapacityEstimator(settings.Capacity);
                resistance[i] = new ResistanceEstimator(settings.Resistance);
                health[i] = new StateOfHealth();
                health[i].Capture(capacity[i], resistance[i]);
            }

            hasEndPoint = new bool[cellCount];
            endPointSoc = new float[cellCount];
            endPointSocDeviation = new float[cellCount];
            endPointChargeAmpereHours = new double[cellCount];
            endPointMicroseconds = new long[cellCount];
            candidateSoc = new float[cellCount];
            candidateSocDeviation = new float[cellCount];
        }

        /// <summary>The SOC estimator of the string.</summary>
        public PackSocEstimator Soc
        {
            get { return soc; }
        }

        /// <summary>The full filter on the average cell; on a one-cell board it is that cell's estimator.</summary>
        public SocEstimator Estimator
        {
            get { return soc.AverageCell; }
        }

        /// <summary>Number of series cells.</summary>
        public int CellCount
        {
            get { return cellCount; }
        }

        /// <summary>Completed estimation steps.</summary>
        public long StepCount
        {
            get { return stepCount; }
        }

        /// <summary>Rest points at which at least one cell's capacity estimate took a new pair.</summary>
        public long CapacityUpdateCount
        {
            get { return capacityUpdateCount; }
        }

        /// <summary>Pack SOC: the mean of the cell SOCs after the latest step, as a fraction.</summary>
        public float PackStateOfCharge
        {
            get { return packSoc; }
        }

        /// <summary>Lowest cell SOC after the latest step, as a fraction.</summary>
        public float MinimumCellStateOfCharge
        {
            get { return minimumCellSoc; }
        }

        /// <summary>Highest cell SOC after the latest step, as a fraction.</summary>
        public float MaximumCellStateOfCharge
        {
            get { return maximumCellSoc; }
        }

        /// <summary>Index of the cell with the lowest SOC.</summary>
        public int MinimumStateOfChargeCell
        {
            get { return minimumSocCell; }
        }

        /// <summary>Index of the cell with the highest SOC.</summary>
        public int MaximumStateOfChargeCell
        {
            get { return maximumSocCell; }
        }

        /// <summary>
        /// Capacity SOH of the string: the lowest cell capacity SOH, because the weakest cell sets the charge
        /// a series string can deliver.
        /// </summary>
        public float PackCapacityStateOfHealth
        {
            get { return packCapacityStateOfHealth; }
        }

        /// <summary>Mean of all temperature channels at the latest step, in °C; every cell's model uses it.</summary>
        public float MeanTemperatureCelsius
        {
            get { return meanTemperatureCelsius; }
        }

        /// <summary>Returns the SOC of cell <paramref name="cellIndex"/>, as a fraction.</summary>
        public float GetCellStateOfCharge(int cellIndex)
        {
            return soc.GetCellStateOfCharge(cellIndex);
        }

        /// <summary>Returns the SOH record of cell <paramref name="cellIndex"/>, updated after every accepted pair or R0 step.</summary>
        public StateOfHealth GetStateOfHealth(int cellIndex)
        {
            CheckCellIndex(cellIndex);
            return health[cellIndex];
        }

        /// <summary>Returns the capacity estimator of cell <paramref name="cellIndex"/>.</summary>
        public CapacityEstimator GetCapacityEstimator(int cellIndex)
        {
            CheckCellIndex(cellIndex);
            return capacity[cellIndex];
        }

        /// <summary>Returns the R0 estimator of cell <paramref name="cellIndex"/>.</summary>
        public ResistanceEstimator GetResistanceEstimator(int cellIndex)
        {
            CheckCellIndex(cellIndex);
            return resistance[cellIndex];
        }

        /// <summary>Starts every cell's SOC filter at <paramref name="initialSoc"/> (fraction) and clears the capacity end points.</summary>
        public void Reset(float initialSoc)
        {
            soc.Reset(initialSoc);
            ClearEndPoints();
            UpdateSummary();
        }

        /// <summary>Starts each cell's SOC filter at its entry of <paramref name="initialCellSoc"/> and clears the capacity end points.</summary>
        public void Reset(float[] initialCellSoc)
        {
            soc.Reset(initialCellSoc);
            ClearEndPoints();
            UpdateSummary();
        }

        /// <summary>
        /// Brings the task in line with SOC filters and per-cell estimators that were loaded from storage:
        /// captures every cell's <see cref="StateOfHealth"/>, applies the capacity estimates to the SOC filter
        /// as a capacity pair does, clears the capacity end points and updates the SOC summary. Call it
        /// after the restore and before the first <see cref="Run"/>.
        /// </summary>
        public void ApplyRestoredState()
        {
            for (int i = 0; i < cellCount; i++)
            {
                health[i].Capture(capacity[i], resistance[i]);
            }

            capacityScale = 1f;
            for (int i = 0; i < cellCount; i++)
            {
                soc.SetCapacityRatio(i, 1f);
            }

            UpdateCapacityScale();
            ClearEndPoints();
            UpdateSummary();
        }

        /// <inheritdoc />
        public void Run(long nowMicroseconds)
        {
            if (voltages.SampleCount == lastVoltageSampleCount || !soc.IsInitialized)
            {
                // No new voltage sample: keep counting charge for the next step.
                return;
            }

            lastVoltageSampleCount = voltages.SampleCount;
            float elapsedSeconds;
            float stringCharge = current.TakeCharge(out elapsedSeconds);
            float cellCharge = stringCharge / parallelCells;
            float cellCurrent = voltages.CurrentAtSampleAmperes / parallelCells;
            float[] cellVoltages = voltages.CellVoltagesVolts;
            meanTemperatureCelsius = MeanTemperature();

            // Scaling the counted charge by nominal / estimated capacity makes the filter, which counts
            // against the cell definition's capacity, move SOC as the aged cell does.
            soc.Step(cellCharge * capacityScale, elapsedSeconds, cellVoltages, cellCurrent, meanTemperatureCelsius);
            for (int i = 0; i < cellCount; i++)
            {
                if (resistance[i].AddSample(cellVoltages[i], cellCurrent))
                {
                    health[i].Capture(capacity[i], resistance[i]);
                }
            }

            if (FloatMath.IsFinite(cellCharge))
            {
                countedChargeAmpereHours += cellCharge / SecondsPerHour;
            }

            TrackRest(cellCurrent, elapsedSeconds, nowMicroseconds);
            UpdateSummary();
            stepCount++;
        }

        private void TrackRest(float cellCurrent, float elapsedSeconds, long nowMicroseconds)
        {
            bool resting = FloatMath.IsFinite(cellCurrent) && FloatMath.Abs(cellCurrent) <= restCurrentAmperes;
            if (!resting)
            {
                if (hasCandidate)
                {
                    CommitCandidate();
                }

                restSeconds = 0f;
                return;
            }

            if (FloatMath.IsFinite(elapsedSeconds) && elapsedSeconds > 0f)
            {
                restSeconds += elapsedSeconds;
            }

            if (restSeconds < minimumRestSeconds)
            {
                return;
            }

            // The longer the rest, the closer the voltage to the OCV, so the latest rested SOC is kept.
            for (int i = 0; i < cellCount; i++)
            {
                candidateSoc[i] = soc.GetCellStateOfCharge(i);
                candidateSocDeviation[i] = soc.GetCellStateOfChargeStandardDeviation(i);
            }

            candidateChargeAmpereHours = countedChargeAmpereHours;
            candidateMicroseconds = nowMicroseconds;
            hasCandidate = true;
        }

        private void CommitCandidate()
        {
            hasCandidate = false;
            bool updated = false;
            for (int i = 0; i < cellCount; i++)
            {
                if (!hasEndPoint[i])
                {
                    MoveEndPoint(i);
                    continue;
                }

                // The capacity estimator rejects shorter pairs, so the end point stays until the change is large enough.
                float socChange = candidateSoc[i] - endPointSoc[i];
                if (FloatMath.Abs(socChange) < minimumSocChange)
                {
                    continue;
                }

                float charge = (float)(candidateChargeAmpereHours - endPointChargeAmpereHours[i]);
                float elapsed = (candidateMicroseconds - endPointMicroseconds[i]) * 1e-6f;
                if (capacity[i].AddPair(endPointSoc[i], endPointSocDeviation[i], candidateSoc[i], candidateSocDeviation[i], charge, elapsed))
                {
                    health[i].Capture(capacity[i], resistance[i]);
                    updated = true;
                }

                MoveEndPoint(i);
            }

            if (updated)
            {
                capacityUpdateCount++;
                UpdateCapacityScale();
            }
        }

        private void MoveEndPoint(int cell)
        {
            hasEndPoint[cell] = true;
            endPointSoc[cell] = candidateSoc[cell];
            endPointSocDeviation[cell] = candidateSocDeviation[cell];
            endPointChargeAmpereHours[cell] = candidateChargeAmpereHours;
            endPointMicroseconds[cell] = candidateMicroseconds;
        }

        private void UpdateCapacityScale()
        {
            float sum = 0f;
            float minimumHealth = float.MaxValue;
            for (int i = 0; i < cellCount; i++)
            {
                sum += capacity[i].CapacityAmpereHours;
                minimumHealth = FloatMath.Min(minimumHealth, health[i].CapacityStateOfHealth);
            }

            packCapacityStateOfHealth = minimumHealth;
            float mean = sum / cellCount;
            if (!useEstimatedCapacity || !(mean > 0f))
            {
                return;
            }

            // The average cell counts charge against the mean capacity, and each delta filter drifts by its
            // cell's capacity relative to that mean.
            capacityScale = nominalCapacityAmpereHours / mean;
            for (int i = 0; i < cellCount; i++)
            {
                soc.SetCapacityRatio(i, FloatMath.Clamp(mean / capacity[i].CapacityAmpereHours, 0.5f, 2f));
            }
        }

        private void ClearEndPoints()
        {
            for (int i = 0; i < cellCount; i++)
            {
                hasEndPoint[i] = false;
            }

            hasCandidate = false;
            restSeconds = 0f;
        }

        private float MeanTemperature()
        {
            float[] values = temperatures.TemperaturesCelsius;
            float sum = 0f;
            for (int i = 0; i < values.Length; i++)
            {
                sum += values[i];
            }

            return sum / values.Length;
        }

        private void UpdateSummary()
        {
            float sum = 0f;
            float minimum = float.MaxValue;
            float maximum = -float.MaxValue;
            for (int i = 0; i < cellCount; i++)
            {
                float value = soc.GetCellStateOfCharge(i);
                sum += value;
                if (value < minimum)
                {
                    minimum = value;
                    minimumSocCell = i;
                }

                if (value > maximum)
                {
                    maximum = value;
                    maximumSocCell = i;
                }
            }

            packSoc = sum / cellCount;
            minimumCellSoc = minimum;
            maximumCellSoc = maximum;
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

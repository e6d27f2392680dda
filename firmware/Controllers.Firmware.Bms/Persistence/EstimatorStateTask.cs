using System;
using Controllers.Firmware.Bms.Estimation;
using Controllers.Firmware.Bms.Tasks;
using Controllers.Firmware.Common.Numerics;
using Controllers.Firmware.Common.Scheduling;
using Controllers.Firmware.Common.Storage;

namespace Controllers.Firmware.Bms.Persistence
{
    /// <summary>
    /// Keeps the estimator state across power cycles: the SOC filter state and, when the task has them,
    /// every cell's capacity and R0 estimates. <see cref="Restore"/> runs once at start-up, with the cell
    /// voltages read before the contactors close. <see cref="Run"/> saves the state each time the executive
    /// calls it (a period of 60 s suits: a lost minute of coulomb counting is well inside the SOC
    /// uncertainty), and <see cref="SaveNow"/> saves it on a shutdown request. Saving allocates nothing.
    /// </summary>
    public sealed class EstimatorStateTask : IPeriodicTask
    {
        /// <summary>Suggested save period, in microseconds (60 s).</summary>
        public const long DefaultPeriodMicroseconds = 60000000;

        private readonly RecordStore store;
        private readonly PackSocEstimator estimator;
        private readonly IWallClock clock;
        private readonly CapacityEstimator[]? capacity;
        private readonly ResistanceEstimator[]? resistance;
        private readonly PackEstimationTask? estimation;
        private readonly EstimatorStateRecord record;
        private readonly byte[] payload;
        private readonly float[] startSoc;

        private long saveCount;
        private long failedSaveCount;
        private RecordLoadResult lastLoadResult;
        private StateRejectReason lastRejectReason;
        private int restoredHealthCellCount;

        /// <summary>
        /// Creates the task over the SOC filter and the per-cell estimators of <paramref name="estimation"/>,
        /// which it brings in line after a restore (see <see cref="PackEstimationTask.ApplyRestoredState"/>).
        /// <paramref name="store"/> must meet the conditions of the other constructor.
        /// </summary>
        public EstimatorStateTask(RecordStore store, PackEstimationTask estimation, IWallClock clock)
            : this(store, estimation == null ? null : estimation.Soc, clock, GetCapacityEstimators(estimation), GetResistanceEstimators(estimation))
        {
            this.estimation = estimation;
        }

        /// <summary>
        /// Creates the task. <paramref name="store"/> must have been built with
        /// <see cref="EstimatorStateRecord.RecordTypeId"/>, <see cref="EstimatorStateRecord.FormatVersion"/> and a
        /// maximum payload of at least <see cref="EstimatorStateRecord.GetPayloadLength"/> for the pack.
        /// <paramref name="capacity"/> and <paramref name="resistance"/> hold one estimator per cell, or are
        /// both null, and then the record stores NaN for every cell's state of health.
        /// </summary>
        public EstimatorStateTask(RecordStore store, PackSocEstimator? estimator, IWallClock clock, CapacityEstimator[]? capacity, ResistanceEstimator[]? resistance)
        {
            if (store == null || estimator == null || clock == null)
            {
                throw new ArgumentException("A record store, an estimator and a wall clock are required.", store == null ? "store" : (estimator == null ? "estimator" : "clock"));
            }

            if ((capacity == null) != (resistance == null))
            {
                throw new ArgumentException("Give both the capacity and the resistance estimators, or neither.", capacity == null ? "capacity" : "resistance");
            }

            if (capacity != null && (capacity.Length != estimator.CellCount || resistance!.Length != estimator.CellCount))
            {
                throw new ArgumentException("Give one capacity and one resistance estimator per cell: the estimator has " + estimator.CellCount
                    + " cells, the arrays " + capacity.Length + " and " + resistance!.Length + " estimators.", "capacity");
            }

            int length = EstimatorStateRecord.GetPayloadLength(estimator.CellCount);
            if (store.MaximumPayloadLength < length || store.FormatVersion != EstimatorStateRecord.FormatVersion)
            {
                throw new ArgumentException("The record store takes " + store.MaximumPayloadLength + " payload bytes of version " + store.FormatVersion
                    + "; the estimator state of " + estimator.CellCount + " cells needs " + length + " bytes of version " + EstimatorStateRecord.FormatVersion + ".", "store");
            }

            this.store = store;
            this.estimator = estimator;
            this.clock = clock;
            this.capacity = capacity;
            this.resistance = resistance;
            record = new EstimatorStateRecord(estimator.CellCount);
            payload = new byte[store.MaximumPayloadLength];
            startSoc = new float[estimator.CellCount];
        }

        /// <summary>The record last saved or restored.</summary>
        public EstimatorStateRecord Record
        {
            get { return record; }
        }

        /// <summary>Completed saves.</summary>
        public long SaveCount
        {
            get { return saveCount; }
        }

        /// <summary>Saves that the store reported as failed.</summary>
        public long FailedSaveCount
        {
            get { return failedSaveCount; }
        }

        /// <summary>What the store found at the latest <see cref="Restore"/>; the copy states are on the store.</summary>
        public RecordLoadResult LastLoadResult
        {
            get { return lastLoadResult; }
        }

        /// <summary>
        /// Reason why the latest <see cref="Restore"/> did not use the stored state or its state of health,
        /// or <see cref="StateRejectReason.None"/>.
        /// </summary>
        public StateRejectReason LastRejectReason
        {
            get { return lastRejectReason; }
        }

        /// <summary>Cells whose capacity and R0 estimators both took the stored values at the latest <see cref="Restore"/>.</summary>
        public int RestoredHealthCellCount
        {
            get { return restoredHealthCellCount; }
        }

        /// <summary>
        /// Loads the stored state into the estimators and corrects the SOC with <paramref name="correction"/>
        /// by the rest-time OCV. <paramref name="cellVoltagesVolts"/> must be read with no current flowing.
        /// When no usable record exists, every cell starts at the SOC of its OCV and every capacity and R0
        /// estimator at nominal. <see cref="LastRejectReason"/> gives the reason when a record was not used.
        /// </summary>
        public StateRestoreResult Restore(float[] cellVoltagesVolts, float temperatureCelsius, RestCorrection correction)
        {
            if (correction == null)
            {
                throw new ArgumentNullException("correction");
            }

            if (cellVoltagesVolts == null || cellVoltagesVolts.Length != estimator.CellCount)
            {
                throw new ArgumentException("cellVoltagesVolts must have one voltage per cell (" + estimator.CellCount + " values).", "cellVoltagesVolts");
            }

            StateRestoreResult result = Load();
            if (result == StateRestoreResult.Restored || result == StateRestoreResult.RestoredSocOnly)
            {
                correction.Apply(estimator, record.GetRestSeconds(clock), cellVoltagesVolts, temperatureCelsius);
            }
            else
            {
                for (int i = 0; i < startSoc.Length; i++)
                {
                    // A cell with no reading starts at 0.5, the middle of the range; the filter corrects it.
                    float volts = cellVoltagesVolts[i];
                    startSoc[i] = FloatMath.IsFinite(volts) ? correction.InvertOpenCircuitVoltage(volts, temperatureCelsius) : 0.5f;
                }

                estimator.Reset(startSoc);
            }

            if (estimation != null)
            {
                estimation.ApplyRestoredState();
            }

            return result;
        }

        /// <summary>Saves the state; the executive calls it at the save period.</summary>
        public void Run(long nowMicroseconds)
        {
            SaveNow();
        }

        /// <summary>
        /// Captures and writes the state at once, for a shutdown request. Returns false when the estimator has
        /// not started yet or the store reported a write failure.
        /// </summary>
        public bool SaveNow()
        {
            if (!estimator.IsInitialized)
            {
                return false;
            }

            if (capacity != null)
            {
                record.CaptureStateOfHealth(capacity, resistance!);
            }

            record.Capture(estimator, clock);
            int length = record.Serialize(payload);
            if (!store.Save(payload, length))
            {
                failedSaveCount++;
                return false;
            }

            saveCount++;
            return true;
        }

        private StateRestoreResult Load()
        {
            restoredHealthCellCount = 0;
            lastRejectReason = StateRejectReason.None;
            lastLoadResult = store.Load(payload);
            if (lastLoadResult != RecordLoadResult.Loaded)
            {
                ResetHealth();
                if (lastLoadResult == RecordLoadResult.NotFound)
                {
                    return StateRestoreResult.NotFound;
                }

                lastRejectReason = lastLoadResult == RecordLoadResult.UnknownVersion ? StateRejectReason.UnknownVersion : StateRejectReason.Corrupt;
                return StateRestoreResult.Rejected;
            }

            if (!record.Deserialize(payload, store.LoadedPayloadLength, store.LoadedFormatVersion) || !record.RestoreTo(estimator))
            {
                ResetHealth();
                lastRejectReason = record.RejectReason;
                return StateRestoreResult.Rejected;
            }

            if (capacity == null)
            {
                return StateRestoreResult.Restored;
            }

            restoredHealthCellCount = record.RestoreStateOfHealthTo(capacity, resistance!);
            lastRejectReason = record.RejectReason;
            return record.HasStateOfHealth && lastRejectReason == StateRejectReason.None ? StateRestoreResult.Restored : StateRestoreResult.RestoredSocOnly;
        }

        private void ResetHealth()
        {
            if (capacity == null)
            {
                return;
            }

            for (int i = 0; i < capacity.Length; i++)
            {
                capacity[i].Reset();
                resistance![i].Reset();
            }
        }

        private static CapacityEstimator[]? GetCapacityEstimators(PackEstimationTask? estimation)
        {
            if (estimation == null)
            {
                return null;
            }

            var estimators = new CapacityEstimator[estimation.CellCount];
            for (int i = 0; i < estimators.Length; i++)
            {
                estimators[i] = estimation.GetCapacityEstimator(i);
            }

            return estimators;
        }

        private static ResistanceEstimator[]? GetResistanceEstimators(PackEstimationTask? estimation)
        {
            if (estimation == null)
            {
                return null;
            }

            var estimators = new ResistanceEstimator[estimation.CellCount];
            for (int i = 0; i < estimators.Length; i++)
            {
                estimators[i] = estimation.GetResistanceEstimator(i);
            }

            return estimators;
        }
    }
}

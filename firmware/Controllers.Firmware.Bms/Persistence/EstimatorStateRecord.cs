using System;
using Controllers.Firmware.Bms.Estimation;
using Controllers.Firmware.Common.Can.Generated;
using Controllers.Firmware.Common.Numerics;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Bms.Persistence
{
    /// <summary>
    /// The estimator state that survives a power cycle: the full <see cref="PackSocEstimator"/> state (per-cell
    /// SOC through the ΔSOC filters, average-cell states and covariance), the capacity and R0 estimates of
    /// every series cell with their standard deviations and counters, and the wall-clock time of the save.
    /// It is the payload of a <see cref="Common.Storage.RecordStore"/> record and serialises into a caller
    /// buffer without allocating.
    /// </summary>
    /// <remarks>
    /// Payload layout of format version 2, little-endian: save time in seconds since 1970 UTC (int64), flags
    /// (1 byte, bit 0 set when that time came from a valid clock), 3 reserved bytes, the series cell count
    /// (uint16), the number of filter-state floats (uint16), the nominal capacity in ampere-hours and the
    /// nominal R0 in ohms (float32 each), the filter state as float32 in the order of
    /// <see cref="PackSocEstimator.ExportState"/>, then 24 bytes per cell: capacity and its standard deviation
    /// in ampere-hours, R0 and its standard deviation in ohms (float32 each), the accepted capacity pairs and
    /// the accepted R0 steps (uint32 each). A cell whose estimators were not captured has NaN values.
    /// Format version 1 (one pack-level state of health, 40 fixed bytes before the filter state) still
    /// loads: its filter state is used and every cell's state of health starts from nominal.
    /// </remarks>
    public sealed class EstimatorStateRecord
    {
        /// <summary>Record type id in the record header.</summary>
        public const ushort RecordTypeId = 0x0101;

        /// <summary>Payload layout that <see cref="Serialize"/> writes.</summary>
        public const ushort FormatVersion = 2;

        /// <summary>Payload bytes before the filter state in format version 2.</summary>
        public const int FixedLength = 24;

        /// <summary>Payload bytes per cell after the filter state in format version 2.</summary>
        public const int CellBlockLength = 24;

        /// <summary>Payload bytes before the filter state in format version 1.</summary>
        public const int Version1FixedLength = 40;

        private const int CellCountOffset = 12;
        private const int FloatCountOffset = 14;
        private const int NominalOffset = 16;
        private const int Version1FloatCountOffset = 36;

        // Stored nominal values within this fraction of the configured ones belong to the same cell type.
        // Float32 round trips are exact, so the tolerance only absorbs rounding in a settings file.
        private const float NominalTolerance = 1e-3f;

        private readonly int cellCount;
        private readonly float[] filterState;
        private readonly StateOfHealth[] cellHealth;
        private readonly long[] acceptedPairCount;
        private readonly long[] acceptedStepCount;
        private long savedUnixSeconds;
        private bool savedTimeValid;
        private bool hasStateOfHealth;
        private float nominalCapacityAmpereHours = float.NaN;
        private float nominalResistanceOhms = float.NaN;
        private ushort loadedFormatVersion;
        private int storedCellCount;
        private StateRejectReason rejectReason;

        /// <summary>Creates a record for a pack of <paramref name="cellCount"/> cells, with every buffer allocated.</summary>
        public EstimatorStateRecord(int cellCount)
        {
            if (cellCount < PackSocEstimator.MinimumCellCount || cellCount > PackSocEstimator.MaximumCellCount)
            {
                throw new ArgumentOutOfRangeException("cellCount", "cellCount = " + cellCount + " is outside " + PackSocEstimator.MinimumCellCount + " to " + PackSocEstimator.MaximumCellCount + ".");
            }

            this.cellCount = cellCount;
            filterState = new float[PackSocEstimator.GetExportedStateLength(cellCount)];
            cellHealth = new StateOfHealth[cellCount];
            acceptedPairCount = new long[cellCount];
            acceptedStepCount = new long[cellCount];
            for (int i = 0; i < cellCount; i++)
            {
                cellHealth[i] = new StateOfHealth();
                ClearCell(i);
            }
        }

        /// <summary>Cells in the pack.</summary>
        public int CellCount
        {
            get { return cellCount; }
        }

        /// <summary>Payload bytes of a version 2 record for this cell count.</summary>
        public int PayloadLength
        {
            get { return GetPayloadLength(cellCount); }
        }

        /// <summary>Time of the save, in seconds since 1970-01-01 UTC; meaningful only when <see cref="SavedTimeValid"/>.</summary>
        public long SavedUnixSeconds
        {
            get { return savedUnixSeconds; }
        }

        /// <summary>True when the wall clock was valid at the save.</summary>
        public bool SavedTimeValid
        {
            get { return savedTimeValid; }
        }

        /// <summary>True when the record contains per-cell capacity and R0 estimates; false after a version 1 load.</summary>
        public bool HasStateOfHealth
        {
            get { return hasStateOfHealth; }
        }

        /// <summary>Format version of the latest payload that <see cref="Deserialize"/> accepted, or 0.</summary>
        public ushort LoadedFormatVersion
        {
            get { return loadedFormatVersion; }
        }

        /// <summary>Cell count written in the latest payload that <see cref="Deserialize"/> read, or 0.</summary>
        public int StoredCellCount
        {
            get { return storedCellCount; }
        }

        /// <summary>Reason why the latest <see cref="Deserialize"/> or <see cref="RestoreStateOfHealthTo"/> rejected data.</summary>
        public StateRejectReason RejectReason
        {
            get { return rejectReason; }
        }

        /// <summary>Filter state in the layout of <see cref="PackSocEstimator.ExportState"/>.</summary>
        public float[] FilterState
        {
            get { return filterState; }
        }

        /// <summary>Payload bytes of a version 2 record for <paramref name="cellCount"/> cells.</summary>
        public static int GetPayloadLength(int cellCount)
        {
            return FixedLength + 4 * PackSocEstimator.GetExportedStateLength(cellCount) + CellBlockLength * cellCount;
        }

        /// <summary>Payload bytes of a version 1 record for <paramref name="cellCount"/> cells.</summary>
        public static int GetVersion1PayloadLength(int cellCount)
        {
            return Version1FixedLength + 4 * PackSocEstimator.GetExportedStateLength(cellCount);
        }

        /// <summary>Returns the stored capacity and R0 of cell <paramref name="cellIndex"/> with the nominal values.</summary>
        public StateOfHealth GetStateOfHealth(int cellIndex)
        {
            CheckCellIndex(cellIndex);
            return cellHealth[cellIndex];
        }

        /// <summary>Returns the stored count of accepted capacity pairs of cell <paramref name="cellIndex"/>.</summary>
        public long GetAcceptedPairCount(int cellIndex)
        {
            CheckCellIndex(cellIndex);
            return acceptedPairCount[cellIndex];
        }

        /// <summary>Returns the stored count of accepted R0 steps of cell <paramref name="cellIndex"/>.</summary>
        public long GetAcceptedStepCount(int cellIndex)
        {
            CheckCellIndex(cellIndex);
            return acceptedStepCount[cellIndex];
        }

        /// <summary>Copies the estimator's state and the clock's time into the record.</summary>
        public void Capture(PackSocEstimator estimator, IWallClock clock)
        {
            if (estimator == null || clock == null)
            {
                throw new ArgumentException("Both an estimator and a wall clock are required.", estimator == null ? "estimator" : "clock");
            }

            if (estimator.CellCount != cellCount)
            {
                throw new ArgumentException("The estimator has " + estimator.CellCount + " cells and the record " + cellCount + ".", "estimator");
            }

            estimator.ExportState(filterState, 0);
            savedTimeValid = clock.IsValid;
            savedUnixSeconds = savedTimeValid ? clock.UnixSeconds : 0;
        }

        /// <summary>
        /// Copies the estimates, standard deviations and accepted counts of every cell's capacity and R0
        /// estimator into the record. Both arrays need one estimator per cell.
        /// </summary>
        public void CaptureStateOfHealth(CapacityEstimator[] capacity, ResistanceEstimator[] resistance)
        {
            CheckEstimators(capacity, resistance);
            for (int i = 0; i < cellCount; i++)
            {
                cellHealth[i].Capture(capacity[i], resistance[i]);
                acceptedPairCount[i] = capacity[i].AcceptedPairCount;
                acceptedStepCount[i] = resistance[i].AcceptedStepCount;
            }

            nominalCapacityAmpereHours = capacity[0].NominalCapacityAmpereHours;
            nominalResistanceOhms = resistance[0].NominalResistanceOhms;
            hasStateOfHealth = true;
        }

        /// <summary>Loads the stored filter state into <paramref name="estimator"/>; false when the estimator rejects it (see <see cref="PackSocEstimator.ImportState"/>).</summary>
        public bool RestoreTo(PackSocEstimator estimator)
        {
            if (estimator == null)
            {
                throw new ArgumentNullException("estimator");
            }

            if (estimator.CellCount != cellCount)
            {
                rejectReason = StateRejectReason.CellCountMismatch;
                return false;
            }

            if (!estimator.ImportState(filterState, 0))
            {
                rejectReason = StateRejectReason.FilterStateInvalid;
                return false;
            }

            return true;
        }

        /// <summary>
        /// Seeds every cell's capacity and R0 estimator with the stored estimate and its standard deviation
        /// (see <see cref="CapacityEstimator.Seed"/> and <see cref="ResistanceEstimator.Seed"/>) and returns the
        /// number of cells whose two estimators both took the stored values. Every estimator starts from
        /// nominal instead when the record has no state of health (a version 1 load) or the stored nominal
        /// values differ from the configured ones, and <see cref="RejectReason"/> then gives the reason.
        /// </summary>
        public int RestoreStateOfHealthTo(CapacityEstimator[] capacity, ResistanceEstimator[] resistance)
        {
            CheckEstimators(capacity, resistance);
            bool sameCellType = IsClose(nominalCapacityAmpereHours, capacity[0].NominalCapacityAmpereHours)
                && IsClose(nominalResistanceOhms, resistance[0].NominalResistanceOhms);
            if (hasStateOfHealth && !sameCellType)
            {
                rejectReason = StateRejectReason.NominalValuesChanged;
            }

            int seeded = 0;
            for (int i = 0; i < cellCount; i++)
            {
                if (!hasStateOfHealth || !sameCellType)
                {
                    capacity[i].Reset();
                    resistance[i].Reset();
                    continue;
                }

                StateOfHealth health = cellHealth[i];
                bool capacitySeeded = capacity[i].Seed(health.CapacityAmpereHours, health.CapacityStandardDeviationAmpereHours, acceptedPairCount[i]);
                bool resistanceSeeded = resistance[i].Seed(health.ResistanceOhms, health.ResistanceStandardDeviationOhms, acceptedStepCount[i]);
                if (capacitySeeded && resistanceSeeded)
                {
                    seeded++;
                }
            }

            return seeded;
        }

        /// <summary>
        /// Seconds from the save to the clock's present time, or NaN when either time was invalid or the clock
        /// now reads earlier than the save.
        /// </summary>
        public float GetRestSeconds(IWallClock clock)
        {
            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (!savedTimeValid || !clock.IsValid)
            {
                return float.NaN;
            }

            long rest = clock.UnixSeconds - savedUnixSeconds;
            return rest >= 0 ? rest : float.NaN;
        }

        /// <summary>Writes the version 2 payload into <paramref name="payload"/> and returns its length in bytes.</summary>
        public int Serialize(byte[] payload)
        {
            int length = PayloadLength;
            if (payload == null || payload.Length < length)
            {
                throw new ArgumentException("The payload buffer must hold " + length + " bytes for " + cellCount + " cells.", "payload");
            }

            WriteUInt32(payload, 0, (uint)savedUnixSeconds);
            WriteUInt32(payload, 4, (uint)(savedUnixSeconds >> 32));
            payload[8] = (byte)(savedTimeValid ? 1 : 0);
            payload[9] = 0;
            payload[10] = 0;
            payload[11] = 0;
            WriteUInt16(payload, CellCountOffset, cellCount);
            WriteUInt16(payload, FloatCountOffset, filterState.Length);
            WriteSingle(payload, NominalOffset, nominalCapacityAmpereHours);
            WriteSingle(payload, NominalOffset + 4, nominalResistanceOhms);
            for (int i = 0; i < filterState.Length; i++)
            {
                WriteSingle(payload, FixedLength + 4 * i, filterState[i]);
            }

            int offset = FixedLength + 4 * filterState.Length;
            for (int i = 0; i < cellCount; i++)
            {
                StateOfHealth health = cellHealth[i];
                WriteSingle(payload, offset, health.CapacityAmpereHours);
                WriteSingle(payload, offset + 4, health.CapacityStandardDeviationAmpereHours);
                WriteSingle(payload, offset + 8, health.ResistanceOhms);
                WriteSingle(payload, offset + 12, health.ResistanceStandardDeviationOhms);
                WriteUInt32(payload, offset + 16, ToCount(acceptedPairCount[i]));
                WriteUInt32(payload, offset + 20, ToCount(acceptedStepCount[i]));
                offset += CellBlockLength;
            }

            return length;
        }

        /// <summary>
        /// Reads a payload of <paramref name="formatVersion"/> (1 or 2) from the first <paramref name="length"/>
        /// bytes of <paramref name="payload"/>. Returns false, sets <see cref="RejectReason"/> and leaves the
        /// stored values unchanged when the version is unknown, the payload was saved for another cell count (for
        /// example after the pack configuration changed) or its length does not match its version.
        /// </summary>
        public bool Deserialize(byte[] payload, int length, ushort formatVersion)
        {
            if (payload == null || length < 0 || length > payload.Length)
            {
                throw new ArgumentException("length = " + length + " must lie within the payload buffer.", "payload");
            }

            rejectReason = StateRejectReason.None;
            storedCellCount = 0;
            if (formatVersion == 1)
            {
                return DeserializeVersion1(payload, length);
            }

            if (formatVersion != FormatVersion)
            {
                rejectReason = StateRejectReason.UnknownVersion;
                return false;
            }

            if (length < FixedLength)
            {
                rejectReason = StateRejectReason.LengthMismatch;
                return false;
            }

            storedCellCount = ReadUInt16(payload, CellCountOffset);
            if (storedCellCount != cellCount)
            {
                rejectReason = StateRejectReason.CellCountMismatch;
                return false;
            }

            if (length != PayloadLength || ReadUInt16(payload, FloatCountOffset) != filterState.Length)
            {
                rejectReason = StateRejectReason.LengthMismatch;
                return false;
            }

            ReadHeader(payload);
            nominalCapacityAmpereHours = ReadSingle(payload, NominalOffset);
            nominalResistanceOhms = ReadSingle(payload, NominalOffset + 4);
            ReadFilterState(payload, FixedLength);
            int offset = FixedLength + 4 * filterState.Length;
            for (int i = 0; i < cellCount; i++)
            {
                StateOfHealth health = cellHealth[i];
                health.CapacityAmpereHours = ReadSingle(payload, offset);
                health.CapacityStandardDeviationAmpereHours = ReadSingle(payload, offset + 4);
                health.NominalCapacityAmpereHours = nominalCapacityAmpereHours;
                health.ResistanceOhms = ReadSingle(payload, offset + 8);
                health.ResistanceStandardDeviationOhms = ReadSingle(payload, offset + 12);
                health.NominalResistanceOhms = nominalResistanceOhms;
                acceptedPairCount[i] = ReadUInt32(payload, offset + 16);
                acceptedStepCount[i] = ReadUInt32(payload, offset + 20);
                offset += CellBlockLength;
            }

            // A record saved without estimators has NaN nominal values and no state of health.
            hasStateOfHealth = FloatMath.IsFinite(nominalCapacityAmpereHours) && FloatMath.IsFinite(nominalResistanceOhms);
            loadedFormatVersion = FormatVersion;
            return true;
        }

        private bool DeserializeVersion1(byte[] payload, int length)
        {
            // Version 1 has no cell count field, but its filter state starts with the cell count as a float.
            if (length >= Version1FixedLength + 4)
            {
                float storedCount = ReadSingle(payload, Version1FixedLength);
                storedCellCount = FloatMath.IsFinite(storedCount) && storedCount >= 0f && storedCount <= 65535f ? (int)storedCount : 0;
            }

            if (storedCellCount != cellCount)
            {
                rejectReason = length >= Version1FixedLength + 4 ? StateRejectReason.CellCountMismatch : StateRejectReason.LengthMismatch;
                return false;
            }

            if (length != GetVersion1PayloadLength(cellCount) || ReadUInt16(payload, Version1FloatCountOffset) != filterState.Length)
            {
                rejectReason = StateRejectReason.LengthMismatch;
                return false;
            }

            // The pack-level state of health of version 1 was never filled by the master, so the cells start from nominal.
            ReadHeader(payload);
            ReadFilterState(payload, Version1FixedLength);
            for (int i = 0; i < cellCount; i++)
            {
                ClearCell(i);
            }

            nominalCapacityAmpereHours = float.NaN;
            nominalResistanceOhms = float.NaN;
            hasStateOfHealth = false;
            loadedFormatVersion = 1;
            return true;
        }

        private void ReadHeader(byte[] payload)
        {
            savedUnixSeconds = (long)ReadUInt32(payload, 0) | ((long)ReadUInt32(payload, 4) << 32);
            savedTimeValid = (payload[8] & 1) != 0;
        }

        private void ReadFilterState(byte[] payload, int offset)
        {
            for (int i = 0; i < filterState.Length; i++)
            {
                filterState[i] = ReadSingle(payload, offset + 4 * i);
            }
        }

        private void ClearCell(int cell)
        {
            StateOfHealth health = cellHealth[cell];
            health.CapacityAmpereHours = float.NaN;
            health.CapacityStandardDeviationAmpereHours = float.NaN;
            health.NominalCapacityAmpereHours = float.NaN;
            health.ResistanceOhms = float.NaN;
            health.ResistanceStandardDeviationOhms = float.NaN;
            health.NominalResistanceOhms = float.NaN;
            acceptedPairCount[cell] = 0;
            acceptedStepCount[cell] = 0;
        }

        private void CheckEstimators(CapacityEstimator[] capacity, ResistanceEstimator[] resistance)
        {
            if (capacity == null || resistance == null || capacity.Length != cellCount || resistance.Length != cellCount)
            {
                throw new ArgumentException("Give one capacity and one resistance estimator per cell (" + cellCount + " each).", capacity == null || capacity.Length != cellCount ? "capacity" : "resistance");
            }
        }

        private void CheckCellIndex(int cellIndex)
        {
            if (cellIndex < 0 || cellIndex >= cellCount)
            {
                throw new ArgumentOutOfRangeException("cellIndex", "cellIndex = " + cellIndex + " is outside 0 to " + (cellCount - 1) + ".");
            }
        }

        private static bool IsClose(float stored, float configured)
        {
            return FloatMath.Abs(stored - configured) <= NominalTolerance * configured;
        }

        private static uint ToCount(long count)
        {
            return count < 0 ? 0u : (count > uint.MaxValue ? uint.MaxValue : (uint)count);
        }

        private static void WriteSingle(byte[] buffer, int offset, float value)
        {
            WriteUInt32(buffer, offset, IeeeBits.SingleToBits(value));
        }

        private static float ReadSingle(byte[] buffer, int offset)
        {
            return IeeeBits.BitsToSingle(ReadUInt32(buffer, offset));
        }

        private static void WriteUInt16(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
        }

        private static int ReadUInt16(byte[] buffer, int offset)
        {
            return buffer[offset] | (buffer[offset + 1] << 8);
        }

        private static void WriteUInt32(byte[] buffer, int offset, uint value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
            buffer[offset + 2] = (byte)(value >> 16);
            buffer[offset + 3] = (byte)(value >> 24);
        }

        private static uint ReadUInt32(byte[] buffer, int offset)
        {
            return buffer[offset] | ((uint)buffer[offset + 1] << 8) | ((uint)buffer[offset + 2] << 16) | ((uint)buffer[offset + 3] << 24);
        }
    }
}

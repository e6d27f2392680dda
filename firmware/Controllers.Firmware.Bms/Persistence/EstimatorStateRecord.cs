using System;
using Controllers.Firmware.Bms.Estimation;
using Controllers.Firmware.Common.Can.Generated;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Bms.Persistence
{
    /// <summary>
    /// The estimator state that survives a power cycle: the full <see cref="PackSocEstimator"/> state (per-cell
    /// SOC through the ΔSOC filters, average-cell states and covariance), the <see cref="StateOfHealth"/>
    /// values and the wall-clock time of the save. It is the payload of a <see cref="Common.Storage.RecordStore"/>
    /// record and serialises into a caller buffer without allocating.
    /// </summary>
    /// <remarks>
    /// Payload layout of format version 1, little-endian: save time in seconds since 1970 UTC (int64),
    /// flags (1 byte, bit 0 set when that time came from a valid clock), 3 reserved bytes, the six
    /// <see cref="StateOfHealth"/> values as float32 (capacity, its standard deviation, nominal capacity in
    /// ampere-hours, then R0, its standard deviation, nominal R0 in ohms), the number of filter-state floats
    /// (uint16), 2 reserved bytes, then the filter state as float32 in the order of
    /// <see cref="PackSocEstimator.ExportState"/>.
    /// </remarks>
    public sealed class EstimatorStateRecord
    {
        /// <summary>Record type id in the record header.</summary>
        public const ushort RecordTypeId = 0x0101;

        /// <summary>Payload layout that <see cref="Serialize"/> writes.</summary>
        public const ushort FormatVersion = 1;

        /// <summary>Payload bytes before the filter state.</summary>
        public const int FixedLength = 40;

        private const int StateOfHealthOffset = 12;
        private const int FloatCountOffset = 36;

        private readonly int cellCount;
        private readonly float[] filterState;
        private readonly StateOfHealth stateOfHealth = new StateOfHealth();
        private long savedUnixSeconds;
        private bool savedTimeValid;

        /// <summary>Creates a record for a pack of <paramref name="cellCount"/> cells, with every buffer allocated.</summary>
        public EstimatorStateRecord(int cellCount)
        {
            if (cellCount < PackSocEstimator.MinimumCellCount || cellCount > PackSocEstimator.MaximumCellCount)
            {
                throw new ArgumentOutOfRangeException("cellCount", "cellCount = " + cellCount + " is outside " + PackSocEstimator.MinimumCellCount + " to " + PackSocEstimator.MaximumCellCount + ".");
            }

            this.cellCount = cellCount;
            filterState = new float[PackSocEstimator.GetExportedStateLength(cellCount)];
        }

        /// <summary>Cells in the pack.</summary>
        public int CellCount
        {
            get { return cellCount; }
        }

        /// <summary>Payload bytes of a record for this cell count.</summary>
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

        /// <summary>Capacity and resistance estimates; <see cref="Capture"/> and <see cref="Deserialize"/> fill them.</summary>
        public StateOfHealth StateOfHealth
        {
            get { return stateOfHealth; }
        }

        /// <summary>Filter state in the layout of <see cref="PackSocEstimator.ExportState"/>.</summary>
        public float[] FilterState
        {
            get { return filterState; }
        }

        /// <summary>Payload bytes of a record for <paramref name="cellCount"/> cells.</summary>
        public static int GetPayloadLength(int cellCount)
        {
            return FixedLength + 4 * PackSocEstimator.GetExportedStateLength(cellCount);
        }

        /// <summary>
        /// Copies the estimator's state and the clock's time into the record. The state of health is
        /// captured separately, with <see cref="StateOfHealth.Capture"/>.
        /// </summary>
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

        /// <summary>Loads the stored filter state into <paramref name="estimator"/>; false when the estimator rejects it (see <see cref="PackSocEstimator.ImportState"/>).</summary>
        public bool RestoreTo(PackSocEstimator estimator)
        {
            if (estimator == null)
            {
                throw new ArgumentNullException("estimator");
            }

            return estimator.CellCount == cellCount && estimator.ImportState(filterState, 0);
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

        /// <summary>Writes the payload into <paramref name="payload"/> and returns its length in bytes.</summary>
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
            WriteSingle(payload, StateOfHealthOffset, stateOfHealth.CapacityAmpereHours);
            WriteSingle(payload, StateOfHealthOffset + 4, stateOfHealth.CapacityStandardDeviationAmpereHours);
            WriteSingle(payload, StateOfHealthOffset + 8, stateOfHealth.NominalCapacityAmpereHours);
            WriteSingle(payload, StateOfHealthOffset + 12, stateOfHealth.ResistanceOhms);
            WriteSingle(payload, StateOfHealthOffset + 16, stateOfHealth.ResistanceStandardDeviationOhms);
            WriteSingle(payload, StateOfHealthOffset + 20, stateOfHealth.NominalResistanceOhms);
            payload[FloatCountOffset] = (byte)filterState.Length;
            payload[FloatCountOffset + 1] = (byte)(filterState.Length >> 8);
            payload[FloatCountOffset + 2] = 0;
            payload[FloatCountOffset + 3] = 0;
            for (int i = 0; i < filterState.Length; i++)
            {
                WriteSingle(payload, FixedLength + 4 * i, filterState[i]);
            }

            return length;
        }

        /// <summary>
        /// Reads a payload of <paramref name="formatVersion"/> from the first <paramref name="length"/> bytes of
        /// <paramref name="payload"/>. Returns false and leaves the record unchanged when the version is unknown
        /// or the length or float count does not match this record's cell count, for example after the
        /// pack configuration changed.
        /// </summary>
        public bool Deserialize(byte[] payload, int length, ushort formatVersion)
        {
            if (payload == null || length < 0 || length > payload.Length)
            {
                throw new ArgumentException("length = " + length + " must lie within the payload buffer.", "payload");
            }

            if (formatVersion != FormatVersion || length != PayloadLength)
            {
                return false;
            }

            int floatCount = payload[FloatCountOffset] | (payload[FloatCountOffset + 1] << 8);
            if (floatCount != filterState.Length)
            {
                return false;
            }

            savedUnixSeconds = (long)ReadUInt32(payload, 0) | ((long)ReadUInt32(payload, 4) << 32);
            savedTimeValid = (payload[8] & 1) != 0;
            stateOfHealth.CapacityAmpereHours = ReadSingle(payload, StateOfHealthOffset);
            stateOfHealth.CapacityStandardDeviationAmpereHours = ReadSingle(payload, StateOfHealthOffset + 4);
            stateOfHealth.NominalCapacityAmpereHours = ReadSingle(payload, StateOfHealthOffset + 8);
            stateOfHealth.ResistanceOhms = ReadSingle(payload, StateOfHealthOffset + 12);
            stateOfHealth.ResistanceStandardDeviationOhms = ReadSingle(payload, StateOfHealthOffset + 16);
            stateOfHealth.NominalResistanceOhms = ReadSingle(payload, StateOfHealthOffset + 20);
            for (int i = 0; i < filterState.Length; i++)
            {
                filterState[i] = ReadSingle(payload, FixedLength + 4 * i);
            }

            return true;
        }

        private static void WriteSingle(byte[] buffer, int offset, float value)
        {
            WriteUInt32(buffer, offset, IeeeBits.SingleToBits(value));
        }

        private static float ReadSingle(byte[] buffer, int offset)
        {
            return IeeeBits.BitsToSingle(ReadUInt32(buffer, offset));
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

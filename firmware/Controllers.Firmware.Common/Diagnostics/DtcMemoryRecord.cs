using System;
using Controllers.Firmware.Common.Storage;

namespace Controllers.Firmware.Common.Diagnostics
{
    /// <summary>
    /// The part of a <see cref="DtcMemory"/> that survives a power cycle, as a <see cref="RecordStore"/>
    /// record (two copies, format version, sequence number, CRC-32): per DTC the persistent status bits,
    /// the occurrence and ageing counters and the freeze frames. The fault detection counter is not stored.
    /// Load and Save allocate nothing after construction.
    /// </summary>
    /// <remarks>
    /// Which bits are kept follows the status bit definitions of ISO 14229-1:2013 Annex D.2, as described
    /// in public summaries of it (the standard text was not available here):
    /// testFailed is the result of the most recently performed test, and that test is still the most recent
    /// after a power cycle, so the bit is kept until the test runs again. testFailedThisOperationCycle and
    /// testNotCompletedThisOperationCycle belong to the operation cycle, which the application ends and
    /// starts with <see cref="DtcMemory.StartOperationCycle"/> (on the VCU at key-on), so they are kept until
    /// then and that call applies the cycle rules. pendingDTC, confirmedDTC, testNotCompletedSinceLastClear
    /// and testFailedSinceLastClear change only on test results, ageing and ClearDiagnosticInformation, so
    /// they are kept. warningIndicatorRequested is recomputed by the application every period and starts at 0.
    /// The DTCFaultDetectionCounter restarts at 0, as a debounce starts afresh.
    /// Payload of format version 1, little-endian: DTC count (uint16), snapshot data length per record
    /// (uint16), then per DTC: number (3 bytes, high byte first as on the wire), status, occurrence counter,
    /// ageing counter and freeze frame flags (1 byte each), then when the snapshot length is not 0 freeze
    /// frame records 0x01 and 0x02 (snapshot length bytes each). DTCs are matched by number, so a firmware
    /// that registers other DTCs keeps the ones both know. Freeze frames are dropped when the stored
    /// snapshot length differs from the current layout.
    /// </remarks>
    public sealed class DtcMemoryRecord
    {
        /// <summary>Record type id in the record header.</summary>
        public const ushort RecordTypeId = 0x0103;

        /// <summary>Payload layout that <see cref="Save"/> writes.</summary>
        public const ushort FormatVersion = 1;

        /// <summary>Payload bytes before the first DTC.</summary>
        public const int HeaderLength = 4;

        /// <summary>Payload bytes per DTC before its freeze frames.</summary>
        public const int EntryFixedLength = 7;

        private readonly DtcMemory dtcs;
        private readonly RecordStore store;
        private readonly byte[] payload;
        private RecordLoadResult lastLoadResult = RecordLoadResult.NotFound;
        private int restoredCount;
        private int savedChangeCount;
        private int savedConfirmedChangeCount;

        /// <summary>
        /// Creates the record over regions <paramref name="regionA"/> and <paramref name="regionB"/> of
        /// <paramref name="nonVolatileStore"/>. Set the snapshot layout of <paramref name="memory"/> first;
        /// each region must hold <see cref="GetRegionLength"/> bytes for <paramref name="capacity"/> DTCs, and
        /// the payload buffer allocated here has the region's length.
        /// </summary>
        public DtcMemoryRecord(DtcMemory memory, INonVolatileStore nonVolatileStore, int regionA, int regionB, int capacity)
        {
            if (memory == null)
            {
                throw new ArgumentNullException("memory");
            }

            if (capacity < memory.Count)
            {
                throw new ArgumentOutOfRangeException("capacity", "capacity = " + capacity + " is below the " + memory.Count + " registered DTCs.");
            }

            if (nonVolatileStore == null)
            {
                throw new ArgumentNullException("nonVolatileStore");
            }

            // The store accepts payloads up to the region size, so a record written with more DTCs or a longer
            // freeze frame layout still loads and keeps its status bits. RecordStore checks that the needed
            // length fits.
            dtcs = memory;
            int maximumPayload = nonVolatileStore.RegionLength - RecordStore.FramingLength;
            if (maximumPayload > 0xFFFF)
            {
                maximumPayload = 0xFFFF;
            }

            int needed = GetPayloadLength(capacity, memory.SnapshotLength);
            if (maximumPayload < needed)
            {
                maximumPayload = needed;
            }

            store = new RecordStore(nonVolatileStore, regionA, regionB, RecordTypeId, FormatVersion, maximumPayload);
            payload = new byte[maximumPayload];
        }

        /// <summary>Result of the latest <see cref="Load"/>.</summary>
        public RecordLoadResult LastLoadResult
        {
            get { return lastLoadResult; }
        }

        /// <summary>DTCs the latest <see cref="Load"/> restored.</summary>
        public int RestoredCount
        {
            get { return restoredCount; }
        }

        /// <summary>Sequence number of the record last loaded or saved.</summary>
        public uint Sequence
        {
            get { return store.Sequence; }
        }

        /// <summary>True when persisted DTC data changed after the latest load or save.</summary>
        public bool HasUnsavedChanges
        {
            get { return dtcs.ChangeCount != savedChangeCount; }
        }

        /// <summary>True when a confirmedDTC bit was set or cleared after the latest load or save.</summary>
        public bool HasUnsavedConfirmedChange
        {
            get { return dtcs.ConfirmedChangeCount != savedConfirmedChangeCount; }
        }

        /// <summary>Payload bytes for <paramref name="dtcCount"/> DTCs with snapshots of <paramref name="snapshotLength"/> bytes.</summary>
        public static int GetPayloadLength(int dtcCount, int snapshotLength)
        {
            return HeaderLength + dtcCount * (EntryFixedLength + 2 * snapshotLength);
        }

        /// <summary>Bytes each region needs.</summary>
        public static int GetRegionLength(int dtcCount, int snapshotLength)
        {
            return RecordStore.FramingLength + GetPayloadLength(dtcCount, snapshotLength);
        }

        /// <summary>
        /// Restores the newest valid copy into the DTC memory. DTCs missing from the record keep their registered
        /// (cleared) status; when no copy is usable nothing changes. Returns the store's result.
        /// </summary>
        public RecordLoadResult Load()
        {
            restoredCount = 0;
            lastLoadResult = store.Load(payload);
            if (lastLoadResult == RecordLoadResult.Loaded && !Restore(store.LoadedPayloadLength))
            {
                lastLoadResult = RecordLoadResult.Corrupt;
            }

            savedChangeCount = dtcs.ChangeCount;
            savedConfirmedChangeCount = dtcs.ConfirmedChangeCount;
            return lastLoadResult;
        }

        /// <summary>Writes the current DTC data as the next record. Returns false when the store reported a write failure.</summary>
        public bool Save()
        {
            int changes = dtcs.ChangeCount;
            int confirmedChanges = dtcs.ConfirmedChangeCount;
            int snapshotLength = dtcs.SnapshotLength;
            int count = dtcs.Count;
            WriteUInt16(payload, 0, count);
            WriteUInt16(payload, 2, snapshotLength);
            int position = HeaderLength;
            for (int i = 0; i < count; i++)
            {
                uint number = dtcs.NumberAt(i);
                payload[position] = (byte)(number >> 16);
                payload[position + 1] = (byte)(number >> 8);
                payload[position + 2] = (byte)number;
                payload[position + 3] = (byte)(dtcs.StatusAt(i) & DtcMemory.PersistentStatusMask);
                payload[position + 4] = (byte)dtcs.OccurrenceCounterAt(i);
                payload[position + 5] = (byte)dtcs.AgeingCounterAt(i);
                payload[position + 6] = (byte)dtcs.SnapshotFlagsAt(i);
                position += EntryFixedLength;
                if (snapshotLength > 0)
                {
                    dtcs.CopySnapshotSlot(i, DtcMemory.FirstFailureSnapshotRecord, payload, position);
                    dtcs.CopySnapshotSlot(i, DtcMemory.LatestFailureSnapshotRecord, payload, position + snapshotLength);
                    position += 2 * snapshotLength;
                }
            }

            if (!store.Save(payload, position))
            {
                return false;
            }

            savedChangeCount = changes;
            savedConfirmedChangeCount = confirmedChanges;
            return true;
        }

        private bool Restore(int length)
        {
            if (length < HeaderLength)
            {
                return false;
            }

            int count = ReadUInt16(payload, 0);
            int storedSnapshotLength = ReadUInt16(payload, 2);
            if (length != GetPayloadLength(count, storedSnapshotLength))
            {
                return false;
            }

            bool snapshotsMatch = storedSnapshotLength == dtcs.SnapshotLength && storedSnapshotLength > 0;
            int position = HeaderLength;
            for (int i = 0; i < count; i++)
            {
                uint number = ((uint)payload[position] << 16) | ((uint)payload[position + 1] << 8) | payload[position + 2];
                int index = dtcs.IndexOf(number);
                if (index >= 0)
                {
                    int flags = snapshotsMatch ? payload[position + 6] : 0;
                    dtcs.RestoreAt(index, payload[position + 3], payload[position + 4], payload[position + 5], flags);
                    if (snapshotsMatch)
                    {
                        int snapshots = position + EntryFixedLength;
                        dtcs.RestoreSnapshot(index, DtcMemory.FirstFailureSnapshotRecord, payload, snapshots);
                        dtcs.RestoreSnapshot(index, DtcMemory.LatestFailureSnapshotRecord, payload, snapshots + storedSnapshotLength);
                    }

                    restoredCount++;
                }

                position += EntryFixedLength + 2 * storedSnapshotLength;
            }

            return true;
        }

        private static int ReadUInt16(byte[] buffer, int offset)
        {
            return buffer[offset] | (buffer[offset + 1] << 8);
        }

        private static void WriteUInt16(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
        }
    }
}

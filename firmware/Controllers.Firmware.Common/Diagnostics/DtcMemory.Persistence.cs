using System;

namespace Controllers.Firmware.Common.Diagnostics
{
    // Change tracking and restore for DtcMemoryRecord: what survives a power cycle and when it changed.
    public sealed partial class DtcMemory
    {
        /// <summary>
        /// Status bits that a power cycle keeps: testFailed, testFailedThisOperationCycle, pendingDTC,
        /// confirmedDTC, testNotCompletedSinceLastClear, testFailedSinceLastClear and
        /// testNotCompletedThisOperationCycle. warningIndicatorRequested is not kept, because the application
        /// derives it from the other bits in every period (see DtcMemoryRecord for the ISO 14229-1 reasoning).
        /// </summary>
        public const byte PersistentStatusMask = 0x7F;

        private int changeCount;
        private int confirmedChangeCount;

        /// <summary>
        /// Counter of changes to the data that <c>DtcMemoryRecord</c> stores: persistent status bits,
        /// occurrence and ageing counters, and freeze frames. A saver compares it with the value at its last save.
        /// </summary>
        public int ChangeCount
        {
            get { return changeCount; }
        }

        /// <summary>Counter of confirmedDTC bits set or cleared (including by a clear); a subset of <see cref="ChangeCount"/>.</summary>
        public int ConfirmedChangeCount
        {
            get { return confirmedChangeCount; }
        }

        /// <summary>Returns the freeze frame flags of the DTC at <paramref name="index"/>: bit 0 record 0x01 stored, bit 1 record 0x02 stored.</summary>
        public int SnapshotFlagsAt(int index)
        {
            CheckIndex(index);
            return snapshotStoredFlags[index];
        }

        /// <summary>
        /// Sets the persisted state of the DTC at <paramref name="index"/> after a power cycle: the persistent
        /// status bits of <paramref name="status"/>, the counters and the freeze frame flags. The fault detection
        /// counter restarts at 0 and warningIndicatorRequested at 0. Counts as no change.
        /// </summary>
        public void RestoreAt(int index, int status, int occurrenceCounter, int ageingCounter, int snapshotFlags)
        {
            CheckIndex(index);
            if (occurrenceCounter < 0 || occurrenceCounter > 255 || ageingCounter < 0 || ageingCounter > 255)
            {
                throw new ArgumentOutOfRangeException("occurrenceCounter", "The occurrence and ageing counters are one byte each (0 to 255).");
            }

            int flagsMask = snapshotValues == null ? 0 : (keepsLatestSnapshot ? 0x03 : 0x01);
            statuses[index] = (byte)(status & PersistentStatusMask);
            occurrenceCounters[index] = (byte)occurrenceCounter;
            ageingCounters[index] = (byte)ageingCounter;
            snapshotStoredFlags[index] = (byte)(snapshotFlags & flagsMask);
            faultDetectionCounters[index] = 0;
        }

        /// <summary>
        /// Copies <see cref="SnapshotLength"/> bytes from <paramref name="source"/> at <paramref name="offset"/>
        /// into freeze frame record <paramref name="recordNumber"/> (0x01 or 0x02) of the DTC at
        /// <paramref name="index"/>, without changing its stored flag.
        /// </summary>
        public void RestoreSnapshot(int index, int recordNumber, byte[] source, int offset)
        {
            CheckIndex(index);
            if (snapshotData == null)
            {
                throw new InvalidOperationException("No snapshot layout is set; call SetSnapshotLayout first.");
            }

            int slot = recordNumber - FirstFailureSnapshotRecord;
            if (slot < 0 || slot >= RecordSlots)
            {
                throw new ArgumentOutOfRangeException("recordNumber", "The snapshot record number must be 0x01 or 0x02.");
            }

            Array.Copy(source, offset, snapshotData, SlotStart(index, slot), snapshotLength);
        }

        /// <summary>
        /// Copies freeze frame record <paramref name="recordNumber"/> of the DTC at <paramref name="index"/> to
        /// <paramref name="destination"/>, whether or not it is flagged as stored, and returns <see cref="SnapshotLength"/>.
        /// </summary>
        public int CopySnapshotSlot(int index, int recordNumber, byte[] destination, int offset)
        {
            CheckIndex(index);
            if (snapshotData == null)
            {
                return 0;
            }

            int slot = recordNumber - FirstFailureSnapshotRecord;
            if (slot < 0 || slot >= RecordSlots)
            {
                throw new ArgumentOutOfRangeException("recordNumber", "The snapshot record number must be 0x01 or 0x02.");
            }

            Array.Copy(snapshotData, SlotStart(index, slot), destination, offset, snapshotLength);
            return snapshotLength;
        }

        private void NoteStatusChange(int previousStatus, int status)
        {
            if (((previousStatus ^ status) & PersistentStatusMask) != 0)
            {
                changeCount++;
            }

            if (((previousStatus ^ status) & ConfirmedDtc) != 0)
            {
                confirmedChangeCount++;
            }
        }
    }
}

using System;

namespace Controllers.Firmware.Common.Diagnostics
{
    // Freeze frames (ISO 14229-1 DTCSnapshotRecord): one layout of data identifiers shared by every DTC, a
    // record captured at the first failure after a clear and, optionally, one updated at every new failure.
    public sealed partial class DtcMemory
    {
        /// <summary>Snapshot record number of the values at the first failure since the last clear.</summary>
        public const int FirstFailureSnapshotRecord = 0x01;

        /// <summary>Snapshot record number of the values at the latest failure; it exists when the layout keeps it.</summary>
        public const int LatestFailureSnapshotRecord = 0x02;

        private const int RecordSlots = 2;

        private readonly byte[] snapshotStoredFlags;
        private int[]? snapshotIdentifiers;
        private int[]? snapshotOffsets;
        private byte[]? snapshotValues;
        private byte[]? snapshotData;
        private int snapshotLength;
        private bool keepsLatestSnapshot;
        private IDtcSnapshotSource? snapshotSource;

        /// <summary>True once <see cref="SetSnapshotLayout"/> has been called.</summary>
        public bool HasSnapshots
        {
            get { return snapshotValues != null; }
        }

        /// <summary>True when the layout keeps record 0x02 (latest failure) as well as record 0x01.</summary>
        public bool KeepsLatestSnapshot
        {
            get { return keepsLatestSnapshot; }
        }

        /// <summary>Number of data identifiers in each snapshot record.</summary>
        public int SnapshotIdentifierCount
        {
            get { return snapshotIdentifiers == null ? 0 : snapshotIdentifiers.Length; }
        }

        /// <summary>Bytes of data in one snapshot record, without the identifiers.</summary>
        public int SnapshotLength
        {
            get { return snapshotLength; }
        }

        /// <summary>
        /// Current values of the layout, big endian in layout order. The application fills it, or leaves it to
        /// the <see cref="IDtcSnapshotSource"/> given to <see cref="SetSnapshotLayout"/>.
        /// </summary>
        public byte[]? SnapshotValues
        {
            get { return snapshotValues; }
        }

        /// <summary>
        /// Sets the freeze frame layout: data identifiers <paramref name="identifiers"/> (0x0000 to 0xFFFF) with
        /// their data lengths <paramref name="lengths"/> in bytes. Storage for every DTC of the capacity is
        /// allocated here. <paramref name="source"/>, when not null, fills the current values just before each
        /// capture. With <paramref name="keepLatest"/> record 0x02 is overwritten at every new failure. May be
        /// called once.
        /// </summary>
        public void SetSnapshotLayout(int[] identifiers, int[] lengths, bool keepLatest, IDtcSnapshotSource? source)
        {
            if (snapshotValues != null)
            {
                throw new InvalidOperationException("The snapshot layout is already set; it can be set once.");
            }

            if (identifiers == null || lengths == null || identifiers.Length == 0 || identifiers.Length != lengths.Length)
            {
                throw new ArgumentException("Give one data length for each data identifier, and at least one identifier.", "lengths");
            }

            if (identifiers.Length > 255)
            {
                throw new ArgumentOutOfRangeException("identifiers", "A snapshot record can contain at most 255 data identifiers; the layout has more.");
            }

            int[] offsets = new int[identifiers.Length];
            int total = 0;
            for (int i = 0; i < identifiers.Length; i++)
            {
                if (identifiers[i] < 0 || identifiers[i] > 0xFFFF)
                {
                    throw new ArgumentOutOfRangeException("identifiers", "A data identifier has 16 bits (0x0000 to 0xFFFF).");
                }

                if (lengths[i] < 1 || lengths[i] > 64)
                {
                    throw new ArgumentOutOfRangeException("lengths", "Each snapshot data length must be 1 to 64 bytes.");
                }

                offsets[i] = total;
                total += lengths[i];
            }

            snapshotIdentifiers = (int[])identifiers.Clone();
            snapshotOffsets = offsets;
            snapshotLength = total;
            snapshotValues = new byte[total];
            snapshotData = new byte[numbers.Length * RecordSlots * total];
            keepsLatestSnapshot = keepLatest;
            snapshotSource = source;
        }

        /// <summary>Returns the data identifier at <paramref name="position"/> of the layout.</summary>
        public int SnapshotIdentifierAt(int position)
        {
            CheckLayoutPosition(position);
            return snapshotIdentifiers![position];
        }

        /// <summary>Returns the offset of the value at <paramref name="position"/> in <see cref="SnapshotValues"/> and in each record.</summary>
        public int SnapshotValueOffset(int position)
        {
            CheckLayoutPosition(position);
            return snapshotOffsets![position];
        }

        /// <summary>Returns the data length of the identifier at <paramref name="position"/>, bytes.</summary>
        public int SnapshotValueLength(int position)
        {
            CheckLayoutPosition(position);
            int end = position + 1 < snapshotOffsets!.Length ? snapshotOffsets[position + 1] : snapshotLength;
            return end - snapshotOffsets[position];
        }

        /// <summary>
        /// True when snapshot record <paramref name="recordNumber"/> (0x01 or 0x02) of the DTC at
        /// <paramref name="index"/> contains captured values.
        /// </summary>
        public bool IsSnapshotStored(int index, int recordNumber)
        {
            CheckIndex(index);
            int slot = recordNumber - FirstFailureSnapshotRecord;
            if (slot < 0 || slot >= RecordSlots)
            {
                return false;
            }

            return (snapshotStoredFlags[index] & (1 << slot)) != 0;
        }

        /// <summary>
        /// Copies the data of snapshot record <paramref name="recordNumber"/> of the DTC at
        /// <paramref name="index"/> to <paramref name="destination"/> at <paramref name="offset"/> and returns
        /// <see cref="SnapshotLength"/>; returns 0 when the record is not stored.
        /// </summary>
        public int CopySnapshot(int index, int recordNumber, byte[] destination, int offset)
        {
            if (!IsSnapshotStored(index, recordNumber))
            {
                return 0;
            }

            Array.Copy(snapshotData!, SlotStart(index, recordNumber - FirstFailureSnapshotRecord), destination, offset, snapshotLength);
            return snapshotLength;
        }

        // Called on a new failure (testFailed going from 0 to 1).
        private void CaptureSnapshots(int index)
        {
            if (snapshotValues == null)
            {
                return;
            }

            bool firstStored = (snapshotStoredFlags[index] & 0x01) != 0;
            if (firstStored && !keepsLatestSnapshot)
            {
                return;
            }

            if (snapshotSource != null)
            {
                snapshotSource.FillSnapshot(snapshotValues);
            }

            if (!firstStored)
            {
                Array.Copy(snapshotValues, 0, snapshotData!, SlotStart(index, 0), snapshotLength);
                snapshotStoredFlags[index] |= 0x01;
            }

            if (keepsLatestSnapshot)
            {
                Array.Copy(snapshotValues, 0, snapshotData!, SlotStart(index, 1), snapshotLength);
                snapshotStoredFlags[index] |= 0x02;
            }
        }

        private int SlotStart(int index, int slot)
        {
            return (index * RecordSlots + slot) * snapshotLength;
        }

        private void CheckLayoutPosition(int position)
        {
            if (snapshotIdentifiers == null)
            {
                throw new InvalidOperationException("No snapshot layout is set; call SetSnapshotLayout first.");
            }

            if (position < 0 || position >= snapshotIdentifiers.Length)
            {
                throw new ArgumentOutOfRangeException("position", "The position must be less than SnapshotIdentifierCount.");
            }
        }
    }
}

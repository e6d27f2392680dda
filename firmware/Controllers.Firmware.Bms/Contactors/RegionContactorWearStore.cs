using System;
using Controllers.Firmware.Common.Storage;

namespace Controllers.Firmware.Bms.Contactors
{
    /// <summary>
    /// The two slots of the contactor wear record in two regions of an <see cref="INonVolatileStore"/>: on the
    /// ESP32 two files on the internal LittleFS drive (<see cref="FileRegionStore"/>), elsewhere two flash
    /// sectors. <see cref="ContactorWearLog"/> writes the slots in turn with a sequence number and CRC-32, so
    /// a write cut at any byte leaves the other slot's record readable. A region shorter than a slot (a file
    /// cut short or never written) reads as erased bytes (0xFF), which fail the CRC.
    /// </summary>
    public sealed class RegionContactorWearStore : IContactorWearStore
    {
        private readonly INonVolatileStore store;
        private readonly int[] regions = new int[2];
        private int failedWriteCount;

        /// <summary>Creates the store over regions <paramref name="regionA"/> (slot 0) and <paramref name="regionB"/> (slot 1).</summary>
        public RegionContactorWearStore(INonVolatileStore store, int regionA, int regionB)
        {
            if (store == null)
            {
                throw new ArgumentNullException("store");
            }

            if (regionA < 0 || regionA >= store.RegionCount || regionB < 0 || regionB >= store.RegionCount || regionA == regionB)
            {
                throw new ArgumentOutOfRangeException("regionB", "regionA = " + regionA + " and regionB = " + regionB + " must be two different regions within 0 to " + (store.RegionCount - 1) + ".");
            }

            if (store.RegionLength < ContactorWearRecord.SerializedLength)
            {
                throw new ArgumentException("The store's regions hold " + store.RegionLength + " bytes; the wear record needs " + ContactorWearRecord.SerializedLength + ".", "store");
            }

            this.store = store;
            regions[0] = regionA;
            regions[1] = regionB;
        }

        /// <inheritdoc />
        public int SlotLength
        {
            get { return ContactorWearRecord.SerializedLength; }
        }

        /// <summary>
        /// Writes the store reported as failed. NOTE: <see cref="IContactorWearStore.Write"/> returns nothing, so
        /// <see cref="ContactorWearLog"/> does not learn of the failure and its next save goes to the other slot.
        /// </summary>
        public int FailedWriteCount
        {
            get { return failedWriteCount; }
        }

        /// <inheritdoc />
        public bool Read(int slot, byte[] buffer)
        {
            int region = Region(slot);
            int read = store.Read(region, buffer, 0, SlotLength);
            if (read < 0)
            {
                return false;
            }

            for (int i = read; i < SlotLength; i++)
            {
                buffer[i] = 0xFF;
            }

            return true;
        }

        /// <inheritdoc />
        public void Write(int slot, byte[] data, int length)
        {
            if (!store.Write(Region(slot), data, 0, length))
            {
                failedWriteCount++;
            }
        }

        private int Region(int slot)
        {
            if (slot < 0 || slot > 1)
            {
                throw new ArgumentOutOfRangeException("slot", "slot = " + slot + " must be 0 or 1.");
            }

            return regions[slot];
        }
    }
}

using System;

namespace Controllers.Firmware.Bms.Contactors
{
    /// <summary>
    /// Keeps <see cref="ContactorWearRecord"/> in two slots of an <see cref="IContactorWearStore"/>. Each save
    /// writes the slot that does not hold the newest valid record, with the next sequence number, so a
    /// power cut during a write damages only that slot and the previous record stays readable.
    /// </summary>
    public sealed class ContactorWearLog
    {
        private readonly IContactorWearStore store;
        private readonly ContactorWearRecord record = new ContactorWearRecord();
        private readonly ContactorWearRecord candidate = new ContactorWearRecord();
        private readonly byte[] buffer;
        private uint sequence;
        private int newestSlot = -1;

        /// <summary>Creates the log over <paramref name="store"/>; call <see cref="Load"/> before use.</summary>
        public ContactorWearLog(IContactorWearStore store)
        {
            if (store == null)
            {
                throw new ArgumentNullException("store");
            }

            if (store.SlotLength < ContactorWearRecord.SerializedLength)
            {
                throw new ArgumentException("The wear store slots hold " + store.SlotLength.ToString() + " bytes; a record needs "
                    + ContactorWearRecord.SerializedLength.ToString() + ".", "store");
            }

            this.store = store;
            buffer = new byte[store.SlotLength];
        }

        /// <summary>The record in RAM; change it with <see cref="ContactorWearRecord.RecordBreak"/> and then <see cref="Save"/>.</summary>
        public ContactorWearRecord Record
        {
            get { return record; }
        }

        /// <summary>Sequence number of the record last loaded or saved; 0 before the first save.</summary>
        public uint Sequence
        {
            get { return sequence; }
        }

        /// <summary>
        /// Loads the valid slot with the higher sequence number (serial number arithmetic, so the counter may
        /// wrap). Returns false and starts from a zero record when neither slot is valid.
        /// </summary>
        public bool Load()
        {
            bool found = false;
            uint best = 0;
            newestSlot = -1;
            for (int slot = 0; slot < 2; slot++)
            {
                uint slotSequence;
                if (!store.Read(slot, buffer) || !candidate.TryDeserialize(buffer, out slotSequence))
                {
                    continue;
                }

                if (!found || (int)(slotSequence - best) > 0)
                {
                    found = true;
                    best = slotSequence;
                    newestSlot = slot;
                }
            }

            if (!found)
            {
                record.Clear();
                sequence = 0;
                return false;
            }

            uint loaded;
            store.Read(newestSlot, buffer);
            record.TryDeserialize(buffer, out loaded);
            sequence = loaded;
            return true;
        }

        /// <summary>Writes the record with the next sequence number to the slot that does not hold the newest record.</summary>
        public void Save()
        {
            int slot = newestSlot == 0 ? 1 : 0;
            uint next = sequence + 1;
            record.Serialize(next, buffer);
            store.Write(slot, buffer, ContactorWearRecord.SerializedLength);
            sequence = next;
            newestSlot = slot;
        }
    }
}

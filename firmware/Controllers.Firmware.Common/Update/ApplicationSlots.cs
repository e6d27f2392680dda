using System;
using Controllers.Firmware.Common.Storage;

namespace Controllers.Firmware.Common.Update
{
    /// <summary>
    /// The boot-control record of two application slots: which slot is the confirmed active one, which
    /// slot boots on trial and how often it has, and the state, version and image length of each slot.
    /// It lives in a <see cref="RecordStore"/> with two copies, so a power cut during a save keeps the
    /// previous record. Every state change is saved before the method returns.
    /// </summary>
    /// <remarks>
    /// Payload layout of format version 1, little-endian, 24 bytes: active slot, trial slot (0xFF for none),
    /// trial boot count, one reserved byte, state of slot 0 and slot 1 (<see cref="ApplicationSlotState"/>),
    /// two reserved bytes, application version of slot 0 and slot 1 (uint32 each), image length of slot 0
    /// and slot 1 in bytes (uint32 each).
    /// </remarks>
    public sealed class ApplicationSlots
    {
        /// <summary>Record type id in the record header.</summary>
        public const ushort RecordTypeId = 0x0201;

        /// <summary>Payload layout that this class writes.</summary>
        public const ushort FormatVersion = 1;

        /// <summary>Payload bytes.</summary>
        public const int PayloadLength = 24;

        /// <summary>Number of slots.</summary>
        public const int SlotCount = 2;

        /// <summary>Trial slot value when no trial is pending.</summary>
        public const int NoSlot = 0xFF;

        private const int StateOffset = 4;
        private const int VersionOffset = 8;
        private const int ImageLengthOffset = 16;

        private readonly RecordStore record;
        private readonly byte[] payload = new byte[PayloadLength];
        private int runningSlot = NoSlot;

        /// <summary>
        /// Creates the boot-control record in regions <paramref name="regionA"/> and <paramref name="regionB"/>
        /// of <paramref name="store"/>. Call <see cref="Load"/> before anything else.
        /// </summary>
        public ApplicationSlots(INonVolatileStore store, int regionA, int regionB)
        {
            record = new RecordStore(store, regionA, regionB, RecordTypeId, FormatVersion, PayloadLength);
            SetFactoryDefaults();
        }

        /// <summary>Confirmed slot that boots when no trial is pending.</summary>
        public int ActiveSlot
        {
            get { return payload[0]; }
        }

        /// <summary>Slot that boots on trial, or <see cref="NoSlot"/>.</summary>
        public int TrialSlot
        {
            get { return payload[1]; }
        }

        /// <summary>Boots of the trial slot so far.</summary>
        public int TrialBootCount
        {
            get { return payload[2]; }
        }

        /// <summary>Slot the board booted from in this power cycle, or <see cref="NoSlot"/> before boot selection.</summary>
        public int RunningSlot
        {
            get { return runningSlot; }
            internal set { runningSlot = value; }
        }

        /// <summary>The slot that is not running, the only one that programming may change.</summary>
        public int InactiveSlot
        {
            get { return (runningSlot == NoSlot ? ActiveSlot : runningSlot) == 0 ? 1 : 0; }
        }

        /// <summary>Outcome of the last <see cref="Load"/>.</summary>
        public RecordLoadResult LoadResult { get; private set; }

        /// <summary>State of <paramref name="slot"/>.</summary>
        public ApplicationSlotState GetState(int slot)
        {
            return (ApplicationSlotState)payload[StateOffset + CheckSlot(slot)];
        }

        /// <summary>Application version stored for <paramref name="slot"/> when it was verified.</summary>
        public uint GetVersion(int slot)
        {
            return ApplicationImageHeader.ReadUInt32(payload, VersionOffset + 4 * CheckSlot(slot));
        }

        /// <summary>Image length in bytes (header and payload) of <paramref name="slot"/>, 0 when empty.</summary>
        public int GetImageLength(int slot)
        {
            return (int)ApplicationImageHeader.ReadUInt32(payload, ImageLengthOffset + 4 * CheckSlot(slot));
        }

        /// <summary>
        /// Loads the record. When there is none, or no copy is readable, the factory state applies: slot 0
        /// confirmed and active, slot 1 empty.
        /// </summary>
        public RecordLoadResult Load()
        {
            LoadResult = record.Load(payload);
            if (LoadResult != RecordLoadResult.Loaded || !IsPlausible())
            {
                // NOTE: a corrupt record falls back to slot 0 as well, which may not hold the newest
                // confirmed application. A power cut cannot cause this, because one copy always survives.
                SetFactoryDefaults();
            }

            return LoadResult;
        }

        /// <summary>
        /// Sets the state, version and image length of <paramref name="slot"/> and saves the record. When
        /// the slot was the pending trial, the trial is cancelled. Returns false when the save failed.
        /// </summary>
        public bool SetSlot(int slot, ApplicationSlotState state, uint version, int imageLength)
        {
            CheckSlot(slot);
            if (imageLength < 0)
            {
                throw new ArgumentOutOfRangeException("imageLength", "imageLength = " + imageLength + " must not be negative.");
            }

            if (TrialSlot == slot && state != ApplicationSlotState.PendingTrial)
            {
                payload[1] = NoSlot;
                payload[2] = 0;
            }

            payload[StateOffset + slot] = (byte)state;
            WriteUInt32(VersionOffset + 4 * slot, version);
            WriteUInt32(ImageLengthOffset + 4 * slot, (uint)imageLength);
            return Save();
        }

        /// <summary>
        /// Marks the verified <paramref name="slot"/> as the pending trial with no boots yet and saves the
        /// record. Returns false when the slot is not verified or the save failed.
        /// </summary>
        public bool BeginTrial(int slot)
        {
            if (GetState(slot) != ApplicationSlotState.Verified)
            {
                return false;
            }

            payload[StateOffset + slot] = (byte)ApplicationSlotState.PendingTrial;
            payload[1] = (byte)slot;
            payload[2] = 0;
            return Save();
        }

        /// <summary>Counts one more boot of the trial slot and saves the record.</summary>
        internal bool CountTrialBoot()
        {
            payload[2] = (byte)(payload[2] + 1);
            return Save();
        }

        /// <summary>Marks the trial slot failed, so the active slot boots again, and saves the record.</summary>
        internal bool FailTrial()
        {
            int slot = TrialSlot;
            payload[StateOffset + slot] = (byte)ApplicationSlotState.Failed;
            payload[1] = NoSlot;
            payload[2] = 0;
            return Save();
        }

        /// <summary>Makes the trial slot the confirmed active slot and saves the record.</summary>
        internal bool ConfirmTrial()
        {
            int slot = TrialSlot;
            payload[StateOffset + slot] = (byte)ApplicationSlotState.Confirmed;
            payload[0] = (byte)slot;
            payload[1] = NoSlot;
            payload[2] = 0;
            return Save();
        }

        private bool Save()
        {
            return record.Save(payload, PayloadLength);
        }

        private bool IsPlausible()
        {
            if (payload[0] >= SlotCount || (payload[1] >= SlotCount && payload[1] != NoSlot))
            {
                return false;
            }

            return payload[StateOffset] <= (byte)ApplicationSlotState.Failed && payload[StateOffset + 1] <= (byte)ApplicationSlotState.Failed;
        }

        private void SetFactoryDefaults()
        {
            Array.Clear(payload, 0, PayloadLength);
            payload[0] = 0;
            payload[1] = NoSlot;
            payload[StateOffset] = (byte)ApplicationSlotState.Confirmed;
            payload[StateOffset + 1] = (byte)ApplicationSlotState.Empty;
        }

        private void WriteUInt32(int offset, uint value)
        {
            payload[offset] = (byte)value;
            payload[offset + 1] = (byte)(value >> 8);
            payload[offset + 2] = (byte)(value >> 16);
            payload[offset + 3] = (byte)(value >> 24);
        }

        private static int CheckSlot(int slot)
        {
            if (slot < 0 || slot >= SlotCount)
            {
                throw new ArgumentOutOfRangeException("slot", "slot = " + slot + " must be 0 or 1.");
            }

            return slot;
        }
    }
}

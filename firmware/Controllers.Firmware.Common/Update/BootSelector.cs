using System;

namespace Controllers.Firmware.Common.Update
{
    /// <summary>
    /// Picks the slot to boot and handles the trial of a new application. A pending trial slot boots
    /// up to <see cref="MaxTrialBoots"/> times, each boot counted in the boot-control record before the
    /// application starts. If it has not confirmed itself by then, the next boot marks it failed and
    /// boots the active slot again (rollback). The application confirms with <see cref="Confirm"/>, called
    /// after its self-test or by routine 0xFF01.
    /// </summary>
    public sealed class BootSelector
    {
        /// <summary>Trial boots a new application gets when no other count is configured.</summary>
        public const int DefaultMaxTrialBoots = 3;

        private readonly ApplicationSlots slots;
        private readonly int maxTrialBoots;

        /// <summary>
        /// Creates a selector over <paramref name="slots"/> that allows <paramref name="maxTrialBoots"/>
        /// unconfirmed boots of a new application (1 to 100).
        /// </summary>
        public BootSelector(ApplicationSlots slots, int maxTrialBoots)
        {
            if (slots == null)
            {
                throw new ArgumentNullException("slots");
            }

            if (maxTrialBoots < 1 || maxTrialBoots > 100)
            {
                throw new ArgumentOutOfRangeException("maxTrialBoots", "maxTrialBoots = " + maxTrialBoots + " must be 1 to 100.");
            }

            this.slots = slots;
            this.maxTrialBoots = maxTrialBoots;
        }

        /// <summary>Unconfirmed boots a new application gets before rollback.</summary>
        public int MaxTrialBoots
        {
            get { return maxTrialBoots; }
        }

        /// <summary>True while the running slot is a trial that has not confirmed itself.</summary>
        public bool IsRunningTrial
        {
            get { return slots.RunningSlot != ApplicationSlots.NoSlot && slots.RunningSlot == slots.TrialSlot; }
        }

        /// <summary>
        /// Loads the boot-control record, decides which slot boots now, saves the decision and returns the
        /// slot, which is also <see cref="ApplicationSlots.RunningSlot"/>. When a save fails the active slot
        /// boots, because a trial boot that cannot be counted could repeat forever.
        /// </summary>
        public int Select()
        {
            slots.Load();
            int trial = slots.TrialSlot;
            int selected = slots.ActiveSlot;
            if (trial != ApplicationSlots.NoSlot && slots.GetState(trial) == ApplicationSlotState.PendingTrial)
            {
                if (slots.TrialBootCount >= maxTrialBoots)
                {
                    slots.FailTrial();
                }
                else if (slots.CountTrialBoot())
                {
                    selected = trial;
                }
            }

            slots.RunningSlot = selected;
            return selected;
        }

        /// <summary>
        /// Confirms the running application. A running trial becomes the confirmed active slot; a running
        /// confirmed application needs nothing. Returns false when the save failed or nothing runs yet.
        /// </summary>
        public bool Confirm()
        {
            if (slots.RunningSlot == ApplicationSlots.NoSlot)
            {
                return false;
            }

            if (!IsRunningTrial)
            {
                return slots.GetState(slots.RunningSlot) == ApplicationSlotState.Confirmed;
            }

            return slots.ConfirmTrial();
        }
    }
}

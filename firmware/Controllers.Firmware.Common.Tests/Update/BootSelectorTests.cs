using Controllers.Firmware.Common.Storage;
using Controllers.Firmware.Common.Update;
using Xunit;

namespace Controllers.Firmware.Common.Tests.Update;

public class BootSelectorTests
{
    private readonly RamRegionStore store = new(2, 64);

    // A fresh view of the record, as after a reset: only the store survives.
    private ApplicationSlots Reboot(out BootSelector selector, int maxTrialBoots = 3)
    {
        var slots = new ApplicationSlots(store, 0, 1);
        selector = new BootSelector(slots, maxTrialBoots);
        selector.Select();
        return slots;
    }

    [Fact]
    public void NoRecord_BootsFactorySlotZero()
    {
        ApplicationSlots slots = Reboot(out BootSelector selector);

        Assert.Equal(RecordLoadResult.NotFound, slots.LoadResult);
        Assert.Equal(0, slots.RunningSlot);
        Assert.Equal(ApplicationSlotState.Confirmed, slots.GetState(0));
        Assert.Equal(ApplicationSlotState.Empty, slots.GetState(1));
        Assert.False(selector.IsRunningTrial);
    }

    [Theory]
    [InlineData(ApplicationSlotState.Empty)]
    [InlineData(ApplicationSlotState.Received)]
    [InlineData(ApplicationSlotState.Verified)]
    [InlineData(ApplicationSlotState.Failed)]
    public void InactiveSlotNotPendingTrial_NeverBoots(ApplicationSlotState state)
    {
        ApplicationSlots slots = Reboot(out _);
        slots.SetSlot(1, state, 0x01010000, 4096);

        slots = Reboot(out _);

        Assert.Equal(0, slots.RunningSlot);
        Assert.Equal(state, slots.GetState(1));
    }

    [Fact]
    public void BeginTrial_NeedsVerifiedSlot()
    {
        ApplicationSlots slots = Reboot(out _);
        slots.SetSlot(1, ApplicationSlotState.Received, 0, 4096);

        Assert.False(slots.BeginTrial(1));
        Assert.Equal(ApplicationSlots.NoSlot, slots.TrialSlot);
    }

    [Fact]
    public void Trial_BootsMaxTimesThenRollsBack()
    {
        ApplicationSlots slots = Reboot(out _);
        slots.SetSlot(1, ApplicationSlotState.Verified, 0x01010000, 4096);
        Assert.True(slots.BeginTrial(1));

        // Boots 1, 2 and 3 run the trial and count it; boot 4 rolls back.
        for (int boot = 1; boot <= 3; boot++)
        {
            slots = Reboot(out BootSelector selector);
            Assert.Equal(1, slots.RunningSlot);
            Assert.Equal(boot, slots.TrialBootCount);
            Assert.True(selector.IsRunningTrial);
        }

        slots = Reboot(out BootSelector afterRollback);

        Assert.Equal(0, slots.RunningSlot);
        Assert.Equal(0, slots.ActiveSlot);
        Assert.Equal(ApplicationSlotState.Failed, slots.GetState(1));
        Assert.Equal(ApplicationSlots.NoSlot, slots.TrialSlot);
        Assert.False(afterRollback.IsRunningTrial);
    }

    [Fact]
    public void Confirm_MakesTrialActive()
    {
        ApplicationSlots slots = Reboot(out _);
        slots.SetSlot(1, ApplicationSlotState.Verified, 0x01010000, 4096);
        slots.BeginTrial(1);
        slots = Reboot(out BootSelector selector);

        Assert.True(selector.Confirm());

        for (int boot = 0; boot < 5; boot++)
        {
            slots = Reboot(out selector);
            Assert.Equal(1, slots.RunningSlot);
            Assert.False(selector.IsRunningTrial);
        }

        Assert.Equal(1, slots.ActiveSlot);
        Assert.Equal(ApplicationSlotState.Confirmed, slots.GetState(1));
        Assert.Equal(ApplicationSlotState.Confirmed, slots.GetState(0));
        Assert.Equal(0x01010000u, slots.GetVersion(1));
    }

    [Fact]
    public void TrialBootNotSaved_BootsActiveSlot()
    {
        ApplicationSlots slots = Reboot(out _);
        slots.SetSlot(1, ApplicationSlotState.Verified, 0x01010000, 4096);
        slots.BeginTrial(1);
        store.FailWrites = true;

        slots = Reboot(out BootSelector selector);

        Assert.Equal(0, slots.RunningSlot);
        Assert.False(selector.IsRunningTrial);
    }

    [Fact]
    public void Confirm_OnConfirmedApplicationSucceedsWithoutSave()
    {
        Reboot(out BootSelector selector);
        store.FailWrites = true;

        Assert.True(selector.Confirm());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void Constructor_RejectsTrialBootsOutOfRange(int maxTrialBoots)
    {
        var slots = new ApplicationSlots(store, 0, 1);

        Assert.Throws<System.ArgumentOutOfRangeException>(() => new BootSelector(slots, maxTrialBoots));
    }
}

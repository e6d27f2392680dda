using System;
using Controllers.Firmware.Common.Storage;
using Controllers.Firmware.Common.Update;
using Controllers.Simulation.Plant;
using Controllers.Simulation.Storage;
using Xunit;

namespace Controllers.Simulation.Tests.Update;

/// <summary>
/// The boot-control record of the application slots under a power cut at every byte of a save: the
/// board must boot either the state before the save or the state after it, never anything else.
/// </summary>
public class BootControlRecordTests
{
    // Record framing (16 bytes: 12 header, 4 CRC) plus the 24-byte payload.
    private const int FrameLength = RecordStore.FramingLength + ApplicationSlots.PayloadLength;
    private const uint NewVersion = 0x01020003;

    private static ApplicationSlots Boot(SimulatedFlashStore store, out BootSelector selector)
    {
        var slots = new ApplicationSlots(store, 0, 1);
        selector = new BootSelector(slots, 3);
        selector.Select();
        return slots;
    }

    // Slot 1 verified and its trial started: the state just before the reset into the new application.
    private static SimulatedFlashStore VerifiedSlotOne(SimulatedRegionKind kind)
    {
        var store = new SimulatedFlashStore(2, 64, kind);
        ApplicationSlots slots = Boot(store, out _);
        Assert.True(slots.SetSlot(1, ApplicationSlotState.Verified, NewVersion, 40_000));
        return store;
    }

    [Fact]
    public void FrameLength_IsFortyBytes()
    {
        // 12 header bytes + 24 payload bytes + 4 CRC bytes.
        Assert.Equal(40, FrameLength);
    }

    [Theory]
    [InlineData(SimulatedRegionKind.FlashSector)]
    [InlineData(SimulatedRegionKind.File)]
    public void BeginTrial_CutAtEveryByteBootsOldApplication(SimulatedRegionKind kind)
    {
        for (int cut = 0; cut < FrameLength; cut++)
        {
            SimulatedFlashStore store = VerifiedSlotOne(kind);
            ApplicationSlots slots = Boot(store, out _);
            store.CutPowerDuringNextWrite(cut);

            Assert.Throws<SimulatedPowerCutException>(() => slots.BeginTrial(1));

            ApplicationSlots afterCut = Boot(store, out BootSelector selector);
            Assert.Equal(RecordLoadResult.Loaded, afterCut.LoadResult);
            Assert.Equal(0, afterCut.RunningSlot);
            Assert.False(selector.IsRunningTrial);
            Assert.Equal(ApplicationSlotState.Verified, afterCut.GetState(1));
            Assert.Equal(NewVersion, afterCut.GetVersion(1));
        }
    }

    [Theory]
    [InlineData(SimulatedRegionKind.FlashSector)]
    [InlineData(SimulatedRegionKind.File)]
    public void Confirm_CutAtEveryByteKeepsTrialRunning(SimulatedRegionKind kind)
    {
        for (int cut = 0; cut < FrameLength; cut++)
        {
            SimulatedFlashStore store = VerifiedSlotOne(kind);
            Assert.True(Boot(store, out _).BeginTrial(1));
            Boot(store, out BootSelector trial);
            store.CutPowerDuringNextWrite(cut);

            Assert.Throws<SimulatedPowerCutException>(() => trial.Confirm());

            // The confirmation is lost, so the next boot is trial boot 2 of 3.
            ApplicationSlots afterCut = Boot(store, out BootSelector selector);
            Assert.Equal(1, afterCut.RunningSlot);
            Assert.True(selector.IsRunningTrial);
            Assert.Equal(2, afterCut.TrialBootCount);
            Assert.Equal(0, afterCut.ActiveSlot);
        }
    }

    [Theory]
    [InlineData(SimulatedRegionKind.FlashSector)]
    [InlineData(SimulatedRegionKind.File)]
    public void Rollback_CutAtEveryByteStillBootsOldApplication(SimulatedRegionKind kind)
    {
        for (int cut = 0; cut < FrameLength; cut++)
        {
            SimulatedFlashStore store = VerifiedSlotOne(kind);
            Assert.True(Boot(store, out _).BeginTrial(1));
            for (int boot = 0; boot < 3; boot++)
            {
                Boot(store, out _);
            }

            // The fourth boot saves the rollback; a cut there leaves 3 counted boots, so the
            // boot after it rolls back again.
            store.CutPowerDuringNextWrite(cut);
            Assert.Throws<SimulatedPowerCutException>(() => Boot(store, out _));

            ApplicationSlots afterCut = Boot(store, out BootSelector selector);
            Assert.Equal(0, afterCut.RunningSlot);
            Assert.False(selector.IsRunningTrial);
            Assert.Equal(ApplicationSlotState.Failed, afterCut.GetState(1));
        }
    }
}

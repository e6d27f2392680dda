using System;
using Controllers.Firmware.Bms.Contactors;
using Controllers.Firmware.Common.Hal;
using Controllers.Simulation.Plant;
using Controllers.Simulation.Storage;
using Xunit;

namespace Controllers.Simulation.Tests.Storage;

public class ContactorWearStoreTests
{
    [Theory]
    [InlineData(SimulatedRegionKind.FlashSector, 1)]
    [InlineData(SimulatedRegionKind.File, 1)]
    [InlineData(SimulatedRegionKind.FlashSector, 2)]
    [InlineData(SimulatedRegionKind.File, 2)]
    public void PowerCut_AtEveryByteKeepsLastGoodRecord(SimulatedRegionKind kind, int completedSaves)
    {
        for (int cut = 0; cut < ContactorWearRecord.SerializedLength; cut++)
        {
            var medium = new SimulatedFlashStore(4, 128, kind);
            var log = new ContactorWearLog(new RegionContactorWearStore(medium, 2, 3));
            log.Load();
            for (int save = 1; save <= completedSaves; save++)
            {
                // 300 A lies between the 5 A break threshold and the 660 A overload current: a load break.
                log.Record.RecordBreak(ContactorId.Positive, 300f, 5f, 660f);
                log.Save();
            }

            log.Record.RecordBreak(ContactorId.Positive, 800f, 5f, 660f);
            medium.CutPowerDuringNextWrite(cut);
            Assert.Throws<SimulatedPowerCutException>(() => log.Save());

            var restarted = new ContactorWearLog(new RegionContactorWearStore(medium, 2, 3));
            Assert.True(restarted.Load());
            Assert.Equal((uint)completedSaves, restarted.Record.GetLoadBreaks(ContactorId.Positive));
            Assert.Equal(0u, restarted.Record.GetOverloadBreaks(ContactorId.Positive));
            Assert.Equal(300f * completedSaves, restarted.Record.GetAccumulatedBreakAmperes(ContactorId.Positive), 3);
            Assert.Equal((uint)completedSaves, restarted.Sequence);
        }
    }

    [Fact]
    public void Write_FailureIsCounted()
    {
        var medium = new SimulatedFlashStore(2, 128, SimulatedRegionKind.File) { FailWrites = true };
        var store = new RegionContactorWearStore(medium, 0, 1);

        store.Write(0, new byte[ContactorWearRecord.SerializedLength], ContactorWearRecord.SerializedLength);

        Assert.Equal(1, store.FailedWriteCount);
    }

    [Fact]
    public void Constructor_RejectsSmallRegions()
    {
        var medium = new SimulatedFlashStore(2, ContactorWearRecord.SerializedLength - 1);

        var error = Assert.Throws<ArgumentException>(() => new RegionContactorWearStore(medium, 0, 1));
        Assert.Contains("72", error.Message);
    }
}

using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Vcu.Inputs;
using Xunit;

namespace Controllers.Firmware.Vcu.Tests;

public class AcceleratorPedalTests
{
    private static (AcceleratorPedal Pedal, DtcMemory Dtcs) Create()
    {
        var dtcs = new DtcMemory(VcuCore.DtcCapacity);
        VcuDtc.RegisterAll(dtcs);
        return (new AcceleratorPedal(new AcceleratorPedalSettings(), dtcs), dtcs);
    }

    private static bool Failed(DtcMemory dtcs, uint dtc) => (dtcs.StatusAt(dtcs.IndexOf(dtc)) & DtcMemory.TestFailed) != 0;

    [Fact]
    public void HealthyPedalMapsVoltageToTravel()
    {
        var (pedal, _) = Create();

        // Track 1 at 2.5 V: (2.5 − 0.8) / (4.2 − 0.8) = 0.5; track 2 at 1.25 V: (1.25 − 0.4) / 1.7 = 0.5.
        pedal.Update(2.5f, 1.25f, 0);

        Assert.Equal(PedalStatus.Healthy, pedal.Status);
        Assert.Equal(0.5f, pedal.Position, 3);
    }

    [Fact]
    public void DisagreementSetsFaultAfter100Milliseconds()
    {
        var (pedal, dtcs) = Create();

        // Track 1 at 0.5 travel (2.5 V), track 2 at 0.38 travel (0.4 + 1.7 × 0.38 = 1.046 V): 12 % apart,
        // above the 10 % limit. The fault sets once the difference has lasted more than 100 ms.
        pedal.Update(2.5f, 1.046f, 0);
        pedal.Update(2.5f, 1.046f, 99000);
        Assert.False(Failed(dtcs, VcuDtc.AcceleratorCorrelation));
        Assert.Equal(PedalStatus.Healthy, pedal.Status);

        pedal.Update(2.5f, 1.046f, 101000);
        Assert.True(Failed(dtcs, VcuDtc.AcceleratorCorrelation));
        Assert.Equal(PedalStatus.Limp, pedal.Status);

        // Limp on the lower track: min(0.5, 0.38) = 0.38, below the 0.5 limp cap.
        Assert.Equal(0.38f, pedal.Position, 3);
    }

    [Fact]
    public void DisagreementBelowTenPercentIsAccepted()
    {
        var (pedal, dtcs) = Create();

        // 0.5 against 0.41 (0.4 + 1.7 × 0.41 = 1.097 V): 9 % apart.
        pedal.Update(2.5f, 1.097f, 0);
        pedal.Update(2.5f, 1.097f, 500000);

        Assert.False(Failed(dtcs, VcuDtc.AcceleratorCorrelation));
        Assert.Equal(PedalStatus.Healthy, pedal.Status);
    }

    [Fact]
    public void Track1ShortToGroundUsesTrack2()
    {
        var (pedal, dtcs) = Create();

        // Track 1 at 0 V is below its 0.4 V minimum; the range fault needs more than 20 ms.
        // Track 2 at 1.77 V is 0.8 travel: (1.77 − 0.4) / 1.7 = 0.806.
        pedal.Update(0f, 1.77f, 0);
        pedal.Update(0f, 1.77f, 20000);
        Assert.False(Failed(dtcs, VcuDtc.AcceleratorTrack1Low));

        pedal.Update(0f, 1.77f, 21000);
        Assert.True(Failed(dtcs, VcuDtc.AcceleratorTrack1Low));
        Assert.Equal(PedalStatus.Limp, pedal.Status);

        // Limp caps the healthy track at 0.5 travel.
        Assert.Equal(0.5f, pedal.Position, 3);
    }

    [Fact]
    public void Track2ShortToSupplyUsesTrack1()
    {
        var (pedal, dtcs) = Create();

        // Track 2 at 5 V is above its 2.5 V maximum; track 1 at 1.48 V is (1.48 − 0.8) / 3.4 = 0.2 travel.
        pedal.Update(1.48f, 5f, 0);
        pedal.Update(1.48f, 5f, 21000);

        Assert.True(Failed(dtcs, VcuDtc.AcceleratorTrack2High));
        Assert.Equal(PedalStatus.Limp, pedal.Status);
        Assert.Equal(0.2f, pedal.Position, 3);
    }

    [Fact]
    public void BothTracksOutOfRangeGiveZero()
    {
        var (pedal, dtcs) = Create();

        pedal.Update(5f, 0f, 0);
        pedal.Update(5f, 0f, 21000);

        Assert.True(Failed(dtcs, VcuDtc.AcceleratorTrack1High));
        Assert.True(Failed(dtcs, VcuDtc.AcceleratorTrack2Low));
        Assert.Equal(PedalStatus.Failed, pedal.Status);
        Assert.Equal(0f, pedal.Position);
    }

    [Fact]
    public void FaultLatchesUntilNewOperationCycle()
    {
        var (pedal, _) = Create();
        pedal.Update(0f, 1.25f, 0);
        pedal.Update(0f, 1.25f, 21000);

        pedal.Update(2.5f, 1.25f, 30000);
        Assert.Equal(PedalStatus.Limp, pedal.Status);

        pedal.StartOperationCycle();
        pedal.Update(2.5f, 1.25f, 40000);
        Assert.Equal(PedalStatus.Healthy, pedal.Status);
    }

    [Fact]
    public void InvalidCalibrationNamesTheValue()
    {
        var settings = new AcceleratorPedalSettings { Track1ReleasedVolts = 4.5f };

        var error = Assert.Throws<System.ArgumentException>(() => settings.Validate());

        Assert.Contains("Track1", error.Message);
    }
}

using Controllers.Firmware.Vcu.Intention;
using Xunit;

namespace Controllers.Firmware.Vcu.Tests;

public class DriverIntentionTests
{
    private static DriverIntention Create() => new(new DriverIntentionSettings(), PedalMap.CreateDefault());

    [Fact]
    public void NormalMapAtHalfPedalStandstill()
    {
        var intention = Create();

        intention.Update(0.5f, false, DriveDirection.Forward, DriveMode.Normal, 0f, false);

        // Normal map row 0.5 at 0 km/h is 0.50 of the 90 N·m peak: 45 N·m.
        Assert.Equal(45f, intention.DemandNewtonMetres, 3);
    }

    [Fact]
    public void ModeMapsDifferAtQuarterPedal()
    {
        // Row 0.25 at 0 km/h: eco 0.15, normal 0.25, sport 0.40, tow 0.40, times 90 N·m.
        float[] expected = { 13.5f, 22.5f, 36f, 36f };
        for (int mode = 0; mode < 4; mode++)
        {
            var intention = Create();
            intention.Update(0.25f, false, DriveDirection.Forward, (DriveMode)mode, 0f, false);
            Assert.Equal(expected[mode], intention.DemandNewtonMetres, 3);
        }
    }

    [Fact]
    public void ReverseNegatesDemand()
    {
        var intention = Create();

        intention.Update(0.5f, false, DriveDirection.Reverse, DriveMode.Normal, 0f, false);

        Assert.Equal(-45f, intention.DemandNewtonMetres, 3);
    }

    [Fact]
    public void CreepTapersWithSpeed()
    {
        var intention = Create();

        intention.Update(0f, false, DriveDirection.Forward, DriveMode.Normal, 0f, false);
        Assert.Equal(6f, intention.DemandNewtonMetres, 3);

        // Half the 6 km/h creep speed leaves half the 6 N·m creep torque.
        intention.Update(0f, false, DriveDirection.Forward, DriveMode.Normal, 3f, false);
        Assert.Equal(3f, intention.DemandNewtonMetres, 3);

        intention.Update(0f, true, DriveDirection.Forward, DriveMode.Normal, 0f, false);
        Assert.Equal(0f, intention.DemandNewtonMetres);
    }

    [Fact]
    public void BrakeOverrideLatchesUntilPedalReleased()
    {
        var intention = Create();

        intention.Update(0.5f, true, DriveDirection.Forward, DriveMode.Normal, 0f, false);
        Assert.True(intention.BrakeOverrideActive);
        Assert.Equal(0f, intention.DemandNewtonMetres);

        // Brake released, pedal still at 0.5: the override holds.
        intention.Update(0.5f, false, DriveDirection.Forward, DriveMode.Normal, 0f, false);
        Assert.True(intention.BrakeOverrideActive);
        Assert.Equal(0f, intention.DemandNewtonMetres);

        // Pedal at 0.04, below the 0.05 release threshold.
        intention.Update(0.04f, false, DriveDirection.Forward, DriveMode.Normal, 0f, false);
        Assert.False(intention.BrakeOverrideActive);

        intention.Update(0.5f, false, DriveDirection.Forward, DriveMode.Normal, 0f, false);
        Assert.Equal(45f, intention.DemandNewtonMetres, 3);
    }

    [Fact]
    public void BrakeWithLightPedalDoesNotLatch()
    {
        var intention = Create();

        // 0.2 is below the 0.25 latch threshold.
        intention.Update(0.2f, true, DriveDirection.Forward, DriveMode.Normal, 0f, false);

        Assert.False(intention.BrakeOverrideActive);
    }

    [Fact]
    public void DirectionChangeRejectedAboveTwoKmh()
    {
        var intention = Create();
        intention.Update(0f, false, DriveDirection.Forward, DriveMode.Normal, 0f, false);

        intention.Update(0.5f, false, DriveDirection.Reverse, DriveMode.Normal, 10f, false);
        Assert.True(intention.DirectionChangeRejected);
        Assert.Equal(DriveDirection.Forward, intention.Direction);

        intention.Update(0.5f, false, DriveDirection.Reverse, DriveMode.Normal, 2.5f, false);
        Assert.Equal(DriveDirection.Forward, intention.Direction);

        intention.Update(0.5f, false, DriveDirection.Reverse, DriveMode.Normal, 1.5f, false);
        Assert.False(intention.DirectionChangeRejected);
        Assert.Equal(DriveDirection.Reverse, intention.Direction);
    }

    [Fact]
    public void NeutralAcceptedAtSpeed()
    {
        var intention = Create();
        intention.Update(0f, false, DriveDirection.Forward, DriveMode.Normal, 0f, false);

        intention.Update(0.5f, false, DriveDirection.Neutral, DriveMode.Normal, 40f, false);

        Assert.Equal(DriveDirection.Neutral, intention.Direction);
        Assert.Equal(0f, intention.DemandNewtonMetres);
    }

    [Fact]
    public void LimpCapsDemand()
    {
        var intention = Create();

        intention.Update(1f, false, DriveDirection.Forward, DriveMode.Sport, 0f, true);

        Assert.Equal(27f, intention.DemandNewtonMetres, 3);
    }
}

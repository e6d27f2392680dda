using System;
using Xunit;

namespace Controllers.Simulation.Tests;

public class SimulatedClockTests
{
    [Fact]
    public void Clock_StartsAtZeroAndAdvances()
    {
        var clock = new SimulatedClock();
        Assert.Equal(0, clock.NowMicroseconds);

        clock.Advance(1_500);
        clock.AdvanceTo(2_000);
        clock.AdvanceTo(2_000);

        Assert.Equal(2_000, clock.NowMicroseconds);
    }

    [Fact]
    public void AdvanceTo_RejectsPastTime()
    {
        var clock = new SimulatedClock();
        clock.AdvanceTo(1_000);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => clock.AdvanceTo(999));

        Assert.Equal("timeMicroseconds", error.ParamName);
        Assert.Equal(1_000, clock.NowMicroseconds);
    }
}

using System;
using Xunit;

namespace Controllers.Firmware.Bms.Tests;

// Limits from the sampling requirement: current at most 30 ms, cell voltage at most 100 ms and
// temperature at most 1 s. Every period must be at least 1 ms.
public class BmsTaskPeriodsTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        new BmsTaskPeriods().Validate();
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(1_000)]
    [InlineData(30_000)]
    public void CurrentPeriod_AcceptedWithinLimits(long period)
    {
        new BmsTaskPeriods { CurrentMicroseconds = period }.Validate();
    }

    [Theory]
    [InlineData(30_001)]
    [InlineData(999)]
    [InlineData(0)]
    [InlineData(-10_000)]
    public void CurrentPeriod_RejectedOutsideLimits(long period)
    {
        var periods = new BmsTaskPeriods { CurrentMicroseconds = period };

        var error = Assert.Throws<ArgumentException>(periods.Validate);

        Assert.Equal("CurrentMicroseconds", error.ParamName);
    }

    [Theory]
    [InlineData(100_000)]
    [InlineData(1_000)]
    [InlineData(50_000)]
    public void CellVoltagePeriod_AcceptedWithinLimits(long period)
    {
        // The estimation period must stay a multiple of the cell voltage period.
        new BmsTaskPeriods { CellVoltageMicroseconds = period, EstimationMicroseconds = 100_000 }.Validate();
    }

    [Theory]
    [InlineData(100_001)]
    [InlineData(999)]
    public void CellVoltagePeriod_RejectedOutsideLimits(long period)
    {
        var periods = new BmsTaskPeriods { CellVoltageMicroseconds = period };

        var error = Assert.Throws<ArgumentException>(periods.Validate);

        Assert.Equal("CellVoltageMicroseconds", error.ParamName);
    }

    [Theory]
    [InlineData(1_000_000)]
    [InlineData(1_000)]
    public void TemperaturePeriod_AcceptedWithinLimits(long period)
    {
        new BmsTaskPeriods { TemperatureMicroseconds = period }.Validate();
    }

    [Theory]
    [InlineData(1_000_001)]
    [InlineData(999)]
    public void TemperaturePeriod_RejectedOutsideLimits(long period)
    {
        var periods = new BmsTaskPeriods { TemperatureMicroseconds = period };

        var error = Assert.Throws<ArgumentException>(periods.Validate);

        Assert.Equal("TemperatureMicroseconds", error.ParamName);
    }

    [Theory]
    [InlineData(150_000)]      // not a multiple of 100 ms
    [InlineData(50_000)]       // shorter than the cell voltage period
    [InlineData(10_100_000)]   // above 10 s
    public void EstimationPeriod_RejectedWhenNotAMultipleInRange(long period)
    {
        var periods = new BmsTaskPeriods { EstimationMicroseconds = period };

        var error = Assert.Throws<ArgumentException>(periods.Validate);

        Assert.Equal("EstimationMicroseconds", error.ParamName);
    }

    [Theory]
    [InlineData(200_000)]
    [InlineData(10_000_000)]
    public void EstimationPeriod_AcceptedAsMultiple(long period)
    {
        new BmsTaskPeriods { EstimationMicroseconds = period }.Validate();
    }
}

using System;
using Controllers.Simulation.Data;
using Controllers.Simulation.Replay;
using Xunit;

namespace Controllers.Simulation.Tests;

public class ReplayPlantTests
{
    // Samples at 0, 1, 2 and 4 s with charge in Ah. The tests use a reference capacity of 2 Ah.
    private static CellRecording Tiny() => new(
        "tiny",
        new[] { 0.0, 1.0, 2.0, 4.0 },
        new[] { 4.0f, 3.9f, 3.8f, 3.7f },
        new[] { -1f, -2f, -3f, -4f },
        new[] { 20f, 21f, 22f, 23f },
        new[] { 0.0, -0.01, -0.02, -0.04 });

    [Theory]
    [InlineData(0.0, 4.0f, -1f)]
    [InlineData(0.5, 4.0f, -1f)]     // held from 0 s
    [InlineData(0.999, 4.0f, -1f)]
    [InlineData(1.0, 3.9f, -2f)]     // a sample at exactly this time is taken
    [InlineData(3.99, 3.8f, -3f)]    // held from 2 s
    [InlineData(4.0, 3.7f, -4f)]
    [InlineData(9.0, 3.7f, -4f)]     // held after the end
    public void AdvanceTo_HoldsLastSampleAtOrBefore(double time, float volts, float amperes)
    {
        var plant = new ReplayPlant(Tiny(), 0.0, 2.0);

        plant.AdvanceTo(time);

        Assert.Equal(volts, plant.VoltageVolts);
        Assert.Equal(amperes, plant.CurrentAmperes);
    }

    [Theory]
    [InlineData(0.0, 1.0)]        // 1 + 0 / 2
    [InlineData(1.5, 0.995)]      // 1 - 0.01 / 2
    [InlineData(2.0, 0.99)]       // 1 - 0.02 / 2
    [InlineData(4.0, 0.98)]       // 1 - 0.04 / 2
    public void TrueSoc_IsOnePlusChargeOverCapacity(double time, double expected)
    {
        var plant = new ReplayPlant(Tiny(), 0.0, 2.0);

        plant.AdvanceTo(time);

        Assert.Equal(expected, plant.TrueSoc, 1e-12);
    }

    [Fact]
    public void Start_ShiftsReplayTime()
    {
        // Replay time 0 is recording time 1.5 s (sample at 1 s); replay time 0.5 s is recording time 2 s.
        var plant = new ReplayPlant(Tiny(), 1.5, 2.0);

        Assert.Equal(3.9f, plant.VoltageVolts);
        Assert.Equal(2.5, plant.EndSeconds);

        plant.AdvanceTo(0.5);

        Assert.Equal(3.8f, plant.VoltageVolts);
        Assert.Equal(22f, plant.TemperatureCelsius);
    }

    [Fact]
    public void AdvanceTo_NeverMovesBack()
    {
        var plant = new ReplayPlant(Tiny(), 0.0, 2.0);
        plant.AdvanceTo(2.5);

        plant.AdvanceTo(0.5);

        Assert.Equal(3.8f, plant.VoltageVolts);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(4.0)]
    [InlineData(10.0)]
    public void Constructor_RejectsStartOutsideRecording(double start)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ReplayPlant(Tiny(), start, 2.0));

        Assert.Equal("startSeconds", error.ParamName);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-2.0)]
    [InlineData(double.NaN)]
    public void Constructor_RejectsNonPositiveCapacity(double capacity)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ReplayPlant(Tiny(), 0.0, capacity));

        Assert.Equal("referenceCapacityAmpereHours", error.ParamName);
    }
}

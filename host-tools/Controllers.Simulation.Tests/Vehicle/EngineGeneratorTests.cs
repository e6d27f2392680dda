using System;
using Controllers.Simulation.Vehicle;
using Xunit;

namespace Controllers.Simulation.Tests.Vehicle;

public class EngineGeneratorTests
{
    // A flat 260 g/kWh map makes the fuel flow a hand calculation at any operating point.
    private static EngineGeneratorParameters FlatMapParameters() => new()
    {
        RatedPowerWatts = 15000,
        IdleSpeedRpm = 1500,
        RatedSpeedRpm = 4500,
        StartDelaySeconds = 1.2,
        CrankingFuelGrams = 1.0,
        IdleFuelGramsPerSecond = 0.12,
        SpeedTimeConstantSeconds = 0.5,
        PowerTimeConstantSeconds = 0.8,
        PowerFallTimeConstantSeconds = 0.1,
        GeneratorEfficiency = 0.92,
        FuelTankGrams = 10000,
        BrakeSpecificFuelConsumption = new Table2D(new double[] { 1000, 5000 }, new double[] { 0, 100 },
            new double[] { 260, 260, 260, 260 }),
    };

    [Fact]
    public void StartTakesDelayAndCrankingFuel()
    {
        var generator = new EngineGenerator(FlatMapParameters());
        generator.Start();
        for (int i = 0; i < 119; i++)
        {
            generator.Step(0.01);
        }

        Assert.Equal(EngineGeneratorState.Cranking, generator.State);

        generator.Step(0.01);

        Assert.Equal(EngineGeneratorState.Running, generator.State);
        Assert.Equal(1.0, generator.FuelUsedGrams, 1e-9);
        Assert.Equal(1, generator.StartCount);
    }

    [Fact]
    public void FuelAtConstantPowerMatchesHandCalculation()
    {
        // 10 kW at the link with a 0.92 generator is 10000 / 0.92 = 10869.6 W at the shaft; at 260 g/kWh that is
        // 260 × 10.8696 = 2826.1 g/h, so 600 s burn 2826.1 / 6 = 471.01 g.
        var generator = new EngineGenerator(FlatMapParameters());
        generator.Start();
        generator.SpeedCommandRpm = 4000;
        generator.PowerCommandWatts = 10000;
        for (int i = 0; i < 3000; i++)
        {
            generator.Step(0.01);
        }

        // After 30 s the power lag (τ = 0.8 s) has settled to within e^(−36) of the setpoint.
        Assert.Equal(10000, generator.ElectricalPowerWatts, 0.01);
        double before = generator.FuelUsedGrams;
        for (int i = 0; i < 60000; i++)
        {
            generator.Step(0.01);
        }

        Assert.Equal(471.01, generator.FuelUsedGrams - before, 0.01);
    }

    [Fact]
    public void IdleBurnsIdleFlow()
    {
        // No load: 0.12 g/s for 100 s is 12 g.
        var generator = new EngineGenerator(FlatMapParameters());
        generator.Start();
        for (int i = 0; i < 200; i++)
        {
            generator.Step(0.01);
        }

        double before = generator.FuelUsedGrams;
        for (int i = 0; i < 10000; i++)
        {
            generator.Step(0.01);
        }

        Assert.Equal(12.0, generator.FuelUsedGrams - before, 1e-6);
    }

    [Fact]
    public void PowerLimitedBySpeed()
    {
        // At idle, 1500 rpm, the set gives at most 15000 × 1500 / 4500 = 5000 W.
        var generator = new EngineGenerator(FlatMapParameters());
        generator.Start();
        generator.SpeedCommandRpm = 1500;
        generator.PowerCommandWatts = 15000;
        for (int i = 0; i < 3000; i++)
        {
            generator.Step(0.01);
        }

        Assert.Equal(5000, generator.ElectricalPowerWatts, 0.01);
    }

    [Fact]
    public void PowerRisesSlowlyAndFallsFast()
    {
        // First-order lags: after one time constant the step has gone 1 − e⁻¹ of the way. At rated speed the set
        // can give 15 kW. Rise 2 → 10 kW: 10 − 8·e⁻¹ = 7.057 kW after 0.8 s. Fall 10 → 2 kW: 2 + 8·e⁻¹ = 4.943 kW
        // after 0.1 s.
        var generator = new EngineGenerator(FlatMapParameters());
        generator.Start();
        generator.SpeedCommandRpm = 4500;
        generator.PowerCommandWatts = 2000;
        for (int i = 0; i < 3000; i++)
        {
            generator.Step(0.01);
        }

        generator.PowerCommandWatts = 10000;
        for (int i = 0; i < 800; i++)
        {
            generator.Step(0.001);
        }

        Assert.Equal(10000 - 8000 * Math.Exp(-1), generator.ElectricalPowerWatts, 1.0);
        for (int i = 0; i < 10000; i++)
        {
            generator.Step(0.001);
        }

        generator.PowerCommandWatts = 2000;
        for (int i = 0; i < 100; i++)
        {
            generator.Step(0.001);
        }

        Assert.Equal(2000 + 8000 * Math.Exp(-1), generator.ElectricalPowerWatts, 1.0);
    }

    [Fact]
    public void EmptyTankStopsEngine()
    {
        var parameters = FlatMapParameters();
        var generator = new EngineGenerator(new EngineGeneratorParameters
        {
            RatedPowerWatts = parameters.RatedPowerWatts,
            IdleSpeedRpm = parameters.IdleSpeedRpm,
            RatedSpeedRpm = parameters.RatedSpeedRpm,
            StartDelaySeconds = parameters.StartDelaySeconds,
            CrankingFuelGrams = parameters.CrankingFuelGrams,
            IdleFuelGramsPerSecond = parameters.IdleFuelGramsPerSecond,
            SpeedTimeConstantSeconds = parameters.SpeedTimeConstantSeconds,
            PowerTimeConstantSeconds = parameters.PowerTimeConstantSeconds,
            PowerFallTimeConstantSeconds = parameters.PowerFallTimeConstantSeconds,
            GeneratorEfficiency = parameters.GeneratorEfficiency,
            BrakeSpecificFuelConsumption = parameters.BrakeSpecificFuelConsumption,
            FuelTankGrams = 5,
        });
        generator.Start();
        // 1 g to start, then 4 g at 0.12 g/s last 33.3 s.
        for (int i = 0; i < 4000; i++)
        {
            generator.Step(0.01);
        }

        Assert.Equal(EngineGeneratorState.Off, generator.State);
        Assert.Equal(5, generator.FuelUsedGrams, 1e-9);
    }

    [Fact]
    public void BoardMapGivesListedConsumption()
    {
        // boards/vcu-atv.yaml lists 281 g/kWh at 3500 rpm and 30 N·m: shaft power 30 × 366.52 = 10995.6 W,
        // flow 281 × 10.9956 / 3600 = 0.85827 g/s, electrical output 10995.6 × 0.92 = 10116.0 W.
        var generator = new EngineGenerator(VehicleFiles.LoadAtv().Generator);
        generator.Start();
        generator.SpeedCommandRpm = 3500;
        generator.PowerCommandWatts = 10116.0;
        for (int i = 0; i < 5000; i++)
        {
            generator.Step(0.01);
        }

        Assert.Equal(30, generator.TorqueNewtonMetres, 0.01);
        Assert.Equal(0.85827, generator.FuelFlowGramsPerSecond, 0.0005);
    }
}

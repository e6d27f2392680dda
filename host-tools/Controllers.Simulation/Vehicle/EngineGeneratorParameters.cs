using System;

namespace Controllers.Simulation.Vehicle;

/// <summary>Range extender: combustion engine driving a generator that feeds the DC link.</summary>
public sealed class EngineGeneratorParameters
{
    /// <summary>Largest electrical output at rated speed, W; at lower speeds it scales with speed.</summary>
    public double RatedPowerWatts { get; init; } = 15000;

    public double IdleSpeedRpm { get; init; } = 1500;

    public double RatedSpeedRpm { get; init; } = 4500;

    /// <summary>Time from the start request until the engine runs on its own, s.</summary>
    public double StartDelaySeconds { get; init; } = 1.2;

    /// <summary>Fuel burnt during one start (enrichment while cranking), g.</summary>
    public double CrankingFuelGrams { get; init; } = 1.0;

    /// <summary>Fuel flow while running without load, g/s.</summary>
    public double IdleFuelGramsPerSecond { get; init; } = 0.12;

    public double SpeedTimeConstantSeconds { get; init; } = 0.5;

    /// <summary>Time constant of a rise in electrical power, s: the engine's torque build-up.</summary>
    public double PowerTimeConstantSeconds { get; init; } = 0.8;

    /// <summary>
    /// Time constant of a fall in electrical power, s. The generator's inverter sheds load as fast as its current
    /// loop allows, and the engine's surplus torque then speeds the set up until the governor cuts fuel, so a fall
    /// is much faster than a rise.
    /// </summary>
    public double PowerFallTimeConstantSeconds { get; init; } = 0.1;

    /// <summary>Generator and rectifier efficiency from engine shaft to DC link.</summary>
    public double GeneratorEfficiency { get; init; } = 0.92;

    /// <summary>Brake-specific fuel consumption in g/kWh, rows over speed in rpm, columns over engine torque in N·m.</summary>
    public Table2D BrakeSpecificFuelConsumption { get; init; } = null!;

    /// <summary>Fuel in the tank at the start, g.</summary>
    public double FuelTankGrams { get; init; } = 10000;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        ParameterCheck.Range(RatedPowerWatts, 100, 1e6, nameof(RatedPowerWatts));
        ParameterCheck.Range(IdleSpeedRpm, 100, 20000, nameof(IdleSpeedRpm));
        ParameterCheck.Range(RatedSpeedRpm, 100, 20000, nameof(RatedSpeedRpm));
        ParameterCheck.Below(IdleSpeedRpm, RatedSpeedRpm, nameof(IdleSpeedRpm), nameof(RatedSpeedRpm));
        ParameterCheck.Range(StartDelaySeconds, 0.01, 30, nameof(StartDelaySeconds));
        ParameterCheck.Range(CrankingFuelGrams, 0, 100, nameof(CrankingFuelGrams));
        ParameterCheck.Range(IdleFuelGramsPerSecond, 0, 10, nameof(IdleFuelGramsPerSecond));
        ParameterCheck.Range(SpeedTimeConstantSeconds, 0.001, 10, nameof(SpeedTimeConstantSeconds));
        ParameterCheck.Range(PowerTimeConstantSeconds, 0.001, 10, nameof(PowerTimeConstantSeconds));
        ParameterCheck.Range(PowerFallTimeConstantSeconds, 0.001, 10, nameof(PowerFallTimeConstantSeconds));
        ParameterCheck.Range(GeneratorEfficiency, 0.5, 1, nameof(GeneratorEfficiency));
        ArgumentNullException.ThrowIfNull(BrakeSpecificFuelConsumption, nameof(BrakeSpecificFuelConsumption));
        foreach (double value in BrakeSpecificFuelConsumption.Values)
        {
            ParameterCheck.Range(value, 150, 2000, nameof(BrakeSpecificFuelConsumption));
        }

        ParameterCheck.Range(FuelTankGrams, 0, 1e6, nameof(FuelTankGrams));
    }
}

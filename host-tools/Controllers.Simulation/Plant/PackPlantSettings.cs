using System;

namespace Controllers.Simulation.Plant;

/// <summary>Size, spread and thermal constants of a <see cref="PackPlant"/>. Spreads are uniform, ± the value.</summary>
public sealed class PackPlantSettings
{
    /// <summary>Series elements (parallel groups) in the string.</summary>
    public int CellCount { get; init; } = 30;

    /// <summary>
    /// Cells in parallel in each series element. A group of P cells has P times the capacity, heat capacity and
    /// cooling area and 1/P of the resistances, so each element behaves as one cell at 1/P of the pack current.
    /// </summary>
    public int ParallelCells { get; init; } = 1;

    /// <summary>Initial SOC of the average cell, as a fraction.</summary>
    public double InitialSoc { get; init; } = 0.6;

    /// <summary>Initial SOC spread, as a fraction.</summary>
    public double InitialSocSpread { get; init; } = 0.02;

    /// <summary>
    /// Mean capacity of the cells as a fraction of the cell definition's capacity (0.5 to 1.2). Values below 1 model
    /// aged cells: 0.9 is a capacity SOH of 90 %.
    /// </summary>
    public double CapacityFactor { get; init; } = 1;

    /// <summary>Capacity spread as a fraction of the nominal capacity.</summary>
    public double CapacitySpreadFraction { get; init; } = 0.03;

    /// <summary>Resistance spread as a fraction of the nominal resistances.</summary>
    public double ResistanceSpreadFraction { get; init; } = 0.1;

    /// <summary>Ambient temperature in °C.</summary>
    public double AmbientCelsius { get; init; } = 25;

    /// <summary>Initial temperature spread in °C.</summary>
    public double TemperatureSpreadCelsius { get; init; } = 1;

    /// <summary>
    /// Heat capacity of one cell in J/K. The default is an estimate for an 18650 cell: 45 g (LG INR18650HG2
    /// datasheet, maximum weight) times about 1 J/(g·K), a typical specific heat of lithium-ion cells.
    /// </summary>
    public double HeatCapacityJoulesPerKelvin { get; init; } = 45;

    /// <summary>Thermal resistance from one cell to ambient in K/W; the default is an estimate for a cell in a pack without forced air.</summary>
    public double ThermalResistanceKelvinPerWatt { get; init; } = 15;

    /// <summary>Seed of the spread generator.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        Check(CellCount >= 1 && CellCount <= 240, nameof(CellCount), "must be 1 to 240");
        Check(ParallelCells >= 1 && ParallelCells <= 100, nameof(ParallelCells), "must be 1 to 100");
        Check(InitialSoc >= 0 && InitialSoc <= 1, nameof(InitialSoc), "must be 0 to 1");
        Check(InitialSocSpread >= 0 && InitialSocSpread <= 0.5, nameof(InitialSocSpread), "must be 0 to 0.5");
        Check(CapacityFactor >= 0.5 && CapacityFactor <= 1.2, nameof(CapacityFactor), "must be 0.5 to 1.2");
        Check(CapacitySpreadFraction >= 0 && CapacitySpreadFraction < 0.5, nameof(CapacitySpreadFraction), "must be at least 0 and below 0.5");
        Check(ResistanceSpreadFraction >= 0 && ResistanceSpreadFraction < 0.9, nameof(ResistanceSpreadFraction), "must be at least 0 and below 0.9");
        Check(AmbientCelsius >= -40 && AmbientCelsius <= 85, nameof(AmbientCelsius), "must be −40 to 85 °C");
        Check(TemperatureSpreadCelsius >= 0 && TemperatureSpreadCelsius <= 20, nameof(TemperatureSpreadCelsius), "must be 0 to 20 °C");
        Check(HeatCapacityJoulesPerKelvin > 0, nameof(HeatCapacityJoulesPerKelvin), "must be positive");
        Check(ThermalResistanceKelvinPerWatt > 0, nameof(ThermalResistanceKelvinPerWatt), "must be positive");
    }

    private static void Check(bool condition, string name, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException($"{name} {rule}.", name);
        }
    }
}

using System;

namespace Controllers.Simulation.Vehicle;

/// <summary>Traction pack layout, DC link and contactors.</summary>
public sealed class HighVoltageParameters
{
    /// <summary>Path of the cell definition file (boards/cells/…) that the pack is built from.</summary>
    public string CellDefinitionPath { get; init; } = "";

    public int SeriesCells { get; init; } = 96;

    public int ParallelCells { get; init; } = 4;

    public double InitialSoc { get; init; } = 0.8;

    public double LinkCapacitanceFarads { get; init; } = 0.001;

    public double PrechargeResistanceOhms { get; init; } = 47;

    /// <summary>Resistor that the active discharge switches across the link, Ω.</summary>
    public double ActiveDischargeResistanceOhms { get; init; } = 200;

    /// <summary>Resistor that is always across the link, Ω.</summary>
    public double PassiveBleedResistanceOhms { get; init; } = 100000;

    /// <summary>Resistance of contacts, fuse and busbars in the main current path, Ω.</summary>
    public double MainPathResistanceOhms { get; init; } = 0.005;

    /// <summary>Coil-on to contacts-closed time, s.</summary>
    public double ContactorOperateSeconds { get; init; } = 0.025;

    /// <summary>Coil-off to contacts-open time, s.</summary>
    public double ContactorReleaseSeconds { get; init; } = 0.010;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        ParameterCheck.Range(SeriesCells, 1, 240, nameof(SeriesCells));
        ParameterCheck.Range(ParallelCells, 1, 100, nameof(ParallelCells));
        ParameterCheck.Range(InitialSoc, 0, 1, nameof(InitialSoc));
        ParameterCheck.Range(LinkCapacitanceFarads, 1e-6, 1, nameof(LinkCapacitanceFarads));
        ParameterCheck.Range(PrechargeResistanceOhms, 0.1, 100000, nameof(PrechargeResistanceOhms));
        ParameterCheck.Range(ActiveDischargeResistanceOhms, 0.1, 1e6, nameof(ActiveDischargeResistanceOhms));
        ParameterCheck.Range(PassiveBleedResistanceOhms, 1, 1e9, nameof(PassiveBleedResistanceOhms));
        ParameterCheck.Range(MainPathResistanceOhms, 1e-5, 1, nameof(MainPathResistanceOhms));
        ParameterCheck.Range(ContactorOperateSeconds, 0, 1, nameof(ContactorOperateSeconds));
        ParameterCheck.Range(ContactorReleaseSeconds, 0, 1, nameof(ContactorReleaseSeconds));
    }
}

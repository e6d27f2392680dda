using System.Collections.Generic;

namespace Controllers.Simulation.Identification;

/// <summary>A low-rate (C/20) discharge from full charge, used as the quasi-OCV curve at its temperature.</summary>
public sealed record OcvDischargeInput(string Path, double TemperatureCelsius);

/// <summary>Inputs of <see cref="CellParameterFitter"/>.</summary>
public sealed class CellFitOptions
{
    public required string Name { get; init; }

    /// <summary>C/20 discharges, one per temperature; the first one at the drive cycles' temperature sets the capacity.</summary>
    public required IReadOnlyList<OcvDischargeInput> OcvDischarges { get; init; }

    /// <summary>Dynamic tests from full charge (drive cycles) that the impedance is fitted to.</summary>
    public required IReadOnlyList<string> DriveCycles { get; init; }

    /// <summary>SOC grid of the fitted tables, ascending fractions.</summary>
    public IReadOnlyList<double> SocBreakpoints { get; init; } = DefaultSocBreakpoints;

    /// <summary>
    /// Whether to fit a second R0 per breakpoint for charge currents and write it as the charge table. The fit
    /// with one shared R0 then also runs, for comparison.
    /// </summary>
    public bool SplitOhmicResistanceByDirection { get; init; }

    public double MinimumVoltageVolts { get; init; } = 2.5;

    public double MaximumVoltageVolts { get; init; } = 4.2;

    public static readonly IReadOnlyList<double> DefaultSocBreakpoints =
        [0.0, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0];
}

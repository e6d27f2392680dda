using System.Collections.Generic;
using Controllers.Simulation.Boards;

namespace Controllers.Simulation.Identification;

/// <summary>
/// How well the fitted model reproduces one drive cycle's terminal voltage. <paramref name="TemperatureCelsius"/>
/// is the drive cycle's mean cell temperature, where its impedance row sits.
/// </summary>
public sealed record DriveCycleFit(string Path, double RmsVoltageErrorVolts, double MaxVoltageErrorVolts, int SampleCount,
    double TemperatureCelsius)
{
    /// <summary>RMS voltage error of a fit with one R0 for both directions; set only with the direction split.</summary>
    public double? SharedResistanceRmsVoltageErrorVolts { get; init; }

    /// <summary>Max |voltage error| of a fit with one R0 for both directions; set only with the direction split.</summary>
    public double? SharedResistanceMaxVoltageErrorVolts { get; init; }
}

/// <summary>Output of <see cref="CellParameterFitter.Fit"/>.</summary>
public sealed class CellFitResult
{
    public required CellDefinition Definition { get; init; }

    public required IReadOnlyList<DriveCycleFit> DriveCycleFits { get; init; }

    /// <summary>Text for the header of the written cell file: the inputs and the method.</summary>
    public required string Method { get; init; }
}

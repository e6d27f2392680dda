namespace Controllers.Simulation.Vehicle;

/// <summary>
/// Conversions for charge-sustaining fuel comparisons: a change of pack energy over a run is turned into the fuel the
/// range extender would burn to make it up.
/// </summary>
public static class FuelEquivalence
{
    /// <summary>Yield of the operating line's best point when a run has no generator energy: 10 kW for 0.849 g/s, J/g.</summary>
    public const double BestPointJoulesPerGram = 10000 / 0.849;

    /// <summary>
    /// Converts electrical energy <paramref name="joules"/> into the fuel the range extender would burn to make it:
    /// E / (η · Q_LHV), with η · Q_LHV the run's mean yield of generator energy per gram of fuel (starts and idling
    /// included). Without a generator run it uses <see cref="BestPointJoulesPerGram"/>
    /// (docs/vcu-energy-management.md, operating line). Q_LHV cancels, so it needs no value here.
    /// </summary>
    public static double FuelEquivalentGrams(double joules, double fuelGrams, double generatorJoules)
    {
        double joulesPerGram = fuelGrams > 1 && generatorJoules > 0 ? generatorJoules / fuelGrams : BestPointJoulesPerGram;
        return joules / joulesPerGram;
    }

    /// <summary>Nominal pack energy, J: series × parallel cells × 3.6 V nominal (LG INR18650HG2 datasheet) × capacity.</summary>
    public static double PackNominalJoules(VehicleDefinition vehicle)
    {
        var hv = vehicle.HighVoltage;
        return hv.SeriesCells * hv.ParallelCells * 3.6 * vehicle.Cell.Parameters.CapacityAmpereHours * 3600;
    }
}

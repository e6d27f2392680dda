using System;
using Controllers.Firmware.Bms.Estimation;

namespace Controllers.Simulation.Plant;

/// <summary>
/// A string of cells (or parallel groups of cells) in series, each a second-order equivalent circuit (the cell definition's OCV, R0 and two
/// RC branches over SOC and temperature) with its own capacity, resistance and initial SOC, and a lumped
/// thermal model: C·dT/dt = I²·R0 + I·V_RC + (T_ambient − T) / R_th. The plant integrates in double precision
/// with an exact zero-order-hold step for the RC branches. Current is positive when charging.
/// </summary>
public sealed class PackPlant
{
    private readonly CellModel model;
    private readonly ImpedanceValues impedance = new();
    private readonly double[] capacityAmpereSeconds;
    private readonly double[] resistanceFactors;
    private readonly double[] socs;
    private readonly double[] fastBranchVolts;
    private readonly double[] slowBranchVolts;
    private readonly double[] temperaturesCelsius;
    private readonly double[] terminalVolts;

    /// <summary>Creates the plant; <paramref name="settings"/> give the cell count and each cell's spread from the definition.</summary>
    public PackPlant(CellParameters cell, PackPlantSettings settings)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        model = new CellModel(cell);
        Settings = settings;
        int count = settings.CellCount;
        capacityAmpereSeconds = new double[count];
        resistanceFactors = new double[count];
        socs = new double[count];
        fastBranchVolts = new double[count];
        slowBranchVolts = new double[count];
        temperaturesCelsius = new double[count];
        terminalVolts = new double[count];

        // A seeded generator gives each cell its spread, so a suite run is repeatable.
        var random = new Random(settings.Seed);
        for (int i = 0; i < count; i++)
        {
            capacityAmpereSeconds[i] = cell.CapacityAmpereHours * 3600.0 * settings.ParallelCells *
                                       (settings.CapacityFactor + settings.CapacitySpreadFraction * Symmetric(random));
            resistanceFactors[i] = (1 + settings.ResistanceSpreadFraction * Symmetric(random)) / settings.ParallelCells;
            socs[i] = Math.Clamp(settings.InitialSoc + settings.InitialSocSpread * Symmetric(random), 0.0, 1.0);
            temperaturesCelsius[i] = settings.AmbientCelsius + settings.TemperatureSpreadCelsius * Symmetric(random);
        }

        // At rest with relaxed RC branches the terminal voltage is the OCV.
        for (int i = 0; i < count; i++)
        {
            terminalVolts[i] = model.GetOpenCircuitVoltage((float)socs[i], (float)temperaturesCelsius[i]);
        }
    }

    /// <summary>Settings given at construction.</summary>
    public PackPlantSettings Settings { get; }

    /// <summary>Number of cells in series.</summary>
    public int CellCount => socs.Length;

    /// <summary>Pack current in amperes, positive when charging, as set by <see cref="Step"/>.</summary>
    public double CurrentAmperes { get; private set; }

    /// <summary>Sum of the cell terminal voltages in volts.</summary>
    public double PackVolts
    {
        get
        {
            double sum = 0;
            foreach (double volts in terminalVolts)
            {
                sum += volts;
            }

            return sum;
        }
    }

    /// <summary>Terminal voltage of cell <paramref name="index"/> in volts.</summary>
    public double GetCellVolts(int index) => terminalVolts[index];

    /// <summary>SOC of cell <paramref name="index"/> as a fraction.</summary>
    public double GetSoc(int index) => socs[index];

    /// <summary>Mean SOC of all series elements as a fraction.</summary>
    public double MeanSoc
    {
        get
        {
            double sum = 0;
            for (int i = 0; i < socs.Length; i++)
            {
                sum += socs[i];
            }

            return sum / socs.Length;
        }
    }

    /// <summary>Temperature of cell <paramref name="index"/> in °C.</summary>
    public double GetTemperatureCelsius(int index) => temperaturesCelsius[index];

    /// <summary>Capacity of series element <paramref name="index"/> in ampere-hours (all its parallel cells).</summary>
    public double GetCapacityAmpereHours(int index) => capacityAmpereSeconds[index] / 3600.0;

    /// <summary>
    /// Advances the plant by <paramref name="dtSeconds"/> with <paramref name="currentAmperes"/> held constant,
    /// then sets the terminal voltages for that current.
    /// </summary>
    public void Step(double dtSeconds, double currentAmperes)
    {
        if (!(dtSeconds > 0) || !double.IsFinite(currentAmperes))
        {
            throw new ArgumentOutOfRangeException(nameof(dtSeconds), "The step must be positive and the current finite.");
        }

        var settings = Settings;
        for (int i = 0; i < socs.Length; i++)
        {
            model.GetImpedance((float)socs[i], (float)temperaturesCelsius[i], impedance);
            double r0 = model.GetOhmicResistanceOhms(impedance, (float)currentAmperes) * resistanceFactors[i];
            double r1 = impedance.FastBranchResistanceOhms * resistanceFactors[i];
            double r2 = impedance.SlowBranchResistanceOhms * resistanceFactors[i];
            double a1 = Math.Exp(-dtSeconds / impedance.FastBranchTimeConstantSeconds);
            double a2 = Math.Exp(-dtSeconds / impedance.SlowBranchTimeConstantSeconds);
            fastBranchVolts[i] = a1 * fastBranchVolts[i] + r1 * (1 - a1) * currentAmperes;
            slowBranchVolts[i] = a2 * slowBranchVolts[i] + r2 * (1 - a2) * currentAmperes;
            socs[i] = Math.Clamp(socs[i] + currentAmperes * dtSeconds / capacityAmpereSeconds[i], 0.0, 1.0);

            // Heat: ohmic loss plus the loss in the RC branches, I times their voltage, which is I²R in steady state.
            double heatWatts = currentAmperes * currentAmperes * r0 +
                               currentAmperes * (fastBranchVolts[i] + slowBranchVolts[i]);
            // Per-cell constants scale with the group: P cells store P times the heat and shed it through P times the area.
            int parallel = settings.ParallelCells;
            double cooling = (settings.AmbientCelsius - temperaturesCelsius[i]) * parallel / settings.ThermalResistanceKelvinPerWatt;
            temperaturesCelsius[i] += dtSeconds * (heatWatts + cooling) / (settings.HeatCapacityJoulesPerKelvin * parallel);

            // R0 from the start of the step is reused: over one step its change with SOC and temperature is negligible,
            // and a second impedance lookup per cell would double the plant's cost.
            double ocv = model.GetOpenCircuitVoltage((float)socs[i], (float)temperaturesCelsius[i]);
            terminalVolts[i] = ocv + r0 * currentAmperes + fastBranchVolts[i] + slowBranchVolts[i];
        }

        CurrentAmperes = currentAmperes;
    }

    private static double Symmetric(Random random) => 2 * random.NextDouble() - 1;
}

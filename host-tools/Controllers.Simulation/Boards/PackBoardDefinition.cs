using System.Collections.Generic;
using Controllers.Firmware.Bms.Estimation;

namespace Controllers.Simulation.Boards;

/// <summary>
/// A BMS master with its slave boards and the pack they measure: cells per slave, thermistors, the AFE
/// devices on each slave, the current sensor and the high-voltage circuit around the pack.
/// </summary>
public sealed class PackBoardDefinition
{
    public required string Name { get; init; }

    public required string FilePath { get; init; }

    public required CellDefinition Cell { get; init; }

    /// <summary>Cells in parallel in each series element.</summary>
    public int ParallelCells { get; init; } = 1;

    public required IReadOnlyList<SlaveBoardDefinition> Slaves { get; init; }

    /// <summary>Current source the master reads: <c>shunt</c> (delta-sigma ADC) or <c>ivt</c> (CAN sensor).</summary>
    public required string CurrentSource { get; init; }

    /// <summary>Measurement range of the current channel in amperes, each direction.</summary>
    public required double CurrentFullScaleAmperes { get; init; }

    /// <summary>Shunt resistance in ohms, for the shunt source.</summary>
    public double ShuntOhms { get; init; } = 100e-6;

    /// <summary>Y capacitance from each pole to chassis in farads.</summary>
    public double YCapacitanceFarads { get; init; } = 470e-9;

    /// <summary>Precharge resistor in ohms.</summary>
    public double PrechargeOhms { get; init; } = 100;

    /// <summary>DC-link capacitance of the load in farads.</summary>
    public double LinkCapacitanceFarads { get; init; } = 1e-3;

    /// <summary>Maximum continuous charge current of one cell in amperes, from the cell's datasheet; 0 when the board file gives none.</summary>
    public double CellMaxChargeAmperes { get; init; }

    /// <summary>Maximum continuous discharge current of one cell in amperes, from the cell's datasheet; 0 when the board file gives none.</summary>
    public double CellMaxDischargeAmperes { get; init; }

    /// <summary>
    /// Creates the master's estimation settings for this pack: the parallel count, the cell definition's capacity and
    /// R0 as nominal values, the SOC filter tuning <paramref name="soc"/> and the cell ratings as power limit bounds.
    /// </summary>
    public PackEstimationSettings CreateEstimationSettings(SocEstimatorSettings soc)
    {
        var settings = PackEstimationSettings.ForCell(Cell.Parameters, ParallelCells, soc);
        settings.PowerLimits.MaximumChargeCurrentAmperes = (float)CellMaxChargeAmperes;
        settings.PowerLimits.MaximumDischargeCurrentAmperes = (float)CellMaxDischargeAmperes;
        return settings;
    }

    /// <summary>Series elements over all slaves; each slave input measures one element of <see cref="ParallelCells"/> cells.</summary>
    public int CellCount
    {
        get
        {
            int count = 0;
            foreach (var slave in Slaves)
            {
                count += slave.CellCount;
            }

            return count;
        }
    }
}

/// <summary>One slave board: its cells, the split of those cells over its AFE devices, and its thermistors.</summary>
public sealed class SlaveBoardDefinition
{
    /// <summary>Cells measured, 6 to 30.</summary>
    public required int CellCount { get; init; }

    /// <summary>Cells on each AFE device of the daisy chain, first device first; they add up to <see cref="CellCount"/>.</summary>
    public required IReadOnlyList<int> CellsPerDevice { get; init; }

    /// <summary>Thermistors read, 1 to 14.</summary>
    public required int TemperatureCount { get; init; }
}

using Controllers.Firmware.Bms.Estimation;

namespace Controllers.Simulation.Boards;

/// <summary>
/// A BMS master board as the simulator builds it: the cell it measures, its current channel and the
/// firmware task periods.
/// </summary>
public sealed class BmsBoardDefinition
{
    public required string Name { get; init; }

    public required string FilePath { get; init; }

    public required CellDefinition Cell { get; init; }

    /// <summary>Full scale of the current channel in amperes; sensor errors given in percent of full scale use it.</summary>
    public required double CurrentSensorFullScaleAmperes { get; init; }

    /// <summary>Period of the current sampling and charge counting task.</summary>
    public int CurrentPeriodMilliseconds { get; init; } = 10;

    /// <summary>Period of the cell voltage acquisition task.</summary>
    public int CellVoltagePeriodMilliseconds { get; init; } = 100;

    /// <summary>Period of the temperature acquisition task.</summary>
    public int TemperaturePeriodMilliseconds { get; init; } = 1000;

    /// <summary>Period of the SOC estimation task.</summary>
    public int EstimationPeriodMilliseconds { get; init; } = 100;

    public required SocEstimatorSettings Estimator { get; init; }
}

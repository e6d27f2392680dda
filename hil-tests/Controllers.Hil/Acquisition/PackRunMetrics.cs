using System.Collections.Generic;

namespace Controllers.Hil.Acquisition;

/// <summary>
/// What one scenario run measured, after the settling time: the worst errors of the master's view against the
/// plant's true values, the scheduling figures the boards reported over CAN, the insulation result, and the
/// DTCs and reactions seen.
/// </summary>
public sealed class PackRunMetrics
{
    /// <summary>Largest |measured − true| / true cell voltage over all cells and samples, in percent.</summary>
    public double MaxCellVoltageErrorPercent { get; set; }

    /// <summary>Slave (from 1) where <see cref="MaxCellVoltageErrorPercent"/> occurred, 0 before any sample.</summary>
    public int MaxCellVoltageErrorSlave { get; set; }

    /// <summary>Cell of that slave (from 1) where <see cref="MaxCellVoltageErrorPercent"/> occurred.</summary>
    public int MaxCellVoltageErrorCell { get; set; }

    /// <summary>Cell voltage samples compared.</summary>
    public long CellVoltageSampleCount { get; set; }

    /// <summary>Largest start-to-start interval of any slave's cell voltage task, from <c>BMS_SlaveNTaskTiming</c>, in ms.</summary>
    public double? CellVoltagePeriodMilliseconds { get; set; }

    /// <summary>Largest |measured − true| temperature over all sensors and samples, in °C.</summary>
    public double MaxTemperatureErrorCelsius { get; set; }

    /// <summary>Temperature samples compared.</summary>
    public long TemperatureSampleCount { get; set; }

    /// <summary>Largest start-to-start interval of any slave's temperature task, in ms.</summary>
    public double? TemperaturePeriodMilliseconds { get; set; }

    /// <summary>Largest current error as a percentage of the reading (above the low-current floor).</summary>
    public double MaxCurrentErrorPercent { get; set; }

    /// <summary>Largest true current among the compared samples, in amperes.</summary>
    public double MaxComparedCurrentAmperes { get; set; }

    /// <summary>Current samples compared.</summary>
    public long CurrentSampleCount { get; set; }

    /// <summary>Largest start-to-start interval of the master's current task, from <c>BMS_TaskTiming</c>, in ms.</summary>
    public double? CurrentPeriodMilliseconds { get; set; }

    /// <summary>Cells per slave that the master received, slave 1 first.</summary>
    public List<int> CellsReceivedPerSlave { get; } = [];

    /// <summary>Cells per slave in the board file.</summary>
    public List<int> CellsConfiguredPerSlave { get; } = [];

    /// <summary>Insulation resistance the master reports at the end of the run in ohms; null when none is valid.</summary>
    public double? InsulationMeasuredOhms { get; set; }

    /// <summary>True insulation resistance: the smaller pole resistance, which is what the monitor reports.</summary>
    public double InsulationTrueOhms { get; set; } = double.PositiveInfinity;

    /// <summary>True when the monitor reports the resistance as above its 10 MΩ range.</summary>
    public bool InsulationAboveRange { get; set; }

    /// <summary>DTCs that failed during the run.</summary>
    public HashSet<uint> FailedDtcs { get; } = [];

    /// <summary>Reactions seen during the run (<c>warning</c>, <c>derate</c>, <c>contactors-open</c>, <c>slave-lost</c>).</summary>
    public HashSet<string> Reactions { get; } = [];
}

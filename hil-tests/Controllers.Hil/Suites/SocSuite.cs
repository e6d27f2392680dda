using System.Collections.Generic;
using Controllers.Firmware.Bms.Estimation;
using Controllers.Simulation.Boards;
using Controllers.Simulation.Data;
using Controllers.Simulation.Replay;

namespace Controllers.Hil.Suites;

/// <summary>A loaded SOC estimation suite: one board, one recording and the scenarios replayed on them.</summary>
public sealed class SocSuite
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    public required string FilePath { get; init; }

    public required BmsBoardDefinition Board { get; init; }

    public required CellRecording Recording { get; init; }

    /// <summary>Capacity that defines true SOC, in Ah (see <see cref="SocReplayScenario.ReferenceCapacityAmpereHours"/>).</summary>
    public required double ReferenceCapacityAmpereHours { get; init; }

    public required IReadOnlyList<SocSuiteScenario> Scenarios { get; init; }

    /// <summary>
    /// Returns the board that <paramref name="scenario"/> runs: the suite's board, with the scenario's cell
    /// definition in place of the board's and its capacities scaled by the scenario's capacity error.
    /// </summary>
    public BmsBoardDefinition BoardFor(SocSuiteScenario scenario)
    {
        if (scenario.Cell == null && scenario.CapacityErrorPercent == 0)
        {
            return Board;
        }

        var cell = scenario.Cell ?? Board.Cell;
        var parameters = CopyWithCapacityScale(cell.Parameters, 1.0 + scenario.CapacityErrorPercent / 100.0);
        return new BmsBoardDefinition
        {
            Name = Board.Name,
            FilePath = Board.FilePath,
            Cell = new CellDefinition(cell.Name, cell.Source, parameters),
            CurrentSensorFullScaleAmperes = Board.CurrentSensorFullScaleAmperes,
            CurrentPeriodMilliseconds = Board.CurrentPeriodMilliseconds,
            CellVoltagePeriodMilliseconds = Board.CellVoltagePeriodMilliseconds,
            TemperaturePeriodMilliseconds = Board.TemperaturePeriodMilliseconds,
            EstimationPeriodMilliseconds = Board.EstimationPeriodMilliseconds,
            Estimator = Board.Estimator,
        };
    }

    private static CellParameters CopyWithCapacityScale(CellParameters source, double scale)
    {
        var copy = new CellParameters
        {
            CapacityAmpereHours = (float)(source.CapacityAmpereHours * scale),
            CapacityTemperaturesCelsius = (float[])source.CapacityTemperaturesCelsius.Clone(),
            CapacityByTemperatureAmpereHours = new float[source.CapacityByTemperatureAmpereHours.Length],
            ChargeEfficiency = source.ChargeEfficiency,
            SocBreakpoints = (float[])source.SocBreakpoints.Clone(),
            OcvTemperaturesCelsius = (float[])source.OcvTemperaturesCelsius.Clone(),
            OcvVolts = (float[])source.OcvVolts.Clone(),
            ImpedanceTemperaturesCelsius = (float[])source.ImpedanceTemperaturesCelsius.Clone(),
            OhmicResistanceOhms = (float[])source.OhmicResistanceOhms.Clone(),
            FastBranchResistanceOhms = (float[])source.FastBranchResistanceOhms.Clone(),
            FastBranchTimeConstantSeconds = (float[])source.FastBranchTimeConstantSeconds.Clone(),
            SlowBranchResistanceOhms = (float[])source.SlowBranchResistanceOhms.Clone(),
            SlowBranchTimeConstantSeconds = (float[])source.SlowBranchTimeConstantSeconds.Clone(),
            HysteresisTemperaturesCelsius = (float[])source.HysteresisTemperaturesCelsius.Clone(),
            HysteresisMagnitudeVolts = (float[])source.HysteresisMagnitudeVolts.Clone(),
            HysteresisRatePerSoc = (float[])source.HysteresisRatePerSoc.Clone(),
            MinimumVoltageVolts = source.MinimumVoltageVolts,
            MaximumVoltageVolts = source.MaximumVoltageVolts,
        };
        for (int i = 0; i < copy.CapacityByTemperatureAmpereHours.Length; i++)
        {
            copy.CapacityByTemperatureAmpereHours[i] = (float)(source.CapacityByTemperatureAmpereHours[i] * scale);
        }

        return copy;
    }

    /// <summary>Builds the simulator's input for <paramref name="scenario"/>.</summary>
    public SocReplayScenario ToReplayScenario(SocSuiteScenario scenario) => new()
    {
        Name = scenario.Name,
        Recording = Recording,
        ReferenceCapacityAmpereHours = ReferenceCapacityAmpereHours,
        StartSeconds = scenario.StartMinutes * 60.0,
        EndSeconds = scenario.EndMinutes * 60.0,
        InitialSocError = scenario.InitialSocErrorPercent / 100.0,
        Sensors = scenario.Sensors,
    };
}

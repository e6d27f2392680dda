using Controllers.Firmware.Bms;
using Controllers.Firmware.Common.Hal;

namespace Controllers.Simulation.Boards;

/// <summary>
/// A BMS master board in simulation: the firmware's <see cref="BmsMasterCore"/> on simulated sensors,
/// dispatched by its executive in simulated time.
/// </summary>
public sealed class VirtualBmsBoard
{
    public VirtualBmsBoard(BmsBoardDefinition definition, SimulatedClock clock, ICellVoltageSensor cellVoltages,
        ICurrentSensor current, ITemperatureSensor temperatures, float initialTemperatureCelsius)
    {
        Definition = definition;
        Clock = clock;
        var periods = new BmsTaskPeriods
        {
            CurrentMicroseconds = definition.CurrentPeriodMilliseconds * 1000L,
            CellVoltageMicroseconds = definition.CellVoltagePeriodMilliseconds * 1000L,
            TemperatureMicroseconds = definition.TemperaturePeriodMilliseconds * 1000L,
            EstimationMicroseconds = definition.EstimationPeriodMilliseconds * 1000L,
        };
        Core = new BmsMasterCore(clock, cellVoltages, current, temperatures, definition.Cell.Parameters,
            definition.Estimator, periods, initialTemperatureCelsius);
    }

    public BmsBoardDefinition Definition { get; }

    public SimulatedClock Clock { get; }

    public BmsMasterCore Core { get; }

    /// <summary>Powers the board up with the estimator at <paramref name="initialSoc"/>.</summary>
    public void Start(float initialSoc) => Core.Start(initialSoc);

    /// <summary>
    /// Advances simulated time release by release and dispatches due tasks, up to and including
    /// <paramref name="endMicroseconds"/>. Sensors that advance the clock to model conversion time can
    /// carry it past a release or past the end, and the clock then stays where they left it.
    /// </summary>
    public void RunUntil(long endMicroseconds)
    {
        var executive = Core.Executive;
        while (true)
        {
            long next = executive.NextReleaseMicroseconds;
            if (next > endMicroseconds)
            {
                AdvanceClockTo(endMicroseconds);
                return;
            }

            AdvanceClockTo(next);
            executive.RunDueTasks();
        }
    }

    private void AdvanceClockTo(long timeMicroseconds)
    {
        if (timeMicroseconds > Clock.NowMicroseconds)
        {
            Clock.AdvanceTo(timeMicroseconds);
        }
    }
}

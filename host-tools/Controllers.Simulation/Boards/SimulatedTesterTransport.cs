using System;
using Controllers.Can.Transports;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Simulation.Boards;

/// <summary>
/// A tester's transport on a simulated-time <see cref="VirtualCanBus"/> with one
/// <see cref="VirtualProgrammableBoard"/>. Each <see cref="TryReceive"/> moves the simulated world forward
/// by at most its timeout: it delivers frames, steps the board and advances the bus clock. Client and
/// board run on one thread, and every timeout and flash duration passes in simulated time.
/// </summary>
public sealed class SimulatedTesterTransport : ICanTransport
{
    private static readonly TimeSpan IdleStep = TimeSpan.FromMicroseconds(100);

    // Upper bound on steps per TryReceive, far above what any P2* timeout needs at the idle step.
    private const int MaxStepsPerReceive = 10_000_000;

    private readonly VirtualCanBus bus;
    private readonly VirtualProgrammableBoard board;
    private readonly VirtualCanNode tester;

    /// <summary>Attaches a tester node to <paramref name="bus"/>, which must use simulated time.</summary>
    public SimulatedTesterTransport(VirtualCanBus bus, VirtualProgrammableBoard board)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(board);
        if (bus.Clock != VirtualBusClock.Simulated)
        {
            throw new ArgumentException("The bus must run in simulated time.", nameof(bus));
        }

        this.bus = bus;
        this.board = board;
        tester = bus.Attach("tester");
        Clock = new BusClock(bus);
    }

    /// <summary>The bus time, for the client's P2 and ISO-TP timers.</summary>
    public IMonotonicClock Clock { get; }

    /// <inheritdoc />
    public CanTransportStatistics Statistics => tester.Statistics;

    /// <inheritdoc />
    public void Send(CanFrame frame) => tester.Send(frame);

    /// <inheritdoc />
    public bool TryReceive(CanFrame into, TimeSpan timeout, out TimeSpan timestamp)
    {
        TimeSpan end = bus.Now + timeout;
        for (int step = 0; step < MaxStepsPerReceive; step++)
        {
            board.Step();
            if (tester.TryReceive(into, TimeSpan.Zero, out timestamp))
            {
                return true;
            }

            if (bus.RunOneFrame())
            {
                continue;
            }

            TimeSpan remaining = end - bus.Now;
            if (remaining <= TimeSpan.Zero)
            {
                return false;
            }

            bus.Advance(remaining < IdleStep ? remaining : IdleStep);
        }

        throw new InvalidOperationException("The simulated board did not settle within the step limit.");
    }

    /// <inheritdoc />
    public void AddFilter(CanFilter filter) => tester.AddFilter(filter);

    /// <inheritdoc />
    public void ClearFilters() => tester.ClearFilters();

    /// <inheritdoc />
    public void Dispose() => tester.Dispose();

    private sealed class BusClock(VirtualCanBus bus) : IMonotonicClock
    {
        public long NowMicroseconds => bus.Now.Ticks / 10;
    }
}

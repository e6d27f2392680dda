using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Vcu.Monitoring;
using Controllers.Simulation.Vehicle;
using Xunit;

namespace Controllers.Firmware.Vcu.Tests;

public class TorqueMonitorTests
{
    private static TractionMotor CreateMotor() => new(new TractionMotorParameters
    {
        MotoringEfficiency = new Table2D(new double[] { 0, 8000 }, new double[] { 0, 90 }, new double[] { 0.9, 0.9, 0.9, 0.9 }),
        GeneratingEfficiency = new Table2D(new double[] { 0, 8000 }, new double[] { 0, 90 }, new double[] { 0.9, 0.9, 0.9, 0.9 }),
    });

    /// <summary>
    /// Feeds a stuck 90 N·m command with the pedal released and returns the time of each reaction, µs.
    /// The motor receives the monitor-gated command unless <paramref name="motorIgnoresZero"/>.
    /// </summary>
    private static (long ZeroAt, long ShutdownAt, DtcMemory Dtcs) RunStuckCommand(bool motorIgnoresZero)
    {
        var dtcs = new DtcMemory(VcuCore.DtcCapacity);
        VcuDtc.RegisterAll(dtcs);
        var monitor = new TorqueMonitor(new TorqueMonitorSettings(), dtcs);
        var board = new BoardInputs();
        var motor = CreateMotor();
        long zeroAt = -1;
        long shutdownAt = -1;

        for (long now = 0; now <= 400000; now += 10000)
        {
            float command = 90f;
            monitor.Update(board, 0f, command, (float)motor.TorqueFeedbackNewtonMetres, now);
            if (zeroAt < 0 && monitor.Reaction != MonitorReaction.None)
            {
                zeroAt = now;
            }

            if (shutdownAt < 0 && monitor.Reaction == MonitorReaction.Shutdown)
            {
                shutdownAt = now;
            }

            motor.TorqueCommandNewtonMetres = monitor.Reaction == MonitorReaction.None || motorIgnoresZero ? command : 0;
            for (int i = 0; i < 10; i++)
            {
                motor.Step(0.001, 0);
            }
        }

        return (zeroAt, shutdownAt, dtcs);
    }

    [Fact]
    public void StuckCommandForcesZeroWithin60Milliseconds()
    {
        // Pedal released at standstill: permitted drive torque is 0.1 × 90 N·m × 1.15 + 5 = 15.35 N·m. The
        // 90 N·m command exceeds it from the check at 0 ms. The debounce needs more than 50 ms, so the first
        // 10 ms check that qualifies is at 60 ms.
        var (zeroAt, shutdownAt, dtcs) = RunStuckCommand(false);

        Assert.Equal(60000, zeroAt);
        Assert.Equal(-1, shutdownAt);
        Assert.NotEqual(0, dtcs.StatusAt(dtcs.IndexOf(VcuDtc.TorqueMonitorMismatch)) & DtcMemory.ConfirmedDtc);
    }

    [Fact]
    public void IgnoredZeroRequestLeadsToShutdown()
    {
        // Zero request at 60 ms; the feedback stays at 90 N·m, so the first check more than 100 ms later
        // (170 ms) requests shutdown.
        var (zeroAt, shutdownAt, _) = RunStuckCommand(true);

        Assert.Equal(60000, zeroAt);
        Assert.Equal(170000, shutdownAt);
    }

    [Fact]
    public void CommandWithinMapPasses()
    {
        var dtcs = new DtcMemory(VcuCore.DtcCapacity);
        VcuDtc.RegisterAll(dtcs);
        var monitor = new TorqueMonitor(new TorqueMonitorSettings(), dtcs);
        var board = new BoardInputs();
        board.SetPedal(0.25f);

        // Sport requests 0.40 × 90 = 36 N·m at pedal 0.25; the permitted bound is 0.45 × 90 × 1.15 + 5 = 51.6 N·m.
        for (long now = 0; now <= 300000; now += 10000)
        {
            monitor.Update(board, 0f, 36f, 38.9f, now);
        }

        Assert.Equal(MonitorReaction.None, monitor.Reaction);
        Assert.Equal(51.575f, monitor.PermittedNewtonMetres, 2);
    }

    [Fact]
    public void BrakeWithPedalPermitsNoDrive()
    {
        var dtcs = new DtcMemory(VcuCore.DtcCapacity);
        VcuDtc.RegisterAll(dtcs);
        var monitor = new TorqueMonitor(new TorqueMonitorSettings(), dtcs);
        var board = new BoardInputs();
        board.SetPedal(0.5f);
        board.SetBrake(0.3f);

        for (long now = 0; now <= 100000; now += 10000)
        {
            monitor.Update(board, 0f, 40f, 40f, now);
        }

        Assert.Equal(MonitorReaction.ZeroTorque, monitor.Reaction);
    }
}

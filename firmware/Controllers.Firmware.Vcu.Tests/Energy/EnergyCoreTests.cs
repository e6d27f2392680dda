using Controllers.Firmware.Vcu.Energy;
using Controllers.Simulation;
using Xunit;

namespace Controllers.Firmware.Vcu.Tests.Energy;

public class EnergyCoreTests
{
    [Fact]
    public void CoreCranksEngineAtLowSoc()
    {
        // SOC 0.30 is at or below the 0.45 start SOC; the 100 ms energy task runs at 0 ms and requests Crank.
        var clock = new SimulatedClock();
        var core = new VcuCore(clock, new BoardInputs());
        core.Signals.PackSoc = 0.30f;
        core.Signals.GeneratorValid = true;
        core.Executive.Start();
        core.Executive.RunDueTasks();

        Assert.Equal(EngineSequenceState.Cranking, core.Energy.Sequence);
        Assert.Equal(1, core.Outputs.GeneratorMode);
    }

    [Fact]
    public void EnergyTaskRunsEvery100Milliseconds()
    {
        // From 0 to 999 ms in 1 ms steps: releases at 0, 100, ... 900 ms, ten runs.
        var clock = new SimulatedClock();
        var core = new VcuCore(clock, new BoardInputs());
        core.Executive.Start();
        for (int i = 0; i < 1000; i++)
        {
            core.Executive.RunDueTasks();
            clock.Advance(1000);
        }

        int index = -1;
        for (int task = 0; task < core.Executive.TaskCount; task++)
        {
            if (core.Executive.GetName(task) == "energy")
            {
                index = task;
            }
        }

        Assert.True(index >= 0, "no task named energy");
        Assert.Equal(100000, core.Executive.GetPeriodMicroseconds(index));
        Assert.Equal(10, core.Executive.GetRunCount(index));
    }
}

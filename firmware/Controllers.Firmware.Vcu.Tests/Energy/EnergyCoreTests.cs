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
}

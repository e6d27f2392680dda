using System.Linq;
using Controllers.Hil.Running;
using Controllers.Hil.Vehicle;
using Xunit;
using Xunit.Abstractions;

namespace Controllers.Hil.Tests.Vehicle;

public class VcuNetworkSleepRunTests(ITestOutputHelper output)
{
    private static VcuNetworkSleepSuite Suite => VcuNetworkSleepSuiteFile.Load(VcuNetworkSleepSuiteFileTests.BundledSuitePath);

    private VcuNetworkSleepScenarioResult Run(string name)
    {
        var suite = Suite;
        var result = VcuNetworkSleepSuiteRunner.RunScenario(suite, suite.Scenarios.Single(s => s.Name == name));
        foreach (var requirement in result.Requirements)
        {
            output.WriteLine($"{requirement.Passed} {requirement.Detail}");
        }

        Assert.Null(result.ErrorMessage);
        return result;
    }

    private static double Measured(VcuNetworkSleepScenarioResult result, string quantity) =>
        result.Requirements.Single(r => r.Quantity == quantity).Measured!.Value;

    [Fact]
    public void KeyOff_SleepsWithin88MicroampsBudget()
    {
        var result = Run("key-off-deep-sleep");

        // Data sheet sum at 13.5 V (docs/vcu-network-sleep.md, current budget): ESP32 10 µA + MCP2515 5 µA + TCAN1043
        // VSUP 30 µA + VIO 5 µA + TPS7B6933 15 µA + divider 13.5 V / 570 kΩ = 23.7 µA, total 88.7 µA.
        Assert.Equal(ScenarioOutcome.Passed, result.Outcome);
        Assert.InRange(Measured(result, "sleep_current_ma"), 0.0886, 0.0888);

        // The last NM_VCU goes out at most 500 ms before key-off; then NM timeout 2 s + wait bus-sleep 1.5 s.
        Assert.InRange(Measured(result, "sleep_after_key_off_s"), 3.0, 3.5);
        Assert.Contains("deep-sleep", result.Trace!.EventLabels);
    }

    [Fact]
    public void KeyWake_TakesBootTime()
    {
        var result = Run("wake-key");

        // Boot of the board model 300 ms; the first 10 ms NM run after start-up enters Repeat Message.
        Assert.Equal(ScenarioOutcome.Passed, result.Outcome);
        Assert.InRange(Measured(result, "wake_latency_ms"), 300, 310);
        Assert.Equal(1, Measured(result, "nm_wake_reason"));
    }

    [Fact]
    public void TimerWakeHealthy_SendsNothing()
    {
        var result = Run("wake-timer-healthy-12v");

        // Boot 300 ms + 100 ms minimum awake time, checked in 10 ms steps.
        Assert.Equal(ScenarioOutcome.Passed, result.Outcome);
        Assert.Equal(0, Measured(result, "frames_sent"));
        Assert.InRange(Measured(result, "sleep_after_timer_wake_s"), 0.4, 0.42);
    }

    [Fact]
    public void BusOff_FastThenSlowPauses()
    {
        var result = Run("bus-off-short");

        // Pauses 50 ms then 1 s (docs/vcu-network-sleep.md), both multiples of the 10 ms task period, so exact here.
        Assert.Equal(ScenarioOutcome.Passed, result.Outcome);
        Assert.Equal(50, Measured(result, "fast_pause_ms"), 3);
        Assert.Equal(1000, Measured(result, "slow_pause_ms"), 3);
        Assert.Equal(5, Measured(result, "busoffs_at_dtc"));

        // Removal lands in a slow pause at most 1 s long; the DTC test passes 1 s after the restart.
        Assert.InRange(Measured(result, "recovery_ms"), 1000, 2020);
    }

    [Fact]
    public void LostMcu_SetsDtcWithinNmTimeout()
    {
        var result = Run("lost-node-mcu");

        // The MCU's last NM message came 0–500 ms before it fell silent; the NM timeout is 2 s.
        Assert.Equal(ScenarioOutcome.Passed, result.Outcome);
        Assert.InRange(Measured(result, "lost_node_dtc_ms"), 1500, 2010);
        Assert.Equal(0, Measured(result, "other_lost_nodes"));
    }

    [Fact]
    public void ChargerKeepsNetwork_ThenSleeps()
    {
        var result = Run("coordinated-charger-keeps-network");

        Assert.Equal(ScenarioOutcome.Passed, result.Outcome);
        Assert.Equal(30, Measured(result, "awake_while_peer_s"), 3);
        Assert.InRange(Measured(result, "sleep_after_release_s"), 3.0, 3.5);
    }

    [Fact]
    public void FanFailure_DeratesOnCurve()
    {
        var result = Run("thermal-climb-fan-failed");

        // Without the fan the radiator rejects 26.8 W/K at 2.8 m/s (10 W/K + 6 W/K per m/s), so the coolant alone
        // would settle 1566 W / 26.8 W/K = 58 K above 40 °C and the inverter passes its 80 °C derating start
        // (docs/vcu-thermal.md); the cap must bring the torque down.
        Assert.Equal(ScenarioOutcome.Passed, result.Outcome);
        Assert.True(Measured(result, "min_torque_cap") < 1);
        Assert.True(Measured(result, "max_inverter_c") > 80);
    }
}

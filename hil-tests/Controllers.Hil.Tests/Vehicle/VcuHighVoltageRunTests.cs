using System.Linq;
using Controllers.Hil.Running;
using Controllers.Hil.Vehicle;
using Xunit;

namespace Controllers.Hil.Tests.Vehicle;

public class VcuHighVoltageRunTests
{
    private static VcuHighVoltageSuite Suite => VcuHighVoltageSuiteFile.Load(VcuHighVoltageSuiteFileTests.BundledSuitePath);

    private static VcuHighVoltageScenarioResult Run(string name, out VcuHighVoltageSuite suite)
    {
        suite = Suite;
        var scenario = suite.Scenarios.Single(s => s.Name == name);
        return VcuHighVoltageSuiteRunner.RunScenario(suite, scenario);
    }

    [Fact]
    public void PowerOn_PrechargesInThreeTimeConstantsFromTheResidualVoltage()
    {
        var result = Run("power-on", out _);

        // boards/vcu-atv.yaml: R = 47 Ω, C = 1 mF, τ = 47 ms. After the standby wait the bleed leaves the link just
        // below 60 V, so the precharge runs from about 60 V towards about 384 V: t = τ·ln((384 − 60) / (0.05 × 384))
        // = 0.047 × ln 16.9 = 132.8 ms. Closing after 95 % leaves at most 0.05 × 384 = 19.2 V across the contactor.
        Assert.Equal(ScenarioOutcome.Passed, result.Outcome);
        Assert.InRange(result.Requirements[0].Measured!.Value, 131, 137);
        Assert.InRange(result.Requirements[2].Measured!.Value, 0, 19.2);
        Assert.True(result.Trace!.Count > 0);
    }

    [Fact]
    public void Crash_OpensWithinOneTaskAndRequestCycle()
    {
        var result = Run("crash", out _);

        // At most 10 ms task + 20 ms VCU_HvRequest cycle + 10 ms release = 40 ms (docs/vcu-high-voltage.md).
        Assert.Equal(ScenarioOutcome.Passed, result.Outcome);
        var open = result.Requirements.Single(r => r.Quantity == "contactors_open_ms");
        Assert.InRange(open.Measured!.Value, 10, 40);
    }

    [Fact]
    public void Charging_FollowsBmsLimitAndBalancesEnergy()
    {
        var result = Run("charging", out _);

        Assert.Equal(ScenarioOutcome.Passed, result.Outcome);
        var currents = result.Requirements.Where(r => r.Quantity == "charge_current_a").ToList();
        Assert.Equal(2, currents.Count);

        // The BMS limits are 6 A and 3 A; the charger (3.3 kW, 8.6 A at 384 V) and the VCU's 10 A cap are higher, so
        // the BMS limit binds.
        Assert.InRange(currents[0].Measured!.Value, 5.5, 6.5);
        Assert.InRange(currents[1].Measured!.Value, 2.5, 3.5);
        Assert.InRange(result.Requirements.Single(r => r.Quantity == "energy_gap_percent").Measured!.Value, 0, 1);
    }

    [Fact]
    public void PrechargeFailure_ThreeAttemptsThenLatched()
    {
        var result = Run("precharge-resistor-open", out _);

        Assert.Equal(ScenarioOutcome.Passed, result.Outcome);
        Assert.Equal(3, result.Requirements.Single(r => r.Quantity == "precharge_attempts").Measured);
        Assert.Equal(0, result.Requirements.Single(r => r.Quantity == "positive_closings").Measured);
    }

    [Fact]
    public void BothMainWelded_StopsDischargeAtPackVoltage()
    {
        var result = Run("welded-both-main", out _);

        // With both sides welded the link stays on the pack (about 384 V), so discharging it cannot succeed.
        Assert.Equal(ScenarioOutcome.Passed, result.Outcome);
        Assert.Equal(0, result.Requirements.Single(r => r.Quantity == "active_discharge_on").Measured);
        Assert.Equal(1, result.Requirements.Single(r => r.Quantity == "reached_fault").Measured);
    }

    [Fact]
    public void Rig_PassesChargerPowerToPlant()
    {
        var rig = new VcuRig(Suite.Vehicle);
        var charger = rig.AddCharger();

        rig.Run(10000);

        // No VCU_ChargerRequest enables the charger without a plug, so it feeds nothing; the node is stepped with the others.
        Assert.Same(charger, rig.Nodes[^1]);
        Assert.Equal(0, rig.Plant.ExternalSupplyEnergyJoules);
        Assert.Throws<System.InvalidOperationException>(() => rig.AddCharger());
    }

    [Fact]
    public void TighterOpeningLimit_Fails()
    {
        var suite = Suite;
        var original = suite.Scenarios.Single(s => s.Name == "power-off-standstill");

        // The key debounce alone takes 30 ms, so 20 ms cannot be met.
        var scenario = new VcuHighVoltageScenario
        {
            Name = original.Name, Type = original.Type, Criteria = original.Criteria, ContactorsOpenMilliseconds = 20, LimitSource = "test",
        };
        var result = VcuHighVoltageSuiteRunner.RunScenario(suite, scenario);

        Assert.Equal(ScenarioOutcome.Failed, result.Outcome);
        Assert.False(result.Requirements.Single(r => r.Quantity == "contactors_open_ms").Passed);
    }
}

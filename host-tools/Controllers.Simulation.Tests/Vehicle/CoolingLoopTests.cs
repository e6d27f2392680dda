using System;
using Controllers.Simulation.Vehicle;
using Xunit;

namespace Controllers.Simulation.Tests.Vehicle;

public class CoolingLoopTests
{
    private static CoolingLoop SettledLoop(Action<CoolingLoop> setup, double motorLoss, double inverterLoss, double batteryHeat)
    {
        var loop = new CoolingLoop(new CoolingLoopParameters(), 30);
        setup(loop);
        for (int i = 0; i < 40000; i++)
        {
            loop.Step(1.0, motorLoss, inverterLoss, batteryHeat, 0);
        }

        return loop;
    }

    [Fact]
    public void MotorLoopSettlesAtConductanceSum()
    {
        var loop = SettledLoop(l => { l.MotorPumpDuty = 1; l.FanDuty = 1; }, 1000, 0, 0);

        // Full flow, full fan, standing: radiator 10 + 110 = 120 W/K, so the coolant settles 1000 / 120 = 8.333 K
        // above the 30 °C ambient, the motor 1000 W × 0.04 K/W = 40 K above the coolant, the unheated inverter at it.
        Assert.Equal(38.333, loop.CoolantCelsius, 2);
        Assert.Equal(78.333, loop.MotorCelsius, 2);
        Assert.Equal(38.333, loop.InverterCelsius, 2);
        Assert.Equal(1000, loop.RadiatorWatts, 1);
    }

    [Fact]
    public void FailedFanLeavesNaturalConvection()
    {
        var loop = SettledLoop(l => { l.MotorPumpDuty = 1; l.FanDuty = 1; l.FanFailed = true; }, 500, 0, 0);

        // 500 W through the 10 W/K natural conductance: 50 K above ambient.
        Assert.Equal(80, loop.CoolantCelsius, 2);
    }

    [Fact]
    public void BatteryPathsAddInParallel()
    {
        var loop = SettledLoop(l => l.BatteryPumpDuty = 1, 0, 0, 200);

        // Pack to coolant 100 W/K in series with the radiator's 15 W/K: 1 / (1/100 + 1/15) = 13.043 W/K, in
        // parallel with 1 W/K through the enclosure: 14.043 W/K. 200 W / 14.043 W/K = 14.242 K above 30 °C.
        Assert.Equal(44.242, loop.BatteryCelsius, 2);
    }

    [Fact]
    public void ChillerPullsCoolantTowardEvaporator()
    {
        var loop = SettledLoop(l => { l.BatteryPumpDuty = 1; l.ChillerOn = true; }, 0, 0, 0);

        Assert.True(loop.BatteryCoolantCelsius < 30);
        Assert.True(loop.BatteryCoolantCelsius > new CoolingLoopParameters().ChillerEvaporatorCelsius);
    }

    [Fact]
    public void RejectsNonPositiveHeatCapacity()
    {
        var parameters = new CoolingLoopParameters { CoolantHeatCapacityJoulesPerKelvin = 0 };

        var error = Assert.Throws<ArgumentException>(() => new CoolingLoop(parameters, 25));
        Assert.Contains("CoolantHeatCapacityJoulesPerKelvin", error.Message);
    }
}

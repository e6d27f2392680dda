using Controllers.Simulation.Vehicle;
using Xunit;

namespace Controllers.Simulation.Tests.Vehicle;

public class VehiclePlantTests
{
    [Fact]
    public void PowerUpTakesPrechargeTime()
    {
        // 25 ms until the precharge contacts close, −τ·ln(0.05) = 3.0 × 47 ms = 140.8 ms to reach 95 % of the
        // pack voltage, 25 ms until the positive contacts close and 10 ms until the precharge contacts open:
        // about 201 ms, within 1 ms steps and the pack's sag under the precharge current.
        var plant = new VehiclePlant(VehicleFiles.LoadAtv());

        double seconds = plant.PowerUp(0.001);

        Assert.Equal(0.201, seconds, 0.004);
        Assert.True(plant.HighVoltage.IsConnected);
        Assert.False(plant.HighVoltage.IsClosed(HighVoltageContactor.Precharge));
    }

    [Fact]
    public void NoTorqueWithoutHighVoltage()
    {
        var plant = new VehiclePlant(VehicleFiles.LoadAtv());
        plant.TorqueCommandNewtonMetres = 50;
        for (int i = 0; i < 100; i++)
        {
            plant.Step(0.01);
        }

        Assert.Equal(0, plant.Motor.TorqueNewtonMetres);
        Assert.Equal(0, plant.Chassis.SpeedMetresPerSecond);
    }

    [Fact]
    public void GeneratorChargesPackAtStandstill()
    {
        // 10 kW into a link at about 350 V is about 28.6 A; the DC/DC charging the 12 V battery takes about
        // 1.5 kW of it at first, so the pack takes 20 to 30 A.
        var plant = new VehiclePlant(VehicleFiles.LoadAtv());
        plant.PowerUp(0.01);
        plant.Generator.Start();
        plant.Generator.SpeedCommandRpm = 4000;
        plant.GeneratorPowerCommandWatts = 10000;
        for (int i = 0; i < 1000; i++)
        {
            plant.Step(0.01);
        }

        Assert.InRange(-plant.HighVoltage.PackDischargeAmperes, 20, 30);
        Assert.Equal(10000, plant.Generator.ElectricalPowerWatts, 0.5);
    }
}

using System;
using Controllers.Simulation.Vehicle;
using Xunit;
using Xunit.Abstractions;

namespace Controllers.Simulation.Tests.Vehicle;

public class DriverModelTests
{
    private readonly ITestOutputHelper output;

    public DriverModelTests(ITestOutputHelper output) => this.output = output;

    // The whole vehicle on asphalt over a cycle, with the accelerator mapped straight to the motor envelope and
    // the brake pedal to the friction brake, standing in for the VCU. Pass: speed error within the maximum at
    // every 10 ms step (0.5 m/s is 1.8 km/h) and an RMS error below the limit.
    [Theory]
    [InlineData("udds.csv", 0.5, 0.1)]
    [InlineData("hwfet.csv", 0.5, 0.1)]
    public void DriverFollowsCycle(string fileName, double maxErrorLimit, double rmsLimit)
    {
        var plant = new VehiclePlant(VehicleFiles.LoadAtv());
        var cycle = DriveCycleCsv.Load(VehicleFiles.DriveCycle(fileName));
        var driver = new DriverModel(plant.Definition.Driver, plant.Chassis, plant.Motor);
        const double dt = 0.01;
        plant.PowerUp(dt);

        double maxError = 0;
        double sumOfSquares = 0;
        int steps = (int)Math.Round(cycle.DurationSeconds / dt);
        for (int i = 0; i < steps; i++)
        {
            double time = i * dt;
            driver.Update(dt, time, cycle);
            plant.TorqueCommandNewtonMetres = driver.AcceleratorPosition *
                                              plant.Motor.GetMaxTorqueNewtonMetres(plant.Chassis.MotorSpeedRadiansPerSecond);
            plant.BrakeFraction = driver.BrakePosition;
            plant.Chassis.Grade = cycle.GetGrade(time);
            plant.Step(dt);

            double error = plant.Chassis.SpeedMetresPerSecond - cycle.GetSpeed(time + dt);
            maxError = Math.Max(maxError, Math.Abs(error));
            sumOfSquares += error * error;
        }

        double rms = Math.Sqrt(sumOfSquares / steps);
        output.WriteLine($"{fileName}: max speed error {maxError:F3} m/s, RMS {rms:F4} m/s, distance {plant.Chassis.PositionMetres:F0} m, " +
                         $"pack energy {plant.PackEnergyJoules / 3.6e6:F3} kWh, pack SOC {plant.HighVoltage.Pack.GetSoc(0):F4}");
        Assert.True(maxError <= maxErrorLimit, $"Maximum speed error {maxError:F3} m/s.");
        Assert.True(rms < rmsLimit, $"RMS speed error {rms:F4} m/s.");
    }

    [Fact]
    public void PedalTracksKeepRatio()
    {
        var plant = new VehiclePlant(VehicleFiles.LoadAtv());
        var driver = new DriverModel(plant.Definition.Driver, plant.Chassis, plant.Motor);
        var cycle = new DriveCycle("ramp", new double[] { 0, 10 }, new double[] { 0, 10 }, new double[] { 0, 0 });
        driver.Update(0.01, 0, cycle);

        // Accelerating from rest: the pedal is pressed, track 1 lies between 0.8 and 4.2 V and track 2 is half of it.
        Assert.True(driver.AcceleratorPosition > 0);
        Assert.InRange(driver.AcceleratorTrack1Volts, 0.8, 4.2);
        Assert.Equal(driver.AcceleratorTrack1Volts * 0.5, driver.AcceleratorTrack2Volts, 1e-12);
        Assert.Equal(0, driver.BrakePosition);
    }
}

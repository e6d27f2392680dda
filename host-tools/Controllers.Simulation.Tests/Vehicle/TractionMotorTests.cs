using System;
using Controllers.Simulation.Vehicle;
using Xunit;

namespace Controllers.Simulation.Tests.Vehicle;

// Motor figures from boards/vcu-atv.yaml: 90 N·m peak, 20 kW, 8000 rpm, τ = 10 ms, 30 % of the loss in the inverter.
public class TractionMotorTests
{
    private static TractionMotor CreateMotor() => new(VehicleFiles.LoadAtv().Motor);

    [Theory]
    // Base speed = 20000 W / 90 N·m = 222.22 rad/s (2122 rpm).
    [InlineData(0, 90)]
    [InlineData(222.2222, 90)]
    [InlineData(-222.2222, 90)]
    // Twice the base speed: 20000 / 444.44 = 45 N·m.
    [InlineData(444.4444, 45)]
    [InlineData(-444.4444, 45)]
    // 8000 rpm = 837.758 rad/s: 20000 / 837.758 = 23.873 N·m; above it no torque.
    [InlineData(837.758, 23.873)]
    [InlineData(838.0, 0)]
    public void EnvelopeCornerPoints(double speedRadiansPerSecond, double expectedNewtonMetres)
    {
        var motor = CreateMotor();

        Assert.Equal(expectedNewtonMetres, motor.GetMaxTorqueNewtonMetres(speedRadiansPerSecond), 0.01);
    }

    [Fact]
    public void TorqueReaches63PercentAfterOneTimeConstant()
    {
        // First-order lag: 50 × (1 − e⁻¹) = 31.606 N·m after τ = 10 ms (ten 1 ms steps).
        var motor = CreateMotor();
        motor.TorqueCommandNewtonMetres = 50;
        for (int i = 0; i < 10; i++)
        {
            motor.Step(0.001, 100);
        }

        Assert.Equal(31.606, motor.TorqueNewtonMetres, 0.01);
    }

    [Fact]
    public void CommandAboveEnvelopeIsClipped()
    {
        // At 600 rad/s the envelope gives 20000 / 600 = 33.33 N·m in either direction.
        var motor = CreateMotor();
        motor.TorqueCommandNewtonMetres = -90;
        for (int i = 0; i < 200; i++)
        {
            motor.Step(0.001, 600);
        }

        Assert.Equal(-33.333, motor.TorqueNewtonMetres, 0.01);
    }

    [Fact]
    public void ElectricalPowerFollowsEfficiencyMap()
    {
        // 3000 rpm (314.16 rad/s), 40 N·m: P_mech = 12566.4 W. Map: motoring 0.953, generating 0.951.
        // Motoring draws 12566.4 / 0.953 = 13186.1 W; generating returns 12566.4 × 0.951 = 11950.6 W.
        double speed = 3000 * Math.PI / 30;
        var motor = CreateMotor();
        motor.TorqueCommandNewtonMetres = 40;
        for (int i = 0; i < 200; i++)
        {
            motor.Step(0.001, speed);
        }

        Assert.Equal(13186.1, motor.ElectricalPowerWatts, 1.0);

        motor.TorqueCommandNewtonMetres = -40;
        for (int i = 0; i < 200; i++)
        {
            motor.Step(0.001, speed);
        }

        Assert.Equal(-11950.6, motor.ElectricalPowerWatts, 1.0);
    }

    [Fact]
    public void LockedRotorHeatsToSteadyState()
    {
        // Standstill at 90 N·m takes the loss at the map's lowest speed, 500 rpm (52.36 rad/s), where η = 0.769:
        // P_mech = 90 × 52.36 = 4712.4 W, loss = 4712.4 × (1/0.769 − 1) = 1415.6 W. Motor share 70 % = 990.9 W,
        // so the motor settles at 40 + 990.9 × 0.05 = 89.54 °C; the inverter at 40 + 424.7 × 0.08 = 73.97 °C.
        // The motor's time constant is 15000 × 0.05 = 750 s; 10 time constants leave 0.002 K.
        var motor = CreateMotor();
        motor.TorqueCommandNewtonMetres = 90;
        for (int i = 0; i < 7500; i++)
        {
            motor.Step(1.0, 0);
        }

        Assert.Equal(89.54, motor.MotorCelsius, 0.02);
        Assert.Equal(73.97, motor.InverterCelsius, 0.02);
    }

    [Fact]
    public void MotorTemperatureReaches63PercentAtThermalTimeConstant()
    {
        // Same loss as the locked-rotor case: 40 + 0.632 × 49.54 = 71.32 °C after 750 s.
        var motor = CreateMotor();
        motor.TorqueCommandNewtonMetres = 90;
        for (int i = 0; i < 750; i++)
        {
            motor.Step(1.0, 0);
        }

        Assert.Equal(71.32, motor.MotorCelsius, 0.05);
    }

    [Fact]
    public void FeedbackCarriesGainError()
    {
        var motor = CreateMotor();
        motor.FeedbackGainError = 0.05;
        motor.TorqueCommandNewtonMetres = 40;
        for (int i = 0; i < 200; i++)
        {
            motor.Step(0.001, 100);
        }

        Assert.Equal(40, motor.TorqueNewtonMetres, 1e-6);
        Assert.Equal(42, motor.TorqueFeedbackNewtonMetres, 1e-6);
    }

    [Fact]
    public void FeedbackNoiseHasSetStandardDeviation()
    {
        // 20000 samples of N(0, 0.5²): the sample standard deviation lies within 0.5 × (1 ± 3/√(2 × 20000)),
        // that is ±1.5 %, at three standard errors.
        var motor = CreateMotor();
        motor.FeedbackNoiseNewtonMetres = 0.5;
        motor.TorqueCommandNewtonMetres = 10;
        for (int i = 0; i < 200; i++)
        {
            motor.Step(0.001, 100);
        }

        double sum = 0;
        double sumOfSquares = 0;
        const int count = 20000;
        for (int i = 0; i < count; i++)
        {
            motor.Step(0.001, 100);
            double error = motor.TorqueFeedbackNewtonMetres - motor.TorqueNewtonMetres;
            sum += error;
            sumOfSquares += error * error;
        }

        double mean = sum / count;
        double deviation = Math.Sqrt(sumOfSquares / count - mean * mean);
        Assert.Equal(0.5, deviation, 0.0075);
        Assert.Equal(0, mean, 0.011);
    }
}

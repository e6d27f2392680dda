using Controllers.Firmware.Vcu.Intention;
using Controllers.Firmware.Vcu.Torque;
using Xunit;

namespace Controllers.Firmware.Vcu.Tests;

public class TorqueArbiterTests
{
    private const float Period = 0.01f;

    private static TorqueArbiter Create() => new(new TorqueArbiterSettings());

    /// <summary>Runs enough cycles for the 45 N·m-per-cycle rate limiter to settle.</summary>
    private static void Settle(TorqueArbiter arbiter, float demand, bool released, float brake, VehicleSignals signals, bool supplyFault = false)
    {
        for (int i = 0; i < 10; i++)
        {
            arbiter.Update(demand, released, brake, DriveDirection.Forward, signals, supplyFault, Period);
        }
    }

    [Fact]
    public void UnlimitedDemandPasses()
    {
        var arbiter = Create();

        Settle(arbiter, 40f, false, 0f, new VehicleSignals());

        Assert.Equal(40f, arbiter.CommandNewtonMetres, 3);
        Assert.Equal(TorqueLimitReason.None, arbiter.Reasons);
    }

    [Fact]
    public void DischargeLimitConvertsPowerAtSpeed()
    {
        var arbiter = Create();
        var signals = new VehicleSignals { MotorSpeedRadiansPerSecond = 200f, MaxDischargePowerWatts = 5000f };

        Settle(arbiter, 80f, false, 0f, signals);

        // 5 kW × 0.9 efficiency / 200 rad/s = 22.5 N·m.
        Assert.Equal(22.5f, arbiter.CommandNewtonMetres, 2);
        Assert.Equal(TorqueLimitReason.BatteryDischarge, arbiter.Reasons);
    }

    [Fact]
    public void ChargeLimitCapsRegeneration()
    {
        var arbiter = Create();
        var signals = new VehicleSignals { MotorSpeedRadiansPerSecond = 300f, MaxChargePowerWatts = 2000f };

        // 300 rad/s × 0.12 = 36 km/h, above the 10 km/h fade end. Lift-off 15 N·m plus full brake 45 N·m requests
        // −60 N·m; 2 kW / (0.9 × 300 rad/s) = 7.41 N·m.
        Settle(arbiter, 0f, true, 1f, signals);

        Assert.Equal(-60f, arbiter.TargetNewtonMetres, 3);
        Assert.Equal(-7.407f, arbiter.CommandNewtonMetres, 2);
        Assert.Equal(TorqueLimitReason.BatteryCharge, arbiter.Reasons);
    }

    [Fact]
    public void RegenerationGetsChargeLimitLessGenerator()
    {
        var arbiter = Create();
        var signals = new VehicleSignals
        {
            MotorSpeedRadiansPerSecond = 300f, MaxChargePowerWatts = 5000f, GeneratorValid = true, GeneratorPowerWatts = 3000f,
        };

        // The pack takes 5 kW, the generator already delivers 3 kW: regeneration may add 2 kW,
        // 2 kW / (0.9 × 300 rad/s) = 7.41 N·m. The request before limits is −60 N·m × 300 rad/s × 0.9 = −16.2 kW.
        Settle(arbiter, 0f, true, 1f, signals);
        Assert.Equal(-7.407f, arbiter.CommandNewtonMetres, 2);
        Assert.Equal(-16200f, arbiter.RequestedElectricalWatts, 1);

        // A generator above the charge limit leaves nothing for regeneration.
        signals.GeneratorPowerWatts = 6000f;
        Settle(arbiter, 0f, true, 1f, signals);
        Assert.Equal(0f, arbiter.CommandNewtonMetres, 3);
    }

    [Fact]
    public void MotorEnvelopeAboveBaseSpeed()
    {
        var arbiter = Create();
        var signals = new VehicleSignals { MotorSpeedRadiansPerSecond = 400f, MaxDischargePowerWatts = 100000f };

        Settle(arbiter, 90f, false, 0f, signals);

        // 20 kW / 400 rad/s = 50 N·m.
        Assert.Equal(50f, arbiter.CommandNewtonMetres, 2);
        Assert.Equal(TorqueLimitReason.MotorEnvelope, arbiter.Reasons);
    }

    [Fact]
    public void TemperatureDeratesSetTheirReasons()
    {
        var motorHot = Create();
        Settle(motorHot, 90f, false, 0f, new VehicleSignals { MotorCelsius = 135f });

        // Halfway from 120 to 150 °C leaves half of 90 N·m.
        Assert.Equal(45f, motorHot.CommandNewtonMetres, 2);
        Assert.Equal(TorqueLimitReason.MotorTemperature, motorHot.Reasons);

        var inverterHot = Create();
        Settle(inverterHot, 90f, false, 0f, new VehicleSignals { InverterCelsius = 87f });

        // (87 − 75) / (90 − 75) = 0.8 derated, 0.2 × 90 = 18 N·m left.
        Assert.Equal(18f, inverterHot.CommandNewtonMetres, 2);
        Assert.Equal(TorqueLimitReason.InverterTemperature, inverterHot.Reasons);
    }

    [Fact]
    public void SupplyFaultHoldsZero()
    {
        var arbiter = Create();

        Settle(arbiter, 50f, false, 0f, new VehicleSignals(), supplyFault: true);

        Assert.Equal(0f, arbiter.CommandNewtonMetres);
        Assert.Equal(TorqueLimitReason.SupplyVoltage, arbiter.Reasons);
    }

    [Fact]
    public void RegenerationFadesAtLowSpeed()
    {
        var arbiter = Create();

        // 54.17 rad/s × 0.12 = 6.5 km/h, halfway through the 3–10 km/h fade: half of the 15 N·m lift-off torque.
        Settle(arbiter, 0f, true, 0f, new VehicleSignals { MotorSpeedRadiansPerSecond = 54.1667f });

        Assert.Equal(-7.5f, arbiter.CommandNewtonMetres, 2);

        var stopped = Create();
        Settle(stopped, 0f, true, 0f, new VehicleSignals { MotorSpeedRadiansPerSecond = 20f });
        Assert.Equal(0f, stopped.CommandNewtonMetres);
    }

    [Fact]
    public void RateLimiterStepReaches90PercentInTwoCycles()
    {
        var arbiter = Create();
        var signals = new VehicleSignals();

        // 4500 N·m/s × 10 ms = 45 N·m per cycle. A 0 → 90 N·m step gives 45 then 90 N·m, so 90 % (81 N·m) is
        // reached in the second cycle, 10 ms after the first.
        arbiter.Update(90f, false, 0f, DriveDirection.Forward, signals, false, Period);
        Assert.Equal(45f, arbiter.CommandNewtonMetres, 3);
        Assert.Equal(TorqueLimitReason.RateLimit, arbiter.Reasons);

        arbiter.Update(90f, false, 0f, DriveDirection.Forward, signals, false, Period);
        Assert.Equal(90f, arbiter.CommandNewtonMetres, 3);
        Assert.Equal(TorqueLimitReason.None, arbiter.Reasons);
    }

    [Fact]
    public void CorrectionStaysWithinBound()
    {
        var arbiter = Create();

        // Feedback reads 20 % low at every cycle; the correction stops at its 4 % bound.
        var signals = new VehicleSignals { FeedbackValid = true };
        for (int i = 0; i < 500; i++)
        {
            signals.TorqueFeedbackNewtonMetres = arbiter.CommandNewtonMetres * 0.8f;
            arbiter.Update(50f, false, 0f, DriveDirection.Forward, signals, false, Period);
        }

        Assert.Equal(1.04f, arbiter.Correction, 4);
        Assert.Equal(52f, arbiter.CommandNewtonMetres, 2);
    }

    [Fact]
    public void CorrectionResetsWhenFeedbackInvalid()
    {
        var arbiter = Create();
        var signals = new VehicleSignals { FeedbackValid = true };
        for (int i = 0; i < 500; i++)
        {
            signals.TorqueFeedbackNewtonMetres = arbiter.CommandNewtonMetres * 0.8f;
            arbiter.Update(50f, false, 0f, DriveDirection.Forward, signals, false, Period);
        }

        signals.FeedbackValid = false;
        arbiter.Update(50f, false, 0f, DriveDirection.Forward, signals, false, Period);

        Assert.Equal(1f, arbiter.Correction);
        Assert.Equal(50f, arbiter.CommandNewtonMetres, 3);
    }
}

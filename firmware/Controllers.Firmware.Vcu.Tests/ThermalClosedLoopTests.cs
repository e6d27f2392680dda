using System;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Vcu.Thermal;
using Controllers.Simulation.Vehicle;
using Xunit;
using Xunit.Abstractions;

namespace Controllers.Firmware.Vcu.Tests;

/// <summary>
/// Thermal management against the cooling-loop plant in simulated time, stepped at the task period of 100 ms.
/// The traction motor of boards/vcu-atv.yaml runs at a held speed and torque request. The rig plays the torque
/// path's part: it multiplies the request by the manager's torque cap, as the arbiter would.
/// </summary>
public class ThermalClosedLoopTests(ITestOutputHelper output)
{
    private const double StepSeconds = 0.1;

    // Final drive 9 and wheel radius 0.30 m (boards/vcu-atv.yaml): v = ω / 9 × 0.30.
    private const double MetresPerSecondPerRadianPerSecond = 0.30 / 9;

    private sealed class PlantActuators(CoolingLoop loop) : IThermalActuators
    {
        public void SetMotorPumpDuty(float duty) => loop.MotorPumpDuty = duty;

        public void SetRadiatorFanDuty(float duty) => loop.FanDuty = duty;

        public void SetBatteryPumpDuty(float duty) => loop.BatteryPumpDuty = duty;

        public void SetChillerRequest(bool requested) => loop.ChillerOn = requested;
    }

    private sealed class Rig
    {
        public readonly CoolingLoop Loop;
        public readonly TractionMotor Motor;
        public readonly VehicleSignals Signals = new();
        public readonly DtcMemory Dtcs = new(64);
        public readonly ThermalSettings Settings = new();
        public readonly ThermalManager Manager;
        public bool KeyOn = true;
        public bool HvOn = true;
        public bool MotorStatusFresh = true;
        public double SpeedRpm;
        public double TorqueRequestNewtonMetres;
        public double BatteryHeatWatts;
        public long NowMicroseconds;

        public Rig(double ambientCelsius)
        {
            Loop = new CoolingLoop(new CoolingLoopParameters(), ambientCelsius);
            Motor = new TractionMotor(RepositoryFiles.LoadAtv().Motor);
            VcuDtc.RegisterAll(Dtcs);
            Manager = new ThermalManager(Settings, Signals, new PlantActuators(Loop), Dtcs);
        }

        public void Run(double seconds)
        {
            int steps = (int)Math.Round(seconds / StepSeconds);
            for (int i = 0; i < steps; i++)
            {
                double speed = SpeedRpm * Math.PI / 30;
                Motor.TorqueCommandNewtonMetres = KeyOn ? TorqueRequestNewtonMetres * Manager.TorqueCapFraction : 0;
                Motor.Step(StepSeconds, KeyOn ? speed : 0);
                Loop.Step(StepSeconds, Motor, BatteryHeatWatts, KeyOn ? speed * MetresPerSecondPerRadianPerSecond : 0);
                NowMicroseconds += (long)(StepSeconds * 1e6);

                Signals.MotorStatusValid = MotorStatusFresh;
                Signals.MotorCelsius = (float)Loop.MotorCelsius;
                Signals.InverterCelsius = (float)Loop.InverterCelsius;
                Signals.BmsValid = true;
                Signals.BmsState = HvOn ? 3 : 1;
                Signals.MaxCellCelsius = (float)Loop.BatteryCelsius;
                Signals.MinCellCelsius = (float)Loop.BatteryCelsius - 2f;
                Manager.Update(KeyOn, NowMicroseconds);
            }
        }

        public bool Failed(uint dtc) => (Dtcs.StatusAt(Dtcs.IndexOf(dtc)) & DtcMemory.TestFailed) != 0;
    }

    private void Report(string name, Rig rig)
    {
        output.WriteLine($"{name}: motor {rig.Loop.MotorCelsius:F1} °C, inverter {rig.Loop.InverterCelsius:F1} °C, " +
            $"coolant {rig.Loop.CoolantCelsius:F1} °C, pump {rig.Manager.MotorPumpDuty:F2}, fan {rig.Manager.RadiatorFanDuty:F2}, " +
            $"loss {rig.Motor.LossWatts:F0} W, torque cap {rig.Manager.TorqueCapFraction:F2}");
    }

    [Fact]
    public void ContinuousRatingStaysBelowDerating()
    {
        // 12 kW at 3000 rpm (38.2 N·m), taken as the motor's continuous rating (60 % of the 20 kW peak), at 40 °C.
        var rig = new Rig(40) { SpeedRpm = 3000, TorqueRequestNewtonMetres = 38.2 };

        rig.Run(3600);
        Report("12 kW continuous, 40 °C", rig);

        Assert.Equal(1f, rig.Manager.TorqueCapFraction);
        Assert.True(rig.Loop.MotorCelsius < rig.Settings.MotorDerateStartCelsius);
        Assert.True(rig.Loop.InverterCelsius < rig.Settings.InverterDerateStartCelsius);
        Assert.False(rig.Failed(VcuDtc.MotorOverTemperature));
        Assert.False(rig.Failed(VcuDtc.InverterOverTemperature));
    }

    [Fact]
    public void SlowClimbAtPeakTorqueStaysBelowDerating()
    {
        // Peak torque at 800 rpm (7.5 kW, 2.8 m/s): a steep climb in mud, where the copper loss is highest.
        // Efficiency at 800 rpm and 90 N·m interpolates the map: 0.769 + (0.868 − 0.769) × 0.6 = 0.828, so the
        // loss is 7540 × (1 / 0.828 − 1) = 1566 W, 30 % of it in the inverter.
        var rig = new Rig(40) { SpeedRpm = 800, TorqueRequestNewtonMetres = 90 };

        rig.Run(3600);
        Report("90 N·m at 800 rpm, 40 °C", rig);

        Assert.InRange(rig.Motor.LossWatts, 1500, 1630);
        Assert.Equal(1f, rig.Manager.TorqueCapFraction);
        Assert.True(rig.Loop.MotorCelsius < rig.Settings.MotorDerateStartCelsius);
        Assert.True(rig.Loop.InverterCelsius < rig.Settings.InverterDerateStartCelsius);
        Assert.True(rig.Manager.RadiatorFanDuty > 0f);
    }

    [Fact]
    public void FanFailureLeadsToDerating()
    {
        // Without the fan the radiator keeps 10 W/K plus 6 W/K per m/s of ram air: 26.8 W/K at 2.8 m/s. The
        // coolant alone would settle 1566 / 26.8 = 58 K above ambient, so the inverter (0.03 K/W × 470 W above
        // the coolant) and the motor (0.04 K/W × 1096 W) pass their derating points unless the torque falls.
        var rig = new Rig(40) { SpeedRpm = 800, TorqueRequestNewtonMetres = 90 };
        rig.Loop.FanFailed = true;

        rig.Run(3600);
        Report("90 N·m at 800 rpm, 40 °C, fan failed", rig);

        Assert.True(rig.Manager.TorqueCapFraction < 1f);
        Assert.True(rig.Failed(VcuDtc.InverterOverTemperature) || rig.Failed(VcuDtc.MotorOverTemperature));
        Assert.True(rig.Loop.MotorCelsius < rig.Settings.MotorDerateEndCelsius);
        Assert.True(rig.Loop.InverterCelsius < rig.Settings.InverterDerateEndCelsius);
        Assert.Equal(1f, rig.Manager.MotorPumpDuty);
    }

    [Fact]
    public void AfterRunCoolsThenStops()
    {
        var rig = new Rig(40) { SpeedRpm = 800, TorqueRequestNewtonMetres = 90 };
        rig.Run(1200);
        Assert.True(rig.Loop.MotorCelsius > rig.Settings.AfterRunEndMotorCelsius);

        rig.KeyOn = false;
        rig.HvOn = false;
        rig.Run(1);
        Assert.True(rig.Manager.AfterRunActive);
        Assert.True(rig.Manager.MotorPumpDuty >= rig.Settings.AfterRunPumpDuty);
        double motorAtKeyOff = rig.Loop.MotorCelsius;

        // The after-run lasts at most 300 s; step past it.
        rig.Run(300);
        output.WriteLine($"After-run: motor {motorAtKeyOff:F1} °C at key-off, {rig.Loop.MotorCelsius:F1} °C after 300 s");

        Assert.False(rig.Manager.AfterRunActive);
        Assert.Equal(0f, rig.Manager.MotorPumpDuty);
        Assert.True(rig.Loop.MotorCelsius < motorAtKeyOff);
    }

    [Fact]
    public void AfterRunEndsEarlyWhenCool()
    {
        var rig = new Rig(25);
        rig.Run(10);
        rig.KeyOn = false;
        rig.Run(0.1);
        Assert.True(rig.Manager.AfterRunActive);

        // At 25 °C the loop is already below both end temperatures, so the after-run ends at its 30 s minimum.
        rig.Run(29.8);
        Assert.True(rig.Manager.AfterRunActive);
        rig.Run(0.2);
        Assert.False(rig.Manager.AfterRunActive);
    }

    [Fact]
    public void StaleMotorStatusGivesFullCooling()
    {
        var rig = new Rig(25) { SpeedRpm = 1000, TorqueRequestNewtonMetres = 20 };
        rig.Run(10);
        Assert.True(rig.Manager.MotorPumpDuty < 1f);

        rig.MotorStatusFresh = false;
        rig.Run(0.1);

        Assert.True(rig.Manager.MotorLoopFallback);
        Assert.Equal(1f, rig.Manager.MotorPumpDuty);
        Assert.Equal(1f, rig.Manager.RadiatorFanDuty);
        Assert.Equal(rig.Settings.SensorFallbackTorqueFraction, rig.Manager.TorqueCapFraction);
        Assert.True(rig.Failed(VcuDtc.ThermalSensorFallback));
    }

    [Fact]
    public void ImplausibleTemperatureGivesFullCooling()
    {
        var rig = new Rig(25);
        rig.Run(1);
        rig.Signals.MotorCelsius = 250f;
        rig.Manager.Update(true, rig.NowMicroseconds + 100000);

        Assert.True(rig.Manager.MotorLoopFallback);
        Assert.Equal(1f, rig.Manager.MotorPumpDuty);
    }

    [Fact]
    public void HotBatteryRunsPumpAndChiller()
    {
        // 432 W is I²R for 30 A through 96 × 20 mΩ / 4 = 0.48 Ω (about 20 mΩ per INR18650HG2 cell, estimate).
        var rig = new Rig(35) { BatteryHeatWatts = 432 };

        rig.Run(3600);
        output.WriteLine($"Battery at 35 °C ambient, 432 W: {rig.Loop.BatteryCelsius:F1} °C, pump {rig.Manager.BatteryPumpDuty:F2}, chiller {rig.Manager.ChillerRequested}");

        Assert.True(rig.Manager.BatteryPumpDuty >= rig.Settings.BatteryPumpByMaxCell.MinimumDuty);
        Assert.True(rig.Loop.BatteryCelsius < rig.Settings.CellDerateStartCelsius);
        Assert.Equal(1f, rig.Manager.TorqueCapFraction);
    }

    [Fact]
    public void MinimumPumpDutyWhileHvOn()
    {
        var rig = new Rig(20);
        rig.Run(1);

        Assert.Equal(rig.Settings.MotorPumpMinimumDutyHvOn, rig.Manager.MotorPumpDuty);
        Assert.Equal(rig.Settings.BatteryPumpMinimumDutyHvOn, rig.Manager.BatteryPumpDuty);
        Assert.Equal(0f, rig.Manager.RadiatorFanDuty);
    }

    [Fact]
    public void DutyCurveHysteresis()
    {
        // Curve of the default fan-by-inverter calibration: on at 55 °C with 0.3, full at 75 °C, off below 50 °C.
        var curve = new DutyCurve(55f, 75f, 0.3f, 5f);

        Assert.Equal(0f, curve.Evaluate(54.9f));
        Assert.Equal(0.3f, curve.Evaluate(55f));
        Assert.Equal(0.65f, curve.Evaluate(65f), 5);
        Assert.Equal(0.3f, curve.Evaluate(52f));
        Assert.Equal(0f, curve.Evaluate(49.9f));
        Assert.Equal(1f, curve.Evaluate(90f));
    }

    [Fact]
    public void SettingsRejectInvertedDerating()
    {
        var settings = new ThermalSettings { MotorDerateEndCelsius = 130f };

        var error = Assert.Throws<ArgumentException>(() => settings.Validate());
        Assert.Equal("MotorDerateEndCelsius", error.ParamName);
    }
}

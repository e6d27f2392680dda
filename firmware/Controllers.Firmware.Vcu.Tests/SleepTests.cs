using System;
using System.Collections.Generic;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Vcu.Network;
using Controllers.Firmware.Vcu.Power;
using Controllers.Firmware.Vcu.Thermal;
using Controllers.Simulation;
using Controllers.Simulation.Chips;
using Controllers.Simulation.Network;
using Controllers.Simulation.Vehicle;
using Controllers.Simulation.Vehicle.Nodes;
using Xunit;
using Xunit.Abstractions;

namespace Controllers.Firmware.Vcu.Tests;

/// <summary>
/// The whole VCU (VcuCore with network management, bus-off recovery and sleep control) on the simulated vehicle
/// bus through the MCP2515 driver and emulator, with the board power model of the plant. A wake-up from deep sleep
/// is a reset on the ESP32, so the rig builds a new VcuCore once the model's boot time has passed.
/// </summary>
public class SleepTests(ITestOutputHelper output)
{
    private const long AwakeStep = 10_000;
    private const long AsleepStep = 1_000_000;

    private sealed class BoardPower(Rig rig) : IBoardPower
    {
        public int ReadWakeCause() => rig.Power.WakeCause;

        public void SetOutputsEnabled(bool enabled) => rig.Power.OutputsEnabled = enabled;

        public void SetCanTransceiverSleep(bool sleep) => rig.Power.TransceiverSleep = sleep;

        public void SetCanControllerSleep(bool sleep)
        {
            rig.Controller!.SetMode(sleep ? Mcp2515Mode.Sleep : Mcp2515Mode.Normal);
            rig.Power.ControllerSleep = sleep;
        }

        public void EnterDeepSleep(long timerWakeMicroseconds) => rig.Power.EnterDeepSleep(rig.Clock.NowMicroseconds, timerWakeMicroseconds);
    }

    private sealed class PumpAndFanOutputs : IThermalActuators
    {
        public float MotorPumpDuty;

        public void SetMotorPumpDuty(float duty) => MotorPumpDuty = duty;

        public void SetRadiatorFanDuty(float duty)
        {
        }

        public void SetBatteryPumpDuty(float duty)
        {
        }

        public void SetChillerRequest(bool requested)
        {
        }
    }

    private sealed class Rig
    {
        public readonly PumpAndFanOutputs Outputs = new();

        /// <summary>When true, start-up adds thermal management and the MCU reports a 90 °C motor.</summary>
        public bool WithThermal;

        public readonly SimulatedClock Clock = new();
        public readonly BoardInputs Board = new();
        public readonly BoardPowerModel Power = new();
        public readonly SimulatedCanNetwork Bus = new(500_000);
        public readonly Mcp2515Emulator Chip = new();
        public readonly NmPeerNode Bms;
        public readonly NmPeerNode Mcu;
        public readonly NmPeerNode Gcu;
        public readonly NmPeerNode Obc;
        public readonly List<(long Time, byte[] Data)> VcuMessages = new();
        public Mcp2515Controller? Controller;
        public VcuCore? Core;
        public long? FirstPeerFrameWhileAsleep;

        public Rig()
        {
            var vcuPort = Bus.Attach("VCU", Receive);
            Chip.Bus = frame =>
            {
                vcuPort.TrySend(frame);
                if (frame.Id == 0x501)
                {
                    VcuMessages.Add((Clock.NowMicroseconds, frame.Data[..3]));
                }
            };
            Bms = new NmPeerNode(Bus, 2, "BMS");
            Mcu = new NmPeerNode(Bus, 3, "MCU");
            Gcu = new NmPeerNode(Bus, 4, "GCU");
            Obc = new NmPeerNode(Bus, 5, "OBC");
            Board.KeyOn = false;
            Boot();
        }

        public VcuCore Vcu => Core!;

        public bool Running => !Power.InDeepSleep && !Power.Booting;

        /// <summary>Start-up code of the board: driver, composition root, executive, sleep controller.</summary>
        public void Boot()
        {
            Controller = new Mcp2515Controller(Chip, Clock);
            Controller.Initialize(16_000_000, 500_000);
            Controller.SetMode(Mcp2515Mode.Normal);
            Core = new VcuCore(Clock, Board);
            if (WithThermal)
            {
                Core.AddThermalManagement(Outputs);
                Core.Signals.MotorStatusValid = true;
                Core.Signals.MotorCelsius = 90f;
                Core.Signals.InverterCelsius = 60f;
            }

            Core.AddNetworkManagement(Controller, new Mcp2515ControllerStatus(Controller), new BoardPower(this));
            Core.Executive.Start();
            Core.Sleep!.Start(Clock.NowMicroseconds);
        }

        public void Run(long microseconds)
        {
            long end = Clock.NowMicroseconds + microseconds;
            while (Clock.NowMicroseconds < end)
            {
                Clock.Advance(Power.InDeepSleep && end - Clock.NowMicroseconds >= AsleepStep ? AsleepStep : AwakeStep);
                long now = Clock.NowMicroseconds;
                Power.KeyOn = Board.KeyOn;
                Power.ChargePlugConnected = Board.ChargePlugConnected;
                Power.SupplyVolts = Board.SupplyVolts;
                Power.Step(now);
                if (Power.StartPending)
                {
                    Power.StartPending = false;
                    Boot();
                }

                Bus.AdvanceTo(now);
                Bms.Step(now);
                Mcu.Step(now);
                Gcu.Step(now);
                Obc.Step(now);
                if (Running)
                {
                    Vcu.Executive.RunDueTasks();
                }
            }
        }

        public void RunUntilAsleep(long limitMicroseconds)
        {
            long end = Clock.NowMicroseconds + limitMicroseconds;
            while (!Power.InDeepSleep)
            {
                Assert.True(Clock.NowMicroseconds < end, $"The board did not sleep within {limitMicroseconds} µs; NM state {Vcu.Network!.State}.");
                Run(AwakeStep);
            }
        }

        public long RunUntilRepeatMessage(long limitMicroseconds)
        {
            long end = Clock.NowMicroseconds + limitMicroseconds;
            while (!(Running && Vcu.Network!.State == NmState.RepeatMessage))
            {
                Assert.True(Clock.NowMicroseconds < end, $"NM did not reach Repeat Message within {limitMicroseconds} µs.");
                Run(AwakeStep);
            }

            return Vcu.Network!.StateEnteredMicroseconds;
        }

        // With the transceiver asleep or the processor booting, a frame only wakes the board; it is not received.
        private void Receive(CanFrame frame, long time)
        {
            if (!Running || Power.TransceiverSleep)
            {
                FirstPeerFrameWhileAsleep ??= time;
                Power.NotifyBusActivity();
                return;
            }

            Vcu.Network!.Consume(frame, time);
        }

        // The BMS, MCU and GCU need the bus while the key is on.
        public void SetKey(bool on)
        {
            Board.KeyOn = on;
            Bms.NeedsBus = Mcu.NeedsBus = Gcu.NeedsBus = on;
        }

        /// <summary>Drives for 5 s, turns the key off and runs until the board sleeps.</summary>
        public void DriveThenPark()
        {
            SetKey(true);
            Run(5_000_000);
            SetKey(false);
            RunUntilAsleep(30_000_000);
        }
    }

    [Fact]
    public void SleepCurrentBelowTwoMilliamps()
    {
        var rig = new Rig();
        rig.SetKey(true);
        rig.Run(5_000_000);
        double awake = rig.Power.SupplyCurrentAmperes;
        foreach (var (part, amperes) in rig.Power.Breakdown())
        {
            output.WriteLine($"awake  {part,-16} {amperes * 1e6,10:F1} µA");
        }

        long keyOff = rig.Clock.NowMicroseconds;
        rig.SetKey(false);
        rig.RunUntilAsleep(30_000_000);
        long asleepAfter = rig.Clock.NowMicroseconds - keyOff;
        double asleep = rig.Power.SupplyCurrentAmperes;
        foreach (var (part, amperes) in rig.Power.Breakdown())
        {
            output.WriteLine($"asleep {part,-16} {amperes * 1e6,10:F1} µA");
        }

        output.WriteLine($"Awake {awake * 1e3:F1} mA, asleep {asleep * 1e6:F1} µA at {rig.Power.SupplyVolts} V; asleep {asleepAfter / 1000} ms after key-off");

        // Hand sum of the data sheet figures in sleep at 13.5 V: ESP32 10 µA + MCP2515 5 µA + TCAN1043 VSUP 30 µA
        // + VIO 5 µA + TPS7B6933 15 µA + divider 13.5 V / 570 kΩ = 23.7 µA, total 88.7 µA.
        Assert.InRange(asleep, 88.6e-6, 88.8e-6);
        Assert.True(asleep <= 2e-3);
        Assert.Equal(1, rig.Vcu.Sleep!.SleepCount);
        Assert.False(rig.Power.OutputsEnabled);
        Assert.Equal(Mcp2515Mode.Sleep, rig.Chip.Mode);
    }

    [Fact]
    public void KeyWakesBoardIntoRepeatMessage()
    {
        var rig = new Rig();
        rig.DriveThenPark();
        rig.Run(60_000_000);

        rig.SetKey(true);
        rig.Run(AwakeStep);
        long wake = rig.Power.WakeEventMicroseconds;
        long repeat = rig.RunUntilRepeatMessage(2_000_000);
        output.WriteLine($"Key: wake to Repeat Message {(repeat - wake) / 1000} ms");

        // Boot 300 ms (model estimate), then the first 10 ms NM run after start-up.
        Assert.InRange(repeat - wake, 300_000, 310_000);
        Assert.Equal(NmWakeupReason.Key, rig.Vcu.Sleep!.WakeReason);
        Assert.Equal(NmWakeupReason.Key, rig.VcuMessages[^1].Data[2]);
        Assert.Equal(0x10, rig.VcuMessages[^1].Data[1] & 0x10);
    }

    [Fact]
    public void ChargePlugWakesBoard()
    {
        var rig = new Rig();
        rig.DriveThenPark();
        rig.Run(60_000_000);

        rig.Board.ChargePlugConnected = true;
        rig.Run(AwakeStep);
        long wake = rig.Power.WakeEventMicroseconds;
        long repeat = rig.RunUntilRepeatMessage(2_000_000);
        output.WriteLine($"Charge plug: wake to Repeat Message {(repeat - wake) / 1000} ms");

        Assert.InRange(repeat - wake, 300_000, 310_000);
        Assert.Equal(NmWakeupReason.ChargePlug, rig.Vcu.Sleep!.WakeReason);
        Assert.True(rig.Vcu.Network!.NetworkRequested);
    }

    [Fact]
    public void NmMessageOfAnotherNodeWakesBoard()
    {
        var rig = new Rig();
        rig.DriveThenPark();
        rig.Run(60_000_000);
        rig.FirstPeerFrameWhileAsleep = null;

        rig.Obc.NeedsBus = true;
        long repeat = rig.RunUntilRepeatMessage(2_000_000);
        long frame = rig.FirstPeerFrameWhileAsleep!.Value;
        output.WriteLine($"CAN: first NM_OBC to Repeat Message {(repeat - frame) / 1000} ms");

        // The wake-up pattern of the first NM_OBC is seen at the next 10 ms step, then 300 ms of boot.
        Assert.InRange(repeat - frame, 300_000, 320_000);
        Assert.Equal(NmWakeupReason.Network, rig.Vcu.Sleep!.WakeReason);
        Assert.False(rig.Vcu.Network!.NetworkRequested);
    }

    [Fact]
    public void TimerWakeWithHealthySupplySleepsAgain()
    {
        var rig = new Rig();
        rig.DriveThenPark();
        int sent = rig.VcuMessages.Count;
        long asleepAt = rig.Clock.NowMicroseconds;

        // The RTC timer fires 4 h after sleep; the board boots, reads 13.5 V and sleeps again without the bus.
        rig.Run(4L * 3600 * 1_000_000 + 1_000_000);
        Assert.Equal(NmWakeupReason.Timer, rig.Power.WakeCause);
        output.WriteLine($"Timer wake-up {(rig.Power.WakeEventMicroseconds - asleepAt) / 1_000_000} s after sleep");
        rig.RunUntilAsleep(2_000_000);

        Assert.Equal(sent, rig.VcuMessages.Count);
        Assert.Equal(NmState.BusSleep, rig.Vcu.Network!.State);
    }

    [Fact]
    public void TimerWakeWithLowSupplyRequestsNetwork()
    {
        var rig = new Rig();
        rig.DriveThenPark();
        rig.Board.SupplyVolts = 11.8f;

        rig.Run(4L * 3600 * 1_000_000 - 2_000_000);
        Assert.True(rig.Power.InDeepSleep);
        rig.RunUntilRepeatMessage(4_000_000);

        Assert.Equal(NmWakeupReason.Timer, rig.Vcu.Sleep!.WakeReason);
        Assert.True(rig.Vcu.Network!.NetworkRequested);
        rig.Run(AwakeStep);
        Assert.Equal(NmWakeupReason.Timer, rig.VcuMessages[^1].Data[2]);
    }

    [Fact]
    public void KeyOnKeepsBoardAwake()
    {
        var rig = new Rig();
        rig.SetKey(true);

        rig.Run(60_000_000);

        Assert.False(rig.Power.InDeepSleep);
        Assert.Equal(NmState.NormalOperation, rig.Vcu.Network!.State);
        Assert.Equal(0, rig.Vcu.Network.LostNodes);
    }

    [Fact]
    public void AfterRunKeepsNetworkAwake()
    {
        // The constructor has already booted once without thermal management; boot again with it.
        var rig = new Rig { WithThermal = true };
        rig.Boot();
        rig.SetKey(true);
        rig.Run(5_000_000);
        rig.SetKey(false);

        // With the motor at 90 °C the after-run runs its full 300 s; until then the VCU requests the network.
        rig.Run(299_000_000);
        Assert.True(rig.Vcu.Thermal!.AfterRunActive);
        Assert.False(rig.Power.InDeepSleep);
        Assert.True(rig.Vcu.Network!.NetworkRequested);
        Assert.True(rig.Outputs.MotorPumpDuty >= 0.5f);

        // Released at 300 s; asleep after the NM timeout (2 s) and the wait bus-sleep time (1.5 s).
        rig.RunUntilAsleep(5_000_000);
        Assert.False(rig.Vcu.Thermal.AfterRunActive);
    }
}

using System;
using Controllers.Simulation;
using Xunit;

namespace Controllers.Firmware.Vcu.Tests;

public class VcuCoreTests
{
    [Fact]
    public void TasksRunEvery10MillisecondsInPriorityOrder()
    {
        var clock = new SimulatedClock();
        var core = new VcuCore(clock, new BoardInputs());
        core.Executive.Start();

        for (int i = 0; i < 100; i++)
        {
            core.Executive.RunDueTasks();
            clock.Advance(1000);
        }

        // Order within a period: CAN timeouts, inputs, torque, output stage, HV (its ActiveDischarge overrides the
        // output stage), fault reactions (after every task that reports DTCs), charging, energy management, then
        // CAN transmit. Energy management runs every 100 ms, the rest every 10 ms.
        string[] expected = ["can-timeouts", "inputs", "torque", "torque-monitor", "hv-power", "fault-reactions", "charging", "energy", "can-transmit"];
        Assert.Equal(expected.Length, core.Executive.TaskCount);
        for (int task = 0; task < expected.Length; task++)
        {
            long period = expected[task] == "energy" ? 100000 : 10000;
            Assert.Equal(expected[task], core.Executive.GetName(task));
            Assert.Equal(period, core.Executive.GetPeriodMicroseconds(task));
            Assert.Equal(100000 / period, core.Executive.GetRunCount(task));
        }
    }

    [Fact]
    public void CycleDoesNotAllocate()
    {
        var clock = new SimulatedClock();
        var board = new BoardInputs();
        var core = new VcuCore(clock, board);
        core.Signals.FeedbackValid = true;
        core.Executive.Start();
        board.SetPedal(0.6f);
        for (int i = 0; i < 50; i++)
        {
            core.Executive.RunDueTasks();
            clock.Advance(10000);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            board.SetPedal((i % 100) / 100f);
            core.Signals.TorqueFeedbackNewtonMetres = core.TorqueCommandNewtonMetres;
            core.Signals.MotorSpeedRadiansPerSecond = i % 300;
            core.Executive.RunDueTasks();
            clock.Advance(10000);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void FullCoreCycleDoesNotAllocate()
    {
        // Every task, with thermal management, network management, bus-off recovery, sleep control and diagnostics
        // added and the VCU's frames going out through the bus-off gate. NM messages from a peer keep the network
        // awake, and diagnostic requests arrive every 200 ms.
        var clock = new SimulatedClock();
        var board = new BoardInputs();
        var core = new VcuCore(clock, board);
        var bus = new Network.RecordingTransmitter { Keep = false };
        var hardware = new QuietBoardHardware();
        core.AddThermalManagement(hardware);
        core.AddNetworkManagement(bus, hardware, hardware);
        VcuDiagnosticsTests.AddDiagnostics(core, bus, new Controllers.Simulation.Storage.SimulatedFlashStore(4, 4096));
        core.Executive.Start();
        core.Sleep!.Start(clock.NowMicroseconds);
        var peer = Network.VcuMatrix.Encode("NM_BMS", ("BMSNmSourceNode", 2));

        // A tester reads parameter 0 (single frame 03 22 40 00) and keeps the session (02 3E 00).
        var readParameter = VcuDiagnosticsTests.Request(0x03, 0x22, 0x40, 0x00);
        var testerPresent = VcuDiagnosticsTests.Request(0x02, 0x3E, 0x00);
        board.SetPedal(0.6f);
        for (int i = 0; i < 50; i++)
        {
            core.Receive(peer, clock.NowMicroseconds);
            core.Executive.RunDueTasks();
            clock.Advance(10000);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            board.SetPedal((i % 100) / 100f);
            if (i % 50 == 0)
            {
                core.Receive(peer, clock.NowMicroseconds);
            }

            if (i % 20 == 5)
            {
                core.Receive(i % 40 == 5 ? readParameter : testerPresent, clock.NowMicroseconds);
            }

            core.Executive.RunDueTasks();
            clock.Advance(10000);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    /// <summary>Board outputs and CAN controller of a healthy board: never bus-off, no wake cause, outputs ignored.</summary>
    private sealed class QuietBoardHardware : Thermal.IThermalActuators, Vcu.Network.ICanControllerStatus, Power.IBoardPower
    {
        public void SetMotorPumpDuty(float duty)
        {
        }

        public void SetRadiatorFanDuty(float duty)
        {
        }

        public void SetBatteryPumpDuty(float duty)
        {
        }

        public void SetChillerRequest(bool requested)
        {
        }

        public bool ReadBusOff() => false;

        public int ReadTransmitErrorCount() => 0;

        public void RequestRecovery()
        {
        }

        public int ReadWakeCause() => 0;

        public void SetOutputsEnabled(bool enabled)
        {
        }

        public void SetCanTransceiverSleep(bool sleep)
        {
        }

        public void SetCanControllerSleep(bool sleep)
        {
        }

        public void EnterDeepSleep(long timerWakeMicroseconds)
        {
        }
    }

    [Fact]
    public void KeyOffForcesNeutral()
    {
        var clock = new SimulatedClock();
        var board = new BoardInputs { KeyOn = false };
        var core = new VcuCore(clock, board);
        core.Executive.Start();
        board.SetPedal(0.5f);
        for (int i = 0; i < 20; i++)
        {
            core.Executive.RunDueTasks();
            clock.Advance(10000);
        }

        Assert.Equal(Intention.DriveDirection.Neutral, core.Intention.Direction);
        Assert.Equal(0f, core.TorqueCommandNewtonMetres);
    }
}

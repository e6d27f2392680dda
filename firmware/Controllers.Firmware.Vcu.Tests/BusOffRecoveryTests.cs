using System.Collections.Generic;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Vcu.Network;
using Controllers.Simulation;
using Controllers.Simulation.Chips;
using Xunit;
using Xunit.Abstractions;

namespace Controllers.Firmware.Vcu.Tests;

/// <summary>
/// Bus-off recovery over the MCP2515 driver and its register-level emulator at 500 kbit/s, stepped at the 10 ms
/// task period. A sender queues one frame per period through the recovery, as the 10 ms torque command would.
/// A shorted bus is modelled by putting the emulated chip into bus-off whenever it transmits.
/// </summary>
public class BusOffRecoveryTests(ITestOutputHelper output)
{
    private const long Step = 10_000;

    private sealed class Rig
    {
        public readonly Mcp2515Emulator Chip = new();
        public readonly SimulatedClock Clock = new();
        public readonly Mcp2515Controller Controller;
        public readonly DtcMemory Dtcs = new(64);
        public readonly BusOffRecovery Recovery;
        public readonly List<long> Attempts = new();
        public readonly CanFrame Frame = new() { Length = 8 };
        public bool ShortCircuit;
        public int FramesOnBus;
        public int FramesWhilePaused;

        public Rig()
        {
            Controller = new Mcp2515Controller(Chip, Clock);
            Controller.Initialize(16_000_000, 500_000);
            Controller.SetMode(Mcp2515Mode.Normal);
            VcuDtc.RegisterAll(Dtcs);
            Recovery = new BusOffRecovery(new BusOffRecoverySettings(), new Mcp2515ControllerStatus(Controller), Controller, Dtcs);
            Frame.SetId(0x0A0, false);
            Chip.Bus = frame =>
            {
                FramesOnBus++;
                if (Recovery!.TransmissionPaused)
                {
                    FramesWhilePaused++;
                }

                if (ShortCircuit)
                {
                    // A transmitter on a shorted bus detects an error in every frame: TEC rises by 8 per attempt and
                    // passes 255 after 32 retransmissions, about 1 ms at 500 kbit/s, well within one task period.
                    Chip.EnterBusOff();
                }
            };
        }

        public void Run(long microseconds)
        {
            long end = Clock.NowMicroseconds + microseconds;
            while (Clock.NowMicroseconds < end)
            {
                Clock.Advance(Step);
                long before = Recovery.LastAttemptMicroseconds;
                Recovery.Run(Clock.NowMicroseconds);
                if (Recovery.LastAttemptMicroseconds != before)
                {
                    Attempts.Add(Recovery.LastAttemptMicroseconds);
                }

                Recovery.TrySend(Frame);
            }
        }

        public byte DtcStatus => Dtcs.StatusAt(Dtcs.IndexOf(VcuDtc.CanBusOff));
    }

    [Fact]
    public void PersistentShortUsesFastThenSlowAttempts()
    {
        var rig = new Rig { ShortCircuit = true };

        rig.Run(2_500_000);
        output.WriteLine("Restart times, ms: " + string.Join(", ", rig.Attempts.ConvertAll(t => t / 1000)));

        // The first frame at 10 ms drives the chip bus-off. The recovery detects it at 20 ms and restarts it 50 ms
        // later, at 70 ms. The frame sent right after each restart fails again and is detected 10 ms later, so fast
        // attempts come every 60 ms: 70, 130, 190, 250, 310 ms. The sixth bus-off, detected at 320 ms, waits the slow
        // 1 s: 1320 ms, then 2330 ms.
        Assert.Equal(new long[] { 70_000, 130_000, 190_000, 250_000, 310_000, 1_320_000, 2_330_000 }, rig.Attempts);
        Assert.Equal(0, rig.FramesWhilePaused);
        Assert.NotEqual(0, rig.DtcStatus & DtcMemory.TestFailed);
    }

    [Fact]
    public void DtcSetAtFifthBusOff()
    {
        var rig = new Rig { ShortCircuit = true };

        // Bus-off is detected at 20, 80, 140, 200 and 260 ms; the fifth sets the DTC.
        rig.Run(250_000);
        Assert.Equal(4, rig.Recovery.ConsecutiveBusOffCount);
        Assert.Equal(0, rig.DtcStatus & DtcMemory.TestFailed);
        rig.Run(Step);

        Assert.Equal(5, rig.Recovery.ConsecutiveBusOffCount);
        Assert.NotEqual(0, rig.DtcStatus & DtcMemory.TestFailed);
    }

    [Fact]
    public void TransmissionPausedWhileBusOff()
    {
        var rig = new Rig { ShortCircuit = true };
        rig.Run(30_000);

        Assert.True(rig.Recovery.TransmissionPaused);
        Assert.False(rig.Recovery.TrySend(rig.Frame));
    }

    [Fact]
    public void RecoversWhenShortRemoved()
    {
        var rig = new Rig { ShortCircuit = true };
        rig.Run(2_500_000);
        rig.ShortCircuit = false;
        int framesBefore = rig.FramesOnBus;

        // The last bus-off, detected at 2340 ms, is restarted at 3340 ms; this time the frame goes through. After
        // 1 s without a new bus-off, at 4340 ms, the counter restarts and the DTC test passes.
        rig.Run(840_000);
        Assert.Equal(3_340_000, rig.Attempts[^1]);
        Assert.False(rig.Recovery.TransmissionPaused);
        Assert.True(rig.FramesOnBus > framesBefore);
        Assert.NotEqual(0, rig.DtcStatus & DtcMemory.TestFailed);

        rig.Run(1_000_000);
        Assert.Equal(0, rig.Recovery.ConsecutiveBusOffCount);
        Assert.Equal(0, rig.DtcStatus & DtcMemory.TestFailed);
        Assert.NotEqual(0, rig.DtcStatus & DtcMemory.ConfirmedDtc);
    }

    [Fact]
    public void SingleBusOffRecoversWithoutDtc()
    {
        var rig = new Rig();
        rig.Run(100_000);
        rig.Chip.EnterBusOff();

        // The chip leaves bus-off by itself after 128 × 11 recessive bits (2.8 ms). The recovery still pauses
        // transmission for the 50 ms fast delay and then restarts the controller.
        rig.Chip.CompleteBusOffRecovery();
        rig.Run(Step);
        rig.Chip.EnterBusOff();
        rig.Run(Step);
        Assert.True(rig.Recovery.TransmissionPaused);
        rig.Run(50_000);

        Assert.False(rig.Recovery.TransmissionPaused);
        Assert.Equal(1, rig.Recovery.ConsecutiveBusOffCount);
        rig.Run(1_000_000);
        Assert.Equal(0, rig.Recovery.ConsecutiveBusOffCount);
        Assert.Equal(0, rig.DtcStatus & DtcMemory.ConfirmedDtc);
    }
}

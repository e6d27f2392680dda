using System;
using System.Collections.Generic;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Vcu.Network;
using Controllers.Simulation.Network;
using Controllers.Simulation.Vehicle.Nodes;
using Xunit;

namespace Controllers.Firmware.Vcu.Tests;

/// <summary>
/// The VCU's network management on the simulated 500 kbit/s vehicle bus with the BMS, MCU, GCU and OBC as NM
/// peers, stepped at the NM task period of 10 ms. Timing figures: NM cycle 500 ms, NM timeout 2 s, repeat
/// message 1.5 s, wait bus-sleep 1.5 s.
/// </summary>
public class NetworkManagerTests
{
    private const long Step = 10_000;

    private sealed class Rig
    {
        public readonly SimulatedCanNetwork Bus = new(500_000);
        public readonly DtcMemory Dtcs = new(64);
        public readonly NetworkManager Nm;
        public readonly NmPeerNode Bms;
        public readonly NmPeerNode Mcu;
        public readonly NmPeerNode Gcu;
        public readonly NmPeerNode Obc;
        public readonly ICanTransmitter Tester;
        public readonly List<(long Time, byte[] Data)> VcuMessages = new();
        public long LastNmOnBus = long.MinValue;
        public long Now;

        public Rig()
        {
            VcuDtc.RegisterAll(Dtcs);
            var vcuPort = Bus.Attach("VCU", (frame, time) => Nm!.Consume(frame, time));
            Nm = new NetworkManager(new NetworkManagerSettings(), vcuPort, Dtcs);
            Bms = new NmPeerNode(Bus, 2, "BMS");
            Mcu = new NmPeerNode(Bus, 3, "MCU");
            Gcu = new NmPeerNode(Bus, 4, "GCU");
            Obc = new NmPeerNode(Bus, 5, "OBC");
            Tester = Bus.Attach("tester", null);
            Bus.Attach("logger", (frame, time) =>
            {
                if (frame.Id >= 0x501 && frame.Id <= 0x505)
                {
                    LastNmOnBus = time;
                }

                if (frame.Id == 0x501)
                {
                    VcuMessages.Add((time, frame.Data[..3]));
                }
            });
        }

        public void Run(long microseconds)
        {
            long end = Now + microseconds;
            while (Now < end)
            {
                Now += Step;
                Bus.AdvanceTo(Now);
                Bms.Step(Now);
                Mcu.Step(Now);
                Gcu.Step(Now);
                Obc.Step(Now);
                Nm.Run(Now);
            }
        }

        public long RunUntil(NmState state, long limitMicroseconds)
        {
            long end = Now + limitMicroseconds;
            while (Now < end)
            {
                Run(Step);
                if (Nm.State == state)
                {
                    return Now;
                }
            }

            throw new Xunit.Sdk.XunitException($"NM did not reach {state} within {limitMicroseconds} µs; it is in {Nm.State}.");
        }

        // With the key on, the BMS, MCU and GCU have work to do, so they need the bus and send their NM messages.
        public void KeyOn()
        {
            Bms.NeedsBus = Mcu.NeedsBus = Gcu.NeedsBus = true;
            Nm.WakeupReason = NmWakeupReason.Key;
            Nm.SetRequiredNodes(NmNode.BmsMask | NmNode.McuMask | NmNode.GcuMask, Now);
            Nm.RequestNetwork();
        }

        public bool Failed(uint dtc) => (Dtcs.StatusAt(Dtcs.IndexOf(dtc)) & DtcMemory.TestFailed) != 0;
    }

    [Fact]
    public void KeyOnWakesNetworkWithActiveWakeup()
    {
        var rig = new Rig();
        rig.KeyOn();

        rig.Run(Step);

        Assert.Equal(NmState.RepeatMessage, rig.Nm.State);
        rig.Run(Step);
        var first = rig.VcuMessages[0].Data;

        // Byte 0 source node 1 (VCU); byte 1 repeat message request (bit 0) and active wake-up (bit 4), coordinator
        // sleep ready (bit 3) clear because the VCU requests the network: 0x01 | 0x10 = 0x11; byte 2 reason Key = 1.
        Assert.Equal(new byte[] { 0x01, 0x11, 0x01 }, first);
    }

    [Fact]
    public void RepeatMessageLastsRepeatMessageTime()
    {
        var rig = new Rig();
        rig.KeyOn();
        rig.Run(Step);
        long entered = rig.Nm.StateEnteredMicroseconds;

        long normal = rig.RunUntil(NmState.NormalOperation, 5_000_000);

        // Entered at 10 ms; Normal Operation at the first run 1.5 s later.
        Assert.Equal(10_000, entered);
        Assert.Equal(1_510_000, normal);
    }

    [Fact]
    public void NormalOperationSendsEveryCycle()
    {
        var rig = new Rig();
        rig.KeyOn();
        rig.Run(5_000_000);

        var messages = rig.VcuMessages;
        for (int i = 1; i < messages.Count; i++)
        {
            Assert.Equal(500_000, messages[i].Time - messages[i - 1].Time);
        }

        // 10 ms to 4.51 s every 500 ms: 10 messages by 5 s.
        Assert.Equal(10, messages.Count);
        Assert.Equal(0x00, messages[^1].Data[1] & 0x01);
    }

    [Fact]
    public void PeersAnswerAndNoNodeIsLost()
    {
        var rig = new Rig();
        rig.KeyOn();

        rig.Run(10_000_000);

        Assert.True(rig.Bms.MessagesSent > 0);
        Assert.Equal(0, rig.Nm.LostNodes);
        Assert.False(rig.Failed(VcuDtc.NmLostBms));
        Assert.False(rig.Failed(VcuDtc.NmLostMcu));
    }

    [Fact]
    public void SilentNodeSetsLostNodeDtcAfterTimeout()
    {
        var rig = new Rig();
        rig.Mcu.Silent = true;
        rig.KeyOn();

        // Monitoring starts at the wake-up at 10 ms; the MCU counts as lost 2 s later, at 2.01 s.
        rig.Run(2_000_000);
        Assert.False(rig.Nm.IsNodeLost(NmNode.Mcu));
        rig.Run(Step);

        Assert.True(rig.Nm.IsNodeLost(NmNode.Mcu));
        Assert.True(rig.Failed(VcuDtc.NmLostMcu));
        Assert.False(rig.Failed(VcuDtc.NmLostBms));
        Assert.False(rig.Failed(VcuDtc.NmLostObc));
    }

    [Fact]
    public void ReleaseSleepsAfterTimeoutAndWaitBusSleep()
    {
        var rig = new Rig();
        rig.KeyOn();
        rig.Run(5_000_000);

        rig.Bms.NeedsBus = rig.Mcu.NeedsBus = rig.Gcu.NeedsBus = false;
        rig.Nm.ReleaseNetwork();
        rig.Nm.SetRequiredNodes(0, rig.Now);
        rig.Run(Step);
        Assert.Equal(NmState.ReadySleep, rig.Nm.State);
        long prepare = rig.RunUntil(NmState.PrepareBusSleep, 10_000_000);
        long sleep = rig.RunUntil(NmState.BusSleep, 10_000_000);

        // Ready Sleep ends 2 s (NM timeout) after the last NM message, Bus-Sleep follows 1.5 s later. The VCU
        // restarts its timer when it queues the message; the logger stamps the end of the 135-bit frame,
        // 0.27 ms later. Each transition waits for the next 10 ms run.
        Assert.InRange(prepare - rig.LastNmOnBus, 2_000_000 - 1_000, 2_000_000 + Step);
        Assert.Equal(1_500_000, sleep - prepare);
    }

    [Fact]
    public void ChargerKeepsBusAwakeUntilItReleases()
    {
        var rig = new Rig();
        rig.Obc.NeedsBus = true;

        rig.Run(30_000_000);
        Assert.Equal(NmState.ReadySleep, rig.Nm.State);

        rig.Obc.NeedsBus = false;
        rig.RunUntil(NmState.BusSleep, 10_000_000);
    }

    [Fact]
    public void NmMessageWakesNetworkPassively()
    {
        var rig = new Rig();
        rig.Obc.NeedsBus = true;

        rig.Run(20_000);

        Assert.Equal(NmState.RepeatMessage, rig.Nm.State);
        Assert.False(rig.Nm.NetworkRequested);
    }

    [Fact]
    public void RepeatMessageRequestReturnsToRepeatMessage()
    {
        var rig = new Rig();
        rig.KeyOn();
        rig.RunUntil(NmState.NormalOperation, 5_000_000);

        var frame = new CanFrame { Length = 8 };
        frame.SetId(0x502, false);
        frame.Data[0] = 2;
        frame.Data[1] = 0x01;
        rig.Tester.TrySend(frame);
        rig.Run(2 * Step);

        Assert.Equal(NmState.RepeatMessage, rig.Nm.State);
    }

    [Fact]
    public void ConsumeTakesOnlyNmFrames()
    {
        var rig = new Rig();
        var frame = new CanFrame { Length = 8 };

        frame.SetId(0x0A0, false);
        Assert.False(rig.Nm.Consume(frame, 0));
        frame.SetId(0x501, false);
        Assert.False(rig.Nm.Consume(frame, 0));
        frame.SetId(0x505, false);
        Assert.True(rig.Nm.Consume(frame, 0));
        frame.SetId(0x506, false);
        Assert.False(rig.Nm.Consume(frame, 0));
    }

    [Fact]
    public void SettingsRejectTimeoutBelowCycle()
    {
        var settings = new NetworkManagerSettings { TimeoutMicroseconds = 400_000 };

        var error = Assert.Throws<ArgumentException>(() => settings.Validate());
        Assert.Equal("TimeoutMicroseconds", error.ParamName);
    }
}

using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Vcu.Monitoring;
using Controllers.Firmware.Vcu.Tests.Network;
using Controllers.Simulation;
using Xunit;

namespace Controllers.Firmware.Vcu.Tests;

public class VcuOutputsTests
{
    private readonly SimulatedClock clock = new();
    private readonly BoardInputs board = new();
    private readonly VcuCore core;
    private readonly RecordingTransmitter bus = new();

    private readonly HighVoltage.BmsBench hv;

    public VcuOutputsTests()
    {
        core = new VcuCore(clock, board);
        core.AttachCan(bus);
        hv = new HighVoltage.BmsBench(core);
        core.Executive.Start();

        // Power up through the real HV sequence, then start each test at a period boundary.
        while (!core.HighVoltage.IsReadyToDrive || clock.NowMicroseconds % 10000 != 0)
        {
            Assert.True(clock.NowMicroseconds < 3_000_000, $"The VCU did not get ready to drive within 3 s: HV {core.HighVoltage.State}, {core.HighVoltage.LastShutdownReason}, reaction {core.FaultReactions.ActiveReaction} {core.FaultReactions.ActiveDtc:X6}.");
            Run(1000);
        }

        bus.Frames.Clear();
    }

    private int feedbackCounter;

    /// <summary>False to stop MCU_Feedback, as if the motor controller had gone silent.</summary>
    private bool sendFeedback = true;

    /// <summary>Torque the motor controller reports in MCU_Feedback, sent every 10 ms while <see cref="Run"/> runs.</summary>
    private double feedbackNewtonMetres;

    private void Run(long microseconds)
    {
        long end = clock.NowMicroseconds + microseconds;
        while (clock.NowMicroseconds < end)
        {
            if (sendFeedback && clock.NowMicroseconds % 10000 == 5000)
            {
                core.Receive(VcuMatrix.Encode("MCU_Feedback", ("ActualTorque", feedbackNewtonMetres), ("DcLinkVoltage", hv.Link.LinkVolts), ("McuFeedbackAliveCounter", feedbackCounter)),
                    clock.NowMicroseconds);
                feedbackCounter = (feedbackCounter + 1) & 0xF;
            }

            core.Executive.RunDueTasks();
            clock.Advance(1000);
            hv.Step(clock.NowMicroseconds, 0.001, 0);
        }
    }

    [Fact]
    public void KeyOnSelectsTorqueControlForward()
    {
        Run(200000);

        Assert.Equal(1, core.Outputs.MotorMode);
        Assert.Equal(1, core.Outputs.Direction);
        Assert.Equal(core.TorqueCommandNewtonMetres, core.Outputs.TorqueRequestNewtonMetres);
        Assert.Equal(core.Monitor.PermittedNewtonMetres, core.Outputs.MotoringTorqueLimitNewtonMetres);
    }

    [Fact]
    public void KeyOffSelectsStandbyAndZeroTorque()
    {
        board.SetPedal(0.5f);
        Run(200000);
        board.KeyOn = false;
        Run(100000);

        Assert.Equal(0, core.Outputs.MotorMode);
        Assert.Equal(0f, core.Outputs.TorqueRequestNewtonMetres);
        Assert.Equal(0f, core.Outputs.MotoringTorqueLimitNewtonMetres);
    }

    [Fact]
    public void PedalStepLeavesOnBusInSamePeriod()
    {
        Run(200000);
        board.SetPedal(1f);
        int before = bus.WithId(0x0A0).Count;

        // One executive pass: inputs, torque, monitor and transmit all run at the same release.
        core.Executive.RunDueTasks();
        Assert.True(core.Signals.FeedbackValid);
        while (bus.WithId(0x0A0).Count == before)
        {
            clock.Advance(1000);
            core.Executive.RunDueTasks();
        }

        var values = VcuMatrix.Decode(bus.WithId(0x0A0)[^1]);
        Assert.Equal(core.Outputs.TorqueRequestNewtonMetres, values["TorqueRequest"], 1);

        // Creep at standstill is 6 N·m and the rate limiter allows 45 N·m per 10 ms cycle (4500 N·m/s), so the
        // first frame after the step carries 6 + 45 = 51 N·m.
        Assert.Equal(51, values["TorqueRequest"], 1);
    }

    [Fact]
    public void ReceivedFeedbackReachesSignals()
    {
        var frame = VcuMatrix.Encode("MCU_Feedback", ("ActualTorque", 12.3), ("McuFeedbackAliveCounter", 0));

        Assert.True(core.Receive(frame, 0));
        Assert.True(core.Signals.FeedbackValid);
        Assert.Equal(12.3, core.Signals.TorqueFeedbackNewtonMetres, 3);
    }

    [Fact]
    public void FeedbackLossLimitsToLimpTorque()
    {
        board.SetPedal(1f);
        Run(500000);
        Assert.True(core.TorqueCommandNewtonMetres > 80f, $"command {core.TorqueCommandNewtonMetres} N·m before the loss");

        // No MCU_Feedback from here: lost 50 ms after the last frame, seen at the next 10 ms check, then the
        // command falls to the 27 N·m limp-home cap at the 45 N·m-per-cycle rate limit.
        sendFeedback = false;
        Run(200000);

        Assert.False(core.Signals.FeedbackValid);
        Assert.True(core.CanReceiver.IsLost(Vcu.Network.VcuCanReceiver.McuFeedbackSlot));
        Assert.Equal(27f, core.TorqueCommandNewtonMetres, 1);
        Assert.NotEqual(0, core.Dtcs.StatusAt(core.Dtcs.IndexOf(VcuDtc.McuCommunicationLost)) & Common.Diagnostics.DtcMemory.ConfirmedDtc);
    }

    [Fact]
    public void MonitorShutdownSelectsStandby()
    {
        // Feedback far above anything the released pedal permits, held for longer than debounce plus shutdown delay.
        Run(100000);
        feedbackNewtonMetres = 80;
        Run(400000);

        Assert.Equal(MonitorReaction.Shutdown, core.Monitor.Reaction);

        // The monitor's DTC requests an HV shutdown: no torque control, and the contactors are asked to open
        // (the motor controller then discharges the link).
        Assert.NotEqual(1, core.Outputs.MotorMode);
        Assert.Equal(0, core.Outputs.HvConnectRequest);
    }
}

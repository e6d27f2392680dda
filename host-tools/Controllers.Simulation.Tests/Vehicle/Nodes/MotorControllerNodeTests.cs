using System;
using System.Collections.Generic;
using System.IO;
using Controllers.Can.Dbc;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Can.Generated.Vcu;
using Controllers.Simulation.Network;
using Controllers.Simulation.Vehicle;
using Controllers.Simulation.Vehicle.Nodes;
using Xunit;

namespace Controllers.Simulation.Tests.Vehicle.Nodes;

public class MotorControllerNodeTests
{
    private static readonly Lazy<DbcFile> Matrix = new(() => DbcParser.ParseFile(Path.Combine(RepositoryPaths.Root, "boards", "can", "vcu.dbc")));

    private readonly VehiclePlant plant = new(VehicleFiles.LoadAtv());
    private readonly SimulatedCanNetwork network = new(500000);
    private readonly MotorControllerNode node;
    private readonly ICanTransmitter vcu;
    private readonly List<(long Time, IReadOnlyDictionary<string, double> Values, uint Id)> received = [];
    private readonly VCU_TorqueCommand command = new();
    private readonly CanFrame frame = new();
    private int counter;
    private long now;

    public MotorControllerNodeTests()
    {
        node = new MotorControllerNode(plant, network);
        vcu = network.Attach("VCU", (frame, time) =>
        {
            var message = Matrix.Value.FindMessage(frame.Id, frame.IsExtended)!;
            received.Add((time, DbcSignalCodec.DecodeMessage(frame.Data.AsSpan(0, frame.Length), message), frame.Id));
        });
        plant.PowerUp(0.001);
    }

    private void SendCommand(double torque, int direction = 1, double motoringLimit = 90, double regenLimit = 60, int? forcedCounter = null,
        bool corruptCrc = false)
    {
        command.TorqueRequest = (float)torque;
        command.MotorMode = VCU_TorqueCommand.MotorModeTorqueControl;
        command.Direction = direction;
        command.MotoringTorqueLimit = (float)motoringLimit;
        command.RegenTorqueLimit = (float)regenLimit;
        command.TorqueCommandAliveCounter = forcedCounter ?? counter;
        command.Encode(frame);
        frame.Data[7] = Crc8SaeJ1850.Compute(frame.Data, 0, 7);
        if (corruptCrc)
        {
            frame.Data[7] ^= 0x10;
        }

        vcu.TrySend(frame);
        counter = ((forcedCounter ?? counter) + 1) & 0x3;
    }

    /// <summary>Advances 1 ms: bus, node, plant.</summary>
    private void Step()
    {
        now += 1000;
        network.AdvanceTo(now);
        node.Step(now);
        plant.Step(0.001);
    }

    private void Run(int milliseconds)
    {
        for (int i = 0; i < milliseconds; i++)
        {
            Step();
        }
    }

    [Fact]
    public void CommandAppliedAfterFrame()
    {
        SendCommand(40);
        Step();

        Assert.Equal(40, node.AppliedTorqueNewtonMetres, 1);
        Assert.Equal(40, plant.TorqueCommandNewtonMetres, 1);
    }

    [Fact]
    public void ReverseNegatesShaftTorque()
    {
        SendCommand(25, direction: 2);
        Step();

        Assert.Equal(-25, node.AppliedTorqueNewtonMetres, 1);
    }

    [Fact]
    public void LimitsClampRequest()
    {
        SendCommand(80, motoringLimit: 50);
        Step();
        Assert.Equal(50, node.AppliedTorqueNewtonMetres, 1);

        SendCommand(-45, regenLimit: 30);
        Step();
        Assert.Equal(-30, node.AppliedTorqueNewtonMetres, 1);
    }

    [Fact]
    public void BadCrcIgnored()
    {
        SendCommand(40, corruptCrc: true);
        Step();

        Assert.Equal(0, node.AppliedTorqueNewtonMetres);
        Assert.Equal(1, node.CrcErrorCount);
    }

    [Fact]
    public void RepeatedCounterIgnored()
    {
        SendCommand(40, forcedCounter: 2);
        Step();
        SendCommand(70, forcedCounter: 2);
        Step();

        Assert.Equal(40, node.AppliedTorqueNewtonMetres, 1);
        Assert.Equal(1, node.StaleFrameCount);
    }

    [Fact]
    public void CommandTimeoutZeroesTorque()
    {
        SendCommand(40);
        Step();
        long frameEnd = node.LastCommandMicroseconds;

        // The frame ends within the first millisecond; the torque holds up to 50 ms after its end and drops at the
        // first step past it.
        while (now + 1000 - frameEnd <= MotorControllerNode.CommandTimeoutMicroseconds)
        {
            Step();
            Assert.Equal(40, node.AppliedTorqueNewtonMetres, 1);
        }

        Step();
        Assert.Equal(0, node.AppliedTorqueNewtonMetres);
        Assert.False(node.CommandFresh);
    }

    [Fact]
    public void FeedbackAndStatusAtCycleTimes()
    {
        Run(1000);

        // One second: MCU_Feedback every 10 ms → 100 frames, MCU_Status every 100 ms → 10.
        var feedback = received.FindAll(r => r.Id == MCU_Feedback.Id);
        Assert.Equal(100, feedback.Count);
        Assert.Equal(10, received.FindAll(r => r.Id == MCU_Status.Id).Count);
        for (int i = 0; i < feedback.Count; i++)
        {
            Assert.Equal(i % 16, feedback[i].Values["McuFeedbackAliveCounter"]);
        }
    }

    [Fact]
    public void FeedbackCarriesGainAndOffset()
    {
        node.FeedbackGainError = 0.08;
        node.FeedbackOffsetNewtonMetres = 2;
        plant.Motor.FeedbackNoiseNewtonMetres = 0;
        for (int i = 0; i < 300; i++)
        {
            if (i % 10 == 0)
            {
                SendCommand(50);
            }

            Step();
        }

        // Settled at 50 N·m (300 ms = 30 time constants): reported 50 × 1.08 + 2 = 56 N·m at 0.1 N·m resolution.
        var last = received.FindLast(r => r.Id == MCU_Feedback.Id);
        Assert.Equal(56, last.Values["ActualTorque"], 1);
    }

    [Fact]
    public void SilentNodeSendsNothing()
    {
        node.Silent = true;
        Run(200);

        Assert.Empty(received);
    }

    [Fact]
    public void StuckTorqueIgnoresCommand()
    {
        node.StuckTorqueNewtonMetres = 70;
        SendCommand(0);
        Step();

        Assert.Equal(70, node.AppliedTorqueNewtonMetres);
    }
}

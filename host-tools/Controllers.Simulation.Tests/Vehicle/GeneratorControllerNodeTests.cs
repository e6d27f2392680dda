using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Can.Generated.Vcu;
using Controllers.Simulation.Network;
using Controllers.Simulation.Vehicle;
using Controllers.Simulation.Vehicle.Nodes;
using Xunit;

namespace Controllers.Simulation.Tests.Vehicle;

public class GeneratorControllerNodeTests
{
    private const long StepMicroseconds = 10_000;

    private sealed class Bench
    {
        public readonly VehiclePlant Plant = new(VehicleFiles.LoadAtv());
        public readonly SimulatedCanNetwork Network = new(500_000);
        public readonly GeneratorControllerNode Gcu;
        public readonly ICanTransmitter Vcu;
        public readonly GCU_Status Status = new();
        public readonly VCU_GeneratorCommand Command = new();
        public int StatusFrames;
        public int EngineStatusFrames;
        public bool Sending = true;
        public bool CorruptCrc;
        public long Now;
        private readonly CanFrame frame = new();
        private int counter;

        public Bench()
        {
            Gcu = new GeneratorControllerNode(Plant, Network);
            Vcu = Network.Attach("VCU", (received, _) =>
            {
                if (Status.TryDecode(received))
                {
                    StatusFrames++;
                }
                else if (received.Id == GCU_EngineStatus.Id)
                {
                    EngineStatusFrames++;
                }
            });
            Plant.PowerUp(0.01);
        }

        public void Run(long microseconds)
        {
            long end = Now + microseconds;
            while (Now < end)
            {
                if (Sending && Now % 50_000 == 0)
                {
                    Command.GeneratorCommandAliveCounter = counter;
                    Command.Encode(frame);
                    byte crc = Crc8SaeJ1850.Compute(frame.Data, 0, 7);
                    frame.Data[7] = CorruptCrc ? (byte)(crc ^ 0x01) : crc;
                    Vcu.TrySend(frame);
                    counter = (counter + 1) & 0xF;
                }

                Now += StepMicroseconds;
                Network.AdvanceTo(Now);
                Gcu.Step(Now);
                Plant.Step(StepMicroseconds / 1e6);
            }
        }
    }

    [Fact]
    public void CrankIdleGenerateDeliversRequestedPower()
    {
        var bench = new Bench();
        bench.Command.GeneratorMode = VCU_GeneratorCommand.GeneratorModeCrank;
        bench.Command.GeneratorMaxDcCurrent = 100;
        bench.Run(2_000_000);
        // The start delay of boards/vcu-atv.yaml is 1.2 s; the GCU reports Idle after it.
        Assert.Equal(EngineGeneratorState.Running, bench.Plant.Generator.State);
        Assert.Equal(GCU_Status.GeneratorStateIdle, (int)bench.Status.GeneratorState);

        bench.Command.GeneratorMode = VCU_GeneratorCommand.GeneratorModeGenerate;
        bench.Command.GeneratorPowerRequest = 8;
        bench.Command.GeneratorSpeedRequest = 3000;
        bench.Run(10_000_000);

        // 3000 rpm allows 15 kW × 3000 / 4500 = 10 kW, so the 8 kW request is met after 10 s ≫ 0.8 s lag.
        Assert.Equal(8000, bench.Plant.Generator.ElectricalPowerWatts, 1);
        Assert.Equal(GCU_Status.GeneratorStateGenerating, (int)bench.Status.GeneratorState);
        Assert.Equal(8.0f, bench.Status.GeneratorPower, 1);
    }

    [Fact]
    public void DcCurrentLimitCapsPower()
    {
        var bench = new Bench();
        bench.Command.GeneratorMode = VCU_GeneratorCommand.GeneratorModeCrank;
        bench.Run(2_000_000);
        bench.Command.GeneratorMode = VCU_GeneratorCommand.GeneratorModeGenerate;
        bench.Command.GeneratorPowerRequest = 10;
        bench.Command.GeneratorSpeedRequest = 4000;
        bench.Command.GeneratorMaxDcCurrent = 10;
        bench.Run(10_000_000);

        // 10 A at the link voltage, the pack's voltage while it is charged.
        double expected = 10 * bench.Plant.HighVoltage.LinkVolts;
        Assert.InRange(bench.Plant.Generator.ElectricalPowerWatts, expected * 0.98, expected * 1.02);
    }

    [Fact]
    public void WrongCrcIsRejected()
    {
        var bench = new Bench { CorruptCrc = true };
        bench.Command.GeneratorMode = VCU_GeneratorCommand.GeneratorModeCrank;
        bench.Run(2_000_000);

        Assert.Equal(0, bench.Gcu.CommandsAccepted);
        Assert.True(bench.Gcu.CommandsRejected >= 39);
        Assert.Equal(EngineGeneratorState.Off, bench.Plant.Generator.State);
    }

    [Fact]
    public void CommandTimeoutShutsDown()
    {
        var bench = new Bench();
        bench.Command.GeneratorMode = VCU_GeneratorCommand.GeneratorModeCrank;
        bench.Command.GeneratorMaxDcCurrent = 100;
        bench.Run(2_000_000);
        bench.Command.GeneratorMode = VCU_GeneratorCommand.GeneratorModeGenerate;
        bench.Command.GeneratorPowerRequest = 8;
        bench.Command.GeneratorSpeedRequest = 3000;
        bench.Run(5_000_000);
        Assert.True(bench.Plant.Generator.ElectricalPowerWatts > 7000);

        // The last command left at 6.95 s; 200 ms later, at 7.15 s and after, the GCU treats the VCU as lost.
        bench.Sending = false;
        bench.Run(150_000);
        Assert.False(bench.Gcu.CommandTimedOut);
        bench.Run(100_000);
        Assert.True(bench.Gcu.CommandTimedOut);

        // The power falls with the 0.8 s lag below 100 W in 0.8 × ln(8000 / 100) = 3.5 s, then the engine stops.
        bench.Run(5_000_000);
        Assert.Equal(EngineGeneratorState.Off, bench.Plant.Generator.State);
        Assert.Equal(GCU_Status.GeneratorStateOff, bench.Gcu.State);
    }

    [Fact]
    public void StatusFramesFollowDbcCycleTimes()
    {
        // 2 s of bus time: GCU_Status every 50 ms gives 40 frames, GCU_EngineStatus every 500 ms gives 4.
        var bench = new Bench();
        bench.Run(2_000_000);

        Assert.Equal(40, bench.StatusFrames);
        Assert.Equal(4, bench.EngineStatusFrames);
    }
}

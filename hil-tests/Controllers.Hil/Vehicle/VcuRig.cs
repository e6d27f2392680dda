using System;
using System.Collections.Generic;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Can.Generated.Vcu;
using Controllers.Firmware.Vcu;
using Controllers.Simulation;
using Controllers.Simulation.Network;
using Controllers.Simulation.Vehicle;
using Controllers.Simulation.Vehicle.Nodes;

namespace Controllers.Hil.Vehicle;

/// <summary>
/// Software-in-the-loop rig of the VCU: the real <see cref="VcuCore"/> on a simulated clock, its board inputs
/// (<see cref="VcuRigInputs"/>), the <see cref="VehiclePlant"/>, a <see cref="SimulatedCanNetwork"/> at 500 kbit/s and
/// the plant-side nodes on it, starting with the <see cref="MotorControllerNode"/>. Each <see cref="Step"/> advances
/// 1 ms in this order: the bus delivers the frames that ended by now, every node steps, the input hook and the
/// driver model set the pins, the VCU runs its due tasks (its frames go on the bus), then the plant steps.
/// </summary>
/// <remarks>
/// The BMS node (<see cref="BmsNode"/>) runs the contactors on the VCU's VCU_HvRequest, and the generator node
/// (<see cref="GeneratorControllerNode"/>) runs the range extender on VCU_GeneratorCommand. The constructor turns
/// the key on and runs until the VCU reports ready to drive, so each scenario starts with the HV bus up. Further
/// nodes are added with <see cref="AddNode"/>.
/// </remarks>
public sealed class VcuRig
{
    /// <summary>Plant and bus step, µs.</summary>
    public const long StepMicroseconds = 1000;

    /// <summary>Bit rate of the vehicle bus (boards/can/vcu.dbc), bit/s.</summary>
    public const int Bitrate = 500000;

    private const double StepSeconds = StepMicroseconds / 1e6;

    private readonly List<ISimulatedCanNode> nodes = [];
    private readonly TimedTransmitter vcuTransmitter;

    /// <summary>Longest power-up the constructor waits for, µs.</summary>
    public const long PowerUpLimitMicroseconds = 3_000_000;

    /// <summary>
    /// Builds the rig for <paramref name="vehicle"/>, starts the VCU's executive and powers the HV bus up through the
    /// VCU and the BMS node, ending on a 10 ms period boundary.
    /// </summary>
    public VcuRig(VehicleDefinition vehicle, int noiseSeed = 1)
    {
        ArgumentNullException.ThrowIfNull(vehicle);
        Plant = new VehiclePlant(vehicle, noiseSeed);
        Network = new SimulatedCanNetwork(Bitrate);
        Core = new VcuCore(Clock, Inputs);
        vcuTransmitter = new TimedTransmitter(Network.Attach("VCU", (frame, time) => Core.Receive(frame, time)), Clock);
        Core.AttachCan(vcuTransmitter);
        Mcu = new MotorControllerNode(Plant, Network);
        AddNode(Mcu);
        Bms = new BmsNode(Plant.HighVoltage, Network);
        AddNode(Bms);
        Gcu = new GeneratorControllerNode(Plant, Network);
        AddNode(Gcu);
        Core.Executive.Start();

        while (!Core.HighVoltage.IsReadyToDrive || Clock.NowMicroseconds % 10000 != 0)
        {
            if (Clock.NowMicroseconds > PowerUpLimitMicroseconds)
            {
                throw new InvalidOperationException(
                    $"The VCU did not get ready to drive within {PowerUpLimitMicroseconds / 1000} ms: HV state {Core.HighVoltage.State}, last shutdown reason {Core.HighVoltage.LastShutdownReason}.");
            }

            Step();
        }

        PowerUpMicroseconds = Clock.NowMicroseconds;
    }

    /// <summary>Time at which the HV bus was up and the scenario began, µs.</summary>
    public long PowerUpMicroseconds { get; }

    /// <summary>The BMS master node: contactors, pack status, power limits, insulation.</summary>
    public BmsNode Bms { get; }

    /// <summary>The range extender's generator control unit.</summary>
    public GeneratorControllerNode Gcu { get; }

    public SimulatedClock Clock { get; } = new();

    public VcuRigInputs Inputs { get; } = new();

    public VcuCore Core { get; }

    public VehiclePlant Plant { get; }

    public SimulatedCanNetwork Network { get; }

    public MotorControllerNode Mcu { get; }

    /// <summary>The on-board charger once <see cref="AddCharger"/> added it; null before.</summary>
    public ChargerNode? Charger { get; private set; }

    /// <summary>Nodes stepped each millisecond, in the order added.</summary>
    public IReadOnlyList<ISimulatedCanNode> Nodes => nodes;

    /// <summary>Simulated time, µs.</summary>
    public long NowMicroseconds => Clock.NowMicroseconds;

    /// <summary>When set, the vehicle speed is held at this value after every plant step, m/s, as on a dynamometer.</summary>
    public double? HeldSpeedMetresPerSecond { get; set; }

    /// <summary>Called each step before the VCU runs, to set the pins from a scenario.</summary>
    public Action<VcuRig>? BeforeVcu { get; set; }

    /// <summary>Called at the end of each step, after the plant stepped and the clock advanced, to record traces.</summary>
    public Action<VcuRig>? AfterStep { get; set; }

    /// <summary>Driver model and cycle that set the pedals each step when both are set.</summary>
    public DriverModel? Driver { get; private set; }

    /// <summary>Drive cycle the driver model follows.</summary>
    public DriveCycle? Cycle { get; private set; }

    /// <summary>Time the VCU last queued a VCU_TorqueCommand frame, µs; −1 before the first.</summary>
    public long LastTorqueFrameQueuedMicroseconds => vcuTransmitter.LastTorqueFrameMicroseconds;

    /// <summary>Adds a plant-side node that is stepped after the bus delivers and before the VCU runs.</summary>
    public void AddNode(ISimulatedCanNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        nodes.Add(node);
    }

    /// <summary>
    /// Adds the on-board charger on the bus. From the next step on, the rig passes its output power to the plant as
    /// an external supply of the DC link, so the charge reaches the pack.
    /// </summary>
    public ChargerNode AddCharger(ChargerNodeSettings? settings = null)
    {
        if (Charger != null)
        {
            throw new InvalidOperationException("The rig already has a charger.");
        }

        Charger = new ChargerNode(Plant.HighVoltage, Network, settings);
        AddNode(Charger);
        return Charger;
    }

    /// <summary>Lets the driver model follow <paramref name="cycle"/> from the next step on; its pedals replace the scenario's.</summary>
    public void FollowCycle(DriveCycle cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        Cycle = cycle;
        Driver = new DriverModel(Plant.Definition.Driver, Plant.Chassis, Plant.Motor);
    }

    /// <summary>Advances the rig by one 1 ms step.</summary>
    public void Step()
    {
        long now = Clock.NowMicroseconds;
        Network.AdvanceTo(now);
        foreach (var node in nodes)
        {
            node.Step(now);
        }

        if (Driver != null && Cycle != null)
        {
            Driver.Update(StepSeconds, now / 1e6, Cycle);
            Inputs.AcceleratorTrack1Volts = (float)Driver.AcceleratorTrack1Volts;
            Inputs.AcceleratorTrack2Volts = (float)Driver.AcceleratorTrack2Volts;
            Inputs.SetBrake(Driver.BrakePosition);
            Plant.Chassis.Grade = Cycle.GetGrade(now / 1e6);
        }

        BeforeVcu?.Invoke(this);

        // The hydraulic brake follows the pedal directly, whatever the VCU does.
        Plant.BrakeFraction = Math.Clamp((Inputs.BrakeSensorVolts - 0.5) / 4.0, 0, 1);
        Core.Executive.RunDueTasks();
        Plant.ExternalSupplyWatts = Charger?.OutputWatts ?? 0;
        Plant.Step(StepSeconds);
        if (HeldSpeedMetresPerSecond is double held)
        {
            Plant.Chassis.SetSpeed(held);
        }

        Clock.Advance(StepMicroseconds);
        AfterStep?.Invoke(this);
    }

    /// <summary>Runs <paramref name="microseconds"/> of simulated time, calling <paramref name="afterStep"/> after each step.</summary>
    public void Run(long microseconds, Action<VcuRig>? afterStep = null)
    {
        long end = Clock.NowMicroseconds + microseconds;
        while (Clock.NowMicroseconds < end)
        {
            Step();
            afterStep?.Invoke(this);
        }
    }

    /// <summary>Forwards the VCU's frames to the bus and notes when each torque command was queued.</summary>
    private sealed class TimedTransmitter(ICanTransmitter inner, SimulatedClock clock) : ICanTransmitter
    {
        public long LastTorqueFrameMicroseconds { get; private set; } = -1;

        public bool TrySend(CanFrame frame)
        {
            if (frame.Id == VCU_TorqueCommand.Id)
            {
                LastTorqueFrameMicroseconds = clock.NowMicroseconds;
            }

            return inner.TrySend(frame);
        }
    }
}

using System;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Can.Generated.Vcu;
using Controllers.Simulation.Network;

namespace Controllers.Simulation.Vehicle.Nodes;

/// <summary>
/// The traction motor controller (MCU) on the simulated vehicle bus. It takes VCU_TorqueCommand, checks its
/// CRC-8/SAE-J1850 byte and 2-bit alive counter, and applies the request to the plant's traction motor, which
/// adds the first-order torque lag and the torque–speed envelope. It sends MCU_Feedback every 10 ms and
/// MCU_Status every 100 ms (boards/can/vcu.dbc). Without a good command for
/// <see cref="CommandTimeoutMicroseconds"/> it applies zero torque. Fault injections model a feedback offset,
/// an actuation gain error, a silent node and a stuck torque.
/// </summary>
public sealed class MotorControllerNode : ISimulatedCanNode
{
    /// <summary>
    /// Command timeout, µs: 5 cycles of the 10 ms VCU_TorqueCommand, the same count the VCU uses for its own
    /// receive timeouts, so one or two lost frames do not drop the torque.
    /// </summary>
    public const long CommandTimeoutMicroseconds = 50000;

    private const long FeedbackPeriodMicroseconds = MCU_Feedback.CycleTimeMilliseconds * 1000L;
    private const long StatusPeriodMicroseconds = MCU_Status.CycleTimeMilliseconds * 1000L;
    private const double RpmPerRadianPerSecond = 30 / Math.PI;

    private readonly VehiclePlant plant;
    private readonly SimulatedCanNetwork network;
    private readonly ICanTransmitter transmitter;
    private readonly VCU_TorqueCommand command = new();
    private readonly MCU_Feedback feedback = new();
    private readonly MCU_Status status = new();
    private readonly CanFrame frame = new();
    private long nextFeedbackMicroseconds = -1;
    private long nextStatusMicroseconds = -1;
    private long lastCommandMicroseconds = long.MinValue;
    private int lastCounter = -1;
    private int feedbackCounter;
    private bool silent;

    // The command last taken, in the DBC's sense: torque positive drives in the selected direction.
    private double requestNewtonMetres;
    private int motorMode;
    private int direction;
    private double motoringLimitNewtonMetres;
    private double regenLimitNewtonMetres;

    /// <summary>Attaches the node to <paramref name="network"/> as <paramref name="name"/>.</summary>
    public MotorControllerNode(VehiclePlant plant, SimulatedCanNetwork network, string name = "MCU")
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(network);
        this.plant = plant;
        this.network = network;
        transmitter = network.Attach(name, OnFrame);
    }

    /// <summary>Torque added to the reported feedback, N·m (a sensor offset).</summary>
    public double FeedbackOffsetNewtonMetres { get; set; }

    /// <summary>
    /// Relative error of the reported feedback: 0.08 reports 8 % more than delivered. It is the plant motor's
    /// <see cref="TractionMotor.FeedbackGainError"/>.
    /// </summary>
    public double FeedbackGainError
    {
        get => plant.Motor.FeedbackGainError;
        set => plant.Motor.FeedbackGainError = value;
    }

    /// <summary>Relative error of the delivered torque against the command: −0.08 delivers 8 % less.</summary>
    public double ActuationGainError { get; set; }

    /// <summary>Shaft torque applied whatever the command, to model a runaway inverter; null when healthy.</summary>
    public double? StuckTorqueNewtonMetres { get; set; }

    /// <summary>The node stops sending (it still receives and drives the motor).</summary>
    public bool Silent
    {
        get => silent;
        set
        {
            silent = value;
            network.SetSilent(transmitter, value);
        }
    }

    /// <summary>Frames dropped because of a bad CRC.</summary>
    public long CrcErrorCount { get; private set; }

    /// <summary>Frames dropped because their alive counter repeated or jumped.</summary>
    public long StaleFrameCount { get; private set; }

    /// <summary>End-of-frame time of the last good VCU_TorqueCommand, µs; <see cref="long.MinValue"/> before the first.</summary>
    public long LastCommandMicroseconds => lastCommandMicroseconds;

    /// <summary>True while a good command arrived within the timeout at the last <see cref="Step"/>.</summary>
    public bool CommandFresh { get; private set; }

    /// <summary>Shaft torque command given to the plant at the last <see cref="Step"/>, N·m, positive forward.</summary>
    public double AppliedTorqueNewtonMetres { get; private set; }

    /// <summary>Latest torque request received, N·m, positive drives in the selected direction.</summary>
    public double RequestNewtonMetres => requestNewtonMetres;

    /// <summary>Applies the latest command to the plant and sends the frames that are due at <paramref name="nowMicroseconds"/>.</summary>
    public void Step(long nowMicroseconds)
    {
        CommandFresh = lastCommandMicroseconds != long.MinValue && nowMicroseconds - lastCommandMicroseconds <= CommandTimeoutMicroseconds;
        AppliedTorqueNewtonMetres = StuckTorqueNewtonMetres ?? ShaftTorque() * (1 + ActuationGainError);
        plant.TorqueCommandNewtonMetres = AppliedTorqueNewtonMetres;

        // The inverter discharges the DC link through its own circuit while the VCU requests ActiveDischarge.
        plant.HighVoltage.ActiveDischargeOn = CommandFresh && motorMode == VCU_TorqueCommand.MotorModeActiveDischarge;

        if (nextFeedbackMicroseconds < 0)
        {
            nextFeedbackMicroseconds = nowMicroseconds;
            nextStatusMicroseconds = nowMicroseconds;
        }

        if (nowMicroseconds >= nextFeedbackMicroseconds)
        {
            SendFeedback();
            nextFeedbackMicroseconds += FeedbackPeriodMicroseconds;
        }

        if (nowMicroseconds >= nextStatusMicroseconds)
        {
            SendStatus();
            nextStatusMicroseconds += StatusPeriodMicroseconds;
        }
    }

    private double ShaftTorque()
    {
        if (!CommandFresh || motorMode != VCU_TorqueCommand.MotorModeTorqueControl || direction == VCU_TorqueCommand.DirectionNeutral)
        {
            return 0;
        }

        double limited = Math.Clamp(requestNewtonMetres, -regenLimitNewtonMetres, motoringLimitNewtonMetres);
        return direction == VCU_TorqueCommand.DirectionReverse ? -limited : limited;
    }

    private void OnFrame(CanFrame received, long timeMicroseconds)
    {
        if (!command.TryDecode(received))
        {
            return;
        }

        if (received.Data[VCU_TorqueCommand.Length - 1] != Crc8SaeJ1850.Compute(received.Data, 0, VCU_TorqueCommand.Length - 1))
        {
            CrcErrorCount++;
            return;
        }

        int counter = (int)command.TorqueCommandAliveCounter;
        int last = lastCounter;
        lastCounter = counter;
        if (last >= 0 && counter != ((last + 1) & 0x3))
        {
            StaleFrameCount++;
            return;
        }

        requestNewtonMetres = command.TorqueRequest;
        motorMode = (int)command.MotorMode;
        direction = (int)command.Direction;
        motoringLimitNewtonMetres = command.MotoringTorqueLimit;
        regenLimitNewtonMetres = command.RegenTorqueLimit;
        lastCommandMicroseconds = timeMicroseconds;
    }

    private void SendFeedback()
    {
        var motor = plant.Motor;
        feedback.MotorSpeed = (float)(plant.Chassis.MotorSpeedRadiansPerSecond * RpmPerRadianPerSecond);
        feedback.ActualTorque = (float)(motor.TorqueFeedbackNewtonMetres + FeedbackOffsetNewtonMetres);
        double linkVolts = plant.HighVoltage.LinkVolts;
        feedback.DcLinkVoltage = (float)linkVolts;
        feedback.DcLinkCurrent = linkVolts > 1 ? (float)(motor.ElectricalPowerWatts / linkVolts) : 0f;
        feedback.McuFeedbackAliveCounter = feedbackCounter;
        feedback.Encode(frame);
        transmitter.TrySend(frame);
        feedbackCounter = (feedbackCounter + 1) & 0xF;
    }

    private void SendStatus()
    {
        var motor = plant.Motor;
        double speed = plant.Chassis.MotorSpeedRadiansPerSecond;
        bool connected = plant.HighVoltage.IsConnected;
        status.MotorState = !connected ? MCU_Status.MotorStateInit
            : (CommandFresh && motorMode == VCU_TorqueCommand.MotorModeTorqueControl ? MCU_Status.MotorStateRunning : MCU_Status.MotorStateReady);
        status.MotorDerating = 0;
        status.MotorTemperature = (float)motor.MotorCelsius;
        status.InverterTemperature = (float)motor.InverterCelsius;
        status.McuFaultCode = 0;
        double available = motor.GetMaxTorqueNewtonMetres(speed);
        status.AvailableMotoringTorque = (float)available;
        status.AvailableRegenTorque = (float)available;
        status.Encode(frame);
        transmitter.TrySend(frame);
    }
}

using System;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Can.Generated.Vcu;
using Controllers.Simulation.Network;

namespace Controllers.Simulation.Vehicle.Nodes;

/// <summary>
/// The generator control unit (GCU) on the simulated vehicle bus: takes VCU_GeneratorCommand, checks its
/// alive counter and CRC-8/SAE-J1850, drives the plant's <see cref="EngineGenerator"/> and sends GCU_Status
/// every 50 ms and GCU_EngineStatus every 500 ms (cycle times of boards/can/vcu.dbc). Without a valid
/// command for <see cref="CommandTimeoutMicroseconds"/> it removes the load and stops the engine.
/// </summary>
/// <remarks>
/// The coolant temperature is a first-order estimate, not a thermal model: it approaches 90 °C with a 120 s
/// time constant while the engine runs and the ambient temperature with 900 s while it is off. Fuel volume
/// uses a petrol density of 0.74 kg/L, the figure of boards/vcu-atv.yaml.
/// </remarks>
public sealed class GeneratorControllerNode : ISimulatedCanNode
{
    /// <summary>Command timeout, µs: four VCU_GeneratorCommand cycles.</summary>
    public const long CommandTimeoutMicroseconds = 200_000;

    /// <summary>Below this electrical power a shutdown stops the engine, W.</summary>
    public const double ShutdownPowerWatts = 100;

    private const double FuelDensityGramsPerLitre = 740;
    private const double WarmCoolantCelsius = 90;
    private const double WarmUpTimeConstantSeconds = 120;
    private const double CoolDownTimeConstantSeconds = 900;

    private readonly VehiclePlant plant;
    private readonly ICanTransmitter transmitter;
    private readonly VCU_GeneratorCommand command = new();
    private readonly GCU_Status status = new();
    private readonly GCU_EngineStatus engineStatus = new();
    private readonly CanFrame frame = new();
    private long lastCommandMicroseconds = long.MinValue;
    private long lastStepMicroseconds = -1;
    private long nextStatusMicroseconds;
    private long nextEngineStatusMicroseconds;
    private int lastCounter = -1;
    private int statusCounter;
    private int requestedMode;
    private double requestedPowerWatts;
    private double requestedSpeedRpm;
    private double maxDcAmperes;

    /// <summary>Attaches the GCU to <paramref name="network"/> as "GCU" and drives the engine-generator of <paramref name="plant"/>.</summary>
    public GeneratorControllerNode(VehiclePlant plant, SimulatedCanNetwork network, double ambientCelsius = 25)
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(network);
        this.plant = plant;
        AmbientCelsius = ambientCelsius;
        CoolantCelsius = ambientCelsius;
        transmitter = network.Attach("GCU", Receive);
    }

    /// <summary>Ambient temperature the coolant falls towards while the engine is off, °C.</summary>
    public double AmbientCelsius { get; set; }

    /// <summary>Estimated engine coolant temperature, °C.</summary>
    public double CoolantCelsius { get; private set; }

    /// <summary>Supplier fault code that GCU_EngineStatus reports; a non-zero code also reports the Fault state.</summary>
    public int EngineFaultCode { get; set; }

    /// <summary>State the GCU reports, the raw GeneratorState value of GCU_Status.</summary>
    public int State { get; private set; }

    /// <summary>Commands accepted since construction.</summary>
    public int CommandsAccepted { get; private set; }

    /// <summary>Commands rejected for a wrong CRC or alive counter.</summary>
    public int CommandsRejected { get; private set; }

    /// <summary>True while no valid command arrived within the timeout.</summary>
    public bool CommandTimedOut { get; private set; } = true;

    /// <summary>Applies the latest command to the engine-generator and sends the frames that are due at <paramref name="nowMicroseconds"/>.</summary>
    public void Step(long nowMicroseconds)
    {
        double dtSeconds = lastStepMicroseconds < 0 ? 0 : (nowMicroseconds - lastStepMicroseconds) * 1e-6;
        lastStepMicroseconds = nowMicroseconds;

        CommandTimedOut = lastCommandMicroseconds == long.MinValue || nowMicroseconds - lastCommandMicroseconds > CommandTimeoutMicroseconds;
        int mode = CommandTimedOut ? VCU_GeneratorCommand.GeneratorModeShutdown : requestedMode;
        ApplyMode(mode);
        UpdateCoolant(dtSeconds);
        State = ReportState(mode);

        if (nowMicroseconds >= nextStatusMicroseconds)
        {
            SendStatus();
            nextStatusMicroseconds = nowMicroseconds + GCU_Status.CycleTimeMilliseconds * 1000L;
        }

        if (nowMicroseconds >= nextEngineStatusMicroseconds)
        {
            SendEngineStatus();
            nextEngineStatusMicroseconds = nowMicroseconds + GCU_EngineStatus.CycleTimeMilliseconds * 1000L;
        }
    }

    private void Receive(CanFrame received, long nowMicroseconds)
    {
        if (!command.TryDecode(received))
        {
            return;
        }

        // The CRC covers bytes 0 to 6; the counter must advance by exactly 1 (the first frame sets it).
        byte crc = Crc8SaeJ1850.Compute(received.Data, 0, VCU_GeneratorCommand.Length - 1);
        int counter = (int)command.GeneratorCommandAliveCounter;
        bool counterValid = lastCounter < 0 || counter == ((lastCounter + 1) & 0xF);
        lastCounter = counter;
        if (crc != received.Data[VCU_GeneratorCommand.Length - 1] || !counterValid)
        {
            CommandsRejected++;
            return;
        }

        requestedMode = (int)command.GeneratorMode;
        requestedPowerWatts = command.GeneratorPowerRequest * 1000.0;
        requestedSpeedRpm = command.GeneratorSpeedRequest;
        maxDcAmperes = command.GeneratorMaxDcCurrent;
        lastCommandMicroseconds = nowMicroseconds;
        CommandsAccepted++;
    }

    private void ApplyMode(int mode)
    {
        var generator = plant.Generator;
        var parameters = generator.Parameters;
        bool fault = EngineFaultCode != 0 || generator.FuelRemainingGrams <= 0;
        switch (mode)
        {
            case VCU_GeneratorCommand.GeneratorModeCrank:
                if (!fault)
                {
                    generator.Start();
                }

                generator.SpeedCommandRpm = parameters.IdleSpeedRpm;
                plant.GeneratorPowerCommandWatts = 0;
                break;

            case VCU_GeneratorCommand.GeneratorModeIdle:
                generator.SpeedCommandRpm = parameters.IdleSpeedRpm;
                plant.GeneratorPowerCommandWatts = 0;
                break;

            case VCU_GeneratorCommand.GeneratorModeGenerate:
                // The DC current limit caps the power at the present link voltage.
                double limit = maxDcAmperes * plant.HighVoltage.LinkVolts;
                double power = Math.Min(requestedPowerWatts, limit);
                generator.SpeedCommandRpm = requestedSpeedRpm > 0 ? requestedSpeedRpm : ChooseSpeedRpm(power);
                plant.GeneratorPowerCommandWatts = power;
                break;

            case VCU_GeneratorCommand.GeneratorModeShutdown:
                plant.GeneratorPowerCommandWatts = 0;
                if (generator.ElectricalPowerWatts < ShutdownPowerWatts)
                {
                    generator.Stop();
                }

                break;

            default:
                plant.GeneratorPowerCommandWatts = 0;
                generator.Stop();
                break;
        }

        if (fault)
        {
            plant.GeneratorPowerCommandWatts = 0;
            generator.Stop();
        }
    }

    // The lowest speed whose available power covers the request with a 5 % margin.
    private double ChooseSpeedRpm(double powerWatts)
    {
        var parameters = plant.Generator.Parameters;
        double speed = 1.05 * powerWatts / parameters.RatedPowerWatts * parameters.RatedSpeedRpm;
        return Math.Clamp(speed, parameters.IdleSpeedRpm, parameters.RatedSpeedRpm);
    }

    private void UpdateCoolant(double dtSeconds)
    {
        if (dtSeconds <= 0)
        {
            return;
        }

        bool running = plant.Generator.State != EngineGeneratorState.Off;
        double target = running ? WarmCoolantCelsius : AmbientCelsius;
        double tau = running ? WarmUpTimeConstantSeconds : CoolDownTimeConstantSeconds;
        CoolantCelsius = target + (CoolantCelsius - target) * Math.Exp(-dtSeconds / tau);
    }

    private int ReportState(int mode)
    {
        var generator = plant.Generator;
        if (EngineFaultCode != 0 || (generator.FuelRemainingGrams <= 0 && mode != VCU_GeneratorCommand.GeneratorModeOff))
        {
            return GCU_Status.GeneratorStateFault;
        }

        switch (generator.State)
        {
            case EngineGeneratorState.Cranking:
                return GCU_Status.GeneratorStateCranking;

            case EngineGeneratorState.Running:
                if (mode == VCU_GeneratorCommand.GeneratorModeShutdown || mode == VCU_GeneratorCommand.GeneratorModeOff)
                {
                    return GCU_Status.GeneratorStateShuttingDown;
                }

                return mode == VCU_GeneratorCommand.GeneratorModeGenerate ? GCU_Status.GeneratorStateGenerating : GCU_Status.GeneratorStateIdle;

            default:
                return GCU_Status.GeneratorStateOff;
        }
    }

    private void SendStatus()
    {
        var generator = plant.Generator;
        double volts = plant.HighVoltage.LinkVolts;
        status.GeneratorState = State;
        status.GeneratorPower = (float)(generator.ElectricalPowerWatts / 1000);
        status.GeneratorSpeed = (float)generator.SpeedRpm;
        status.GeneratorDcCurrent = volts > 1 ? (float)(generator.ElectricalPowerWatts / volts) : 0f;
        status.GcuStatusAliveCounter = statusCounter;
        status.Encode(frame);
        transmitter.TrySend(frame);
        statusCounter = (statusCounter + 1) & 0xF;
    }

    private void SendEngineStatus()
    {
        var generator = plant.Generator;
        var parameters = generator.Parameters;
        engineStatus.FuelLevel = parameters.FuelTankGrams > 0 ? (float)(100 * generator.FuelRemainingGrams / parameters.FuelTankGrams) : 0f;
        engineStatus.EngineCoolantTemperature = (float)CoolantCelsius;
        engineStatus.FuelConsumptionRate = (float)(generator.FuelFlowGramsPerSecond * 3600 / FuelDensityGramsPerLitre);
        engineStatus.OilPressureLow = generator.State == EngineGeneratorState.Running ? GCU_EngineStatus.OilPressureLowInactive : GCU_EngineStatus.OilPressureLowActive;
        engineStatus.EngineFaultCode = EngineFaultCode;
        engineStatus.Encode(frame);
        transmitter.TrySend(frame);
    }
}

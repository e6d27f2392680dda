using System;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Can.Generated.Vcu;
using Controllers.Simulation.Network;

namespace Controllers.Simulation.Vehicle.Nodes;

/// <summary>Ratings and dynamics of the simulated on-board charger.</summary>
public sealed class ChargerNodeSettings
{
    /// <summary>
    /// Output power rating, W. 3.3 kW is a common single-phase on-board charger class (16 A at 230 V
    /// less losses); this simulated charger is not a specific product.
    /// </summary>
    public double RatedPowerWatts { get; init; } = 3300;

    /// <summary>Largest output current, A.</summary>
    public double MaxOutputAmperes { get; init; } = 16;

    /// <summary>Largest change of the output current, A/s (soft start and soft stop).</summary>
    public double CurrentSlewAmperesPerSecond { get; init; } = 20;

    /// <summary>Integral gain of the output voltage loop, A per V per second.</summary>
    public double VoltageLoopGain { get; init; } = 50;

    /// <summary>VCU_ChargerRequest older than this stops the output: three 100 ms cycles, µs.</summary>
    public long RequestTimeoutMicroseconds { get; init; } = 300_000;

    /// <summary>Conversion efficiency; the losses heat the charger.</summary>
    public double Efficiency { get; init; } = 0.94;

    /// <summary>Thermal resistance from the charger to the ambient air, K/W.</summary>
    public double ThermalResistanceKelvinPerWatt { get; init; } = 0.1;

    /// <summary>Thermal time constant, s.</summary>
    public double ThermalTimeConstantSeconds { get; init; } = 300;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid value.</summary>
    public void Validate()
    {
        Check(RatedPowerWatts > 0 && double.IsFinite(RatedPowerWatts), nameof(RatedPowerWatts), "must be a positive number of watts");
        Check(MaxOutputAmperes > 0 && MaxOutputAmperes <= 200, nameof(MaxOutputAmperes), "must be above 0 and at most 200 A (the OBC_Status range)");
        Check(CurrentSlewAmperesPerSecond > 0, nameof(CurrentSlewAmperesPerSecond), "must be positive");
        Check(VoltageLoopGain > 0, nameof(VoltageLoopGain), "must be positive");
        Check(RequestTimeoutMicroseconds > 0, nameof(RequestTimeoutMicroseconds), "must be positive");
        Check(Efficiency > 0 && Efficiency <= 1, nameof(Efficiency), "must be above 0 and at most 1");
        Check(ThermalResistanceKelvinPerWatt >= 0, nameof(ThermalResistanceKelvinPerWatt), "must not be negative");
        Check(ThermalTimeConstantSeconds > 0, nameof(ThermalTimeConstantSeconds), "must be positive");
    }

    private static void Check(bool valid, string name, string rule)
    {
        if (!valid)
        {
            throw new ArgumentOutOfRangeException(name, $"The charger setting {name} {rule}.");
        }
    }
}

/// <summary>
/// The on-board charger on the vehicle bus (boards/can/vcu.dbc). It takes VCU_ChargerRequest (0x600) and checks
/// its 4-bit alive counter, and sends OBC_Status (0x608) every 100 ms. While enabled, with mains present and the
/// HV link connected, it regulates its output at the requested voltage with an integral loop. The output current
/// is limited by the request, the rated power at the link voltage and the current rating, and ramps at the slew
/// limit. The caller steps the <see cref="HighVoltageLink"/> with <see cref="OutputWatts"/> as negative load.
/// Mains loss (<see cref="AcPresent"/>), a fault code (<see cref="InjectFault"/>) and an over-temperature
/// (<see cref="TemperatureOverrideCelsius"/>) can be injected.
/// </summary>
public sealed class ChargerNode : ISimulatedCanNode
{
    private const long StatusPeriodMicroseconds = OBC_Status.CycleTimeMilliseconds * 1000L;

    private readonly HighVoltageLink link;
    private readonly ChargerNodeSettings settings;
    private readonly ICanTransmitter transmitter;
    private readonly VCU_ChargerRequest request = new();
    private readonly OBC_Status status = new();
    private readonly CanFrame frame = new();
    private long lastStepMicroseconds = -1;
    private long lastRequestMicroseconds = long.MinValue;
    private long nextStatusMicroseconds;
    private int lastCounter = -1;
    private bool enabled;
    private double voltageRequestVolts;
    private double currentRequestAmperes;
    private double voltageLoopAmperes;
    private double temperatureCelsius;

    /// <summary>Creates the charger on <paramref name="network"/>, feeding <paramref name="link"/>.</summary>
    public ChargerNode(HighVoltageLink link, SimulatedCanNetwork network, ChargerNodeSettings? settings = null, double ambientCelsius = 25)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(network);
        this.settings = settings ?? new ChargerNodeSettings();
        this.settings.Validate();
        this.link = link;
        AmbientCelsius = ambientCelsius;
        temperatureCelsius = ambientCelsius;
        transmitter = network.Attach("OBC", Receive);
    }

    /// <summary>Mains present at the charger's input.</summary>
    public bool AcPresent { get; set; } = true;

    /// <summary>Ambient air temperature, °C.</summary>
    public double AmbientCelsius { get; set; }

    /// <summary>When set, the charger reports this temperature instead of its thermal model's, °C.</summary>
    public double? TemperatureOverrideCelsius { get; set; }

    /// <summary>Fault code the charger reports; any non-zero code puts it in the fault state with no output.</summary>
    public int FaultCode { get; private set; }

    /// <summary>Output current of the last step, A.</summary>
    public double OutputAmperes { get; private set; }

    /// <summary>Output power of the last step, W: the link voltage times <see cref="OutputAmperes"/>.</summary>
    public double OutputWatts { get; private set; }

    /// <summary>Charge delivered to the link so far, A·s.</summary>
    public double DeliveredAmpereSeconds { get; private set; }

    /// <summary>Charger temperature, °C.</summary>
    public double TemperatureCelsius => TemperatureOverrideCelsius ?? temperatureCelsius;

    /// <summary>ChargerState sent in OBC_Status: 0 Idle, 1 Charging, 2 Derating, 3 Complete, 4 Fault.</summary>
    public int State { get; private set; }

    /// <summary>VCU_ChargerRequest frames rejected because the alive counter did not advance by one.</summary>
    public int CounterErrors { get; private set; }

    /// <summary>Times the request timed out while the charger was enabled.</summary>
    public int RequestTimeouts { get; private set; }

    /// <summary>Puts the charger in the fault state with <paramref name="code"/> (1 to 255).</summary>
    public void InjectFault(int code)
    {
        if (code < 1 || code > 255)
        {
            throw new ArgumentOutOfRangeException(nameof(code), $"The charger fault code {code} is invalid; use 1 to 255 (0 means no fault, see ClearFault).");
        }

        FaultCode = code;
    }

    /// <summary>Clears an injected fault.</summary>
    public void ClearFault() => FaultCode = 0;

    /// <summary>Applies what was received, updates the output for the time since the last step, and sends OBC_Status when due.</summary>
    public void Step(long nowMicroseconds)
    {
        double dt = lastStepMicroseconds < 0 ? 0 : (nowMicroseconds - lastStepMicroseconds) / 1e6;
        lastStepMicroseconds = nowMicroseconds;

        bool requestFresh = nowMicroseconds - lastRequestMicroseconds <= settings.RequestTimeoutMicroseconds;
        if (enabled && !requestFresh)
        {
            RequestTimeouts++;
            enabled = false;
        }

        double target = TargetAmperes(dt);
        double slew = settings.CurrentSlewAmperesPerSecond * dt;
        OutputAmperes = Math.Clamp(target, OutputAmperes - slew, OutputAmperes + slew);
        OutputWatts = OutputAmperes * link.LinkVolts;
        DeliveredAmpereSeconds += OutputAmperes * dt;
        UpdateTemperature(dt);
        State = ReportState(target);

        if (nowMicroseconds >= nextStatusMicroseconds)
        {
            nextStatusMicroseconds = nowMicroseconds + StatusPeriodMicroseconds;
            SendStatus();
        }
    }

    // Current the charger aims for: zero unless it may deliver, else the smallest of the limits.
    private double TargetAmperes(double dt)
    {
        bool delivering = enabled && AcPresent && FaultCode == 0 && link.IsConnected;
        if (!delivering)
        {
            voltageLoopAmperes = 0;
            return 0;
        }

        double volts = Math.Max(link.LinkVolts, 1);
        double powerLimit = settings.RatedPowerWatts / volts;
        double limit = Math.Min(Math.Min(currentRequestAmperes, settings.MaxOutputAmperes), powerLimit);

        // The integral loop is clamped to the current limit. Far below the voltage request it rises to the limit
        // within a few steps, and near the request it sets the current that keeps the link there.
        voltageLoopAmperes += settings.VoltageLoopGain * (voltageRequestVolts - link.LinkVolts) * dt;
        voltageLoopAmperes = Math.Clamp(voltageLoopAmperes, 0, limit);
        return voltageLoopAmperes;
    }

    private void UpdateTemperature(double dt)
    {
        double lossWatts = OutputWatts * (1 / settings.Efficiency - 1);
        double settled = AmbientCelsius + lossWatts * settings.ThermalResistanceKelvinPerWatt;
        temperatureCelsius += (settled - temperatureCelsius) * (1 - Math.Exp(-dt / settings.ThermalTimeConstantSeconds));
    }

    private int ReportState(double target)
    {
        if (FaultCode != 0)
        {
            return OBC_Status.ChargerStateFault;
        }

        if (!enabled || !AcPresent)
        {
            return OBC_Status.ChargerStateIdle;
        }

        double powerLimit = settings.RatedPowerWatts / Math.Max(link.LinkVolts, 1);
        bool powerLimited = target >= powerLimit - 1e-6 && powerLimit < currentRequestAmperes;
        return powerLimited ? OBC_Status.ChargerStateDerating : OBC_Status.ChargerStateCharging;
    }

    private void SendStatus()
    {
        status.ChargerOutputVoltage = (float)(link.IsConnected ? link.LinkVolts : 0);
        status.ChargerOutputCurrent = (float)OutputAmperes;
        status.ChargerState = State;
        status.AcInputPresent = AcPresent ? OBC_Status.AcInputPresentActive : OBC_Status.AcInputPresentInactive;
        status.ChargerTemperature = (float)TemperatureCelsius;
        status.ChargerFaultCode = FaultCode;
        status.Encode(frame);
        transmitter.TrySend(frame);
    }

    private void Receive(CanFrame received, long timeMicroseconds)
    {
        if (!request.TryDecode(received))
        {
            return;
        }

        // The alive counter must advance by one (mod 16) from the previous frame; the first frame sets it.
        int counter = (int)request.ChargerRequestAliveCounter;
        if (lastCounter >= 0 && counter != ((lastCounter + 1) & 0xF))
        {
            CounterErrors++;
            lastCounter = counter;
            return;
        }

        lastCounter = counter;
        lastRequestMicroseconds = timeMicroseconds;
        enabled = request.ChargerEnable != 0;
        voltageRequestVolts = request.ChargeVoltageRequest;
        currentRequestAmperes = request.ChargeCurrentRequest;
    }
}

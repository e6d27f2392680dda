using System;

namespace Controllers.Simulation.Vehicle;

/// <summary>Operating state of the engine-generator set.</summary>
public enum EngineGeneratorState
{
    Off,
    Cranking,
    Running,
}

/// <summary>
/// Engine-generator set: a start request cranks for the start delay and burns the cranking fuel, then the
/// engine runs and its speed and electrical power follow their setpoints through first-order lags, a slow one
/// for a rise (the engine's torque build-up) and a fast one for a fall (the generator's inverter sheds load). Available
/// power scales with speed up to the rated power at rated speed. Fuel flow is BSFC(speed, torque) × shaft
/// power, at least the idle flow, integrated into <see cref="FuelUsedGrams"/>. An empty tank stops the engine.
/// </summary>
public sealed class EngineGenerator
{
    private readonly EngineGeneratorParameters parameters;
    private double crankingSeconds;

    public EngineGenerator(EngineGeneratorParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        this.parameters = parameters;
    }

    public EngineGeneratorParameters Parameters => parameters;

    public EngineGeneratorState State { get; private set; }

    /// <summary>Engine speed setpoint while running, rpm; clamped to idle…rated speed.</summary>
    public double SpeedCommandRpm { get; set; }

    /// <summary>Electrical power setpoint at the DC link, W; clamped to what the speed allows.</summary>
    public double PowerCommandWatts { get; set; }

    public double SpeedRpm { get; private set; }

    /// <summary>Electrical power delivered to the DC link, W.</summary>
    public double ElectricalPowerWatts { get; private set; }

    /// <summary>Engine shaft power, W.</summary>
    public double ShaftPowerWatts => ElectricalPowerWatts / parameters.GeneratorEfficiency;

    /// <summary>Engine torque at the shaft, N·m; zero when stopped.</summary>
    public double TorqueNewtonMetres => SpeedRpm > 1 ? ShaftPowerWatts / (SpeedRpm * Math.PI / 30) : 0;

    public double FuelFlowGramsPerSecond { get; private set; }

    public double FuelUsedGrams { get; private set; }

    public double FuelRemainingGrams => Math.Max(0, parameters.FuelTankGrams - FuelUsedGrams);

    /// <summary>Completed starts since construction.</summary>
    public int StartCount { get; private set; }

    /// <summary>Requests a start; ignored unless the set is off and the tank has fuel.</summary>
    public void Start()
    {
        if (State == EngineGeneratorState.Off && FuelRemainingGrams > 0)
        {
            State = EngineGeneratorState.Cranking;
            crankingSeconds = 0;
        }
    }

    /// <summary>Stops the engine: fuel is cut at once and the speed runs down with the speed time constant.</summary>
    public void Stop() => State = EngineGeneratorState.Off;

    /// <summary>Largest electrical power at <paramref name="speedRpm"/>, W.</summary>
    public double GetAvailablePowerWatts(double speedRpm) =>
        parameters.RatedPowerWatts * Math.Clamp(speedRpm / parameters.RatedSpeedRpm, 0, 1);

    public void Step(double dtSeconds)
    {
        if (!(dtSeconds > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(dtSeconds), "The step must be positive.");
        }

        double speedDecay = Math.Exp(-dtSeconds / parameters.SpeedTimeConstantSeconds);
        switch (State)
        {
            case EngineGeneratorState.Off:
                SpeedRpm *= speedDecay;
                ElectricalPowerWatts = 0;
                FuelFlowGramsPerSecond = 0;
                return;

            case EngineGeneratorState.Cranking:
                StepCranking(dtSeconds, speedDecay);
                return;
        }

        double speedTarget = Math.Clamp(SpeedCommandRpm, parameters.IdleSpeedRpm, parameters.RatedSpeedRpm);
        SpeedRpm = speedTarget + (SpeedRpm - speedTarget) * speedDecay;
        double available = GetAvailablePowerWatts(SpeedRpm);
        double powerTarget = Math.Clamp(PowerCommandWatts, 0, available);
        double powerTimeConstant = powerTarget < ElectricalPowerWatts ? parameters.PowerFallTimeConstantSeconds : parameters.PowerTimeConstantSeconds;
        double powerDecay = Math.Exp(-dtSeconds / powerTimeConstant);
        ElectricalPowerWatts = Math.Min(powerTarget + (ElectricalPowerWatts - powerTarget) * powerDecay, available);

        double bsfc = parameters.BrakeSpecificFuelConsumption.Lookup(SpeedRpm, TorqueNewtonMetres);
        // g/kWh × kW = g/h; divided by 3600 s/h.
        double flow = bsfc * (ShaftPowerWatts / 1000) / 3600;
        FuelFlowGramsPerSecond = Math.Max(flow, parameters.IdleFuelGramsPerSecond);
        BurnFuel(FuelFlowGramsPerSecond * dtSeconds);
    }

    private void StepCranking(double dt, double speedDecay)
    {
        // The starter turns the engine towards cranking speed (a third of idle) while the cranking fuel burns evenly.
        double crankingSpeed = parameters.IdleSpeedRpm / 3;
        SpeedRpm = crankingSpeed + (SpeedRpm - crankingSpeed) * speedDecay;
        ElectricalPowerWatts = 0;
        double remaining = parameters.StartDelaySeconds - crankingSeconds;
        double burning = Math.Min(dt, remaining);
        FuelFlowGramsPerSecond = parameters.CrankingFuelGrams / parameters.StartDelaySeconds;
        BurnFuel(FuelFlowGramsPerSecond * burning);
        crankingSeconds += dt;
        if (crankingSeconds >= parameters.StartDelaySeconds - 1e-9 && State == EngineGeneratorState.Cranking)
        {
            State = EngineGeneratorState.Running;
            SpeedRpm = parameters.IdleSpeedRpm;
            StartCount++;
        }
    }

    private void BurnFuel(double grams)
    {
        FuelUsedGrams = Math.Min(parameters.FuelTankGrams, FuelUsedGrams + grams);
        if (FuelUsedGrams >= parameters.FuelTankGrams)
        {
            State = EngineGeneratorState.Off;
        }
    }
}

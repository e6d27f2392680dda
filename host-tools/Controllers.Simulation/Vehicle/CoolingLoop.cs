using System;

namespace Controllers.Simulation.Vehicle;

/// <summary>
/// Two cooling loops as lumped thermal masses. Motor loop: motor and inverter each exchange heat with the
/// coolant, and the coolant with ambient air through the radiator, whose conductance grows with the fan duty and
/// the vehicle speed. Battery loop: the pack exchanges heat with its coolant and, weakly, with ambient air; the
/// coolant loses heat through a small radiator and the chiller. Pump flow scales the coolant-side conductances
/// with flow^0.8. Heat inputs are the traction motor's losses (from its efficiency maps), split between motor and
/// inverter, and the pack's resistive loss.
/// </summary>
public sealed class CoolingLoop
{
    // Explicit Euler is stable while dt is below the smallest C / G; the inverter at 2000 J/K and 1 / 0.03 W/K has
    // 60 s, so substeps of at most 0.5 s keep the error small.
    private const double MaxSubstepSeconds = 0.5;

    private readonly CoolingLoopParameters parameters;

    /// <summary>Creates both loops at <paramref name="startCelsius"/>.</summary>
    public CoolingLoop(CoolingLoopParameters parameters, double startCelsius)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        ParameterCheck.Range(startCelsius, -40, 120, nameof(startCelsius));
        this.parameters = parameters;
        MotorCelsius = InverterCelsius = CoolantCelsius = startCelsius;
        BatteryCelsius = BatteryCoolantCelsius = startCelsius;
        AmbientCelsius = startCelsius;
    }

    public CoolingLoopParameters Parameters => parameters;

    /// <summary>Ambient air temperature, °C.</summary>
    public double AmbientCelsius { get; set; }

    /// <summary>Motor pump duty, 0 to 1.</summary>
    public double MotorPumpDuty { get; set; }

    /// <summary>Radiator fan duty, 0 to 1.</summary>
    public double FanDuty { get; set; }

    /// <summary>When true the fan gives no air flow whatever its duty (a failed fan motor or blown fuse).</summary>
    public bool FanFailed { get; set; }

    /// <summary>Battery pump duty, 0 to 1.</summary>
    public double BatteryPumpDuty { get; set; }

    /// <summary>The chiller runs while true.</summary>
    public bool ChillerOn { get; set; }

    public double MotorCelsius { get; private set; }

    public double InverterCelsius { get; private set; }

    /// <summary>Motor-loop coolant temperature, °C.</summary>
    public double CoolantCelsius { get; private set; }

    public double BatteryCelsius { get; private set; }

    public double BatteryCoolantCelsius { get; private set; }

    /// <summary>Heat the radiator rejected in the last step, W.</summary>
    public double RadiatorWatts { get; private set; }

    /// <summary>
    /// Advances by <paramref name="dtSeconds"/> with <paramref name="motorLossWatts"/> heating the motor,
    /// <paramref name="inverterLossWatts"/> heating the inverter, <paramref name="batteryHeatWatts"/> heating the
    /// pack, at vehicle speed <paramref name="speedMetresPerSecond"/>.
    /// </summary>
    public void Step(double dtSeconds, double motorLossWatts, double inverterLossWatts, double batteryHeatWatts, double speedMetresPerSecond)
    {
        if (!(dtSeconds > 0) || !double.IsFinite(motorLossWatts) || !double.IsFinite(inverterLossWatts) || !double.IsFinite(batteryHeatWatts))
        {
            throw new ArgumentOutOfRangeException(nameof(dtSeconds), "The step must be positive and the heat inputs finite.");
        }

        int substeps = (int)Math.Ceiling(dtSeconds / MaxSubstepSeconds);
        double dt = dtSeconds / substeps;
        for (int i = 0; i < substeps; i++)
        {
            StepMotorLoop(dt, motorLossWatts, inverterLossWatts, Math.Abs(speedMetresPerSecond));
            StepBatteryLoop(dt, batteryHeatWatts);
        }
    }

    /// <summary>
    /// Advances with the heat of <paramref name="motor"/>'s last step: its loss split by the inverter loss
    /// fraction of its parameters.
    /// </summary>
    public void Step(double dtSeconds, TractionMotor motor, double batteryHeatWatts, double speedMetresPerSecond)
    {
        ArgumentNullException.ThrowIfNull(motor);
        double inverterLoss = motor.LossWatts * motor.Parameters.InverterLossFraction;
        Step(dtSeconds, motor.LossWatts - inverterLoss, inverterLoss, batteryHeatWatts, speedMetresPerSecond);
    }

    private void StepMotorLoop(double dt, double motorLoss, double inverterLoss, double speed)
    {
        double flow = FlowFactor(MotorPumpDuty);
        double motorToCoolant = flow / parameters.MotorToCoolantKelvinPerWatt * (MotorCelsius - CoolantCelsius);
        double inverterToCoolant = flow / parameters.InverterToCoolantKelvinPerWatt * (InverterCelsius - CoolantCelsius);
        double fan = FanFailed ? 0 : Math.Clamp(FanDuty, 0, 1);
        double airConductance = parameters.RadiatorNaturalWattsPerKelvin + parameters.RadiatorFanWattsPerKelvin * fan
            + parameters.RadiatorRamWattsPerKelvinPerMetrePerSecond * speed;

        // The coolant carries heat to the radiator only as fast as it flows, so the radiator's conductance is
        // scaled by the same flow factor as the heat paths into the coolant.
        RadiatorWatts = airConductance * flow * (CoolantCelsius - AmbientCelsius);

        MotorCelsius += dt * (motorLoss - motorToCoolant) / parameters.MotorHeatCapacityJoulesPerKelvin;
        InverterCelsius += dt * (inverterLoss - inverterToCoolant) / parameters.InverterHeatCapacityJoulesPerKelvin;
        CoolantCelsius += dt * (motorToCoolant + inverterToCoolant - RadiatorWatts) / parameters.CoolantHeatCapacityJoulesPerKelvin;
    }

    private void StepBatteryLoop(double dt, double batteryHeat)
    {
        double flow = FlowFactor(BatteryPumpDuty);
        double packToCoolant = flow / parameters.BatteryToCoolantKelvinPerWatt * (BatteryCelsius - BatteryCoolantCelsius);
        double packToAmbient = (BatteryCelsius - AmbientCelsius) / parameters.BatteryToAmbientKelvinPerWatt;
        double radiator = parameters.BatteryRadiatorWattsPerKelvin * flow * (BatteryCoolantCelsius - AmbientCelsius);
        double chiller = 0;
        if (ChillerOn)
        {
            chiller = Math.Clamp(parameters.ChillerWattsPerKelvin * (BatteryCoolantCelsius - parameters.ChillerEvaporatorCelsius), 0, parameters.ChillerMaxWatts);
        }

        BatteryCelsius += dt * (batteryHeat - packToCoolant - packToAmbient) / parameters.BatteryHeatCapacityJoulesPerKelvin;
        BatteryCoolantCelsius += dt * (packToCoolant - radiator - chiller) / parameters.BatteryCoolantHeatCapacityJoulesPerKelvin;
    }

    private double FlowFactor(double duty)
    {
        double flow = Math.Max(parameters.PumpOffFlowFraction, Math.Clamp(duty, 0, 1));
        return Math.Pow(flow, parameters.FlowExponent);
    }
}

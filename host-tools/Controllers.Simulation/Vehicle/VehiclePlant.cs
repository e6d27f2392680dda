using System;

namespace Controllers.Simulation.Vehicle;

/// <summary>
/// The range-extended vehicle with the inputs and outputs of a VCU: chassis, traction motor, engine-generator, high-voltage link and
/// 12 V supply, advanced together in fixed steps of simulated time. Torque, brake and generator power commands
/// are properties of the plant; contactor coils, generator start and speed, and the DC/DC enable go to the
/// components. <see cref="Step"/> then moves
/// every component by one step in the order motor, chassis, generator, 12 V supply, high-voltage link.
/// </summary>
/// <remarks>
/// The inverter gives torque and the generator gives power only while both main contactors are closed: with the
/// pack disconnected nothing would absorb the generator's output, and the link capacitor would charge without limit.
/// </remarks>
public sealed class VehiclePlant
{
    public VehiclePlant(VehicleDefinition definition, int noiseSeed = 1)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Definition = definition;
        Chassis = new LongitudinalDynamics(definition.Chassis);
        Motor = new TractionMotor(definition.Motor, noiseSeed);
        Generator = new EngineGenerator(definition.Generator);
        HighVoltage = new HighVoltageLink(definition.HighVoltage, definition.Cell.Parameters);
        LowVoltage = new LowVoltageSupply(definition.LowVoltage);
    }

    public VehicleDefinition Definition { get; }

    public LongitudinalDynamics Chassis { get; }

    public TractionMotor Motor { get; }

    public EngineGenerator Generator { get; }

    public HighVoltageLink HighVoltage { get; }

    public LowVoltageSupply LowVoltage { get; }

    /// <summary>Torque the VCU requests from the inverter, N·m.</summary>
    public double TorqueCommandNewtonMetres { get; set; }

    /// <summary>Electrical power the VCU requests from the engine-generator, W; start, stop and speed go to <see cref="Generator"/>.</summary>
    public double GeneratorPowerCommandWatts { get; set; }

    /// <summary>Friction brake as a share of full braking, 0 to 1 (the hydraulic brake follows the pedal directly).</summary>
    public double BrakeFraction { get; set; }

    /// <summary>Power an external source such as the on-board charger feeds into the DC link, W; the caller sets it each step.</summary>
    public double ExternalSupplyWatts { get; set; }

    /// <summary>Energy the external source fed into the link, J.</summary>
    public double ExternalSupplyEnergyJoules { get; private set; }

    /// <summary>Energy the DC/DC converter took from the link, J.</summary>
    public double ConverterEnergyJoules { get; private set; }

    /// <summary>Simulated time since construction, s.</summary>
    public double TimeSeconds { get; private set; }

    /// <summary>Energy that the pack delivered, J (negative while it is charged).</summary>
    public double PackEnergyJoules { get; private set; }

    /// <summary>Energy that the generator delivered to the link, J.</summary>
    public double GeneratorEnergyJoules { get; private set; }

    /// <summary>Closes the negative and precharge contactors, waits for the link, then closes the positive one,
    /// opens precharge and enables the DC/DC; returns the simulated time it took, s. For tests and scenarios
    /// that start driving at once.</summary>
    public double PowerUp(double dtSeconds, double fraction = 0.95, double timeoutSeconds = 5)
    {
        double start = TimeSeconds;
        HighVoltage.SetCoil(HighVoltageContactor.Negative, true);
        HighVoltage.SetCoil(HighVoltageContactor.Precharge, true);
        while (HighVoltage.LinkVolts < fraction * HighVoltage.Pack.PackVolts)
        {
            if (TimeSeconds - start > timeoutSeconds)
            {
                throw new InvalidOperationException(
                    $"The DC link reached {HighVoltage.LinkVolts:F1} V of {HighVoltage.Pack.PackVolts:F1} V within {timeoutSeconds} s; check the precharge resistance and link capacitance.");
            }

            Step(dtSeconds);
        }

        HighVoltage.SetCoil(HighVoltageContactor.Positive, true);
        while (!HighVoltage.IsConnected)
        {
            Step(dtSeconds);
        }

        HighVoltage.SetCoil(HighVoltageContactor.Precharge, false);
        while (HighVoltage.IsClosed(HighVoltageContactor.Precharge))
        {
            Step(dtSeconds);
        }

        LowVoltage.ConverterEnabled = true;
        return TimeSeconds - start;
    }

    public void Step(double dtSeconds)
    {
        if (!(dtSeconds > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(dtSeconds), "The step must be positive.");
        }

        Motor.TorqueCommandNewtonMetres = HighVoltage.IsConnected ? TorqueCommandNewtonMetres : 0;
        Generator.PowerCommandWatts = HighVoltage.IsConnected ? GeneratorPowerCommandWatts : 0;
        Motor.Step(dtSeconds, Chassis.MotorSpeedRadiansPerSecond);
        Chassis.Step(dtSeconds, Motor.TorqueNewtonMetres, BrakeFraction);
        Generator.Step(dtSeconds);
        LowVoltage.Step(dtSeconds, HighVoltage.LinkVolts);

        // The generator's rectifier is assumed to stop feeding a disconnected link, also while its power ramps down.
        double generatorWatts = HighVoltage.IsConnected ? Generator.ElectricalPowerWatts : 0;
        double loadWatts = Motor.ElectricalPowerWatts + LowVoltage.ConverterInputWatts - generatorWatts - ExternalSupplyWatts;
        HighVoltage.Step(dtSeconds, loadWatts);
        ExternalSupplyEnergyJoules += ExternalSupplyWatts * dtSeconds;
        ConverterEnergyJoules += LowVoltage.ConverterInputWatts * dtSeconds;
        PackEnergyJoules += HighVoltage.PackDischargeAmperes * HighVoltage.Pack.PackVolts * dtSeconds;
        GeneratorEnergyJoules += generatorWatts * dtSeconds;
        TimeSeconds += dtSeconds;
    }
}

using System;

namespace Controllers.Simulation.Vehicle;

/// <summary>
/// The range-extended vehicle with the inputs and outputs of a VCU: chassis, traction motor, engine-generator, high-voltage link and
/// 12 V supply, advanced together in fixed steps of simulated time. Commands (torque, brake, contactor coils,
/// generator start and setpoints, DC/DC enable) go to the components' properties; <see cref="Step"/> then moves
/// every component by one step in the order motor, chassis, generator, 12 V supply, high-voltage link.
/// </summary>
/// <remarks>
/// The inverter gives torque only while both main contactors are closed. The generator's output is booked
/// against the link in every state.
/// NOTE: with the link disconnected the generator output still flows into the link's RC model, which is the
/// right physics for a generator on the link side of the contactors but not for one wired on the pack side.
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

    /// <summary>Friction brake as a share of full braking, 0 to 1 (the hydraulic brake follows the pedal directly).</summary>
    public double BrakeFraction { get; set; }

    /// <summary>Simulated time since construction, s.</summary>
    public double TimeSeconds { get; private set; }

    /// <summary>Energy that the pack delivered, J (negative while it is charged).</summary>
    public double PackEnergyJoules { get; private set; }

    /// <summary>Energy that the generator delivered to the link, J.</summary>
    public double GeneratorEnergyJoules { get; private set; }

    /// <summary>Closes the negative and precharge contactors, waits for the link, then closes the positive one and
    /// opens precharge; returns the simulated time it took, s. For tests and scenarios that start driving at once.</summary>
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
        Motor.Step(dtSeconds, Chassis.MotorSpeedRadiansPerSecond);
        Chassis.Step(dtSeconds, Motor.TorqueNewtonMetres, BrakeFraction);
        Generator.Step(dtSeconds);
        LowVoltage.Step(dtSeconds, HighVoltage.LinkVolts);

        double loadWatts = Motor.ElectricalPowerWatts + LowVoltage.ConverterInputWatts - Generator.ElectricalPowerWatts;
        HighVoltage.Step(dtSeconds, loadWatts);
        PackEnergyJoules += HighVoltage.PackDischargeAmperes * HighVoltage.Pack.PackVolts * dtSeconds;
        GeneratorEnergyJoules += Generator.ElectricalPowerWatts * dtSeconds;
        TimeSeconds += dtSeconds;
    }
}

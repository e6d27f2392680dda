using System;

namespace Controllers.Simulation.Vehicle;

/// <summary>
/// Driveline of the fuel-only baseline: the range extender's engine drives the same final drive through a
/// belt CVT with a centrifugal clutch. All figures are estimates for a utility ATV's CVT, not a product.
/// </summary>
public sealed class ConventionalDrivelineParameters
{
    /// <summary>Belt CVT efficiency, fraction; an estimate for a rubber-belt CVT at part load.</summary>
    public double CvtEfficiency { get; init; } = 0.85;

    /// <summary>Engine speed over final-drive input speed in the highest CVT ratio. 4500 / 8000 rpm reaches the 27.9 m/s top speed at rated engine speed.</summary>
    public double MinRatio { get; init; } = 0.5625;

    /// <summary>Engine speed over final-drive input speed in the lowest CVT ratio; 3.0 gives a ratio spread of 5.3.</summary>
    public double MaxRatio { get; init; } = 3.0;

    /// <summary>Engine speed at which the centrifugal clutch engages, rpm; below the lowest ratio's speed it slips.</summary>
    public double ClutchEngagementRpm { get; init; } = 1800;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        ParameterCheck.Range(CvtEfficiency, 0.5, 1, nameof(CvtEfficiency));
        ParameterCheck.Range(MinRatio, 0.05, 20, nameof(MinRatio));
        ParameterCheck.Range(MaxRatio, 0.05, 20, nameof(MaxRatio));
        ParameterCheck.Below(MinRatio, MaxRatio, nameof(MinRatio), nameof(MaxRatio));
        ParameterCheck.Range(ClutchEngagementRpm, 100, 20000, nameof(ClutchEngagementRpm));
    }
}

/// <summary>Fuel and tracking figures of one drive-cycle run.</summary>
public sealed class DriveCycleFuelResult
{
    public required string CycleName { get; init; }

    public required double FuelGrams { get; init; }

    public required double DistanceMetres { get; init; }

    /// <summary>Root-mean-square difference between trace and vehicle speed, m/s.</summary>
    public required double SpeedErrorRms { get; init; }

    /// <summary>Engine shaft energy, J.</summary>
    public required double EngineShaftJoules { get; init; }

    /// <summary>Energy taken out by the friction brakes, J.</summary>
    public required double FrictionBrakeJoules { get; init; }

    public double LitresPer100Kilometres(double gramsPerLitre) => FuelGrams / gramsPerLitre / (DistanceMetres / 100_000);
}

/// <summary>
/// The fuel-only baseline: the ATV of the vehicle definition (same chassis, mass, tyres and driver) driven by
/// the range extender's engine through a CVT, with the same BSFC table, idle flow and torque limit. A
/// quasi-static engine: each step the CVT picks, within its ratio range, the engine speed with the lowest
/// fuel flow for the power the driver requests. The engine idles at stops and while braking, as on a
/// conventional ATV without start-stop; engine braking is ignored.
/// </summary>
/// <remarks>
/// NOTE: the baseline keeps the hybrid's 550 kg although it carries no pack, traction motor or generator;
/// a lighter baseline would burn less fuel. The engine's torque limit is the one the generator set implies,
/// rated electrical power over generator efficiency at rated speed: 15000 / 0.92 / 471.2 rad/s = 34.6 N·m.
/// </remarks>
public sealed class ConventionalBaseline
{
    private readonly VehicleDefinition definition;
    private readonly ConventionalDrivelineParameters driveline;

    public ConventionalBaseline(VehicleDefinition definition, ConventionalDrivelineParameters driveline)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(driveline);
        driveline.Validate();
        this.definition = definition;
        this.driveline = driveline;
    }

    /// <summary>Largest engine shaft torque, N·m.</summary>
    public double MaxEngineTorqueNewtonMetres
    {
        get
        {
            var engine = definition.Generator;
            return engine.RatedPowerWatts / engine.GeneratorEfficiency / (engine.RatedSpeedRpm * Math.PI / 30);
        }
    }

    /// <summary>Drives <paramref name="cycle"/> in steps of <paramref name="dtSeconds"/> and returns the fuel burnt.</summary>
    public DriveCycleFuelResult Run(DriveCycle cycle, double dtSeconds)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        if (!(dtSeconds > 0 && dtSeconds <= 0.1))
        {
            throw new ArgumentOutOfRangeException(nameof(dtSeconds), dtSeconds, "The step must be above 0 and at most 0.1 s.");
        }

        var chassis = new LongitudinalDynamics(definition.Chassis);
        // The driver model sizes pedal travel from a motor envelope; the baseline uses only its force demand.
        var driver = new DriverModel(definition.Driver, chassis, new TractionMotor(definition.Motor));
        var chassisParameters = definition.Chassis;
        var engine = definition.Generator;
        double fuel = 0;
        double shaftJoules = 0;
        double squaredError = 0;
        int steps = 0;
        double start = cycle.TimesSeconds[0];
        double end = cycle.TimesSeconds[^1];

        for (double t = start; t < end - 1e-9; t += dtSeconds)
        {
            driver.Update(dtSeconds, t, cycle);
            double demand = driver.DemandNewtons;
            double inputSpeed = chassis.MotorSpeedRadiansPerSecond;
            double torque = 0;
            double flow = engine.IdleFuelGramsPerSecond;
            if (demand > 0 && driver.BrakePosition == 0)
            {
                double requested = demand * chassisParameters.WheelRadiusMetres / (chassisParameters.FinalDriveRatio * chassisParameters.DrivelineEfficiency);
                ComputeEngine(requested, inputSpeed, out torque, out double shaftWatts, out flow);
                shaftJoules += shaftWatts * dtSeconds;
            }

            chassis.Step(dtSeconds, torque, driver.BrakePosition);
            fuel += flow * dtSeconds;
            double error = cycle.GetSpeed(t + dtSeconds) - chassis.SpeedMetresPerSecond;
            squaredError += error * error;
            steps++;
        }

        return new DriveCycleFuelResult
        {
            CycleName = cycle.Name,
            FuelGrams = fuel,
            DistanceMetres = chassis.PositionMetres,
            SpeedErrorRms = Math.Sqrt(squaredError / Math.Max(1, steps)),
            EngineShaftJoules = shaftJoules,
            FrictionBrakeJoules = chassis.Energy.BrakeJoules,
        };
    }

    /// <summary>
    /// Computes the torque at the final-drive input, the engine shaft power and the fuel flow for a requested
    /// final-drive input torque <paramref name="requestedNewtonMetres"/> at input speed <paramref name="inputRadiansPerSecond"/>.
    /// </summary>
    public void ComputeEngine(double requestedNewtonMetres, double inputRadiansPerSecond, out double deliveredNewtonMetres, out double shaftWatts, out double fuelGramsPerSecond)
    {
        var engine = definition.Generator;
        double maxTorque = MaxEngineTorqueNewtonMetres;
        double inputRpm = inputRadiansPerSecond * 30 / Math.PI;
        double lowest = Math.Max(Math.Max(engine.IdleSpeedRpm, driveline.ClutchEngagementRpm), driveline.MinRatio * inputRpm);
        double highest = Math.Min(engine.RatedSpeedRpm, driveline.MaxRatio * inputRpm);

        if (highest < lowest)
        {
            // Below the lowest ratio's speed the clutch slips: the engine stays at the engagement speed and the
            // clutch passes the engine torque, multiplied by the lowest ratio.
            double speed = Math.Min(lowest, engine.RatedSpeedRpm);
            double engineTorque = Math.Min(maxTorque, requestedNewtonMetres / (driveline.MaxRatio * driveline.CvtEfficiency));
            deliveredNewtonMetres = engineTorque * driveline.MaxRatio * driveline.CvtEfficiency;
            shaftWatts = engineTorque * speed * Math.PI / 30;
            fuelGramsPerSecond = GetFuelFlow(speed, engineTorque, shaftWatts);
            return;
        }

        double requestedWatts = requestedNewtonMetres * inputRadiansPerSecond / driveline.CvtEfficiency;
        double bestSpeed = highest;
        double bestTorque = Math.Min(maxTorque, requestedWatts / (highest * Math.PI / 30));
        double bestFlow = double.MaxValue;
        for (double speed = lowest; speed <= highest + 1e-9; speed += Math.Max(10, (highest - lowest) / 60))
        {
            double omega = speed * Math.PI / 30;
            double torque = requestedWatts / omega;
            if (torque > maxTorque)
            {
                continue;
            }

            double flow = GetFuelFlow(speed, torque, requestedWatts);
            if (flow < bestFlow)
            {
                bestFlow = flow;
                bestSpeed = speed;
                bestTorque = torque;
            }
        }

        shaftWatts = bestTorque * bestSpeed * Math.PI / 30;
        deliveredNewtonMetres = inputRadiansPerSecond > 0 ? shaftWatts * driveline.CvtEfficiency / inputRadiansPerSecond : 0;
        fuelGramsPerSecond = GetFuelFlow(bestSpeed, bestTorque, shaftWatts);
    }

    private double GetFuelFlow(double speedRpm, double torqueNewtonMetres, double shaftWatts)
    {
        var engine = definition.Generator;
        double bsfc = engine.BrakeSpecificFuelConsumption.Lookup(speedRpm, torqueNewtonMetres);
        // g/kWh × kW = g/h; divided by 3600 s/h; at least the idle flow, as in EngineGenerator.
        return Math.Max(bsfc * shaftWatts / 1000 / 3600, engine.IdleFuelGramsPerSecond);
    }

    /// <summary>Returns <paramref name="cycle"/> with every speed above <paramref name="topSpeedMetresPerSecond"/> cut to it.</summary>
    public static DriveCycle ClipToTopSpeed(DriveCycle cycle, double topSpeedMetresPerSecond)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var speeds = new double[cycle.SpeedsMetresPerSecond.Length];
        for (int i = 0; i < speeds.Length; i++)
        {
            speeds[i] = Math.Min(cycle.SpeedsMetresPerSecond[i], topSpeedMetresPerSecond);
        }

        return new DriveCycle(cycle.Name + " (clipped)", cycle.TimesSeconds, speeds, cycle.Grades);
    }
}

using System;
using System.IO;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Can.Generated.Vcu;
using Controllers.Firmware.Common.Scheduling;
using Controllers.Firmware.Vcu.Energy;
using Controllers.Simulation;
using Controllers.Simulation.Network;
using Controllers.Simulation.Vehicle;
using Controllers.Simulation.Vehicle.Nodes;

namespace Controllers.Firmware.Vcu.Tests.Energy;

/// <summary>Fuel, charge and regeneration figures of one range-extender drive-cycle run.</summary>
internal sealed class HybridCycleResult
{
    public required string CycleName { get; init; }

    public required EnergyStrategy Strategy { get; init; }

    public required double FuelGrams { get; init; }

    public required double StartSoc { get; init; }

    public required double EndSoc { get; init; }

    public required double MinSoc { get; init; }

    public required double MaxSoc { get; init; }

    /// <summary>Fuel equivalent of the SOC change, g; positive when the pack ended lower.</summary>
    public required double SocCorrectionGrams { get; init; }

    public double CorrectedFuelGrams => FuelGrams + SocCorrectionGrams;

    public required double DistanceMetres { get; init; }

    public required double SpeedErrorRms { get; init; }

    public required int EngineStarts { get; init; }

    /// <summary>Electrical energy the motor returned to the DC link while braking, J.</summary>
    public required double RegenJoules { get; init; }

    /// <summary>Energy taken out at the wheels by regeneration and friction brakes together, J.</summary>
    public required double BrakingJoules { get; init; }

    public required double GeneratorJoules { get; init; }
}

/// <summary>
/// The range-extended ATV on a drive cycle in simulated time, stepped at 10 ms: the driver model's road
/// force becomes a motor torque request (regeneration first, friction brakes for the rest), the VCU's
/// energy management task runs at 100 ms on its own executive, and its generator command reaches the GCU
/// node over the simulated CAN bus as VCU_GeneratorCommand with alive counter and CRC. GCU_Status and
/// GCU_EngineStatus come back over the bus and fill <see cref="VehicleSignals"/>.
/// </summary>
/// <remarks>
/// The motor and BMS values (DC-link power, pack voltage, current and SOC) are copied from the plant each
/// step rather than received over CAN, and the BMS power limits stay at the <see cref="VehicleSignals"/>
/// defaults (20 kW discharge, 10 kW charge), because this rig has no MCU or BMS node.
/// </remarks>
internal sealed class HybridCycleRig
{
    public const double StepSeconds = 0.01;
    private const long StepMicroseconds = 10_000;

    // Regeneration fades out between these speeds, as the torque arbiter's default calibration does.
    private const double RegenFadeStartMetresPerSecond = 3 / 3.6;
    private const double RegenFadeEndMetresPerSecond = 10 / 3.6;

    private readonly VehicleDefinition definition;
    private readonly RangeExtenderSettings settings;

    public HybridCycleRig(RangeExtenderSettings settings, double initialSoc = 0.5)
    {
        this.settings = settings;
        definition = WithInitialSoc(VcuTestFiles.LoadAtv(), initialSoc);
    }

    public VehicleDefinition Definition => definition;

    public HybridCycleResult Run(DriveCycle cycle)
    {
        var plant = new VehiclePlant(definition);
        var network = new SimulatedCanNetwork(500_000);
        var gcu = new GeneratorControllerNode(plant, network);
        var signals = new VehicleSignals();
        var outputs = new VcuOutputs();
        var vcu = network.Attach("VCU", (frame, now) => ReceiveGeneratorFrames(frame, signals));
        var clock = new SimulatedClock();
        var manager = new RangeExtenderManager(settings);
        var executive = new Executive(clock, 4);
        executive.AddTask("energy", new EnergyManagementTask(manager, signals, outputs), EnergyManagementTask.DefaultPeriodMicroseconds, 0);
        executive.Start();
        var driver = new DriverModel(definition.Driver, plant.Chassis, plant.Motor);
        var command = new VCU_GeneratorCommand();
        var frame = new CanFrame();
        int counter = 0;

        plant.PowerUp(StepSeconds);

        // The fuel-only baseline carries no 12 V load, so neither does this vehicle: with the DC/DC on, recharging
        // the 12 V battery from its initial charge would take about 0.75 MJ from the link on UDDS and count
        // against the range extender.
        plant.LowVoltage.ConverterEnabled = false;
        var chassis = definition.Chassis;
        double startSoc = plant.HighVoltage.Pack.MeanSoc;
        double minSoc = startSoc;
        double maxSoc = startSoc;
        double regen = 0;
        double regenAtWheels = 0;
        double squaredError = 0;
        int steps = 0;
        double start = cycle.TimesSeconds[0];
        double end = cycle.TimesSeconds[^1];
        double brakeStart = plant.Chassis.Energy.BrakeJoules;
        double fuelStart = plant.Generator.FuelUsedGrams;
        double generatorStart = plant.GeneratorEnergyJoules;

        for (double t = start; t < end - 1e-9; t += StepSeconds)
        {
            // Driver and torque path.
            driver.Update(StepSeconds, t, cycle);
            double speed = plant.Chassis.SpeedMetresPerSecond;
            double omega = plant.Chassis.MotorSpeedRadiansPerSecond;
            double force = driver.DemandNewtons;
            double maxTorque = plant.Motor.GetMaxTorqueNewtonMetres(omega);
            double gearing = chassis.FinalDriveRatio / chassis.WheelRadiusMetres;
            double torque = 0;
            double brake = 0;
            if (driver.BrakePosition == 0 && force > 0)
            {
                torque = Math.Min(force / (gearing * chassis.DrivelineEfficiency), maxTorque);
            }
            else if (driver.BrakePosition > 0)
            {
                double fade = Math.Clamp((speed - RegenFadeStartMetresPerSecond) / (RegenFadeEndMetresPerSecond - RegenFadeStartMetresPerSecond), 0, 1);
                double brakingForce = driver.BrakePosition * chassis.MaxBrakeForceNewtons;
                double regenTorque = Math.Min(brakingForce * chassis.DrivelineEfficiency / gearing, maxTorque) * fade;
                torque = -regenTorque;
                double regenForce = regenTorque * gearing / chassis.DrivelineEfficiency;
                brake = Math.Clamp((brakingForce - regenForce) / chassis.MaxBrakeForceNewtons, 0, 1);
            }

            plant.TorqueCommandNewtonMetres = torque;
            plant.BrakeFraction = brake;

            // Bus, GCU and plant.
            clock.Advance(StepMicroseconds);
            long now = clock.NowMicroseconds;
            network.AdvanceTo(now);
            gcu.Step(now);
            plant.Step(StepSeconds);

            // Values of the MCU and BMS, copied from the plant.
            double link = plant.HighVoltage.LinkVolts;
            signals.FeedbackValid = true;
            signals.DcLinkVolts = (float)link;
            signals.DcLinkAmperes = link > 1 ? (float)(plant.Motor.ElectricalPowerWatts / link) : 0f;
            signals.MotorSpeedRadiansPerSecond = (float)plant.Chassis.MotorSpeedRadiansPerSecond;
            signals.BmsValid = true;
            signals.PowerLimitsValid = true;
            signals.PackVolts = (float)plant.HighVoltage.Pack.PackVolts;
            signals.PackAmperes = (float)plant.HighVoltage.PackDischargeAmperes;
            if (now % 100_000 == 0)
            {
                double soc = plant.HighVoltage.Pack.MeanSoc;
                signals.PackSoc = (float)soc;
                minSoc = Math.Min(minSoc, soc);
                maxSoc = Math.Max(maxSoc, soc);
            }

            executive.RunDueTasks();
            if (now % (VCU_GeneratorCommand.CycleTimeMilliseconds * 1000L) == 0)
            {
                command.GeneratorMode = outputs.GeneratorMode;
                command.GeneratorPowerRequest = outputs.GeneratorPowerRequestWatts / 1000f;
                command.GeneratorSpeedRequest = outputs.GeneratorSpeedRequestRpm;
                command.GeneratorMaxDcCurrent = outputs.GeneratorMaxDcAmperes;
                command.GeneratorCommandAliveCounter = counter;
                command.Encode(frame);
                frame.Data[VCU_GeneratorCommand.Length - 1] = Crc8SaeJ1850.Compute(frame.Data, 0, VCU_GeneratorCommand.Length - 1);
                vcu.TrySend(frame);
                counter = (counter + 1) & 0xF;
            }

            // Energy bookkeeping.
            regen += Math.Max(0, -plant.Motor.ElectricalPowerWatts) * StepSeconds;
            regenAtWheels += Math.Max(0, -plant.Chassis.TractionForceNewtons * plant.Chassis.SpeedMetresPerSecond) * StepSeconds;
            double error = cycle.GetSpeed(t + StepSeconds) - plant.Chassis.SpeedMetresPerSecond;
            squaredError += error * error;
            steps++;
        }

        double endSoc = plant.HighVoltage.Pack.MeanSoc;
        double fuel = plant.Generator.FuelUsedGrams - fuelStart;
        double generatorJoules = plant.GeneratorEnergyJoules - generatorStart;
        return new HybridCycleResult
        {
            CycleName = cycle.Name,
            Strategy = settings.Strategy,
            FuelGrams = fuel,
            StartSoc = startSoc,
            EndSoc = endSoc,
            MinSoc = Math.Min(minSoc, endSoc),
            MaxSoc = Math.Max(maxSoc, endSoc),
            SocCorrectionGrams = FuelEquivalence.FuelEquivalentGrams((startSoc - endSoc) * FuelEquivalence.PackNominalJoules(definition), fuel, generatorJoules),
            DistanceMetres = plant.Chassis.PositionMetres,
            SpeedErrorRms = Math.Sqrt(squaredError / Math.Max(1, steps)),
            EngineStarts = plant.Generator.StartCount,
            RegenJoules = regen,
            BrakingJoules = regenAtWheels + plant.Chassis.Energy.BrakeJoules - brakeStart,
            GeneratorJoules = generatorJoules,
        };
    }

    private static void ReceiveGeneratorFrames(CanFrame frame, VehicleSignals signals)
    {
        var status = new GCU_Status();
        if (status.TryDecode(frame))
        {
            signals.GeneratorValid = true;
            signals.GeneratorState = (int)status.GeneratorState;
            signals.GeneratorPowerWatts = status.GeneratorPower * 1000f;
            signals.GeneratorSpeedRpm = status.GeneratorSpeed;
            signals.GeneratorDcAmperes = status.GeneratorDcCurrent;
            return;
        }

        var engine = new GCU_EngineStatus();
        if (engine.TryDecode(frame))
        {
            signals.EngineStatusValid = true;
            signals.FuelLevelPercent = engine.FuelLevel;
            signals.EngineCoolantCelsius = engine.EngineCoolantTemperature;
            signals.FuelLitresPerHour = engine.FuelConsumptionRate;
            signals.OilPressureLow = engine.OilPressureLow != 0;
            signals.EngineFaultCode = (int)engine.EngineFaultCode;
        }
    }

    private static VehicleDefinition WithInitialSoc(VehicleDefinition source, double soc)
    {
        var hv = source.HighVoltage;
        return new VehicleDefinition
        {
            Name = source.Name,
            Description = source.Description,
            Chassis = source.Chassis,
            Motor = source.Motor,
            Generator = source.Generator,
            Cell = source.Cell,
            LowVoltage = source.LowVoltage,
            Driver = source.Driver,
            HighVoltage = new HighVoltageParameters
            {
                CellDefinitionPath = hv.CellDefinitionPath,
                SeriesCells = hv.SeriesCells,
                ParallelCells = hv.ParallelCells,
                InitialSoc = soc,
                LinkCapacitanceFarads = hv.LinkCapacitanceFarads,
                PrechargeResistanceOhms = hv.PrechargeResistanceOhms,
                ActiveDischargeResistanceOhms = hv.ActiveDischargeResistanceOhms,
                PassiveBleedResistanceOhms = hv.PassiveBleedResistanceOhms,
                MainPathResistanceOhms = hv.MainPathResistanceOhms,
                ContactorOperateSeconds = hv.ContactorOperateSeconds,
                ContactorReleaseSeconds = hv.ContactorReleaseSeconds,
            },
        };
    }
}

/// <summary>Vehicle definition and drive cycles of the repository, found from the test's output folder upwards.</summary>
internal static class VcuTestFiles
{
    public static string Root
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null && !File.Exists(Path.Combine(directory.FullName, "Controllers.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new DirectoryNotFoundException("Controllers.sln not found above " + AppContext.BaseDirectory + "; run the tests from inside the repository.");
        }
    }

    public static VehicleDefinition LoadAtv() => VehicleDefinitionFile.Load(Path.Combine(Root, "boards", "vcu-atv.yaml"));

    public static DriveCycle LoadCycle(string fileName) =>
        DriveCycleCsv.Load(Path.Combine(Root, "host-tools", "Controllers.Simulation.Tests", "Vehicle", "DriveCycles", fileName));
}

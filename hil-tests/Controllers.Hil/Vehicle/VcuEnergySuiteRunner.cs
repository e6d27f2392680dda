using System;
using System.Collections.Generic;
using System.Diagnostics;
using Controllers.Hil.Acquisition;
using Controllers.Simulation.Vehicle;

namespace Controllers.Hil.Vehicle;

/// <summary>
/// Runs <c>vcu-energy</c> scenarios, each on a fresh <see cref="VcuRig"/> with the scenario's strategy and initial SOC:
/// the driver model follows the cycle through the pedals, the VCU's own torque path and energy management run, and the
/// generator node runs the range extender from VCU_GeneratorCommand. The fuel-only <see cref="ConventionalBaseline"/>
/// drives the same cycle for the fuel comparison.
/// </summary>
public static class VcuEnergySuiteRunner
{
    /// <summary>Trace sampling interval, µs.</summary>
    public const long TraceIntervalMicroseconds = 100_000;

    /// <summary>Step of the fuel-only baseline, s.</summary>
    public const double BaselineStepSeconds = 0.01;

    private const long SocIntervalMicroseconds = 100_000;
    // The BMS node's shortest power-limit horizon (BMS_PowerLimits, 2 s): the limit holds for a pulse that long.
    private const long ChargeWindowMicroseconds = 2_000_000;

    public static VcuEnergySuiteResult Run(VcuEnergySuite suite, IReadOnlyList<VcuEnergyScenario> scenarios,
        Action<VcuEnergyScenarioResult>? completed = null)
    {
        var start = DateTimeOffset.Now;
        var results = new List<VcuEnergyScenarioResult>();
        var baselines = new Dictionary<string, DriveCycleFuelResult>(StringComparer.Ordinal);
        foreach (var scenario in scenarios)
        {
            var result = RunScenario(suite, scenario, baselines);
            results.Add(result);
            completed?.Invoke(result);
        }

        return new VcuEnergySuiteResult { Suite = suite, Scenarios = results, StartTime = start };
    }

    /// <summary>Runs one scenario; an exception from the firmware or plant becomes the scenario's error.</summary>
    public static VcuEnergyScenarioResult RunScenario(VcuEnergySuite suite, VcuEnergyScenario scenario,
        Dictionary<string, DriveCycleFuelResult>? baselines = null)
    {
        var watch = Stopwatch.StartNew();
        var trace = new VcuEnergyTrace();
        try
        {
            var baseline = Baseline(suite, scenario, baselines);
            var figures = Drive(suite, scenario, trace, baseline);
            return new VcuEnergyScenarioResult
            {
                Scenario = scenario, Figures = figures, Requirements = VcuEnergyRequirements.Judge(scenario, figures), Trace = trace,
                WallTime = watch.Elapsed,
            };
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException)
        {
            return new VcuEnergyScenarioResult { Scenario = scenario, ErrorMessage = error.Message, Trace = trace, WallTime = watch.Elapsed };
        }
    }

    private static DriveCycleFuelResult Baseline(VcuEnergySuite suite, VcuEnergyScenario scenario, Dictionary<string, DriveCycleFuelResult>? cache)
    {
        var cycle = scenario.Cycle;
        string key = $"{scenario.CyclePath}|{cycle.TimesSeconds[0]}|{cycle.TimesSeconds.Length}|{cycle.DurationSeconds}|{scenario.Repeats}";
        if (cache != null && cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var result = new ConventionalBaseline(suite.Vehicle, new ConventionalDrivelineParameters()).Run(cycle, BaselineStepSeconds);
        cache?.Add(key, result);
        return result;
    }

    private static VcuEnergyFigures Drive(VcuEnergySuite suite, VcuEnergyScenario scenario, VcuEnergyTrace trace, DriveCycleFuelResult baseline)
    {
        var vehicle = WithInitialSoc(suite.Vehicle, scenario.InitialSoc);
        var rig = new VcuRig(vehicle);
        rig.Core.Energy.Settings.Strategy = scenario.Strategy;
        var plant = rig.Plant;

        // The driver model reads the cycle at rig time, so the cycle is shifted to begin when the HV bus is up.
        long origin = rig.NowMicroseconds;
        var cycle = Shift(scenario.Cycle, origin / 1e6);
        long end = origin + (long)Math.Round(scenario.Cycle.DurationSeconds * 1e6);
        rig.FollowCycle(cycle);

        double startSoc = plant.HighVoltage.Pack.MeanSoc;
        double minSoc = startSoc, maxSoc = startSoc;
        double fuelStart = plant.Generator.FuelUsedGrams;
        double generatorStart = plant.GeneratorEnergyJoules;
        double brakeStart = plant.Chassis.Energy.BrakeJoules;
        double distanceStart = plant.Chassis.PositionMetres;
        int startsBefore = plant.Generator.StartCount;
        double regen = 0, regenAtWheels = 0, squaredError = 0;
        long steps = 0;
        // Sliding 2 s window of the pack's charge current and of the BMS limit, one entry per step.
        int windowSteps = (int)(ChargeWindowMicroseconds / VcuRig.StepMicroseconds);
        var chargeSamples = new double[windowSteps];
        var limitSamples = new double[windowSteps];
        double chargeSum = 0, limitSum = 0, maxChargePercent = 0;
        int windowIndex = 0, windowCount = 0;
        bool running = plant.Generator.State != EngineGeneratorState.Off;
        long lastStart = running ? origin : -1, lastStop = -1;
        double? shortestOn = null, shortestOff = null;
        const double dt = VcuRig.StepMicroseconds / 1e6;

        rig.AfterStep = r =>
        {
            long now = r.NowMicroseconds;
            double speed = plant.Chassis.SpeedMetresPerSecond;
            double error = cycle.GetSpeed(now / 1e6) - speed;
            squaredError += error * error;
            steps++;

            double motorWatts = plant.Motor.ElectricalPowerWatts;
            regen += Math.Max(0, -motorWatts) * dt;
            regenAtWheels += Math.Max(0, -plant.Chassis.TractionForceNewtons * speed) * dt;

            // Pack charge current from every source (generator and regeneration), against the BMS limit.
            double charge = Math.Max(0, -plant.HighVoltage.PackDischargeAmperes);
            double limit = r.Bms.MaxChargeAmperes;
            chargeSum += charge - chargeSamples[windowIndex];
            limitSum += limit - limitSamples[windowIndex];
            chargeSamples[windowIndex] = charge;
            limitSamples[windowIndex] = limit;
            windowIndex = (windowIndex + 1) % windowSteps;
            windowCount = Math.Min(windowCount + 1, windowSteps);
            if (windowCount == windowSteps && limitSum > 0)
            {
                maxChargePercent = Math.Max(maxChargePercent, chargeSum / limitSum * 100);
            }

            bool on = plant.Generator.State != EngineGeneratorState.Off;
            if (on && !running)
            {
                if (lastStop >= 0)
                {
                    shortestOff = Math.Min(shortestOff ?? double.MaxValue, (now - lastStop) / 1e6);
                }

                lastStart = now;
            }
            else if (!on && running)
            {
                shortestOn = Math.Min(shortestOn ?? double.MaxValue, (now - lastStart) / 1e6);
                lastStop = now;
            }

            running = on;
            if ((now - origin) % SocIntervalMicroseconds == 0)
            {
                double soc = plant.HighVoltage.Pack.MeanSoc;
                minSoc = Math.Min(minSoc, soc);
                maxSoc = Math.Max(maxSoc, soc);
                if ((now - origin) % TraceIntervalMicroseconds == 0)
                {
                    Record(r, trace, cycle, (now - origin) / 1e6, soc);
                }
            }
        };

        while (rig.NowMicroseconds < end)
        {
            rig.Step();
        }

        double endSoc = plant.HighVoltage.Pack.MeanSoc;
        double fuel = plant.Generator.FuelUsedGrams - fuelStart;
        double generatorJoules = plant.GeneratorEnergyJoules - generatorStart;
        return new VcuEnergyFigures
        {
            DistanceMetres = plant.Chassis.PositionMetres - distanceStart,
            SpeedErrorRmsKmh = Math.Sqrt(squaredError / Math.Max(1, steps)) * 3.6,
            StartSoc = startSoc,
            EndSoc = endSoc,
            MinSoc = Math.Min(minSoc, endSoc),
            MaxSoc = Math.Max(maxSoc, endSoc),
            FuelGrams = fuel,
            SocCorrectionGrams = FuelEquivalence.FuelEquivalentGrams((startSoc - endSoc) * FuelEquivalence.PackNominalJoules(vehicle), fuel, generatorJoules),
            BaselineFuelGrams = baseline.FuelGrams,
            BaselineDistanceMetres = baseline.DistanceMetres,
            EngineStarts = plant.Generator.StartCount - startsBefore,
            ShortestOnSeconds = shortestOn,
            ShortestOffSeconds = shortestOff,
            MaxChargePercent = maxChargePercent,
            GeneratorJoules = generatorJoules,
            RegenJoules = regen,
            BrakingJoules = regenAtWheels + plant.Chassis.Energy.BrakeJoules - brakeStart,
            DurationSeconds = scenario.Cycle.DurationSeconds,
        };
    }

    private static void Record(VcuRig rig, VcuEnergyTrace trace, DriveCycle cycle, double timeSeconds, double soc)
    {
        var plant = rig.Plant;
        trace.TimeSeconds.Add(timeSeconds);
        trace.TargetSpeedKmh.Add(cycle.GetSpeed(rig.NowMicroseconds / 1e6) * 3.6);
        trace.SpeedKmh.Add(plant.Chassis.SpeedMetresPerSecond * 3.6);
        trace.RequestNewtonMetres.Add(rig.Core.Outputs.TorqueRequestNewtonMetres);
        trace.CommandNewtonMetres.Add(rig.Core.TorqueCommandNewtonMetres);
        trace.DeliveredNewtonMetres.Add(plant.Motor.TorqueNewtonMetres);
        trace.SocPercent.Add(soc * 100);
        trace.EngineState.Add((int)plant.Generator.State);
        trace.GeneratorKilowatts.Add(plant.Generator.ElectricalPowerWatts / 1000);
        trace.MotorKilowatts.Add(plant.Motor.ElectricalPowerWatts / 1000);
        trace.PackChargeAmperes.Add(-plant.HighVoltage.PackDischargeAmperes);
        trace.ChargeLimitAmperes.Add(rig.Bms.MaxChargeAmperes);
    }

    private static DriveCycle Shift(DriveCycle cycle, double offsetSeconds)
    {
        int n = cycle.TimesSeconds.Length;
        var times = new double[n + 1];
        var speeds = new double[n + 1];
        var grades = new double[n + 1];
        speeds[0] = cycle.SpeedsMetresPerSecond[0];
        grades[0] = cycle.Grades[0];
        for (int i = 0; i < n; i++)
        {
            times[i + 1] = cycle.TimesSeconds[i] - cycle.TimesSeconds[0] + offsetSeconds;
            speeds[i + 1] = cycle.SpeedsMetresPerSecond[i];
            grades[i + 1] = cycle.Grades[i];
        }

        // The extra first point keeps the cycle's first speed over the power-up time.
        times[0] = Math.Min(0, offsetSeconds - 1);
        return new DriveCycle(cycle.Name, times, speeds, grades);
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

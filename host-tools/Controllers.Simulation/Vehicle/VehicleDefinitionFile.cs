using System;
using System.Collections.Generic;
using System.Globalization;
using Controllers.Simulation.Boards;
using Controllers.Simulation.Data;
using YamlDotNet.RepresentationModel;

namespace Controllers.Simulation.Vehicle;

/// <summary>
/// Reads vehicle definition files (YAML) with the sections <c>chassis</c>, <c>terrain</c>, <c>tractionMotor</c>,
/// <c>engineGenerator</c>, <c>highVoltage</c>, <c>lowVoltage</c> and <c>driver</c>. Every key except
/// <c>description</c> is required, so a file states all its figures. An invalid or missing value raises a
/// <see cref="DataFileException"/> naming the line and key.
/// </summary>
public static class VehicleDefinitionFile
{
    public const string Kind = "vehicle";

    /// <exception cref="DataFileException">The file is missing or a field is invalid.</exception>
    public static VehicleDefinition Load(string path)
    {
        var file = YamlFile.Load(path);
        var root = file.Root;
        file.RejectUnknownKeys(root, "name", "kind", "description", "chassis", "terrain", "tractionMotor",
            "engineGenerator", "highVoltage", "lowVoltage", "driver");
        string kind = file.RequireString(root, "kind");
        if (kind != Kind)
        {
            throw file.Error(file.Require(root, "kind"), "kind", Messages.Format("VehicleKindUnsupported", kind, Kind));
        }

        var highVoltage = ReadHighVoltage(file, file.RequireMapping(root, "highVoltage"));
        return new VehicleDefinition
        {
            Name = file.RequireString(root, "name"),
            Description = file.FindString(root, "description") ?? "",
            Chassis = ReadChassis(file, file.RequireMapping(root, "chassis"), file.RequireMapping(root, "terrain")),
            Motor = ReadMotor(file, file.RequireMapping(root, "tractionMotor")),
            Generator = ReadGenerator(file, file.RequireMapping(root, "engineGenerator")),
            HighVoltage = highVoltage,
            Cell = CellDefinitionFile.Load(highVoltage.CellDefinitionPath),
            LowVoltage = ReadLowVoltage(file, file.RequireMapping(root, "lowVoltage")),
            Driver = ReadDriver(file, file.RequireMapping(root, "driver")),
        };
    }

    private static ChassisParameters ReadChassis(YamlFile file, YamlMappingNode section, YamlMappingNode terrainSection)
    {
        file.RejectUnknownKeys(section, "vehicleMassKilograms", "riderAndLoadMassKilograms", "rotatingMassFactor",
            "wheelRadiusMetres", "finalDriveRatio", "drivelineEfficiency", "dragCoefficient", "frontalAreaSquareMetres",
            "airDensityKilogramsPerCubicMetre", "drivenLoadFraction", "maxBrakeForceNewtons");
        return new ChassisParameters
        {
            VehicleMassKilograms = file.RequireNumber(section, "vehicleMassKilograms", 50, 5000),
            RiderAndLoadMassKilograms = file.RequireNumber(section, "riderAndLoadMassKilograms", 0, 2000),
            RotatingMassFactor = file.RequireNumber(section, "rotatingMassFactor", 1, 2),
            WheelRadiusMetres = file.RequireNumber(section, "wheelRadiusMetres", 0.1, 1.5),
            FinalDriveRatio = file.RequireNumber(section, "finalDriveRatio", 0.5, 50),
            DrivelineEfficiency = file.RequireNumber(section, "drivelineEfficiency", 0.5, 1),
            DragCoefficient = file.RequireNumber(section, "dragCoefficient", 0, 3),
            FrontalAreaSquareMetres = file.RequireNumber(section, "frontalAreaSquareMetres", 0, 10),
            AirDensityKilogramsPerCubicMetre = file.RequireNumber(section, "airDensityKilogramsPerCubicMetre", 0.5, 1.5),
            DrivenLoadFraction = file.RequireNumber(section, "drivenLoadFraction", 0.1, 1),
            MaxBrakeForceNewtons = file.RequireNumber(section, "maxBrakeForceNewtons", 0, 100000),
            Terrains = ReadTerrains(file, terrainSection),
        };
    }

    private static TerrainProperties[] ReadTerrains(YamlFile file, YamlMappingNode section)
    {
        var terrains = Enum.GetValues<Terrain>();
        var keys = new string[terrains.Length];
        for (int i = 0; i < terrains.Length; i++)
        {
            keys[i] = TerrainKey(terrains[i]);
        }

        file.RejectUnknownKeys(section, keys);
        var result = new TerrainProperties[terrains.Length];
        for (int i = 0; i < terrains.Length; i++)
        {
            var entry = file.RequireMapping(section, keys[i]);
            file.RejectUnknownKeys(entry, "rollingResistance", "friction");
            result[i] = new TerrainProperties(
                file.RequireNumber(entry, "rollingResistance", 0, 0.5),
                file.RequireNumber(entry, "friction", 0.05, 1.5));
        }

        return result;
    }

    /// <summary>Key of <paramref name="terrain"/> in a definition file: the enum name in lower case.</summary>
    public static string TerrainKey(Terrain terrain) => terrain.ToString().ToLowerInvariant();

    private static TractionMotorParameters ReadMotor(YamlFile file, YamlMappingNode section)
    {
        file.RejectUnknownKeys(section, "peakTorqueNewtonMetres", "peakPowerWatts", "maxSpeedRpm",
            "torqueTimeConstantSeconds", "inverterLossFraction", "coolantCelsius", "motorHeatCapacityJoulesPerKelvin",
            "motorThermalResistanceKelvinPerWatt", "inverterHeatCapacityJoulesPerKelvin",
            "inverterThermalResistanceKelvinPerWatt", "efficiency");
        double peakTorque = file.RequireNumber(section, "peakTorqueNewtonMetres", 1, 5000);
        double peakPower = file.RequireNumber(section, "peakPowerWatts", 100, 1e6);
        double maxSpeedRpm = file.RequireNumber(section, "maxSpeedRpm", 100, 30000);
        double baseSpeedRpm = peakPower / peakTorque * 30 / Math.PI;
        if (!(baseSpeedRpm < maxSpeedRpm))
        {
            throw file.Error(file.Require(section, "maxSpeedRpm"), "maxSpeedRpm",
                Messages.Format("MotorBaseSpeedAboveMax", baseSpeedRpm.ToString("F0", CultureInfo.InvariantCulture)));
        }

        var efficiency = file.RequireMapping(section, "efficiency");
        file.RejectUnknownKeys(efficiency, "speedsRpm", "torquesNewtonMetres", "motoring", "generating");
        double[] speeds = ReadBreakpoints(file, efficiency, "speedsRpm", 0, 30000);
        double[] torques = ReadBreakpoints(file, efficiency, "torquesNewtonMetres", 0, 5000);
        return new TractionMotorParameters
        {
            PeakTorqueNewtonMetres = peakTorque,
            PeakPowerWatts = peakPower,
            MaxSpeedRpm = maxSpeedRpm,
            TorqueTimeConstantSeconds = file.RequireNumber(section, "torqueTimeConstantSeconds", 1e-4, 1),
            InverterLossFraction = file.RequireNumber(section, "inverterLossFraction", 0, 1),
            CoolantCelsius = file.RequireNumber(section, "coolantCelsius", -40, 120),
            MotorHeatCapacityJoulesPerKelvin = file.RequireNumber(section, "motorHeatCapacityJoulesPerKelvin", 1, 1e7),
            MotorThermalResistanceKelvinPerWatt = file.RequireNumber(section, "motorThermalResistanceKelvinPerWatt", 1e-4, 100),
            InverterHeatCapacityJoulesPerKelvin = file.RequireNumber(section, "inverterHeatCapacityJoulesPerKelvin", 1, 1e7),
            InverterThermalResistanceKelvinPerWatt = file.RequireNumber(section, "inverterThermalResistanceKelvinPerWatt", 1e-4, 100),
            MotoringEfficiency = ReadMap(file, efficiency, "motoring", speeds, torques, 0.3, 1),
            GeneratingEfficiency = ReadMap(file, efficiency, "generating", speeds, torques, 0.3, 1),
        };
    }

    private static EngineGeneratorParameters ReadGenerator(YamlFile file, YamlMappingNode section)
    {
        file.RejectUnknownKeys(section, "ratedPowerWatts", "idleSpeedRpm", "ratedSpeedRpm", "startDelaySeconds",
            "crankingFuelGrams", "idleFuelGramsPerSecond", "speedTimeConstantSeconds", "powerTimeConstantSeconds",
            "powerFallTimeConstantSeconds", "generatorEfficiency", "fuelTankGrams", "bsfc");
        double idle = file.RequireNumber(section, "idleSpeedRpm", 100, 20000);
        double rated = file.RequireNumber(section, "ratedSpeedRpm", 100, 20000);
        if (!(idle < rated))
        {
            throw file.Error(file.Require(section, "ratedSpeedRpm"), "ratedSpeedRpm", Messages.Get("RatedSpeedNotAboveIdle"));
        }

        var bsfc = file.RequireMapping(section, "bsfc");
        file.RejectUnknownKeys(bsfc, "speedsRpm", "torquesNewtonMetres", "gramsPerKilowattHour");
        double[] speeds = ReadBreakpoints(file, bsfc, "speedsRpm", 0, 20000);
        double[] torques = ReadBreakpoints(file, bsfc, "torquesNewtonMetres", 0, 5000);
        return new EngineGeneratorParameters
        {
            RatedPowerWatts = file.RequireNumber(section, "ratedPowerWatts", 100, 1e6),
            IdleSpeedRpm = idle,
            RatedSpeedRpm = rated,
            StartDelaySeconds = file.RequireNumber(section, "startDelaySeconds", 0.01, 30),
            CrankingFuelGrams = file.RequireNumber(section, "crankingFuelGrams", 0, 100),
            IdleFuelGramsPerSecond = file.RequireNumber(section, "idleFuelGramsPerSecond", 0, 10),
            SpeedTimeConstantSeconds = file.RequireNumber(section, "speedTimeConstantSeconds", 0.001, 10),
            PowerTimeConstantSeconds = file.RequireNumber(section, "powerTimeConstantSeconds", 0.001, 10),
            PowerFallTimeConstantSeconds = file.RequireNumber(section, "powerFallTimeConstantSeconds", 0.001, 10),
            GeneratorEfficiency = file.RequireNumber(section, "generatorEfficiency", 0.5, 1),
            FuelTankGrams = file.RequireNumber(section, "fuelTankGrams", 0, 1e6),
            BrakeSpecificFuelConsumption = ReadMap(file, bsfc, "gramsPerKilowattHour", speeds, torques, 150, 2000),
        };
    }

    private static HighVoltageParameters ReadHighVoltage(YamlFile file, YamlMappingNode section)
    {
        file.RejectUnknownKeys(section, "cell", "seriesCells", "parallelCells", "initialSoc", "linkCapacitanceFarads",
            "prechargeResistanceOhms", "activeDischargeResistanceOhms", "passiveBleedResistanceOhms",
            "mainPathResistanceOhms", "contactorOperateSeconds", "contactorReleaseSeconds");
        return new HighVoltageParameters
        {
            CellDefinitionPath = file.ResolvePath(section, "cell"),
            SeriesCells = RequireInteger(file, section, "seriesCells", 1, 240),
            ParallelCells = RequireInteger(file, section, "parallelCells", 1, 100),
            InitialSoc = file.RequireNumber(section, "initialSoc", 0, 1),
            LinkCapacitanceFarads = file.RequireNumber(section, "linkCapacitanceFarads", 1e-6, 1),
            PrechargeResistanceOhms = file.RequireNumber(section, "prechargeResistanceOhms", 0.1, 100000),
            ActiveDischargeResistanceOhms = file.RequireNumber(section, "activeDischargeResistanceOhms", 0.1, 1e6),
            PassiveBleedResistanceOhms = file.RequireNumber(section, "passiveBleedResistanceOhms", 1, 1e9),
            MainPathResistanceOhms = file.RequireNumber(section, "mainPathResistanceOhms", 1e-5, 1),
            ContactorOperateSeconds = file.RequireNumber(section, "contactorOperateSeconds", 0, 1),
            ContactorReleaseSeconds = file.RequireNumber(section, "contactorReleaseSeconds", 0, 1),
        };
    }

    private static LowVoltageParameters ReadLowVoltage(YamlFile file, YamlMappingNode section)
    {
        file.RejectUnknownKeys(section, "converterSetpointVolts", "converterOutputResistanceOhms",
            "converterMaxCurrentAmperes", "converterEfficiency", "converterMinimumInputVolts",
            "batteryCapacityAmpereHours", "batteryInternalResistanceOhms", "batteryEmptyVolts", "batteryFullVolts",
            "batteryInitialSoc");
        double empty = file.RequireNumber(section, "batteryEmptyVolts", 8, 16);
        double full = file.RequireNumber(section, "batteryFullVolts", 8, 16);
        if (!(empty < full))
        {
            throw file.Error(file.Require(section, "batteryFullVolts"), "batteryFullVolts", Messages.Get("BatteryFullNotAboveEmpty"));
        }

        return new LowVoltageParameters
        {
            ConverterSetpointVolts = file.RequireNumber(section, "converterSetpointVolts", 9, 16),
            ConverterOutputResistanceOhms = file.RequireNumber(section, "converterOutputResistanceOhms", 1e-4, 1),
            ConverterMaxCurrentAmperes = file.RequireNumber(section, "converterMaxCurrentAmperes", 1, 1000),
            ConverterEfficiency = file.RequireNumber(section, "converterEfficiency", 0.5, 1),
            ConverterMinimumInputVolts = file.RequireNumber(section, "converterMinimumInputVolts", 10, 1000),
            BatteryCapacityAmpereHours = file.RequireNumber(section, "batteryCapacityAmpereHours", 1, 500),
            BatteryInternalResistanceOhms = file.RequireNumber(section, "batteryInternalResistanceOhms", 1e-4, 1),
            BatteryEmptyVolts = empty,
            BatteryFullVolts = full,
            BatteryInitialSoc = file.RequireNumber(section, "batteryInitialSoc", 0, 1),
        };
    }

    private static DriverParameters ReadDriver(YamlFile file, YamlMappingNode section)
    {
        file.RejectUnknownKeys(section, "proportionalGain", "integralGain", "previewSeconds", "track1RestVolts",
            "track1FullVolts", "track2Ratio");
        double rest = file.RequireNumber(section, "track1RestVolts", 0, 5);
        double fullVolts = file.RequireNumber(section, "track1FullVolts", 0, 5);
        if (!(rest < fullVolts))
        {
            throw file.Error(file.Require(section, "track1FullVolts"), "track1FullVolts", Messages.Get("PedalFullNotAboveRest"));
        }

        return new DriverParameters
        {
            ProportionalGain = file.RequireNumber(section, "proportionalGain", 0, 1e6),
            IntegralGain = file.RequireNumber(section, "integralGain", 0, 1e6),
            PreviewSeconds = file.RequireNumber(section, "previewSeconds", 0.01, 10),
            Track1RestVolts = rest,
            Track1FullVolts = fullVolts,
            Track2Ratio = file.RequireNumber(section, "track2Ratio", 0.1, 1),
        };
    }

    private static int RequireInteger(YamlFile file, YamlMappingNode section, string key, int minimum, int maximum)
    {
        file.Require(section, key);
        return file.FindInteger(section, key, minimum, minimum, maximum);
    }

    private static double[] ReadBreakpoints(YamlFile file, YamlMappingNode mapping, string key, double minimum, double maximum)
    {
        var node = file.Require(mapping, key);
        float[] parsed = file.RequireNumberList(mapping, key, minimum, maximum);
        if (parsed.Length == 0)
        {
            throw file.Error(node, key, Messages.Get("EmptyValue"));
        }

        var values = new double[parsed.Length];
        for (int i = 0; i < parsed.Length; i++)
        {
            values[i] = parsed[i];
            if (i > 0 && !(values[i] > values[i - 1]))
            {
                throw file.Error(node, key, Messages.Format("NotAscending", i + 1,
                    values[i].ToString(CultureInfo.InvariantCulture), values[i - 1].ToString(CultureInfo.InvariantCulture)));
            }
        }

        return values;
    }

    // A map is a list of rows, one per speed breakpoint, each with one value per torque breakpoint.
    private static Table2D ReadMap(YamlFile file, YamlMappingNode mapping, string key, double[] speeds, double[] torques,
        double minimum, double maximum)
    {
        var rows = file.RequireSequence(mapping, key);
        if (rows.Children.Count != speeds.Length)
        {
            throw file.Error(rows, key, Messages.Format("MapRowCountMismatch", rows.Children.Count, speeds.Length));
        }

        var values = new List<double>(speeds.Length * torques.Length);
        for (int row = 0; row < rows.Children.Count; row++)
        {
            string field = key + "[" + row + "]";
            if (rows.Children[row] is not YamlSequenceNode columns)
            {
                throw file.Error(rows.Children[row], field, Messages.Get("ExpectedList"));
            }

            if (columns.Children.Count != torques.Length)
            {
                throw file.Error(columns, field, Messages.Format("MapColumnCountMismatch", columns.Children.Count, torques.Length));
            }

            for (int column = 0; column < columns.Children.Count; column++)
            {
                values.Add(file.ParseNumber(columns.Children[column], field + "[" + column + "]", minimum, maximum));
            }
        }

        return new Table2D(speeds, torques, values.ToArray());
    }
}

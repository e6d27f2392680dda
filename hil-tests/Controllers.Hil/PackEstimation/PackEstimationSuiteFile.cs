using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using Controllers.Hil.Suites;
using Controllers.Simulation.Boards;
using Controllers.Simulation.Data;
using YamlDotNet.RepresentationModel;

namespace Controllers.Hil.PackEstimation;

/// <summary>
/// Reads pack estimation suite files (YAML). Top-level keys: <c>kind: bms-pack-estimation</c>, <c>name</c>, optional
/// <c>description</c>, <c>board</c> (a <c>bms-pack</c> board file), <c>driveCycle</c> {<c>file</c>: a cell recording CSV},
/// optional <c>criteria</c> {<c>convergenceMinutes</c>, <c>maxCellSocErrorPercent</c>, <c>rmsSocErrorPercent</c>,
/// <c>maxCapacitySohErrorPercent</c>} and <c>scenarios</c>. A scenario has <c>name</c>, optional <c>description</c>,
/// <c>plant</c> {<c>capacityPercent</c>, <c>capacitySpreadPercent</c>, <c>resistanceSpreadPercent</c>,
/// <c>initialSocPercent</c>, <c>initialSocSpreadPercent</c>, <c>ambientCelsius</c>, <c>seed</c>},
/// <c>estimatorInitialSocPercent</c>, <c>cycle</c> {<c>count</c>, <c>restMinutes</c>, <c>driveCurrentScale</c>,
/// <c>dischargeToSocPercent</c>, <c>chargeAmperesPerCell</c>, <c>chargeToSocPercent</c>} and <c>criteria</c>, which
/// override the suite's. Every error is a <see cref="DataFileException"/> with the file, line and field.
/// </summary>
public static class PackEstimationSuiteFile
{
    /// <summary>Value of the top-level <c>kind</c> key that selects this suite format.</summary>
    public const string Kind = "bms-pack-estimation";

    private static readonly Regex ScenarioNamePattern = new("^[A-Za-z0-9][A-Za-z0-9._-]*$");

    /// <exception cref="DataFileException">The suite, its board file or its drive cycle is missing or invalid.</exception>
    public static PackEstimationSuite Load(string path)
    {
        var file = YamlFile.Load(path);
        var root = file.Root;
        file.RejectUnknownKeys(root, "kind", "name", "description", "board", "driveCycle", "criteria", "scenarios");
        string kind = file.RequireString(root, "kind");
        if (kind != Kind)
        {
            throw file.Error(file.Require(root, "kind"), "kind", Messages.Format("UnknownSuiteKind", kind));
        }

        string name = SocSuiteFile.ReadSuiteName(file, root);
        var board = PackBoardDefinitionFile.Load(file.ResolvePath(root, "board"));
        var drive = file.RequireMapping(root, "driveCycle");
        file.RejectUnknownKeys(drive, "file");
        var recording = CellRecordingCsv.Load(file.ResolvePath(drive, "file"));
        var suiteCriteria = ReadCriteria(file, file.FindMapping(root, "criteria"), new PackEstimationCriteria());

        var scenarioNodes = file.RequireSequence(root, "scenarios");
        if (scenarioNodes.Children.Count == 0)
        {
            throw file.Error(scenarioNodes, "scenarios", Messages.Get("EmptyScenarioList"));
        }

        var scenarios = new List<PackEstimationScenario>();
        var lineByName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in scenarioNodes.Children)
        {
            var mapping = file.AsMapping(node, "scenarios");
            var scenario = ReadScenario(file, mapping, suiteCriteria);
            if (lineByName.TryGetValue(scenario.Name, out int earlierLine))
            {
                throw file.Error(file.Require(mapping, "name"), "name",
                    Messages.Format("DuplicateScenarioName", scenario.Name, earlierLine));
            }

            lineByName.Add(scenario.Name, scenario.LineNumber);
            scenarios.Add(scenario);
        }

        return new PackEstimationSuite
        {
            Name = name,
            Description = file.FindString(root, "description") ?? "",
            FilePath = path,
            Board = board,
            DriveCycle = recording,
            Scenarios = scenarios,
        };
    }

    private static PackEstimationScenario ReadScenario(YamlFile file, YamlMappingNode mapping, PackEstimationCriteria suiteCriteria)
    {
        file.RejectUnknownKeys(mapping, "name", "description", "plant", "estimatorInitialSocPercent", "cycle", "criteria");
        string name = file.RequireString(mapping, "name");
        if (!ScenarioNamePattern.IsMatch(name))
        {
            throw file.Error(file.Require(mapping, "name"), "name", Messages.Format("InvalidScenarioName", name));
        }

        var plant = file.FindMapping(mapping, "plant");
        var defaults = new PackEstimationScenario { Name = name, Criteria = suiteCriteria };
        double capacity = 100, capacitySpread = defaults.CapacitySpreadFraction * 100, resistanceSpread = defaults.ResistanceSpreadFraction * 100;
        double initialSoc = defaults.InitialSoc * 100, initialSpread = defaults.InitialSocSpread * 100, ambient = defaults.AmbientCelsius;
        int seed = defaults.Seed;
        if (plant != null)
        {
            file.RejectUnknownKeys(plant, "capacityPercent", "capacitySpreadPercent", "resistanceSpreadPercent", "initialSocPercent",
                "initialSocSpreadPercent", "ambientCelsius", "seed");
            capacity = file.FindNumber(plant, "capacityPercent", capacity, 50, 120);
            capacitySpread = file.FindNumber(plant, "capacitySpreadPercent", capacitySpread, 0, 49);
            resistanceSpread = file.FindNumber(plant, "resistanceSpreadPercent", resistanceSpread, 0, 89);
            initialSoc = file.FindNumber(plant, "initialSocPercent", initialSoc, 0, 100);
            initialSpread = file.FindNumber(plant, "initialSocSpreadPercent", initialSpread, 0, 50);
            ambient = file.FindNumber(plant, "ambientCelsius", ambient, -20, 60);
            seed = file.FindInteger(plant, "seed", seed, 0, int.MaxValue);
        }

        var cycle = file.FindMapping(mapping, "cycle");
        int count = defaults.Cycles;
        double rest = defaults.RestMinutes, scale = defaults.DriveCurrentScale, dischargeTo = defaults.DischargeToSoc * 100;
        double charge = defaults.ChargeAmperesPerCell, chargeTo = defaults.ChargeToSoc * 100;
        if (cycle != null)
        {
            file.RejectUnknownKeys(cycle, "count", "restMinutes", "driveCurrentScale", "dischargeToSocPercent", "chargeAmperesPerCell",
                "chargeToSocPercent");
            count = file.FindInteger(cycle, "count", count, 1, 20);
            rest = file.FindNumber(cycle, "restMinutes", rest, 0, 600);
            scale = file.FindNumber(cycle, "driveCurrentScale", scale, 0.1, 5);
            dischargeTo = file.FindNumber(cycle, "dischargeToSocPercent", dischargeTo, 5, 95);
            charge = file.FindNumber(cycle, "chargeAmperesPerCell", charge, 0.1, 20);
            chargeTo = file.FindNumber(cycle, "chargeToSocPercent", chargeTo, 5, 100);
            if (!(chargeTo > dischargeTo))
            {
                throw file.Error(cycle, "cycle", Messages.Format("PackCycleSocOrder", dischargeTo, chargeTo));
            }
        }

        return new PackEstimationScenario
        {
            Name = name,
            Description = file.FindString(mapping, "description") ?? "",
            LineNumber = (int)mapping.Start.Line,
            CapacityFactor = capacity / 100,
            CapacitySpreadFraction = capacitySpread / 100,
            ResistanceSpreadFraction = resistanceSpread / 100,
            InitialSoc = initialSoc / 100,
            InitialSocSpread = initialSpread / 100,
            AmbientCelsius = ambient,
            Seed = seed,
            EstimatorInitialSoc = file.FindNumber(mapping, "estimatorInitialSocPercent", defaults.EstimatorInitialSoc * 100, 0, 100) / 100,
            Cycles = count,
            RestMinutes = rest,
            DriveCurrentScale = scale,
            DischargeToSoc = dischargeTo / 100,
            ChargeAmperesPerCell = charge,
            ChargeToSoc = chargeTo / 100,
            Criteria = ReadCriteria(file, file.FindMapping(mapping, "criteria"), suiteCriteria),
        };
    }

    private static PackEstimationCriteria ReadCriteria(YamlFile file, YamlMappingNode? mapping, PackEstimationCriteria defaults)
    {
        if (mapping == null)
        {
            return defaults;
        }

        file.RejectUnknownKeys(mapping, "convergenceMinutes", "maxCellSocErrorPercent", "rmsSocErrorPercent", "maxCapacitySohErrorPercent");
        return new PackEstimationCriteria
        {
            ConvergenceMinutes = file.FindNumber(mapping, "convergenceMinutes", defaults.ConvergenceMinutes, 0, 6000),
            MaxCellSocErrorPercent = file.FindNumber(mapping, "maxCellSocErrorPercent", defaults.MaxCellSocErrorPercent, 0.01, 100),
            RmsSocErrorPercent = file.FindNumber(mapping, "rmsSocErrorPercent", defaults.RmsSocErrorPercent, 0.01, 100),
            MaxCapacitySohErrorPercent = file.FindNumber(mapping, "maxCapacitySohErrorPercent", defaults.MaxCapacitySohErrorPercent, 0.01, 100),
        };
    }
}

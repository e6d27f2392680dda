using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using Controllers.Firmware.Vcu.Energy;
using Controllers.Hil.Suites;
using Controllers.Simulation.Data;
using Controllers.Simulation.Vehicle;
using YamlDotNet.RepresentationModel;

namespace Controllers.Hil.Vehicle;

/// <summary>
/// Reads <c>vcu-energy</c> suite files (YAML). Top-level keys: <c>kind: vcu-energy</c>, <c>name</c>, optional
/// <c>description</c>, <c>vehicle</c> (a vehicle definition file), <c>topSpeedMetresPerSecond</c> (cycles are clipped
/// to it), optional <c>criteria</c> and <c>scenarios</c>. A scenario has <c>name</c>, <c>cycle</c> (a drive-cycle CSV
/// file), <c>strategy</c> (constant-power, power-following, constant-power-plus-following, ecms, automatic) and
/// optional <c>description</c>, <c>initialSoc</c>, <c>repeats</c>, <c>startSeconds</c> and <c>endSeconds</c> (an
/// excerpt of the cycle) and <c>criteria</c>. Every error is a <see cref="DataFileException"/> with the file, line and key.
/// </summary>
public static class VcuEnergySuiteFile
{
    /// <summary>Value of the top-level <c>kind</c> key that selects this suite format.</summary>
    public const string Kind = "vcu-energy";

    private static readonly Regex ScenarioNamePattern = new("^[A-Za-z0-9][A-Za-z0-9._-]*$");

    private static readonly string[] CriteriaKeys =
    [
        "speedErrorRmsKmh", "minSoc", "maxSoc", "endSocTolerance", "fuelSavingPercent", "fuelSaving", "minEngineStarts",
        "maxEngineStartsPerHour", "minOnSeconds", "minOffSeconds", "minRegenPercent",
    ];

    private static readonly Dictionary<string, EnergyStrategy> StrategyNames = new(StringComparer.Ordinal)
    {
        ["constant-power"] = EnergyStrategy.ConstantPower,
        ["power-following"] = EnergyStrategy.PowerFollowing,
        ["constant-power-plus-following"] = EnergyStrategy.ConstantPowerPlusFollowing,
        ["ecms"] = EnergyStrategy.Ecms,
        ["automatic"] = EnergyStrategy.Automatic,
    };

    /// <summary>Returns the name a suite file uses for <paramref name="strategy"/>.</summary>
    public static string StrategyName(EnergyStrategy strategy)
    {
        foreach (var (name, value) in StrategyNames)
        {
            if (value == strategy)
            {
                return name;
            }
        }

        return strategy.ToString();
    }

    /// <exception cref="DataFileException">The suite, its vehicle file or a cycle file is missing or invalid.</exception>
    public static VcuEnergySuite Load(string path)
    {
        var file = YamlFile.Load(path);
        var root = file.Root;
        file.RejectUnknownKeys(root, "kind", "name", "description", "vehicle", "topSpeedMetresPerSecond", "criteria", "scenarios");
        string kind = file.RequireString(root, "kind");
        if (kind != Kind)
        {
            throw file.Error(file.Require(root, "kind"), "kind", Messages.Format("UnknownSuiteKind", kind));
        }

        string name = SocSuiteFile.ReadSuiteName(file, root);
        string vehiclePath = file.ResolvePath(root, "vehicle");
        var vehicle = VehicleDefinitionFile.Load(vehiclePath);
        double topSpeed = file.RequireNumber(root, "topSpeedMetresPerSecond", 1, 100);
        var suiteCriteria = ReadCriteria(file, file.FindMapping(root, "criteria"), new VcuEnergyCriteria());

        var scenarioNodes = file.RequireSequence(root, "scenarios");
        if (scenarioNodes.Children.Count == 0)
        {
            throw file.Error(scenarioNodes, "scenarios", Messages.Get("EmptyScenarioList"));
        }

        var scenarios = new List<VcuEnergyScenario>();
        var lineByName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in scenarioNodes.Children)
        {
            var mapping = file.AsMapping(node, "scenarios");
            var scenario = ReadScenario(file, mapping, suiteCriteria, topSpeed);
            if (lineByName.TryGetValue(scenario.Name, out int earlierLine))
            {
                throw file.Error(file.Require(mapping, "name"), "name", Messages.Format("DuplicateScenarioName", scenario.Name, earlierLine));
            }

            lineByName.Add(scenario.Name, scenario.LineNumber);
            scenarios.Add(scenario);
        }

        return new VcuEnergySuite
        {
            Name = name,
            Description = file.FindString(root, "description") ?? "",
            FilePath = path,
            VehiclePath = vehiclePath,
            Vehicle = vehicle,
            TopSpeedMetresPerSecond = topSpeed,
            Scenarios = scenarios,
        };
    }

    private static VcuEnergyScenario ReadScenario(YamlFile file, YamlMappingNode mapping, VcuEnergyCriteria suiteCriteria, double topSpeed)
    {
        file.RejectUnknownKeys(mapping, "name", "description", "cycle", "strategy", "initialSoc", "repeats", "startSeconds", "endSeconds", "criteria");
        string name = file.RequireString(mapping, "name");
        if (!ScenarioNamePattern.IsMatch(name))
        {
            throw file.Error(file.Require(mapping, "name"), "name", Messages.Format("InvalidScenarioName", name));
        }

        var strategyNode = file.Require(mapping, "strategy");
        string strategyText = file.RequireString(mapping, "strategy");
        if (!StrategyNames.TryGetValue(strategyText, out var strategy))
        {
            throw file.Error(strategyNode, "strategy", Messages.Format("VcuEnergyUnknownStrategy", strategyText, string.Join(", ", StrategyNames.Keys)));
        }

        string cyclePath = file.ResolvePath(mapping, "cycle");
        var source = DriveCycleCsv.Load(cyclePath);
        double first = source.TimesSeconds[0];
        double last = source.TimesSeconds[^1];
        double start = file.FindNumber(mapping, "startSeconds", first, first, last);
        double end = file.FindNumber(mapping, "endSeconds", last, first, last);
        if (!(end >= start + 10))
        {
            throw file.Error(file.Find(mapping, "endSeconds") ?? mapping, "endSeconds", Messages.Format("VcuEnergyExcerptTooShort", start, end));
        }

        int repeats = file.FindInteger(mapping, "repeats", 1, 1, 20);
        var clipped = ConventionalBaseline.ClipToTopSpeed(source, topSpeed);
        return new VcuEnergyScenario
        {
            Name = name,
            Description = file.FindString(mapping, "description") ?? "",
            LineNumber = (int)mapping.Start.Line,
            CyclePath = cyclePath,
            Cycle = Excerpt(clipped, start, end, repeats),
            Strategy = strategy,
            InitialSoc = file.FindNumber(mapping, "initialSoc", 0.5, 0.1, 0.9),
            Repeats = repeats,
            Criteria = ReadCriteria(file, file.FindMapping(mapping, "criteria"), suiteCriteria),
        };
    }

    /// <summary>
    /// Returns the part of <paramref name="cycle"/> from <paramref name="start"/> to <paramref name="end"/>, starting at
    /// time 0, driven <paramref name="repeats"/> times with 1 s between the copies.
    /// </summary>
    public static DriveCycle Excerpt(DriveCycle cycle, double start, double end, int repeats)
    {
        var times = new List<double>();
        var speeds = new List<double>();
        var grades = new List<double>();
        double length = end - start;
        for (int copy = 0; copy < repeats; copy++)
        {
            double offset = copy * (length + 1);
            for (int i = 0; i < cycle.TimesSeconds.Length; i++)
            {
                double t = cycle.TimesSeconds[i];
                if (t >= start && t <= end)
                {
                    times.Add(t - start + offset);
                    speeds.Add(cycle.SpeedsMetresPerSecond[i]);
                    grades.Add(cycle.Grades[i]);
                }
            }
        }

        string name = repeats > 1 ? $"{cycle.Name} ×{repeats}" : cycle.Name;
        return new DriveCycle(name, [.. times], [.. speeds], [.. grades]);
    }

    private static VcuEnergyCriteria ReadCriteria(YamlFile file, YamlMappingNode? mapping, VcuEnergyCriteria defaults)
    {
        if (mapping == null)
        {
            return defaults;
        }

        file.RejectUnknownKeys(mapping, CriteriaKeys);
        var mode = defaults.FuelSavingMode;
        if (file.Find(mapping, "fuelSaving") is { } modeNode)
        {
            string text = file.RequireString(mapping, "fuelSaving");
            mode = text switch
            {
                "requirement" => FuelSavingMode.Requirement,
                "reported" => FuelSavingMode.Reported,
                _ => throw file.Error(modeNode, "fuelSaving", Messages.Format("VcuEnergyUnknownFuelSavingMode", text)),
            };
        }

        double minSoc = file.FindNumber(mapping, "minSoc", defaults.MinSoc, 0, 1);
        double maxSoc = file.FindNumber(mapping, "maxSoc", defaults.MaxSoc, 0, 1);
        if (!(maxSoc > minSoc))
        {
            throw file.Error(file.Find(mapping, "maxSoc") ?? mapping, "maxSoc", Messages.Format("VcuEnergySocWindowOrder", minSoc, maxSoc));
        }

        return new VcuEnergyCriteria
        {
            SpeedErrorRmsKmh = file.FindNumber(mapping, "speedErrorRmsKmh", defaults.SpeedErrorRmsKmh, 0.01, 100),
            MinSoc = minSoc,
            MaxSoc = maxSoc,
            EndSocTolerance = file.FindNumber(mapping, "endSocTolerance", defaults.EndSocTolerance, 0.001, 1),
            FuelSavingPercent = file.FindNumber(mapping, "fuelSavingPercent", defaults.FuelSavingPercent, -100, 100),
            FuelSavingMode = mode,
            MinEngineStarts = file.FindInteger(mapping, "minEngineStarts", defaults.MinEngineStarts, 0, 1000),
            MaxEngineStartsPerHour = file.Find(mapping, "maxEngineStartsPerHour") is null
                ? defaults.MaxEngineStartsPerHour
                : file.RequireNumber(mapping, "maxEngineStartsPerHour", 0, 3600),
            MinOnSeconds = file.FindNumber(mapping, "minOnSeconds", defaults.MinOnSeconds, 0, 3600),
            MinOffSeconds = file.FindNumber(mapping, "minOffSeconds", defaults.MinOffSeconds, 0, 3600),
            MinRegenPercent = file.FindNumber(mapping, "minRegenPercent", defaults.MinRegenPercent, 0, 100),
        };
    }
}

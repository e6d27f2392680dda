using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using Controllers.Simulation.Boards;
using Controllers.Simulation.Data;
using Controllers.Simulation.Replay;
using YamlDotNet.RepresentationModel;

namespace Controllers.Hil.Suites;

/// <summary>
/// Reads SOC estimation suite files (YAML). Top-level keys: <c>name</c>, optional <c>description</c>,
/// <c>board</c> (board file, relative to the suite file), <c>replay</c> {<c>file</c>, optional
/// <c>referenceCapacityAmpereHours</c>}, <c>criteria</c> (defaults for every scenario) and
/// <c>scenarios</c>. A scenario may set <c>capacityErrorPercent</c> (−50 to 50) and <c>cell</c> (a cell
/// definition for the estimator, relative to the suite file). Every error is a <see cref="DataFileException"/>
/// with the file, line and field.
/// </summary>
public static class SocSuiteFile
{
    /// <summary>Scenario names become CSV file names and command-line selectors, so they stay plain.</summary>
    private static readonly Regex ScenarioNamePattern = new("^[A-Za-z0-9][A-Za-z0-9._-]*$");

    /// <summary>
    /// Device names that Windows reserves in any letter case. A file name made of one of them, with or without an
    /// extension, cannot be created as a regular file there.
    /// </summary>
    private static readonly HashSet<string> WindowsReservedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    // Capacity limits of CellParameters.Validate.
    private const double MinimumCapacityAmpereHours = 0.1;
    private const double MaximumCapacityAmpereHours = 2000;

    private static readonly string[] CriteriaKeys =
        ["convergenceMinutes", "maxAbsSocErrorPercent", "rmsSocErrorPercent"];

    /// <exception cref="DataFileException">The suite, its board, cell or recording file is missing or invalid.</exception>
    public static SocSuite Load(string path)
    {
        var file = YamlFile.Load(path);
        var root = file.Root;
        file.RejectUnknownKeys(root, "name", "description", "board", "replay", "criteria", "scenarios");

        string name = ReadSuiteName(file, root);
        string description = file.FindString(root, "description") ?? "";
        var board = BoardDefinitionFile.Load(file.ResolvePath(root, "board"));

        var replay = file.RequireMapping(root, "replay");
        file.RejectUnknownKeys(replay, "file", "referenceCapacityAmpereHours");
        var recording = CellRecordingCsv.Load(file.ResolvePath(replay, "file"));
        double referenceCapacity = file.FindNumber(replay, "referenceCapacityAmpereHours",
            board.Cell.Parameters.CapacityAmpereHours, 0.001, 10000);

        var criteriaNode = file.RequireMapping(root, "criteria");
        file.RejectUnknownKeys(criteriaNode, CriteriaKeys);
        var defaults = new SocCriteria
        {
            ConvergenceMinutes = file.RequireNumber(criteriaNode, "convergenceMinutes", 0, 100000),
            MaxAbsSocErrorPercent = file.RequireNumber(criteriaNode, "maxAbsSocErrorPercent", 0, 100),
            RmsSocErrorPercent = FindOptionalNumber(file, criteriaNode, "rmsSocErrorPercent", 0, 100),
        };

        var scenarioNodes = file.RequireSequence(root, "scenarios");
        if (scenarioNodes.Children.Count == 0)
        {
            throw file.Error(scenarioNodes, "scenarios", Messages.Get("EmptyScenarioList"));
        }

        var scenarios = new List<SocSuiteScenario>();

        // Names are compared ignoring case because they become CSV file names, and 'a.csv' and 'A.csv' are the
        // same file on the default Windows and macOS file systems.
        var earlierByName = new Dictionary<string, SocSuiteScenario>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in scenarioNodes.Children)
        {
            var scenario = ReadScenario(file, file.AsMapping(node, "scenarios"), defaults, board, recording);
            if (earlierByName.TryGetValue(scenario.Name, out var earlier))
            {
                var nameNode = file.Require((YamlMappingNode)node, "name");
                string problem = earlier.Name == scenario.Name
                    ? Messages.Format("DuplicateScenarioName", scenario.Name, earlier.LineNumber)
                    : Messages.Format("ScenarioNameCaseCollision", scenario.Name, earlier.Name, earlier.LineNumber);
                throw file.Error(nameNode, "name", problem);
            }

            earlierByName.Add(scenario.Name, scenario);
            scenarios.Add(scenario);
        }

        return new SocSuite
        {
            Name = name,
            Description = description,
            FilePath = path,
            Board = board,
            Recording = recording,
            ReferenceCapacityAmpereHours = referenceCapacity,
            Scenarios = scenarios,
        };
    }

    private static SocSuiteScenario ReadScenario(YamlFile file, YamlMappingNode node, SocCriteria defaults,
        BmsBoardDefinition board, CellRecording recording)
    {
        file.RejectUnknownKeys(node, "name", "description", "startMinutes", "endMinutes", "initialSocErrorPercent",
            "capacityErrorPercent", "cell", "sensors", "criteria");

        string name = ReadScenarioName(file, node);

        double recordingMinutes = recording.DurationSeconds / 60.0;
        double start = file.FindNumber(node, "startMinutes", 0, 0, double.MaxValue);
        if (start >= recordingMinutes)
        {
            throw file.Error(file.Require(node, "startMinutes"), "startMinutes",
                Messages.Format("StartOutsideRecording", Text(start), Text(recordingMinutes)));
        }

        double? end = FindOptionalNumber(file, node, "endMinutes", 0, double.MaxValue);
        if (end is double endValue)
        {
            var endNode = file.Require(node, "endMinutes");
            if (endValue <= start)
            {
                throw file.Error(endNode, "endMinutes", Messages.Format("EndBeforeStart", Text(endValue), Text(start)));
            }

            if (endValue > recordingMinutes)
            {
                throw file.Error(endNode, "endMinutes",
                    Messages.Format("EndOutsideRecording", Text(endValue), Text(recordingMinutes)));
            }
        }

        var criteria = ReadCriteriaOverride(file, node, defaults);
        double durationMinutes = (end ?? recordingMinutes) - start;
        if (durationMinutes <= criteria.ConvergenceMinutes)
        {
            var location = file.FindMapping(node, "criteria") is { } criteriaNode &&
                           file.Find(criteriaNode, "convergenceMinutes") is { } convergenceNode
                ? convergenceNode
                : (YamlNode)node;
            throw file.Error(location, "convergenceMinutes", Messages.Format("WindowShorterThanConvergence",
                Text(durationMinutes), Text(criteria.ConvergenceMinutes)));
        }

        var cell = file.Find(node, "cell") == null ? null : CellDefinitionFile.Load(file.ResolvePath(node, "cell"));
        double capacityError = ReadCapacityError(file, node, cell ?? board.Cell);

        var sensorsNode = file.FindMapping(node, "sensors");
        return new SocSuiteScenario
        {
            Name = name,
            Description = file.FindString(node, "description") ?? "",
            StartMinutes = start,
            EndMinutes = end,
            InitialSocErrorPercent = file.FindNumber(node, "initialSocErrorPercent", 0, -100, 100),
            CapacityErrorPercent = capacityError,
            Cell = cell,
            Sensors = sensorsNode == null ? SensorErrorSettings.None : ReadSensors(file, sensorsNode, board),
            Criteria = criteria,
            LineNumber = (int)node.Start.Line,
        };
    }

    /// <summary>
    /// Reads <c>capacityErrorPercent</c> and checks that every scaled capacity of <paramref name="cell"/> stays
    /// within the 0.1 to 2000 Ah that the estimator accepts.
    /// </summary>
    private static double ReadCapacityError(YamlFile file, YamlMappingNode node, CellDefinition cell)
    {
        double percent = file.FindNumber(node, "capacityErrorPercent", 0, -50, 50);
        if (percent == 0)
        {
            return 0;
        }

        var parameters = cell.Parameters;
        double scale = 1.0 + percent / 100.0;
        double smallest = parameters.CapacityAmpereHours;
        double largest = parameters.CapacityAmpereHours;
        foreach (float capacity in parameters.CapacityByTemperatureAmpereHours)
        {
            smallest = Math.Min(smallest, capacity);
            largest = Math.Max(largest, capacity);
        }

        if (smallest * scale < MinimumCapacityAmpereHours || largest * scale > MaximumCapacityAmpereHours)
        {
            throw file.Error(file.Require(node, "capacityErrorPercent"), "capacityErrorPercent",
                Messages.Format("ScaledCapacityOutOfRange", Text(percent), Text(smallest * scale), Text(largest * scale)));
        }

        return percent;
    }

    /// <summary>Reads the suite name, which titles the report and the JUnit <c>testsuite</c>.</summary>
    internal static string ReadSuiteName(YamlFile file, YamlMappingNode root)
    {
        string name = file.RequireString(root, "name");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw file.Error(file.Require(root, "name"), "name", Messages.Get("SuiteNameEmpty"));
        }

        // XML 1.0 cannot hold most control characters, so the JUnit report could not be written.
        foreach (char character in name)
        {
            if (char.IsControl(character))
            {
                throw file.Error(file.Require(root, "name"), "name",
                    Messages.Format("NameHasControlCharacter", ((int)character).ToString("X4", CultureInfo.InvariantCulture)));
            }
        }

        return name;
    }

    /// <summary>Reads a scenario name and checks that it is a portable file name.</summary>
    private static string ReadScenarioName(YamlFile file, YamlMappingNode node)
    {
        string name = file.RequireString(node, "name");
        var nameNode = file.Require(node, "name");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw file.Error(nameNode, "name", Messages.Get("ScenarioNameEmpty"));
        }

        if (!ScenarioNamePattern.IsMatch(name))
        {
            throw file.Error(nameNode, "name", Messages.Format("InvalidScenarioName", name));
        }

        string baseName = name.Split('.')[0];
        if (WindowsReservedNames.Contains(baseName))
        {
            throw file.Error(nameNode, "name", Messages.Format("ReservedScenarioName", name, baseName.ToUpperInvariant()));
        }

        return name;
    }

    private static SocCriteria ReadCriteriaOverride(YamlFile file, YamlMappingNode scenario, SocCriteria defaults)
    {
        var node = file.FindMapping(scenario, "criteria");
        if (node == null)
        {
            return defaults;
        }

        file.RejectUnknownKeys(node, CriteriaKeys);
        return new SocCriteria
        {
            ConvergenceMinutes = file.FindNumber(node, "convergenceMinutes", defaults.ConvergenceMinutes, 0, 100000),
            MaxAbsSocErrorPercent = file.FindNumber(node, "maxAbsSocErrorPercent", defaults.MaxAbsSocErrorPercent, 0, 100),
            RmsSocErrorPercent = FindOptionalNumber(file, node, "rmsSocErrorPercent", 0, 100) ?? defaults.RmsSocErrorPercent,
        };
    }

    /// <summary>Converts the suite's sensor keys (percent, millivolts) to <see cref="SensorErrorSettings"/> units.</summary>
    private static SensorErrorSettings ReadSensors(YamlFile file, YamlMappingNode node, BmsBoardDefinition board)
    {
        file.RejectUnknownKeys(node, "voltageNoisePercent", "voltageOffsetMillivolts", "voltageGainErrorPercent",
            "currentOffsetPercentFullScale", "currentOffsetAmperes", "currentNoiseAmperes", "currentGainErrorPercent",
            "temperatureOffsetCelsius", "temperatureNoiseCelsius", "seed");

        double currentOffset = file.FindNumber(node, "currentOffsetAmperes", 0, -10000, 10000);
        if (file.Find(node, "currentOffsetPercentFullScale") is { } percentNode)
        {
            if (file.Find(node, "currentOffsetAmperes") != null)
            {
                throw file.Error(percentNode, "currentOffsetPercentFullScale", Messages.Get("ConflictingCurrentOffset"));
            }

            double percent = file.ParseNumber(percentNode, "currentOffsetPercentFullScale", -100, 100);
            currentOffset = percent / 100.0 * board.CurrentSensorFullScaleAmperes;
        }

        int seed = SensorErrorSettings.None.Seed;
        if (file.Find(node, "seed") is { } seedNode)
        {
            double value = file.ParseNumber(seedNode, "seed", 0, int.MaxValue);
            if (value != System.Math.Floor(value))
            {
                throw file.Error(seedNode, "seed", Messages.Format("NotAnInteger", Text(value)));
            }

            seed = (int)value;
        }

        return new SensorErrorSettings
        {
            VoltageNoiseFraction = file.FindNumber(node, "voltageNoisePercent", 0, 0, 10) / 100.0,
            VoltageOffsetVolts = file.FindNumber(node, "voltageOffsetMillivolts", 0, -1000, 1000) / 1000.0,
            VoltageGainError = file.FindNumber(node, "voltageGainErrorPercent", 0, -20, 20) / 100.0,
            CurrentOffsetAmperes = currentOffset,
            CurrentNoiseAmperes = file.FindNumber(node, "currentNoiseAmperes", 0, 0, 10000),
            CurrentGainError = file.FindNumber(node, "currentGainErrorPercent", 0, -50, 50) / 100.0,
            TemperatureOffsetCelsius = file.FindNumber(node, "temperatureOffsetCelsius", 0, -50, 50),
            TemperatureNoiseCelsius = file.FindNumber(node, "temperatureNoiseCelsius", 0, 0, 50),
            Seed = seed,
        };
    }

    private static double? FindOptionalNumber(YamlFile file, YamlMappingNode mapping, string key, double minimum,
        double maximum)
    {
        var node = file.Find(mapping, key);
        return node == null ? null : file.ParseNumber(node, key, minimum, maximum);
    }

    private static string Text(double value) => value.ToString("0.###", CultureInfo.CurrentCulture);
}

using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using Controllers.Hil.Suites;
using Controllers.Simulation.Data;
using Controllers.Simulation.Vehicle;
using YamlDotNet.RepresentationModel;

namespace Controllers.Hil.Vehicle;

/// <summary>
/// Reads <c>vcu-network-sleep</c> suite files (YAML). Top-level keys: <c>kind: vcu-network-sleep</c>, <c>name</c>,
/// optional <c>description</c>, <c>vehicle</c> (a vehicle definition file, required by thermal-load scenarios) and
/// <c>scenarios</c>. A scenario has <c>name</c>, <c>type</c>, optional
/// <c>description</c> and <c>expect</c>, and the keys of its type:
/// <c>key-off-sleep</c> (<c>driveSeconds</c>, <c>supplyVolts</c>), <c>wake</c> (<c>source</c>: key, charge-plug,
/// network or timer; <c>supplyVolts</c>, <c>holdSeconds</c>), <c>coordinated-sleep</c> (<c>node</c>,
/// <c>holdSeconds</c>), <c>lost-node</c> (<c>node</c>, <c>driveSeconds</c>), <c>bus-off</c> (<c>driveSeconds</c>,
/// <c>shortSeconds</c>), <c>after-run</c> (<c>driveSeconds</c>, <c>motorCelsius</c>) and <c>thermal-load</c>
/// (<c>ambientCelsius</c>, <c>speedRpm</c>, <c>torqueNewtonMetres</c>, <c>holdSeconds</c>, <c>fanFailed</c>). <c>expect</c> takes the limits
/// of <see cref="VcuSleepExpectation"/> under their camel-case names. Every error is a <see cref="DataFileException"/>
/// with the file, line and key.
/// </summary>
public static class VcuNetworkSleepSuiteFile
{
    /// <summary>Value of the top-level <c>kind</c> key that selects this suite format.</summary>
    public const string Kind = "vcu-network-sleep";

    private static readonly Regex ScenarioNamePattern = new("^[A-Za-z0-9][A-Za-z0-9._-]*$");

    private static readonly Dictionary<string, VcuSleepScenarioType> TypeNames = new(StringComparer.Ordinal)
    {
        ["key-off-sleep"] = VcuSleepScenarioType.KeyOffSleep,
        ["wake"] = VcuSleepScenarioType.Wake,
        ["coordinated-sleep"] = VcuSleepScenarioType.CoordinatedSleep,
        ["lost-node"] = VcuSleepScenarioType.LostNode,
        ["bus-off"] = VcuSleepScenarioType.BusOff,
        ["after-run"] = VcuSleepScenarioType.AfterRun,
        ["thermal-load"] = VcuSleepScenarioType.ThermalLoad,
    };

    private static readonly Dictionary<string, VcuWakeSource> SourceNames = new(StringComparer.Ordinal)
    {
        ["key"] = VcuWakeSource.Key,
        ["charge-plug"] = VcuWakeSource.ChargePlug,
        ["network"] = VcuWakeSource.Network,
        ["timer"] = VcuWakeSource.Timer,
    };

    private static readonly string[] NodeNames = ["BMS", "MCU", "GCU", "OBC"];

    /// <summary>Returns the name a suite file uses for <paramref name="source"/>.</summary>
    public static string SourceName(VcuWakeSource source)
    {
        foreach (var (name, value) in SourceNames)
        {
            if (value == source)
            {
                return name;
            }
        }

        return source.ToString();
    }

    /// <exception cref="DataFileException">The suite file is missing or invalid.</exception>
    public static VcuNetworkSleepSuite Load(string path)
    {
        var file = YamlFile.Load(path);
        var root = file.Root;
        file.RejectUnknownKeys(root, "kind", "name", "description", "vehicle", "scenarios");
        string kind = file.RequireString(root, "kind");
        if (kind != Kind)
        {
            throw file.Error(file.Require(root, "kind"), "kind", Messages.Format("UnknownSuiteKind", kind));
        }

        string name = SocSuiteFile.ReadSuiteName(file, root);
        VehicleDefinition? vehicle = file.Find(root, "vehicle") is null ? null : VehicleDefinitionFile.Load(file.ResolvePath(root, "vehicle"));
        var scenarioNodes = file.RequireSequence(root, "scenarios");
        if (scenarioNodes.Children.Count == 0)
        {
            throw file.Error(scenarioNodes, "scenarios", Messages.Get("EmptyScenarioList"));
        }

        var scenarios = new List<VcuNetworkSleepScenario>();
        var lineByName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in scenarioNodes.Children)
        {
            var mapping = file.AsMapping(node, "scenarios");
            var scenario = ReadScenario(file, mapping);
            if (lineByName.TryGetValue(scenario.Name, out int earlierLine))
            {
                throw file.Error(file.Require(mapping, "name"), "name", Messages.Format("DuplicateScenarioName", scenario.Name, earlierLine));
            }

            if (scenario.Type == VcuSleepScenarioType.ThermalLoad && vehicle == null)
            {
                throw file.Error(root, "vehicle", Messages.Format("VcuSleepVehicleMissing", scenario.Name));
            }

            lineByName.Add(scenario.Name, scenario.LineNumber);
            scenarios.Add(scenario);
        }

        return new VcuNetworkSleepSuite
        {
            Name = name,
            Description = file.FindString(root, "description") ?? "",
            FilePath = path,
            Vehicle = vehicle,
            Scenarios = scenarios,
        };
    }

    private static VcuNetworkSleepScenario ReadScenario(YamlFile file, YamlMappingNode mapping)
    {
        string name = file.RequireString(mapping, "name");
        if (!ScenarioNamePattern.IsMatch(name))
        {
            throw file.Error(file.Require(mapping, "name"), "name", Messages.Format("InvalidScenarioName", name));
        }

        string typeText = file.RequireString(mapping, "type");
        if (!TypeNames.TryGetValue(typeText, out var type))
        {
            throw file.Error(file.Require(mapping, "type"), "type",
                Messages.Format("VcuSleepUnknownScenarioType", typeText, string.Join(", ", TypeNames.Keys)));
        }

        string[] common = ["name", "type", "description", "expect"];
        string[] specific = type switch
        {
            VcuSleepScenarioType.KeyOffSleep => ["driveSeconds", "supplyVolts"],
            VcuSleepScenarioType.Wake => ["source", "supplyVolts", "holdSeconds"],
            VcuSleepScenarioType.CoordinatedSleep => ["node", "holdSeconds"],
            VcuSleepScenarioType.LostNode => ["node", "driveSeconds"],
            VcuSleepScenarioType.BusOff => ["driveSeconds", "shortSeconds"],
            VcuSleepScenarioType.AfterRun => ["driveSeconds", "motorCelsius"],
            _ => ["ambientCelsius", "speedRpm", "torqueNewtonMetres", "holdSeconds", "fanFailed"],
        };
        file.RejectUnknownKeys(mapping, [.. common, .. specific]);

        var source = VcuWakeSource.Key;
        if (type == VcuSleepScenarioType.Wake)
        {
            string sourceText = file.RequireString(mapping, "source");
            if (!SourceNames.TryGetValue(sourceText, out source))
            {
                throw file.Error(file.Require(mapping, "source"), "source",
                    Messages.Format("VcuSleepUnknownWakeSource", sourceText, string.Join(", ", SourceNames.Keys)));
            }
        }

        string node = "OBC";
        if (file.Find(mapping, "node") is { } nodeKey)
        {
            node = file.RequireString(mapping, "node");
            if (Array.IndexOf(NodeNames, node) < 0)
            {
                throw file.Error(nodeKey, "node", Messages.Format("VcuSleepUnknownNode", node, string.Join(", ", NodeNames)));
            }
        }
        else if (type == VcuSleepScenarioType.LostNode)
        {
            node = "MCU";
        }

        return new VcuNetworkSleepScenario
        {
            Name = name,
            Description = file.FindString(mapping, "description") ?? "",
            LineNumber = (int)mapping.Start.Line,
            Type = type,
            DriveSeconds = file.FindNumber(mapping, "driveSeconds", 5, 1, 600),
            Source = source,
            SupplyVolts = file.FindNumber(mapping, "supplyVolts", 13.5, 6, 18),
            HoldSeconds = file.FindNumber(mapping, "holdSeconds", type == VcuSleepScenarioType.ThermalLoad ? 1800 : 5, 0.1, 14400),
            Node = node,
            ShortSeconds = file.FindNumber(mapping, "shortSeconds", 5, 0.1, 60),
            MotorCelsius = file.FindNumber(mapping, "motorCelsius", 90, -40, 200),
            AmbientCelsius = file.FindNumber(mapping, "ambientCelsius", 40, -40, 60),
            SpeedRpm = type == VcuSleepScenarioType.ThermalLoad ? file.RequireNumber(mapping, "speedRpm", 0, 20000) : 0,
            TorqueNewtonMetres = type == VcuSleepScenarioType.ThermalLoad ? file.RequireNumber(mapping, "torqueNewtonMetres", 0, 1000) : 0,
            FanFailed = ReadBoolean(file, mapping, "fanFailed"),
            Expect = ReadExpectation(file, file.FindMapping(mapping, "expect")),
        };
    }

    private static VcuSleepExpectation ReadExpectation(YamlFile file, YamlMappingNode? mapping)
    {
        var defaults = new VcuSleepExpectation();
        if (mapping == null)
        {
            return defaults;
        }

        file.RejectUnknownKeys(mapping, "sleepWithinSeconds", "sleepCurrentMilliamps", "latencyMilliseconds", "dtcWithinMilliseconds",
            "fastPauseMilliseconds", "slowPauseMilliseconds", "dtcAfterBusOffs", "recoveryWithinMilliseconds", "afterRunSeconds",
            "motorDerateStartCelsius", "motorDerateEndCelsius", "inverterDerateStartCelsius", "inverterDerateEndCelsius", "torqueCapTolerance");
        return new VcuSleepExpectation
        {
            SleepWithinSeconds = file.FindNumber(mapping, "sleepWithinSeconds", defaults.SleepWithinSeconds, 0.01, 3600),
            SleepCurrentMilliamps = file.FindNumber(mapping, "sleepCurrentMilliamps", defaults.SleepCurrentMilliamps, 0.001, 1000),
            LatencyMilliseconds = file.FindNumber(mapping, "latencyMilliseconds", defaults.LatencyMilliseconds, 1, 60000),
            DtcWithinMilliseconds = file.FindNumber(mapping, "dtcWithinMilliseconds", defaults.DtcWithinMilliseconds, 1, 60000),
            FastPauseMilliseconds = file.FindNumber(mapping, "fastPauseMilliseconds", defaults.FastPauseMilliseconds, 1, 60000),
            SlowPauseMilliseconds = file.FindNumber(mapping, "slowPauseMilliseconds", defaults.SlowPauseMilliseconds, 1, 60000),
            DtcAfterBusOffs = file.FindInteger(mapping, "dtcAfterBusOffs", defaults.DtcAfterBusOffs, 1, 100),
            RecoveryWithinMilliseconds = file.FindNumber(mapping, "recoveryWithinMilliseconds", defaults.RecoveryWithinMilliseconds, 1, 600000),
            AfterRunSeconds = file.FindNumber(mapping, "afterRunSeconds", defaults.AfterRunSeconds, 0, 3600),
            MotorDerateStartCelsius = file.FindNumber(mapping, "motorDerateStartCelsius", defaults.MotorDerateStartCelsius, -40, 250),
            MotorDerateEndCelsius = file.FindNumber(mapping, "motorDerateEndCelsius", defaults.MotorDerateEndCelsius, -40, 250),
            InverterDerateStartCelsius = file.FindNumber(mapping, "inverterDerateStartCelsius", defaults.InverterDerateStartCelsius, -40, 250),
            InverterDerateEndCelsius = file.FindNumber(mapping, "inverterDerateEndCelsius", defaults.InverterDerateEndCelsius, -40, 250),
            TorqueCapTolerance = file.FindNumber(mapping, "torqueCapTolerance", defaults.TorqueCapTolerance, 0, 1),
        };
    }

    private static bool ReadBoolean(YamlFile file, YamlMappingNode mapping, string key)
    {
        if (file.Find(mapping, key) is not { } node)
        {
            return false;
        }

        string text = file.RequireString(mapping, key);
        return text switch
        {
            "true" => true,
            "false" => false,
            _ => throw file.Error(node, key, Messages.Format("VcuSleepInvalidBoolean", text)),
        };
    }
}

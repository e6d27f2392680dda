using System;
using System.Collections.Generic;
using System.Reflection;
using System.Text.RegularExpressions;
using Controllers.Firmware.Vcu;
using Controllers.Firmware.Vcu.Intention;
using Controllers.Firmware.Vcu.Monitoring;
using Controllers.Hil.Suites;
using Controllers.Simulation.Data;
using Controllers.Simulation.Vehicle;
using YamlDotNet.RepresentationModel;

namespace Controllers.Hil.Vehicle;

/// <summary>
/// Reads <c>vcu-torque</c> suite files (YAML). Top-level keys: <c>kind: vcu-torque</c>, <c>name</c>, optional
/// <c>description</c>, <c>vehicle</c> (a vehicle definition file), optional <c>criteria</c>
/// {<c>responseMilliseconds</c>, <c>accuracyPercent</c>} and <c>scenarios</c>. A scenario has <c>name</c>,
/// <c>type</c> (<c>step</c>, <c>accuracy</c> or <c>fault</c>), optional <c>description</c>, <c>driveMode</c>
/// (eco, normal, sport, tow), <c>feedbackGainErrorPercent</c>, <c>actuationGainErrorPercent</c> and <c>criteria</c>.
/// A step has <c>speedKmh</c>, <c>pedalFromPercent</c>, <c>pedalToPercent</c>; an accuracy grid has lists
/// <c>speedKmh</c> and <c>pedalPercent</c> and <c>holdSeconds</c>; a fault has <c>fault</c>, <c>speedKmh</c>,
/// <c>pedalPercent</c> and <c>expect</c> {<c>torqueAtMostNewtonMetres</c>, <c>reaction</c>, <c>dtc</c>,
/// <c>withinMilliseconds</c>, <c>observeMilliseconds</c>}. Every error is a <see cref="DataFileException"/> with the
/// file, line and key.
/// </summary>
public static class VcuTorqueSuiteFile
{
    /// <summary>Value of the top-level <c>kind</c> key that selects this suite format.</summary>
    public const string Kind = "vcu-torque";

    private static readonly Regex ScenarioNamePattern = new("^[A-Za-z0-9][A-Za-z0-9._-]*$");

    private static readonly Dictionary<string, VcuFault> FaultNames = new(StringComparer.Ordinal)
    {
        ["track1-short-to-ground"] = VcuFault.Track1ShortToGround,
        ["track1-short-to-supply"] = VcuFault.Track1ShortToSupply,
        ["track2-short-to-ground"] = VcuFault.Track2ShortToGround,
        ["track2-short-to-supply"] = VcuFault.Track2ShortToSupply,
        ["track-correlation"] = VcuFault.TrackCorrelation,
        ["brake-sensor-range"] = VcuFault.BrakeSensorRange,
        ["brake-switch-stuck-closed"] = VcuFault.BrakeSwitchStuckClosed,
        ["brake-override"] = VcuFault.BrakeOverride,
        ["supply-undervoltage"] = VcuFault.SupplyUndervoltage,
        ["supply-overvoltage"] = VcuFault.SupplyOvervoltage,
        ["motor-overtorque"] = VcuFault.MotorOvertorque,
        ["mcu-silent"] = VcuFault.McuSilent,
    };

    private static readonly Dictionary<string, DriveMode> DriveModeNames = new(StringComparer.Ordinal)
    {
        ["eco"] = DriveMode.Eco,
        ["normal"] = DriveMode.Normal,
        ["sport"] = DriveMode.Sport,
        ["tow"] = DriveMode.Tow,
    };

    private static readonly Dictionary<string, MonitorReaction> ReactionNames = new(StringComparer.Ordinal)
    {
        ["none"] = MonitorReaction.None,
        ["zero-torque"] = MonitorReaction.ZeroTorque,
        ["shutdown"] = MonitorReaction.Shutdown,
    };

    /// <summary>Returns the name a suite file uses for <paramref name="fault"/>.</summary>
    public static string FaultName(VcuFault fault)
    {
        foreach (var (name, value) in FaultNames)
        {
            if (value == fault)
            {
                return name;
            }
        }

        return fault.ToString();
    }

    /// <exception cref="DataFileException">The suite or its vehicle file is missing or invalid.</exception>
    public static VcuTorqueSuite Load(string path)
    {
        var file = YamlFile.Load(path);
        var root = file.Root;
        file.RejectUnknownKeys(root, "kind", "name", "description", "vehicle", "criteria", "scenarios");
        string kind = file.RequireString(root, "kind");
        if (kind != Kind)
        {
            throw file.Error(file.Require(root, "kind"), "kind", Messages.Format("UnknownSuiteKind", kind));
        }

        string name = SocSuiteFile.ReadSuiteName(file, root);
        string vehiclePath = file.ResolvePath(root, "vehicle");
        var vehicle = VehicleDefinitionFile.Load(vehiclePath);
        var suiteCriteria = ReadCriteria(file, file.FindMapping(root, "criteria"), new VcuTorqueCriteria());

        var scenarioNodes = file.RequireSequence(root, "scenarios");
        if (scenarioNodes.Children.Count == 0)
        {
            throw file.Error(scenarioNodes, "scenarios", Messages.Get("EmptyScenarioList"));
        }

        var scenarios = new List<VcuTorqueScenario>();
        var lineByName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in scenarioNodes.Children)
        {
            var mapping = file.AsMapping(node, "scenarios");
            var scenario = ReadScenario(file, mapping, suiteCriteria);
            if (lineByName.TryGetValue(scenario.Name, out int earlierLine))
            {
                throw file.Error(file.Require(mapping, "name"), "name", Messages.Format("DuplicateScenarioName", scenario.Name, earlierLine));
            }

            lineByName.Add(scenario.Name, scenario.LineNumber);
            scenarios.Add(scenario);
        }

        return new VcuTorqueSuite
        {
            Name = name,
            Description = file.FindString(root, "description") ?? "",
            FilePath = path,
            VehiclePath = vehiclePath,
            Vehicle = vehicle,
            Scenarios = scenarios,
        };
    }

    private static VcuTorqueScenario ReadScenario(YamlFile file, YamlMappingNode mapping, VcuTorqueCriteria suiteCriteria)
    {
        string name = file.RequireString(mapping, "name");
        if (!ScenarioNamePattern.IsMatch(name))
        {
            throw file.Error(file.Require(mapping, "name"), "name", Messages.Format("InvalidScenarioName", name));
        }

        var typeNode = file.Require(mapping, "type");
        string typeText = file.RequireString(mapping, "type");
        VcuScenarioType type = typeText switch
        {
            "step" => VcuScenarioType.Step,
            "accuracy" => VcuScenarioType.Accuracy,
            "fault" => VcuScenarioType.Fault,
            _ => throw file.Error(typeNode, "type", Messages.Format("VcuUnknownScenarioType", typeText)),
        };

        string[] common = ["name", "type", "description", "driveMode", "feedbackGainErrorPercent", "actuationGainErrorPercent", "criteria"];
        string[] specific = type switch
        {
            VcuScenarioType.Step => ["speedKmh", "pedalFromPercent", "pedalToPercent"],
            VcuScenarioType.Accuracy => ["speedKmh", "pedalPercent", "holdSeconds"],
            _ => ["speedKmh", "pedalPercent", "fault", "expect"],
        };
        file.RejectUnknownKeys(mapping, [.. common, .. specific]);

        var mode = DriveMode.Normal;
        if (file.Find(mapping, "driveMode") is { } modeNode)
        {
            string modeText = file.RequireString(mapping, "driveMode");
            if (!DriveModeNames.TryGetValue(modeText, out mode))
            {
                throw file.Error(modeNode, "driveMode", Messages.Format("VcuUnknownDriveMode", modeText));
            }
        }

        var criteria = ReadCriteria(file, file.FindMapping(mapping, "criteria"), suiteCriteria);
        double feedbackError = file.FindNumber(mapping, "feedbackGainErrorPercent", 0, -50, 50);
        double actuationError = file.FindNumber(mapping, "actuationGainErrorPercent", 0, -50, 50);
        string description = file.FindString(mapping, "description") ?? "";
        int line = (int)mapping.Start.Line;

        switch (type)
        {
            case VcuScenarioType.Step:
            {
                double from = file.RequireNumber(mapping, "pedalFromPercent", 0, 100);
                double to = file.RequireNumber(mapping, "pedalToPercent", 0, 100);
                if (!(to >= from + 10))
                {
                    throw file.Error(file.Require(mapping, "pedalToPercent"), "pedalToPercent", Messages.Format("VcuPedalStepOrder", from, to));
                }

                return new VcuTorqueScenario
                {
                    Name = name, Description = description, LineNumber = line, Type = type, DriveMode = mode, Criteria = criteria,
                    FeedbackGainErrorPercent = feedbackError, ActuationGainErrorPercent = actuationError,
                    SpeedsKmh = [file.RequireNumber(mapping, "speedKmh", 0, 60)],
                    PedalFromPercent = from, PedalToPercent = to,
                };
            }

            case VcuScenarioType.Accuracy:
                return new VcuTorqueScenario
                {
                    Name = name, Description = description, LineNumber = line, Type = type, DriveMode = mode, Criteria = criteria,
                    FeedbackGainErrorPercent = feedbackError, ActuationGainErrorPercent = actuationError,
                    SpeedsKmh = ToDoubles(file.RequireNumberList(mapping, "speedKmh", 0, 60), file, mapping, "speedKmh"),
                    PedalsPercent = ToDoubles(file.RequireNumberList(mapping, "pedalPercent", 5, 100), file, mapping, "pedalPercent"),
                    HoldSeconds = file.FindNumber(mapping, "holdSeconds", 3, 0.5, 60),
                };

            default:
            {
                var faultNode = file.Require(mapping, "fault");
                string faultText = file.RequireString(mapping, "fault");
                if (!FaultNames.TryGetValue(faultText, out var fault))
                {
                    throw file.Error(faultNode, "fault", Messages.Format("VcuUnknownFault", faultText, string.Join(", ", FaultNames.Keys)));
                }

                return new VcuTorqueScenario
                {
                    Name = name, Description = description, LineNumber = line, Type = type, DriveMode = mode, Criteria = criteria,
                    FeedbackGainErrorPercent = feedbackError, ActuationGainErrorPercent = actuationError,
                    SpeedsKmh = [file.RequireNumber(mapping, "speedKmh", 0, 60)],
                    PedalsPercent = [file.RequireNumber(mapping, "pedalPercent", 0, 100)],
                    Fault = fault,
                    Expect = ReadExpectation(file, file.RequireMapping(mapping, "expect")),
                };
            }
        }
    }

    private static VcuFaultExpectation ReadExpectation(YamlFile file, YamlMappingNode mapping)
    {
        file.RejectUnknownKeys(mapping, "torqueAtMostNewtonMetres", "reaction", "dtc", "withinMilliseconds", "observeMilliseconds");
        double? torque = file.Find(mapping, "torqueAtMostNewtonMetres") is null ? null : file.RequireNumber(mapping, "torqueAtMostNewtonMetres", 0, 500);

        MonitorReaction? reaction = null;
        if (file.Find(mapping, "reaction") is { } reactionNode)
        {
            string text = file.RequireString(mapping, "reaction");
            if (!ReactionNames.TryGetValue(text, out var parsed))
            {
                throw file.Error(reactionNode, "reaction", Messages.Format("VcuUnknownReaction", text));
            }

            reaction = parsed;
        }

        string? dtcName = null;
        uint dtc = 0;
        if (file.Find(mapping, "dtc") is { } dtcNode)
        {
            dtcName = file.RequireString(mapping, "dtc");
            var field = typeof(VcuDtc).GetField(dtcName, BindingFlags.Public | BindingFlags.Static);
            if (field == null || field.FieldType != typeof(uint))
            {
                throw file.Error(dtcNode, "dtc", Messages.Format("VcuUnknownDtc", dtcName, string.Join(", ", DtcNames())));
            }

            dtc = (uint)field.GetValue(null)!;
        }

        double within = file.FindNumber(mapping, "withinMilliseconds", 200, 1, 10000);
        double observe = file.FindNumber(mapping, "observeMilliseconds", 1000, 100, 60000);
        if (!(observe > within))
        {
            throw file.Error(mapping, "observeMilliseconds", Messages.Format("VcuObserveShorterThanWithin", observe, within));
        }

        if (torque == null && reaction == null && dtcName == null)
        {
            throw file.Error(mapping, "expect", Messages.Get("VcuEmptyExpectation"));
        }

        return new VcuFaultExpectation
        {
            TorqueAtMostNewtonMetres = torque,
            Reaction = reaction,
            DtcName = dtcName,
            Dtc = dtc,
            WithinMilliseconds = within,
            ObserveMilliseconds = observe,
        };
    }

    private static VcuTorqueCriteria ReadCriteria(YamlFile file, YamlMappingNode? mapping, VcuTorqueCriteria defaults)
    {
        if (mapping == null)
        {
            return defaults;
        }

        file.RejectUnknownKeys(mapping, "responseMilliseconds", "accuracyPercent");
        return new VcuTorqueCriteria
        {
            ResponseMilliseconds = file.FindNumber(mapping, "responseMilliseconds", defaults.ResponseMilliseconds, 1, 10000),
            AccuracyPercent = file.FindNumber(mapping, "accuracyPercent", defaults.AccuracyPercent, 0.01, 100),
        };
    }

    private static double[] ToDoubles(float[] values, YamlFile file, YamlMappingNode mapping, string key)
    {
        if (values.Length == 0)
        {
            throw file.Error(file.Require(mapping, key), key, Messages.Get("VcuEmptyList"));
        }

        return Array.ConvertAll(values, value => (double)value);
    }

    private static IEnumerable<string> DtcNames()
    {
        foreach (var field in typeof(VcuDtc).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (field.FieldType == typeof(uint))
            {
                yield return field.Name;
            }
        }
    }
}

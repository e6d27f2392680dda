using System;
using System.Collections.Generic;
using System.Reflection;
using System.Text.RegularExpressions;
using Controllers.Firmware.Vcu;
using Controllers.Hil.Suites;
using Controllers.Simulation.Data;
using Controllers.Simulation.Vehicle;
using YamlDotNet.RepresentationModel;

namespace Controllers.Hil.Vehicle;

/// <summary>
/// Reads <c>vcu-high-voltage</c> suite files (YAML). Top-level keys: <c>kind: vcu-high-voltage</c>, <c>name</c>,
/// optional <c>description</c>, <c>vehicle</c> (a vehicle definition file), optional <c>criteria</c> and
/// <c>scenarios</c>. A scenario has <c>name</c>, <c>type</c> (<c>power-on</c>, <c>power-off</c>,
/// <c>precharge-failure</c>, <c>welded-contactor</c>, <c>fault</c> or <c>charging</c>) and optional
/// <c>description</c>, <c>speedKmh</c>, <c>pedalPercent</c>, <c>observeMilliseconds</c>, <c>dtc</c>,
/// <c>contactorsOpenMilliseconds</c> with <c>limitSource</c>; a weld has <c>welded</c> (positive, negative or both); a fault has <c>fault</c> and, for the insulation
/// faults, <c>insulationKiloohms</c>; a charge has <c>bmsChargeLimitsAmperes</c> and <c>chargeSecondsPerLimit</c>.
/// Every error is a <see cref="DataFileException"/> with the file, line and key.
/// </summary>
public static class VcuHighVoltageSuiteFile
{
    /// <summary>Value of the top-level <c>kind</c> key that selects this suite format.</summary>
    public const string Kind = "vcu-high-voltage";

    private static readonly Regex ScenarioNamePattern = new("^[A-Za-z0-9][A-Za-z0-9._-]*$");

    private static readonly Dictionary<string, VcuHvScenarioType> TypeNames = new(StringComparer.Ordinal)
    {
        ["power-on"] = VcuHvScenarioType.PowerOn,
        ["power-off"] = VcuHvScenarioType.PowerOff,
        ["precharge-failure"] = VcuHvScenarioType.PrechargeFailure,
        ["welded-contactor"] = VcuHvScenarioType.WeldedContactor,
        ["fault"] = VcuHvScenarioType.Fault,
        ["charging"] = VcuHvScenarioType.Charging,
    };

    private static readonly Dictionary<string, VcuHvFault> FaultNames = new(StringComparer.Ordinal)
    {
        ["hvil-open"] = VcuHvFault.HvilOpen,
        ["insulation-warning"] = VcuHvFault.InsulationWarning,
        ["insulation-fault"] = VcuHvFault.InsulationFault,
        ["bms-contactors-opening"] = VcuHvFault.BmsContactorsOpening,
        ["crash"] = VcuHvFault.Crash,
    };

    /// <exception cref="DataFileException">The suite or its vehicle file is missing or invalid.</exception>
    public static VcuHighVoltageSuite Load(string path)
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
        var criteria = ReadCriteria(file, file.FindMapping(root, "criteria"));

        var scenarioNodes = file.RequireSequence(root, "scenarios");
        if (scenarioNodes.Children.Count == 0)
        {
            throw file.Error(scenarioNodes, "scenarios", Messages.Get("EmptyScenarioList"));
        }

        var scenarios = new List<VcuHighVoltageScenario>();
        var lineByName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in scenarioNodes.Children)
        {
            var mapping = file.AsMapping(node, "scenarios");
            var scenario = ReadScenario(file, mapping, criteria);
            if (lineByName.TryGetValue(scenario.Name, out int earlierLine))
            {
                throw file.Error(file.Require(mapping, "name"), "name", Messages.Format("DuplicateScenarioName", scenario.Name, earlierLine));
            }

            lineByName.Add(scenario.Name, scenario.LineNumber);
            scenarios.Add(scenario);
        }

        return new VcuHighVoltageSuite
        {
            Name = name,
            Description = file.FindString(root, "description") ?? "",
            FilePath = path,
            VehiclePath = vehiclePath,
            Vehicle = vehicle,
            Scenarios = scenarios,
        };
    }

    private static VcuHighVoltageScenario ReadScenario(YamlFile file, YamlMappingNode mapping, VcuHighVoltageCriteria criteria)
    {
        file.RejectUnknownKeys(mapping, "name", "type", "description", "speedKmh", "pedalPercent", "fault", "insulationKiloohms",
            "contactorsOpenMilliseconds", "limitSource", "dtc", "observeMilliseconds", "bmsChargeLimitsAmperes", "chargeSecondsPerLimit", "welded");
        string name = file.RequireString(mapping, "name");
        if (!ScenarioNamePattern.IsMatch(name))
        {
            throw file.Error(file.Require(mapping, "name"), "name", Messages.Format("InvalidScenarioName", name));
        }

        string typeText = file.RequireString(mapping, "type");
        if (!TypeNames.TryGetValue(typeText, out var type))
        {
            throw file.Error(file.Require(mapping, "type"), "type",
                Messages.Format("VcuHvUnknownScenarioType", typeText, string.Join(", ", TypeNames.Keys)));
        }

        VcuHvFault? fault = null;
        if (type == VcuHvScenarioType.Fault)
        {
            string faultText = file.RequireString(mapping, "fault");
            if (!FaultNames.TryGetValue(faultText, out var parsed))
            {
                throw file.Error(file.Require(mapping, "fault"), "fault",
                    Messages.Format("VcuUnknownFault", faultText, string.Join(", ", FaultNames.Keys)));
            }

            fault = parsed;
        }
        else if (file.Find(mapping, "fault") is { } faultNode)
        {
            throw file.Error(faultNode, "fault", Messages.Format("VcuHvKeyOnlyFor", "fault", "fault"));
        }

        bool insulation = fault is VcuHvFault.InsulationWarning or VcuHvFault.InsulationFault;
        double insulationKiloohms = insulation ? file.RequireNumber(mapping, "insulationKiloohms", 1, 100000) : 0;
        if (!insulation && file.Find(mapping, "insulationKiloohms") is { } insulationNode)
        {
            throw file.Error(insulationNode, "insulationKiloohms", Messages.Format("VcuHvKeyOnlyFor", "insulationKiloohms", "insulation-warning, insulation-fault"));
        }

        double? openLimit = file.Find(mapping, "contactorsOpenMilliseconds") is null
            ? null
            : file.RequireNumber(mapping, "contactorsOpenMilliseconds", 1, 60000);
        string limitSource = file.FindString(mapping, "limitSource") ?? "";
        if (openLimit != null && limitSource.Length == 0)
        {
            throw file.Error(mapping, "limitSource", Messages.Get("VcuHvLimitSourceMissing"));
        }

        IReadOnlyList<double> chargeLimits = [];
        if (type == VcuHvScenarioType.Charging)
        {
            float[] values = file.RequireNumberList(mapping, "bmsChargeLimitsAmperes", 0.5, 200);
            if (values.Length == 0)
            {
                throw file.Error(file.Require(mapping, "bmsChargeLimitsAmperes"), "bmsChargeLimitsAmperes", Messages.Get("VcuEmptyList"));
            }

            chargeLimits = Array.ConvertAll(values, value => (double)value);
        }

        IReadOnlyList<HighVoltageContactor> welded = [HighVoltageContactor.Positive];
        if (file.Find(mapping, "welded") is { } weldedNode)
        {
            if (type != VcuHvScenarioType.WeldedContactor)
            {
                throw file.Error(weldedNode, "welded", Messages.Format("VcuHvKeyOnlyFor", "welded", "welded-contactor"));
            }

            string weldedText = file.RequireString(mapping, "welded");
            welded = weldedText switch
            {
                "positive" => [HighVoltageContactor.Positive],
                "negative" => [HighVoltageContactor.Negative],
                "both" => [HighVoltageContactor.Positive, HighVoltageContactor.Negative],
                _ => throw file.Error(weldedNode, "welded", Messages.Format("VcuHvUnknownWelded", weldedText)),
            };
        }

        string? dtcName = file.FindString(mapping, "dtc");
        uint dtc = 0;
        if (dtcName != null)
        {
            var field = typeof(VcuDtc).GetField(dtcName, BindingFlags.Public | BindingFlags.Static);
            if (field == null || field.FieldType != typeof(uint))
            {
                throw file.Error(file.Require(mapping, "dtc"), "dtc", Messages.Format("VcuUnknownDtc", dtcName, string.Join(", ", DtcNames())));
            }

            dtc = (uint)field.GetValue(null)!;
        }

        return new VcuHighVoltageScenario
        {
            Name = name,
            Description = file.FindString(mapping, "description") ?? "",
            LineNumber = (int)mapping.Start.Line,
            Type = type,
            SpeedKmh = file.FindNumber(mapping, "speedKmh", 0, 0, 60),
            PedalPercent = file.FindNumber(mapping, "pedalPercent", 0, 0, 100),
            Fault = fault,
            WeldedContactors = welded,
            InsulationKiloohms = insulationKiloohms,
            ContactorsOpenMilliseconds = openLimit,
            LimitSource = limitSource,
            DtcName = dtcName,
            Dtc = dtc,
            ObserveMilliseconds = file.FindNumber(mapping, "observeMilliseconds", 5000, 500, 60000),
            BmsChargeLimitsAmperes = chargeLimits,
            ChargeSecondsPerLimit = file.FindNumber(mapping, "chargeSecondsPerLimit", 10, 1, 600),
            Criteria = criteria,
        };
    }

    private static VcuHighVoltageCriteria ReadCriteria(YamlFile file, YamlMappingNode? mapping)
    {
        var defaults = new VcuHighVoltageCriteria();
        if (mapping == null)
        {
            return defaults;
        }

        file.RejectUnknownKeys(mapping, "keyOnToReadyMilliseconds", "prechargeTolerancePercent", "dischargeMilliseconds", "safeLinkVolts",
            "breakCurrentAmperes", "torqueAtOpeningNewtonMetres", "chargeCurrentToleranceAmperes", "energyBalancePercent");
        return new VcuHighVoltageCriteria
        {
            KeyOnToReadyMilliseconds = file.FindNumber(mapping, "keyOnToReadyMilliseconds", defaults.KeyOnToReadyMilliseconds, 1, 60000),
            PrechargeTolerancePercent = file.FindNumber(mapping, "prechargeTolerancePercent", defaults.PrechargeTolerancePercent, 0.1, 100),
            DischargeMilliseconds = file.FindNumber(mapping, "dischargeMilliseconds", defaults.DischargeMilliseconds, 1, 60000),
            SafeLinkVolts = file.FindNumber(mapping, "safeLinkVolts", defaults.SafeLinkVolts, 1, 1000),
            BreakCurrentAmperes = file.FindNumber(mapping, "breakCurrentAmperes", defaults.BreakCurrentAmperes, 0.1, 1000),
            TorqueAtOpeningNewtonMetres = file.FindNumber(mapping, "torqueAtOpeningNewtonMetres", defaults.TorqueAtOpeningNewtonMetres, 0, 500),
            ChargeCurrentToleranceAmperes = file.FindNumber(mapping, "chargeCurrentToleranceAmperes", defaults.ChargeCurrentToleranceAmperes, 0.01, 100),
            EnergyBalancePercent = file.FindNumber(mapping, "energyBalancePercent", defaults.EnergyBalancePercent, 0.01, 100),
        };
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

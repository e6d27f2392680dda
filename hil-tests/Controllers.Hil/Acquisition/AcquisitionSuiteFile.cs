using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using Controllers.Simulation.Boards;
using Controllers.Hil.Suites;
using Controllers.Simulation.Data;
using YamlDotNet.RepresentationModel;

namespace Controllers.Hil.Acquisition;

/// <summary>
/// Reads BMS acquisition suite files (YAML). Top-level keys: <c>kind: bms-acquisition</c>, <c>name</c>,
/// optional <c>description</c>, <c>board</c> (a <c>bms-pack</c> board file, relative to the suite file) and
/// <c>scenarios</c>. A scenario has <c>name</c>, optional <c>description</c>, <c>durationSeconds</c>,
/// <c>settleSeconds</c>, <c>current</c> {<c>dischargeAmperes</c>, <c>chargeAmperes</c>, <c>periodSeconds</c>},
/// <c>ambientCelsius</c>, <c>insulation</c> {<c>positiveOhms</c>, <c>negativeOhms</c>}, <c>faults</c>,
/// <c>checks</c> (requirement identifiers) and <c>expect</c> {<c>dtcs</c>, <c>reaction</c>}. Every error is a
/// <see cref="DataFileException"/> with the file, line and field.
/// </summary>
public static class AcquisitionSuiteFile
{
    /// <summary>Value of the top-level <c>kind</c> key that selects this suite format.</summary>
    public const string Kind = "bms-acquisition";

    /// <summary>Fault kinds a scenario can inject.</summary>
    public static readonly string[] FaultKinds =
    [
        "open-wire", "ntc-open", "ntc-short", "pec-corruption", "afe-loss", "insulation-drop",
        "current-sensor-loss", "slave-loss", "stuck-contactor", "welded-contactor",
    ];

    /// <summary>Reactions a scenario can expect.</summary>
    public static readonly string[] Reactions = ["none", "warning", "derate", "contactors-open", "slave-lost", "contactor-fault"];

    private static readonly Regex ScenarioNamePattern = new("^[A-Za-z0-9][A-Za-z0-9._-]*$");

    /// <exception cref="DataFileException">The suite or its board file is missing or invalid.</exception>
    public static AcquisitionSuite Load(string path)
    {
        var file = YamlFile.Load(path);
        var root = file.Root;
        file.RejectUnknownKeys(root, "kind", "name", "description", "board", "scenarios");
        string kind = file.RequireString(root, "kind");
        if (kind != Kind)
        {
            throw file.Error(file.Require(root, "kind"), "kind", Messages.Format("UnknownSuiteKind", kind));
        }

        string name = SocSuiteFile.ReadSuiteName(file, root);
        var board = PackBoardDefinitionFile.Load(file.ResolvePath(root, "board"));
        var scenarioNodes = file.RequireSequence(root, "scenarios");
        if (scenarioNodes.Children.Count == 0)
        {
            throw file.Error(scenarioNodes, "scenarios", Messages.Get("EmptyScenarioList"));
        }

        var scenarios = new List<AcquisitionScenario>();
        var lineByName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in scenarioNodes.Children)
        {
            var mapping = file.AsMapping(node, "scenarios");
            var scenario = ReadScenario(file, mapping, board);
            if (lineByName.TryGetValue(scenario.Name, out int earlierLine))
            {
                throw file.Error(file.Require(mapping, "name"), "name",
                    Messages.Format("DuplicateScenarioName", scenario.Name, earlierLine));
            }

            lineByName.Add(scenario.Name, scenario.LineNumber);

            scenarios.Add(scenario);
        }

        return new AcquisitionSuite
        {
            Name = name,
            Description = file.FindString(root, "description") ?? "",
            FilePath = path,
            Board = board,
            Scenarios = scenarios,
        };
    }

    /// <summary>Returns the suite kind of <paramref name="path"/>: the top-level <c>kind</c>, or <c>soc</c> when absent.</summary>
    /// <exception cref="DataFileException">The file is missing or is not a YAML mapping.</exception>
    public static string ReadKind(string path)
    {
        var file = YamlFile.Load(path);
        return file.FindString(file.Root, "kind") ?? "soc";
    }

    private static AcquisitionScenario ReadScenario(YamlFile file, YamlMappingNode node, PackBoardDefinition board)
    {
        file.RejectUnknownKeys(node, "name", "description", "durationSeconds", "settleSeconds", "current",
            "ambientCelsius", "insulation", "faults", "checks", "expect");
        var nameNode = file.Require(node, "name");
        string name = file.RequireString(node, "name");
        if (!ScenarioNamePattern.IsMatch(name))
        {
            throw file.Error(nameNode, "name", Messages.Format("InvalidScenarioName", name));
        }

        double duration = file.FindNumber(node, "durationSeconds", 30, 1, 3600);
        double settle = file.FindNumber(node, "settleSeconds", 5, 0, 3600);
        if (settle >= duration)
        {
            // The settling time may be the 5 s default, so the error points at whichever key the file has.
            var location = file.Find(node, "settleSeconds") ?? file.Find(node, "durationSeconds") ?? node;
            throw file.Error(location, file.Find(node, "settleSeconds") != null ? "settleSeconds" : "durationSeconds",
                Messages.Format("SettleNotBeforeEnd", Text(settle), Text(duration)));
        }

        double discharge = 0, charge = 0, period = 20;
        if (file.FindMapping(node, "current") is { } current)
        {
            file.RejectUnknownKeys(current, "dischargeAmperes", "chargeAmperes", "periodSeconds");
            discharge = file.FindNumber(current, "dischargeAmperes", 0, 0, board.CurrentFullScaleAmperes);
            charge = file.FindNumber(current, "chargeAmperes", 0, 0, board.CurrentFullScaleAmperes);
            period = file.FindNumber(current, "periodSeconds", 20, 0.1, 3600);
        }

        double positive = double.PositiveInfinity, negative = double.PositiveInfinity;
        if (file.FindMapping(node, "insulation") is { } insulation)
        {
            file.RejectUnknownKeys(insulation, "positiveOhms", "negativeOhms");
            positive = ReadResistance(file, insulation, "positiveOhms");
            negative = ReadResistance(file, insulation, "negativeOhms");
            if (positive == 0 && negative == 0)
            {
                throw file.Error(insulation, "insulation", Messages.Get("BothPolesShorted"));
            }
        }

        var faults = new List<InjectedFault>();
        if (file.Find(node, "faults") != null)
        {
            foreach (var faultNode in file.RequireSequence(node, "faults").Children)
            {
                faults.Add(ReadFault(file, file.AsMapping(faultNode, "faults"), board, duration, positive, negative));
            }
        }

        var checks = new List<string>();
        var checkList = file.RequireSequence(node, "checks");
        if (checkList.Children.Count == 0)
        {
            throw file.Error(checkList, "checks", Messages.Get("NoChecks"));
        }

        foreach (var checkNode in checkList.Children)
        {
            string id = checkNode is YamlScalarNode scalar ? scalar.Value ?? "" : "";
            if (Array.IndexOf(RequirementChecks.Identifiers, id) < 0)
            {
                throw file.Error(checkNode, "checks", Messages.Format("UnknownRequirement", id,
                    string.Join(", ", RequirementChecks.Identifiers)));
            }

            if (checks.Contains(id))
            {
                throw file.Error(checkNode, "checks", Messages.Format("DuplicateCheck", id));
            }

            checks.Add(id);
        }

        var dtcs = new List<uint>();
        string? reaction = null;
        if (file.FindMapping(node, "expect") is { } expect)
        {
            file.RejectUnknownKeys(expect, "dtcs", "reaction");
            if (file.Find(expect, "dtcs") != null)
            {
                foreach (var dtcNode in file.RequireSequence(expect, "dtcs").Children)
                {
                    dtcs.Add(ParseDtc(file, dtcNode));
                }
            }

            if (file.FindString(expect, "reaction") is { } text)
            {
                if (Array.IndexOf(Reactions, text) < 0)
                {
                    throw file.Error(file.Require(expect, "reaction"), "reaction",
                        Messages.Format("UnknownReaction", text, string.Join(", ", Reactions)));
                }

                reaction = text;
            }
        }

        bool hasExpectation = dtcs.Count > 0 || reaction != null;
        if (hasExpectation != checks.Contains("B15"))
        {
            throw file.Error(file.Find(node, "expect") ?? checkList, hasExpectation ? "expect" : "checks",
                Messages.Get(hasExpectation ? "ExpectWithoutB15" : "B15WithoutExpect"));
        }

        return new AcquisitionScenario
        {
            Name = name,
            Description = file.FindString(node, "description") ?? "",
            LineNumber = (int)node.Start.Line,
            DurationSeconds = duration,
            SettleSeconds = settle,
            CurrentAmplitudeAmperes = discharge,
            ChargeAmperes = charge,
            CurrentPeriodSeconds = period,
            AmbientCelsius = file.FindNumber(node, "ambientCelsius", 25, -40, 85),
            InsulationPositiveOhms = positive,
            InsulationNegativeOhms = negative,
            Faults = faults,
            Checks = checks,
            ExpectedDtcs = dtcs,
            ExpectedReaction = reaction,
        };
    }

    private static InjectedFault ReadFault(YamlFile file, YamlMappingNode node, PackBoardDefinition board, double duration,
        double positiveOhms, double negativeOhms)
    {
        file.RejectUnknownKeys(node, "kind", "atSeconds", "slave", "channel", "value");
        string kind = file.RequireString(node, "kind");
        if (Array.IndexOf(FaultKinds, kind) < 0)
        {
            throw file.Error(file.Require(node, "kind"), "kind",
                Messages.Format("UnknownFaultKind", kind, string.Join(", ", FaultKinds)));
        }

        int slave = file.FindInteger(node, "slave", 1, 1, board.Slaves.Count);
        var slaveBoard = board.Slaves[slave - 1];

        // A channel is a cell (open wire) or a thermistor (NTC faults) of that slave, numbered from 1.
        int channelLimit = kind switch
        {
            "open-wire" => slaveBoard.CellCount,
            "ntc-open" or "ntc-short" => slaveBoard.TemperatureCount,
            _ => 31,
        };
        int channel = file.FindInteger(node, "channel", 1, 1, channelLimit);

        double atSeconds = file.FindNumber(node, "atSeconds", 0, 0, duration);
        if (atSeconds >= duration)
        {
            throw file.Error(file.Require(node, "atSeconds"), "atSeconds",
                Messages.Format("FaultAfterEnd", Text(atSeconds), Text(duration)));
        }

        double value = kind switch
        {
            "pec-corruption" => file.FindInteger(node, "value", 1, 1, 1000),
            "insulation-drop" => file.RequireNumber(node, "value", 0, 1e12),
            _ => file.FindNumber(node, "value", 0, 0, 1e12),
        };
        if (kind == "insulation-drop" && value == 0 && negativeOhms == 0)
        {
            throw file.Error(file.Require(node, "value"), "value", Messages.Get("BothPolesShorted"));
        }

        return new InjectedFault { Kind = kind, AtSeconds = atSeconds, Slave = slave, Channel = channel, Value = value };
    }

    private static double ReadResistance(YamlFile file, YamlMappingNode node, string key)
    {
        if (file.Find(node, key) is YamlScalarNode { Value: "open" })
        {
            return double.PositiveInfinity;
        }

        return file.FindNumber(node, key, double.PositiveInfinity, 0, 1e12);
    }

    private static uint ParseDtc(YamlFile file, YamlNode node)
    {
        // Only the 0x form is accepted: a bare 1200 would be read as 0x001200, which is rarely what was meant.
        string text = node is YamlScalarNode scalar ? scalar.Value ?? "" : "";
        if (!text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ||
            !uint.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint value) ||
            value > 0xFFFFFF)
        {
            throw file.Error(node, "dtcs", Messages.Format("InvalidDtc", text));
        }

        return value;
    }

    private static string Text(double value) => value.ToString("0.###", CultureInfo.CurrentCulture);
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Xml;
using Controllers.Hil.Reports;
using Controllers.Hil.Running;

namespace Controllers.Hil.Acquisition;

/// <summary>
/// Writes acquisition suite results as JUnit XML: one <c>testcase</c> per scenario and requirement, named
/// <c>SCENARIO/REQUIREMENT</c>, with the measured value and the limit as properties (invariant numbers) and the
/// localized detail as <c>system-out</c>. A scenario that stopped with an error is one <c>testcase</c> with an
/// <c>error</c> element.
/// </summary>
public static class AcquisitionJUnitReport
{
    public const string MeasuredProperty = "measured";
    public const string LimitProperty = "limit";
    public const string UnitProperty = "unit";
    public const string QuantityProperty = "quantity";

    /// <exception cref="ReportWriteException">The file could not be written.</exception>
    public static void Write(AcquisitionSuiteResult result, string path)
    {
        var scenarios = new List<JUnitScenario>();
        foreach (var scenario in result.Scenarios)
        {
            scenarios.Add(new JUnitScenario(scenario.Scenario.Name, scenario.Requirements, scenario.ErrorMessage, scenario.WallTime, scenario.Outcome));
        }

        Write(new JUnitSuite(result.Suite.Name, result.Suite.FilePath, result.Suite.Board.FilePath, result.StartTime, scenarios), path);
    }

    /// <summary>Writes the results of a pack estimation suite in the same layout.</summary>
    /// <exception cref="ReportWriteException">The file could not be written.</exception>
    public static void Write(PackEstimation.PackEstimationSuiteResult result, string path)
    {
        var scenarios = new List<JUnitScenario>();
        foreach (var scenario in result.Scenarios)
        {
            scenarios.Add(new JUnitScenario(scenario.Scenario.Name, scenario.Requirements, scenario.ErrorMessage, scenario.WallTime, scenario.Outcome));
        }

        Write(new JUnitSuite(result.Suite.Name, result.Suite.FilePath, result.Suite.Board.FilePath, result.StartTime, scenarios), path);
    }

    /// <summary>Writes the results of a <c>vcu-energy</c> suite in the same layout; the vehicle file takes the board's place.</summary>
    /// <exception cref="ReportWriteException">The file could not be written.</exception>
    public static void Write(Vehicle.VcuEnergySuiteResult result, string path)
    {
        var scenarios = new List<JUnitScenario>();
        foreach (var scenario in result.Scenarios)
        {
            scenarios.Add(new JUnitScenario(scenario.Scenario.Name, scenario.Requirements, scenario.ErrorMessage, scenario.WallTime, scenario.Outcome));
        }

        Write(new JUnitSuite(result.Suite.Name, result.Suite.FilePath, result.Suite.VehiclePath, result.StartTime, scenarios), path);
    }

    /// <summary>Writes the results of a <c>vcu-torque</c> suite in the same layout; the vehicle file takes the board's place.</summary>
    /// <exception cref="ReportWriteException">The file could not be written.</exception>
    public static void Write(Vehicle.VcuTorqueSuiteResult result, string path)
    {
        var scenarios = new List<JUnitScenario>();
        foreach (var scenario in result.Scenarios)
        {
            scenarios.Add(new JUnitScenario(scenario.Scenario.Name, scenario.Requirements, scenario.ErrorMessage, scenario.WallTime, scenario.Outcome));
        }

        Write(new JUnitSuite(result.Suite.Name, result.Suite.FilePath, result.Suite.VehiclePath, result.StartTime, scenarios), path);
    }

    /// <summary>Writes the results of a <c>vcu-high-voltage</c> suite in the same layout; the vehicle file takes the board's place.</summary>
    /// <exception cref="ReportWriteException">The file could not be written.</exception>
    public static void Write(Vehicle.VcuHighVoltageSuiteResult result, string path)
    {
        var scenarios = new List<JUnitScenario>();
        foreach (var scenario in result.Scenarios)
        {
            scenarios.Add(new JUnitScenario(scenario.Scenario.Name, scenario.Requirements, scenario.ErrorMessage, scenario.WallTime, scenario.Outcome));
        }

        Write(new JUnitSuite(result.Suite.Name, result.Suite.FilePath, result.Suite.VehiclePath, result.StartTime, scenarios), path);
    }

    /// <summary>Writes the results of a <c>vcu-network-sleep</c> suite in the same layout; the suite file takes the board's place.</summary>
    /// <exception cref="ReportWriteException">The file could not be written.</exception>
    public static void Write(Vehicle.VcuNetworkSleepSuiteResult result, string path)
    {
        var scenarios = new List<JUnitScenario>();
        foreach (var scenario in result.Scenarios)
        {
            scenarios.Add(new JUnitScenario(scenario.Scenario.Name, scenario.Requirements, scenario.ErrorMessage, scenario.WallTime, scenario.Outcome));
        }

        Write(new JUnitSuite(result.Suite.Name, result.Suite.FilePath, result.Suite.FilePath, result.StartTime, scenarios), path);
    }

    private static void Write(JUnitSuite result, string path)
    {
        AtomicFile.Write(path, stream =>
        {
            var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) };
            using var writer = XmlWriter.Create(stream, settings);
            WriteDocument(writer, result);
        });
    }

    private static void WriteDocument(XmlWriter writer, JUnitSuite result)
    {
        int tests = 0, failures = 0, errors = 0;
        double seconds = 0;
        foreach (var scenario in result.Scenarios)
        {
            seconds += scenario.WallTime.TotalSeconds;
            if (scenario.Outcome == ScenarioOutcome.Error)
            {
                tests++;
                errors++;
                continue;
            }

            foreach (var requirement in scenario.Requirements)
            {
                tests++;
                failures += requirement.Passed ? 0 : 1;
            }
        }

        writer.WriteStartDocument();
        writer.WriteStartElement("testsuites");
        writer.WriteStartElement("testsuite");
        writer.WriteAttributeString("name", result.Name);
        writer.WriteAttributeString("tests", JUnitXml.Integer(tests));
        writer.WriteAttributeString("failures", JUnitXml.Integer(failures));
        writer.WriteAttributeString("errors", JUnitXml.Integer(errors));
        writer.WriteAttributeString("skipped", "0");
        writer.WriteAttributeString("time", JUnitXml.Seconds(seconds));
        writer.WriteAttributeString("timestamp", result.StartTime.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture));
        writer.WriteAttributeString("file", result.FilePath);
        writer.WriteStartElement("properties");
        JUnitXml.WriteProperty(writer, "board", result.BoardPath);
        writer.WriteEndElement();

        foreach (var scenario in result.Scenarios)
        {
            if (scenario.ErrorMessage != null)
            {
                writer.WriteStartElement("testcase");
                writer.WriteAttributeString("classname", result.Name);
                writer.WriteAttributeString("name", scenario.Name);
                writer.WriteAttributeString("time", JUnitXml.Seconds(scenario.WallTime.TotalSeconds));
                writer.WriteStartElement("error");
                writer.WriteAttributeString("message", scenario.ErrorMessage);
                writer.WriteEndElement();
                writer.WriteEndElement();
                continue;
            }

            foreach (var requirement in scenario.Requirements)
            {
                writer.WriteStartElement("testcase");
                writer.WriteAttributeString("classname", result.Name);
                writer.WriteAttributeString("name", scenario.Name + "/" + requirement.Requirement);
                // The scenario's wall time covers all its requirements, so it is reported on the first one only.
                bool first = ReferenceEquals(requirement, scenario.Requirements[0]);
                writer.WriteAttributeString("time", JUnitXml.Seconds(first ? scenario.WallTime.TotalSeconds : 0));
                writer.WriteStartElement("properties");
                JUnitXml.WriteProperty(writer, QuantityProperty, requirement.Quantity);
                if (requirement.Measured is double measured)
                {
                    JUnitXml.WriteProperty(writer, MeasuredProperty, JUnitXml.Number(measured));
                }

                JUnitXml.WriteProperty(writer, LimitProperty, JUnitXml.Number(requirement.Limit));
                JUnitXml.WriteProperty(writer, UnitProperty, requirement.Unit);
                writer.WriteEndElement();
                if (!requirement.Passed)
                {
                    writer.WriteStartElement("failure");
                    writer.WriteAttributeString("message", requirement.Requirement + ": " + requirement.Detail);
                    writer.WriteAttributeString("type", requirement.Requirement);
                    writer.WriteEndElement();
                }

                writer.WriteElementString("system-out", requirement.Detail);
                writer.WriteEndElement();
            }
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndDocument();
    }

    private sealed record JUnitScenario(string Name, IReadOnlyList<RequirementResult> Requirements, string? ErrorMessage, TimeSpan WallTime,
        ScenarioOutcome Outcome);

    private sealed record JUnitSuite(string Name, string FilePath, string BoardPath, DateTimeOffset StartTime, IReadOnlyList<JUnitScenario> Scenarios);
}

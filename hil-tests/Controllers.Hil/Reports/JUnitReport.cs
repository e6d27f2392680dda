using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Xml;
using Controllers.Hil.Running;

namespace Controllers.Hil.Reports;

/// <summary>
/// Writes suite results as JUnit XML: one <c>testsuite</c> with one <c>testcase</c> per scenario. Metrics go
/// into <c>properties</c> (invariant numbers, for tools) and <c>system-out</c> (localized, for people).
/// </summary>
public static class JUnitReport
{
    public const string RmsProperty = "rmsSocErrorPercent";
    public const string MaxAbsProperty = "maxAbsSocErrorPercent";
    public const string MaxAbsTimeProperty = "maxAbsSocErrorMinutes";
    public const string SampleCountProperty = "checkedSampleCount";

    /// <summary>Writes <paramref name="result"/> to <paramref name="path"/> through a temporary file.</summary>
    /// <exception cref="ReportWriteException">The file could not be written.</exception>
    public static void Write(SocSuiteResult result, string path)
    {
        AtomicFile.Write(path, stream =>
        {
            var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) };
            using var writer = XmlWriter.Create(stream, settings);
            WriteDocument(writer, result);
        });
    }

    private static void WriteDocument(XmlWriter writer, SocSuiteResult result)
    {
        int failures = 0, errors = 0;
        double totalSeconds = 0;
        foreach (var scenario in result.Scenarios)
        {
            failures += scenario.Outcome == ScenarioOutcome.Failed ? 1 : 0;
            errors += scenario.Outcome == ScenarioOutcome.Error ? 1 : 0;
            totalSeconds += scenario.WallTime.TotalSeconds;
        }

        var suite = result.Suite;
        writer.WriteStartDocument();
        writer.WriteStartElement("testsuites");
        writer.WriteStartElement("testsuite");
        writer.WriteAttributeString("name", suite.Name);
        writer.WriteAttributeString("tests", JUnitXml.Integer(result.Scenarios.Count));
        writer.WriteAttributeString("failures", JUnitXml.Integer(failures));
        writer.WriteAttributeString("errors", JUnitXml.Integer(errors));
        writer.WriteAttributeString("skipped", "0");
        writer.WriteAttributeString("time", JUnitXml.Seconds(totalSeconds));
        writer.WriteAttributeString("timestamp", result.StartTime.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture));
        writer.WriteAttributeString("file", suite.FilePath);

        writer.WriteStartElement("properties");
        JUnitXml.WriteProperty(writer, "board", suite.Board.FilePath);
        JUnitXml.WriteProperty(writer, "recording", suite.Recording.SourcePath);
        JUnitXml.WriteProperty(writer, "referenceCapacityAmpereHours", JUnitXml.Number(suite.ReferenceCapacityAmpereHours));
        writer.WriteEndElement();

        foreach (var scenario in result.Scenarios)
        {
            WriteTestCase(writer, suite.Name, scenario);
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndDocument();
    }

    private static void WriteTestCase(XmlWriter writer, string className, SocScenarioResult result)
    {
        writer.WriteStartElement("testcase");
        writer.WriteAttributeString("classname", className);
        writer.WriteAttributeString("name", result.Scenario.Name);
        writer.WriteAttributeString("time", JUnitXml.Seconds(result.WallTime.TotalSeconds));

        if (result.Metrics is { } metrics)
        {
            writer.WriteStartElement("properties");
            JUnitXml.WriteProperty(writer, RmsProperty, JUnitXml.Number(metrics.RmsSocErrorPercent));
            JUnitXml.WriteProperty(writer, MaxAbsProperty, JUnitXml.Number(metrics.MaxAbsSocErrorPercent));
            JUnitXml.WriteProperty(writer, MaxAbsTimeProperty, JUnitXml.Number(metrics.MaxAbsSocErrorTimeSeconds / 60.0));
            JUnitXml.WriteProperty(writer, SampleCountProperty, JUnitXml.Integer(metrics.SampleCount));
            writer.WriteEndElement();
        }

        if (result.ErrorMessage != null)
        {
            writer.WriteStartElement("error");
            writer.WriteAttributeString("message", result.ErrorMessage);
            writer.WriteEndElement();
        }
        else if (result.Failures.Count > 0)
        {
            var messages = new List<string>();
            foreach (var failure in result.Failures)
            {
                messages.Add(failure.Criterion + ": " + failure.Message);
            }

            writer.WriteStartElement("failure");
            writer.WriteAttributeString("message", string.Join(" ", messages));
            writer.WriteAttributeString("type", result.Failures[0].Criterion);
            writer.WriteString(string.Join("\n", messages));
            writer.WriteEndElement();
        }

        writer.WriteElementString("system-out", Summary(result));
        writer.WriteEndElement();
    }

    private static string Summary(SocScenarioResult result)
    {
        var text = new StringBuilder();
        text.Append(ReportText.CriteriaColumn).Append(": ").AppendLine(ReportText.Criteria(result.Scenario.Criteria));
        if (result.Metrics is { } metrics)
        {
            text.Append(ReportText.RmsColumn).Append(": ").AppendLine(ReportText.Percent(metrics.RmsSocErrorPercent));
            text.Append(ReportText.MaxAbsColumn).Append(": ").AppendLine(ReportText.Percent(metrics.MaxAbsSocErrorPercent));
        }

        text.Append(ReportText.ResultColumn).Append(": ").Append(ReportText.Outcome(result.Outcome));
        return text.ToString();
    }
}

using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Text;
using Controllers.Hil.Running;

namespace Controllers.Hil.Reports;

/// <summary>
/// Writes a report folder: one CSV trace per scenario (<c>SCENARIO.csv</c>) and <c>index.html</c> with the
/// summary table and inline SVG plots. Text is in the current UI culture.
/// </summary>
public static class HtmlReport
{
    public const string IndexFileName = "index.html";

    /// <summary>Returns the CSV file name for a scenario. The suite loader allows only file-name-safe scenario names.</summary>
    public static string TraceFileName(string scenarioName) => scenarioName + ".csv";

    /// <summary>
    /// Writes the CSV files and then <c>index.html</c>. An <c>index.html</c> from an earlier run is deleted
    /// first, so when writing stops part way, the folder contains no index that links to missing or old CSV files.
    /// </summary>
    /// <exception cref="ReportWriteException">A folder or file could not be written.</exception>
    public static void Write(SocSuiteResult result, string folder)
    {
        string indexPath = Path.Combine(folder, IndexFileName);
        try
        {
            Directory.CreateDirectory(folder);
            File.Delete(indexPath);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ReportWriteException(Path.GetFullPath(folder), error.Message, error);
        }

        foreach (var scenario in result.Scenarios)
        {
            if (scenario.Trace != null)
            {
                TraceCsv.Write(scenario.Trace, Path.Combine(folder, TraceFileName(scenario.Scenario.Name)));
            }
        }

        string html = BuildIndex(result);
        AtomicFile.Write(indexPath, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false));
            writer.Write(html);
        });
    }

    private static string BuildIndex(SocSuiteResult result)
    {
        var suite = result.Suite;
        var html = new StringBuilder();
        string language = CultureInfo.CurrentUICulture.Name.Length > 0 ? CultureInfo.CurrentUICulture.Name : "en";
        html.AppendLine("<!DOCTYPE html>");
        html.Append("<html lang=\"").Append(Encode(language)).AppendLine("\">");
        html.AppendLine("<head>");
        html.AppendLine("<meta charset=\"utf-8\">");
        html.Append("<title>").Append(Encode(suite.Name)).AppendLine("</title>");
        html.AppendLine("<style>");
        html.AppendLine("body { font-family: sans-serif; margin: 2em; }");
        html.AppendLine("table { border-collapse: collapse; }");
        html.AppendLine("th, td { border: 1px solid #bbb; padding: 0.3em 0.6em; text-align: left; }");
        html.AppendLine("td.number { text-align: right; }");
        html.AppendLine(".Passed { color: #176f2c; font-weight: bold; }");
        html.AppendLine(".Failed, .Error { color: #b00020; font-weight: bold; }");
        html.AppendLine("</style>");
        html.AppendLine("</head>");
        html.AppendLine("<body>");
        html.Append("<h1>").Append(Encode(suite.Name)).AppendLine("</h1>");
        if (suite.Description.Length > 0)
        {
            html.Append("<p>").Append(Encode(suite.Description)).AppendLine("</p>");
        }

        html.Append("<p>").Append(Encode(Messages.Format("ReportInputs", suite.Board.Name,
            Path.GetFileName(suite.Recording.SourcePath), result.StartTime.ToString("yyyy-MM-dd HH:mm:ss zzz",
                CultureInfo.InvariantCulture)))).AppendLine("</p>");

        AppendSummaryTable(html, result);
        foreach (var scenario in result.Scenarios)
        {
            AppendScenarioSection(html, scenario);
        }

        html.AppendLine("</body>");
        html.AppendLine("</html>");
        return html.ToString();
    }

    private static void AppendSummaryTable(StringBuilder html, SocSuiteResult result)
    {
        html.Append("<h2>").Append(Encode(Messages.Get("ReportSummary"))).AppendLine("</h2>");
        html.AppendLine("<table>");
        html.Append("<tr>");
        foreach (string heading in new[]
                 {
                     ReportText.ScenarioColumn, ReportText.RmsColumn, ReportText.MaxAbsColumn,
                     Messages.Get("ColumnTimeOfMax"), ReportText.CriteriaColumn, ReportText.ResultColumn,
                     ReportText.WallTimeColumn,
                 })
        {
            html.Append("<th>").Append(Encode(heading)).Append("</th>");
        }

        html.AppendLine("</tr>");
        foreach (var scenario in result.Scenarios)
        {
            var metrics = scenario.Metrics;
            html.Append("<tr>");
            html.Append("<td><a href=\"#").Append(Encode(scenario.Scenario.Name)).Append("\">")
                .Append(Encode(scenario.Scenario.Name)).Append("</a></td>");
            AppendNumberCell(html, ReportText.Percent(metrics?.RmsSocErrorPercent));
            AppendNumberCell(html, ReportText.Percent(metrics?.MaxAbsSocErrorPercent));
            AppendNumberCell(html, ReportText.Percent(metrics?.MaxAbsSocErrorTimeSeconds / 60.0));
            html.Append("<td>").Append(Encode(ReportText.Criteria(scenario.Scenario.Criteria))).Append("</td>");
            html.Append("<td class=\"").Append(scenario.Outcome).Append("\">")
                .Append(Encode(ReportText.Outcome(scenario.Outcome))).Append("</td>");
            AppendNumberCell(html, ReportText.Seconds(scenario.WallTime));
            html.AppendLine("</tr>");
        }

        html.AppendLine("</table>");
    }

    private static void AppendScenarioSection(StringBuilder html, SocScenarioResult result)
    {
        var scenario = result.Scenario;
        html.Append("<h2 id=\"").Append(Encode(scenario.Name)).Append("\">").Append(Encode(scenario.Name))
            .Append(" — <span class=\"").Append(result.Outcome).Append("\">")
            .Append(Encode(ReportText.Outcome(result.Outcome))).AppendLine("</span></h2>");
        if (scenario.Description.Length > 0)
        {
            html.Append("<p>").Append(Encode(scenario.Description)).AppendLine("</p>");
        }

        if (result.ErrorMessage != null)
        {
            html.Append("<p class=\"Error\">").Append(Encode(result.ErrorMessage)).AppendLine("</p>");
            return;
        }

        if (result.Failures.Count > 0)
        {
            html.AppendLine("<ul>");
            foreach (var failure in result.Failures)
            {
                html.Append("<li>").Append(Encode(failure.Criterion + ": " + failure.Message)).AppendLine("</li>");
            }

            html.AppendLine("</ul>");
        }

        html.Append("<p><a href=\"").Append(Encode(TraceFileName(scenario.Name))).Append("\">")
            .Append(Encode(Messages.Get("ReportTraceLink"))).AppendLine("</a></p>");
        html.Append("<div>").Append(SocPlots.SocSvg(result.Trace!)).AppendLine("</div>");
        html.Append("<div>").Append(SocPlots.ErrorSvg(result.Trace!, scenario.Criteria)).AppendLine("</div>");
    }

    private static void AppendNumberCell(StringBuilder html, string text) =>
        html.Append("<td class=\"number\">").Append(Encode(text)).Append("</td>");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

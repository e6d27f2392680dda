using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Text;
using Controllers.Hil.Acquisition;
using Controllers.Hil.Running;
using ScottPlot;

namespace Controllers.Hil.Reports;

/// <summary>
/// Parts shared by the VCU report writers: the report folder with one CSV trace per scenario and <c>index.html</c>,
/// the page frame, the requirement table, the scenario heading and the SVG plot helpers. Each writer adds the CSV
/// columns, the inputs line and the plots of its kind.
/// </summary>
internal static class VehicleReportPage
{
    public const string IndexFileName = "index.html";

    private const int PlotBuckets = 1500;
    private const int Width = 900;
    private const int Height = 300;

    /// <summary>Returns the CSV file name of a scenario. The suite loader allows only file-name-safe names.</summary>
    public static string TraceFileName(string scenarioName) => scenarioName + ".csv";

    /// <summary>
    /// Writes the CSV file of every scenario for which <paramref name="buildCsv"/> returns text, and then
    /// <c>index.html</c>. An <c>index.html</c> from an earlier run is deleted first, so when writing stops part way,
    /// the folder contains no index that links to missing or old CSV files. Each file is written atomically.
    /// </summary>
    /// <param name="buildCsv">Returns the CSV text of a scenario, or null when the scenario has no trace.</param>
    /// <exception cref="ReportWriteException">A folder or file could not be written.</exception>
    public static void Write<TScenarioResult>(string folder, IEnumerable<TScenarioResult> scenarios,
        Func<TScenarioResult, string?> buildCsv, Func<string> buildIndex)
        where TScenarioResult : IRequirementScenarioResult
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

        foreach (var scenario in scenarios)
        {
            string? csv = buildCsv(scenario);
            if (csv != null)
            {
                WriteText(Path.Combine(folder, TraceFileName(scenario.ScenarioName)), csv);
            }
        }

        WriteText(indexPath, buildIndex());
    }

    private static void WriteText(string path, string text)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false));
            writer.Write(text);
        });
    }

    /// <summary>
    /// Builds CSV text with the header line and one row per sample. Each column must contain at least
    /// <paramref name="rowCount"/> values, which are written with 6 significant digits in the invariant culture.
    /// </summary>
    public static string BuildCsv(string header, int rowCount, params IReadOnlyList<double>[] columns)
    {
        var csv = new StringBuilder();
        csv.AppendLine(header);
        var row = new string[columns.Length];
        for (int i = 0; i < rowCount; i++)
        {
            for (int column = 0; column < columns.Length; column++)
            {
                row[column] = Number(columns[column][i]);
            }

            csv.AppendLine(string.Join(",", row));
        }

        return csv.ToString();
    }

    private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>Formats the start time of a run as the inputs line shows it.</summary>
    public static string StartTimeText(DateTimeOffset startTime) =>
        startTime.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    /// <summary>
    /// Builds <c>index.html</c>: the page title, the suite description when it is not empty, one paragraph per
    /// inputs line, the summary table and then the section of each scenario.
    /// </summary>
    public static string BuildIndex<TScenarioResult>(string title, string description, IEnumerable<string> inputLines,
        IEnumerable<TScenarioResult> scenarios, Action<StringBuilder, TScenarioResult> appendScenario)
        where TScenarioResult : IRequirementScenarioResult
    {
        var html = new StringBuilder();
        AppendPageStart(html, title, description);
        foreach (string line in inputLines)
        {
            html.Append("<p>").Append(Encode(line)).AppendLine("</p>");
        }

        AppendSummary(html, scenarios);
        foreach (var scenario in scenarios)
        {
            appendScenario(html, scenario);
        }

        html.AppendLine("</body>");
        html.AppendLine("</html>");
        return html.ToString();
    }

    private static void AppendPageStart(StringBuilder html, string title, string description)
    {
        string language = CultureInfo.CurrentUICulture.Name.Length > 0 ? CultureInfo.CurrentUICulture.Name : "en";
        html.AppendLine("<!DOCTYPE html>");
        html.Append("<html lang=\"").Append(Encode(language)).AppendLine("\">");
        html.AppendLine("<head>");
        html.AppendLine("<meta charset=\"utf-8\">");
        html.Append("<title>").Append(Encode(title)).AppendLine("</title>");
        html.AppendLine("<style>");
        html.AppendLine("body { font-family: sans-serif; margin: 2em; }");
        html.AppendLine("table { border-collapse: collapse; }");
        html.AppendLine("th, td { border: 1px solid #bbb; padding: 0.3em 0.6em; text-align: left; }");
        html.AppendLine(".Passed { color: #176f2c; font-weight: bold; }");
        html.AppendLine(".Failed, .Error { color: #b00020; font-weight: bold; }");
        html.AppendLine("</style>");
        html.AppendLine("</head>");
        html.AppendLine("<body>");
        html.Append("<h1>").Append(Encode(title)).AppendLine("</h1>");
        if (description.Length > 0)
        {
            html.Append("<p>").Append(Encode(description)).AppendLine("</p>");
        }
    }

    // One row per requirement, or one error row for a scenario that stopped with an error. Each scenario name links
    // to its section.
    private static void AppendSummary<TScenarioResult>(StringBuilder html, IEnumerable<TScenarioResult> scenarios)
        where TScenarioResult : IRequirementScenarioResult
    {
        html.Append("<h2>").Append(Encode(Messages.Get("ReportSummary"))).AppendLine("</h2>");
        html.AppendLine("<table>");
        html.Append("<tr><th>").Append(Encode(ReportText.ScenarioColumn)).Append("</th><th>")
            .Append(Encode(Messages.Get("VcuColumnRequirement"))).Append("</th><th>")
            .Append(Encode(Messages.Get("VcuColumnDetail"))).Append("</th><th>")
            .Append(Encode(ReportText.ResultColumn)).AppendLine("</th></tr>");
        foreach (var scenario in scenarios)
        {
            string link = "<a href=\"#" + Encode(scenario.ScenarioName) + "\">" + Encode(scenario.ScenarioName) + "</a>";
            if (scenario.ErrorMessage != null)
            {
                html.Append("<tr><td>").Append(link).Append("</td><td></td><td>").Append(Encode(scenario.ErrorMessage))
                    .Append("</td><td class=\"Error\">").Append(Encode(ReportText.Outcome(scenario.Outcome))).AppendLine("</td></tr>");
                continue;
            }

            foreach (var requirement in scenario.Requirements)
            {
                var outcome = requirement.Passed ? ScenarioOutcome.Passed : ScenarioOutcome.Failed;
                html.Append("<tr><td>").Append(link).Append("</td><td>").Append(Encode(requirement.Requirement)).Append("</td><td>")
                    .Append(Encode(requirement.Detail)).Append("</td><td class=\"").Append(outcome).Append("\">")
                    .Append(Encode(ReportText.Outcome(outcome))).AppendLine("</td></tr>");
            }
        }

        html.AppendLine("</table>");
    }

    /// <summary>
    /// Appends the scenario heading with its outcome, which the summary links to, then the scenario description when
    /// it is not empty and the error message when the scenario stopped with an error.
    /// </summary>
    public static void AppendScenarioHeading(StringBuilder html, IRequirementScenarioResult result, string description)
    {
        html.Append("<h2 id=\"").Append(Encode(result.ScenarioName)).Append("\">").Append(Encode(result.ScenarioName))
            .Append(" — <span class=\"").Append(result.Outcome).Append("\">")
            .Append(Encode(ReportText.Outcome(result.Outcome))).AppendLine("</span></h2>");
        if (description.Length > 0)
        {
            html.Append("<p>").Append(Encode(description)).AppendLine("</p>");
        }

        if (result.ErrorMessage != null)
        {
            html.Append("<p class=\"Error\">").Append(Encode(result.ErrorMessage)).AppendLine("</p>");
        }
    }

    /// <summary>Appends the link to the CSV trace of a scenario.</summary>
    public static void AppendTraceLink(StringBuilder html, string scenarioName)
    {
        html.Append("<p><a href=\"").Append(Encode(TraceFileName(scenarioName))).Append("\">")
            .Append(Encode(Messages.Get("ReportTraceLink"))).AppendLine("</a></p>");
    }

    /// <summary>Appends an SVG plot from <see cref="ToSvg"/> in its own block.</summary>
    public static void AppendPlot(StringBuilder html, string svg)
    {
        html.Append("<div>").Append(svg).AppendLine("</div>");
    }

    /// <summary>Adds a line of 1.5 px, reduced to at most 1500 min/max buckets, with its legend text.</summary>
    public static void AddLine(Plot plot, List<double> x, List<double> y, string label, Color color)
    {
        var (xs, ys) = MinMaxDecimation.Decimate(x.ToArray(), y.ToArray(), PlotBuckets);
        var line = plot.Add.ScatterLine(xs, ys, color);
        line.LegendText = label;
        line.LineWidth = 1.5f;
    }

    /// <summary>Renders the plot as 900 × 300 SVG with the real label text put back, ready to embed in HTML.</summary>
    public static string ToSvg(Plot plot, SvgLabels labels)
    {
        string svg = labels.Restore(plot.GetSvgXml(Width, Height));

        // The SVG is embedded in HTML, where an XML declaration is not allowed.
        int start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg[start..] : svg;
    }

    public static string Encode(string text) => WebUtility.HtmlEncode(text);
}

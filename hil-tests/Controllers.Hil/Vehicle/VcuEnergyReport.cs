using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Text;
using Controllers.Hil.Reports;
using ScottPlot;

namespace Controllers.Hil.Vehicle;

/// <summary>
/// Writes the report folder of a <c>vcu-energy</c> run: one CSV trace per scenario and <c>index.html</c> with the
/// requirement table and, per scenario, SVG plots of cycle and vehicle speed; of requested, commanded and delivered
/// torque; of SOC; and of engine state and generator power. Text is in the current UI culture.
/// </summary>
public static class VcuEnergyReport
{
    public const string IndexFileName = "index.html";

    private const int PlotBuckets = 1500;
    private const int Width = 900;
    private const int Height = 300;

    /// <summary>Returns the CSV file name of a scenario; the suite loader allows only file-name-safe names.</summary>
    public static string TraceFileName(string scenarioName) => scenarioName + ".csv";

    /// <exception cref="ReportWriteException">A folder or file could not be written.</exception>
    public static void Write(VcuEnergySuiteResult result, string folder)
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
            if (scenario.Trace is { Count: > 0 } trace)
            {
                WriteText(Path.Combine(folder, TraceFileName(scenario.ScenarioName)), BuildCsv(trace));
            }
        }

        WriteText(indexPath, BuildIndex(result));
    }

    private static void WriteText(string path, string text)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false));
            writer.Write(text);
        });
    }

    private static string BuildCsv(VcuEnergyTrace trace)
    {
        var csv = new StringBuilder();
        csv.AppendLine("time_s,cycle_speed_kmh,speed_kmh,request_nm,command_nm,delivered_nm,soc_percent,engine_state,generator_kw");
        for (int i = 0; i < trace.Count; i++)
        {
            csv.AppendLine(string.Join(",",
                Number(trace.TimeSeconds[i]), Number(trace.TargetSpeedKmh[i]), Number(trace.SpeedKmh[i]), Number(trace.RequestNewtonMetres[i]),
                Number(trace.CommandNewtonMetres[i]), Number(trace.DeliveredNewtonMetres[i]), Number(trace.SocPercent[i]),
                Number(trace.EngineState[i]), Number(trace.GeneratorKilowatts[i])));
        }

        return csv.ToString();
    }

    private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string BuildIndex(VcuEnergySuiteResult result)
    {
        var suite = result.Suite;
        var html = new StringBuilder();
        string language = CultureInfo.CurrentUICulture.Name.Length > 0 ? CultureInfo.CurrentUICulture.Name : "en";
        html.AppendLine("<!DOCTYPE html>");
        html.Append("<html lang=\"").Append(Encode(language)).AppendLine("\">");
        html.AppendLine("<head>");
        html.AppendLine("<meta charset=\"utf-8\">");
        html.Append("<title>").Append(Encode(Messages.Format("VcuEnergyReportTitle", suite.Name))).AppendLine("</title>");
        html.AppendLine("<style>");
        html.AppendLine("body { font-family: sans-serif; margin: 2em; }");
        html.AppendLine("table { border-collapse: collapse; }");
        html.AppendLine("th, td { border: 1px solid #bbb; padding: 0.3em 0.6em; text-align: left; }");
        html.AppendLine(".Passed { color: #176f2c; font-weight: bold; }");
        html.AppendLine(".Failed, .Error { color: #b00020; font-weight: bold; }");
        html.AppendLine("</style>");
        html.AppendLine("</head>");
        html.AppendLine("<body>");
        html.Append("<h1>").Append(Encode(Messages.Format("VcuEnergyReportTitle", suite.Name))).AppendLine("</h1>");
        if (suite.Description.Length > 0)
        {
            html.Append("<p>").Append(Encode(suite.Description)).AppendLine("</p>");
        }

        html.Append("<p>").Append(Encode(Messages.Format("VcuReportInputs", suite.Vehicle.Name,
            result.StartTime.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)))).AppendLine("</p>");
        html.Append("<p>").Append(Encode(Messages.Format("VcuEnergyReportClip", suite.TopSpeedMetresPerSecond,
            suite.TopSpeedMetresPerSecond * 3.6))).AppendLine("</p>");
        AppendSummary(html, result);
        foreach (var scenario in result.Scenarios)
        {
            AppendScenario(html, scenario);
        }

        html.AppendLine("</body>");
        html.AppendLine("</html>");
        return html.ToString();
    }

    private static void AppendSummary(StringBuilder html, VcuEnergySuiteResult result)
    {
        html.Append("<h2>").Append(Encode(Messages.Get("ReportSummary"))).AppendLine("</h2>");
        html.AppendLine("<table>");
        html.Append("<tr><th>").Append(Encode(ReportText.ScenarioColumn)).Append("</th><th>")
            .Append(Encode(Messages.Get("VcuColumnRequirement"))).Append("</th><th>")
            .Append(Encode(Messages.Get("VcuColumnDetail"))).Append("</th><th>")
            .Append(Encode(ReportText.ResultColumn)).AppendLine("</th></tr>");
        foreach (var scenario in result.Scenarios)
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
                var outcome = requirement.Passed ? Running.ScenarioOutcome.Passed : Running.ScenarioOutcome.Failed;
                html.Append("<tr><td>").Append(link).Append("</td><td>").Append(Encode(requirement.Requirement)).Append("</td><td>")
                    .Append(Encode(requirement.Detail)).Append("</td><td class=\"").Append(outcome).Append("\">")
                    .Append(Encode(ReportText.Outcome(outcome))).AppendLine("</td></tr>");
            }
        }

        html.AppendLine("</table>");
    }

    private static void AppendScenario(StringBuilder html, VcuEnergyScenarioResult result)
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
        }

        if (result.Trace is not { Count: > 0 } trace)
        {
            return;
        }

        html.Append("<p><a href=\"").Append(Encode(TraceFileName(scenario.Name))).Append("\">")
            .Append(Encode(Messages.Get("ReportTraceLink"))).AppendLine("</a></p>");
        html.Append("<div>").Append(SpeedSvg(trace)).AppendLine("</div>");
        html.Append("<div>").Append(TorqueSvg(trace)).AppendLine("</div>");
        html.Append("<div>").Append(SocSvg(trace)).AppendLine("</div>");
        html.Append("<div>").Append(GeneratorSvg(trace)).AppendLine("</div>");
    }

    private static string SpeedSvg(VcuEnergyTrace trace)
    {
        var plot = new Plot();
        var labels = new SvgLabels();
        AddLine(plot, trace.TimeSeconds, trace.TargetSpeedKmh, labels.Add(Messages.Get("PlotVcuTargetSpeed")), Colors.Gray);
        AddLine(plot, trace.TimeSeconds, trace.SpeedKmh, labels.Add(Messages.Get("PlotVcuActualSpeed")), Colors.Black);
        plot.Title(labels.Add(Messages.Get("PlotVcuSpeedTitle")));
        plot.XLabel(labels.Add(Messages.Get("PlotVcuTimeAxis")));
        plot.YLabel(labels.Add(Messages.Get("PlotVcuSpeedAxis")));
        plot.ShowLegend(Alignment.UpperRight);
        return ToSvg(plot, labels);
    }

    private static string TorqueSvg(VcuEnergyTrace trace)
    {
        var plot = new Plot();
        var labels = new SvgLabels();
        AddLine(plot, trace.TimeSeconds, trace.RequestNewtonMetres, labels.Add(Messages.Get("PlotVcuRequest")), Colors.Gray);
        AddLine(plot, trace.TimeSeconds, trace.CommandNewtonMetres, labels.Add(Messages.Get("PlotVcuCommand")), Colors.Blue);
        AddLine(plot, trace.TimeSeconds, trace.DeliveredNewtonMetres, labels.Add(Messages.Get("PlotVcuDelivered")), Colors.Red);
        plot.Title(labels.Add(Messages.Get("PlotVcuTorqueTitle")));
        plot.XLabel(labels.Add(Messages.Get("PlotVcuTimeAxis")));
        plot.YLabel(labels.Add(Messages.Get("PlotVcuTorqueAxis")));
        plot.ShowLegend(Alignment.LowerRight);
        return ToSvg(plot, labels);
    }

    private static string SocSvg(VcuEnergyTrace trace)
    {
        var plot = new Plot();
        var labels = new SvgLabels();
        AddLine(plot, trace.TimeSeconds, trace.SocPercent, labels.Add(Messages.Get("PlotVcuSoc")), Colors.Green);
        plot.Title(labels.Add(Messages.Get("PlotVcuSocOnlyTitle")));
        plot.XLabel(labels.Add(Messages.Get("PlotVcuTimeAxis")));
        plot.YLabel(labels.Add(Messages.Get("PlotVcuSoc")));
        return ToSvg(plot, labels);
    }

    private static string GeneratorSvg(VcuEnergyTrace trace)
    {
        var plot = new Plot();
        var labels = new SvgLabels();
        AddLine(plot, trace.TimeSeconds, trace.GeneratorKilowatts, labels.Add(Messages.Get("PlotVcuGeneratorPower")), Colors.Orange);
        AddLine(plot, trace.TimeSeconds, trace.EngineState, labels.Add(Messages.Get("PlotVcuEngineStateCode")), Colors.Purple);
        plot.Title(labels.Add(Messages.Get("PlotVcuGeneratorTitle")));
        plot.XLabel(labels.Add(Messages.Get("PlotVcuTimeAxis")));
        plot.ShowLegend(Alignment.UpperRight);
        return ToSvg(plot, labels);
    }

    private static void AddLine(Plot plot, List<double> x, List<double> y, string label, Color color)
    {
        var (xs, ys) = MinMaxDecimation.Decimate(x.ToArray(), y.ToArray(), PlotBuckets);
        var line = plot.Add.ScatterLine(xs, ys, color);
        line.LegendText = label;
        line.LineWidth = 1.5f;
    }

    private static string ToSvg(Plot plot, SvgLabels labels)
    {
        string svg = labels.Restore(plot.GetSvgXml(Width, Height));

        // The SVG is embedded in HTML, where an XML declaration is not allowed.
        int start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg[start..] : svg;
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

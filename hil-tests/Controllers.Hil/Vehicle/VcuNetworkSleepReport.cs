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
/// Writes the report folder of a <c>vcu-network-sleep</c> run: one CSV trace per scenario and <c>index.html</c> with the
/// requirement table and, per scenario, SVG plots of the NM state with the events as vertical lines, of the board
/// current on a logarithmic axis, and for after-run and thermal-load scenarios of the temperatures and of the pump and
/// fan duties and the torque cap, followed
/// by the event list. Text is in the current UI culture.
/// </summary>
public static class VcuNetworkSleepReport
{
    public const string IndexFileName = "index.html";

    private const int PlotBuckets = 1500;
    private const int Width = 900;
    private const int Height = 300;

    /// <summary>Returns the CSV file name of a scenario; the suite loader allows only file-name-safe names.</summary>
    public static string TraceFileName(string scenarioName) => scenarioName + ".csv";

    /// <exception cref="ReportWriteException">A folder or file could not be written.</exception>
    public static void Write(VcuNetworkSleepSuiteResult result, string folder)
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

    private static string BuildCsv(VcuSleepTrace trace)
    {
        var csv = new StringBuilder();
        csv.AppendLine("time_s,nm_state,current_ma,motor_pump_duty,radiator_fan_duty,torque_cap_fraction,motor_c,inverter_c,coolant_c");
        for (int i = 0; i < trace.Count; i++)
        {
            csv.AppendLine(string.Join(",",
                Number(trace.TimeSeconds[i]), Number(trace.NmState[i]), Number(trace.CurrentMilliamps[i]), Number(trace.MotorPumpDuty[i]),
                Number(trace.RadiatorFanDuty[i]), Number(trace.TorqueCapFraction[i]), Number(trace.MotorCelsius[i]),
                Number(trace.InverterCelsius[i]), Number(trace.CoolantCelsius[i])));
        }

        return csv.ToString();
    }

    private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string BuildIndex(VcuNetworkSleepSuiteResult result)
    {
        var suite = result.Suite;
        var html = new StringBuilder();
        string language = CultureInfo.CurrentUICulture.Name.Length > 0 ? CultureInfo.CurrentUICulture.Name : "en";
        string title = Messages.Format("VcuSleepReportTitle", suite.Name);
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
        if (suite.Description.Length > 0)
        {
            html.Append("<p>").Append(Encode(suite.Description)).AppendLine("</p>");
        }

        html.Append("<p>").Append(Encode(result.StartTime.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture))).AppendLine("</p>");
        AppendSummary(html, result);
        foreach (var scenario in result.Scenarios)
        {
            AppendScenario(html, scenario);
        }

        html.AppendLine("</body>");
        html.AppendLine("</html>");
        return html.ToString();
    }

    private static void AppendSummary(StringBuilder html, VcuNetworkSleepSuiteResult result)
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

    private static void AppendScenario(StringBuilder html, VcuNetworkSleepScenarioResult result)
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
        html.Append("<div>").Append(NmStateSvg(trace)).AppendLine("</div>");
        html.Append("<div>").Append(CurrentSvg(trace)).AppendLine("</div>");
        if (scenario.Type is VcuSleepScenarioType.AfterRun or VcuSleepScenarioType.ThermalLoad)
        {
            html.Append("<div>").Append(TemperatureSvg(trace)).AppendLine("</div>");
            html.Append("<div>").Append(ThermalSvg(trace)).AppendLine("</div>");
        }

        AppendEvents(html, trace);
    }

    private static void AppendEvents(StringBuilder html, VcuSleepTrace trace)
    {
        if (trace.EventSeconds.Count == 0)
        {
            return;
        }

        html.Append("<table><tr><th>").Append(Encode(Messages.Get("PlotVcuTimeAxis"))).Append("</th><th>")
            .Append(Encode(Messages.Get("VcuSleepEventColumn"))).AppendLine("</th></tr>");
        for (int i = 0; i < trace.EventSeconds.Count; i++)
        {
            html.Append("<tr><td>").Append(trace.EventSeconds[i].ToString("0.000", CultureInfo.CurrentCulture)).Append("</td><td>")
                .Append(Encode(trace.EventLabels[i])).AppendLine("</td></tr>");
        }

        html.AppendLine("</table>");
    }

    private static string NmStateSvg(VcuSleepTrace trace)
    {
        var plot = new Plot();
        var labels = new SvgLabels();
        AddLine(plot, trace.TimeSeconds, trace.NmState, labels.Add(Messages.Get("PlotSleepNmState")), Colors.Blue);
        foreach (double time in trace.EventSeconds)
        {
            plot.Add.VerticalLine(time, 1, Colors.Gray, LinePattern.Dotted);
        }

        plot.Title(labels.Add(Messages.Get("PlotSleepNmTitle")));
        plot.XLabel(labels.Add(Messages.Get("PlotVcuTimeAxis")));
        plot.YLabel(labels.Add(Messages.Get("PlotSleepNmAxis")));
        return ToSvg(plot, labels);
    }

    // ScottPlot has no logarithmic axis: the values are plotted as log10 and the ticks labelled with the current.
    private static string CurrentSvg(VcuSleepTrace trace)
    {
        var plot = new Plot();
        var labels = new SvgLabels();
        var logCurrent = new List<double>(trace.Count);
        foreach (double milliamps in trace.CurrentMilliamps)
        {
            logCurrent.Add(Math.Log10(Math.Max(milliamps, 1e-3)));
        }

        AddLine(plot, trace.TimeSeconds, logCurrent, labels.Add(Messages.Get("PlotSleepCurrentAxis")), Colors.Red);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = value => Math.Pow(10, value).ToString("G3", CultureInfo.CurrentCulture),
        };
        plot.Title(labels.Add(Messages.Get("PlotSleepCurrentTitle")));
        plot.XLabel(labels.Add(Messages.Get("PlotVcuTimeAxis")));
        plot.YLabel(labels.Add(Messages.Get("PlotSleepCurrentAxis")));
        return ToSvg(plot, labels);
    }

    private static string TemperatureSvg(VcuSleepTrace trace)
    {
        var plot = new Plot();
        var labels = new SvgLabels();
        AddLine(plot, trace.TimeSeconds, trace.MotorCelsius, labels.Add(Messages.Get("PlotSleepMotorTemperature")), Colors.Red);
        AddLine(plot, trace.TimeSeconds, trace.InverterCelsius, labels.Add(Messages.Get("PlotSleepInverterTemperature")), Colors.Purple);
        if (!trace.CoolantCelsius.Exists(double.IsNaN))
        {
            AddLine(plot, trace.TimeSeconds, trace.CoolantCelsius, labels.Add(Messages.Get("PlotSleepCoolantTemperature")), Colors.Blue);
        }

        plot.Title(labels.Add(Messages.Get("PlotSleepTemperatureTitle")));
        plot.XLabel(labels.Add(Messages.Get("PlotVcuTimeAxis")));
        plot.YLabel(labels.Add(Messages.Get("PlotSleepTemperatureAxis")));
        plot.ShowLegend(Alignment.LowerRight);
        return ToSvg(plot, labels);
    }

    private static string ThermalSvg(VcuSleepTrace trace)
    {
        var plot = new Plot();
        var labels = new SvgLabels();
        AddLine(plot, trace.TimeSeconds, trace.MotorPumpDuty, labels.Add(Messages.Get("PlotSleepPumpDuty")), Colors.Blue);
        AddLine(plot, trace.TimeSeconds, trace.RadiatorFanDuty, labels.Add(Messages.Get("PlotSleepFanDuty")), Colors.Orange);
        AddLine(plot, trace.TimeSeconds, trace.TorqueCapFraction, labels.Add(Messages.Get("PlotSleepTorqueCap")), Colors.Green);
        plot.Title(labels.Add(Messages.Get("PlotSleepThermalTitle")));
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

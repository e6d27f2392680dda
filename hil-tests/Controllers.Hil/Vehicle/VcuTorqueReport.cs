using System.Text;
using Controllers.Hil.Reports;
using ScottPlot;
using static Controllers.Hil.Reports.VehicleReportPage;

namespace Controllers.Hil.Vehicle;

/// <summary>
/// Writes the report folder of a <c>vcu-torque</c> run: one CSV trace per scenario and <c>index.html</c> with the
/// requirement table and, per scenario, SVG plots of speed; of target, command and delivered torque; and of SOC and
/// engine state. Text is in the current UI culture.
/// </summary>
public static class VcuTorqueReport
{
    public const string IndexFileName = VehicleReportPage.IndexFileName;

    /// <summary>Returns the CSV file name of a scenario; the suite loader allows only file-name-safe names.</summary>
    public static string TraceFileName(string scenarioName) => VehicleReportPage.TraceFileName(scenarioName);

    /// <summary>Writes the CSV traces and then <c>index.html</c>, each file atomically.</summary>
    /// <exception cref="ReportWriteException">A folder or file could not be written.</exception>
    public static void Write(VcuTorqueSuiteResult result, string folder)
    {
        VehicleReportPage.Write(folder, result.Scenarios,
            scenario => scenario.Trace is { Count: > 0 } trace ? BuildCsv(trace) : null,
            () => BuildIndex(result));
    }

    private static string BuildCsv(VcuTrace trace) =>
        VehicleReportPage.BuildCsv(
            "time_s,speed_kmh,pedal_percent,target_nm,command_nm,delivered_nm,soc_percent,engine_state",
            trace.Count,
            trace.TimeSeconds, trace.SpeedKmh, trace.PedalPercent, trace.TargetNewtonMetres,
            trace.CommandNewtonMetres, trace.DeliveredNewtonMetres, trace.SocPercent, trace.EngineState);

    private static string BuildIndex(VcuTorqueSuiteResult result)
    {
        var suite = result.Suite;
        string[] inputLines =
        [
            Messages.Format("VcuReportInputs", suite.Vehicle.Name, StartTimeText(result.StartTime)),
        ];
        return VehicleReportPage.BuildIndex(Messages.Format("VcuReportTitle", suite.Name), suite.Description, inputLines,
            result.Scenarios, AppendScenario);
    }

    private static void AppendScenario(StringBuilder html, VcuTorqueScenarioResult result)
    {
        var scenario = result.Scenario;
        AppendScenarioHeading(html, result, scenario.Description);
        if (result.Trace is not { Count: > 0 } trace)
        {
            return;
        }

        AppendTraceLink(html, scenario.Name);
        AppendPlot(html, SpeedSvg(trace));
        AppendPlot(html, TorqueSvg(trace));
        AppendPlot(html, EnergySvg(trace));
    }

    private static string SpeedSvg(VcuTrace trace)
    {
        var plot = new Plot();
        var labels = new SvgLabels();
        AddLine(plot, trace.TimeSeconds, trace.SpeedKmh, labels.Add(Messages.Get("PlotVcuSpeedAxis")), Colors.Black);
        plot.Title(labels.Add(Messages.Get("PlotVcuSpeedTitle")));
        plot.XLabel(labels.Add(Messages.Get("PlotVcuTimeAxis")));
        plot.YLabel(labels.Add(Messages.Get("PlotVcuSpeedAxis")));
        return ToSvg(plot, labels);
    }

    private static string TorqueSvg(VcuTrace trace)
    {
        var plot = new Plot();
        var labels = new SvgLabels();
        AddLine(plot, trace.TimeSeconds, trace.TargetNewtonMetres, labels.Add(Messages.Get("PlotVcuTarget")), Colors.Gray);
        AddLine(plot, trace.TimeSeconds, trace.CommandNewtonMetres, labels.Add(Messages.Get("PlotVcuCommand")), Colors.Blue);
        AddLine(plot, trace.TimeSeconds, trace.DeliveredNewtonMetres, labels.Add(Messages.Get("PlotVcuDelivered")), Colors.Red);
        plot.Title(labels.Add(Messages.Get("PlotVcuTorqueTitle")));
        plot.XLabel(labels.Add(Messages.Get("PlotVcuTimeAxis")));
        plot.YLabel(labels.Add(Messages.Get("PlotVcuTorqueAxis")));
        plot.ShowLegend(Alignment.LowerRight);
        return ToSvg(plot, labels);
    }

    private static string EnergySvg(VcuTrace trace)
    {
        var plot = new Plot();
        var labels = new SvgLabels();
        AddLine(plot, trace.TimeSeconds, trace.SocPercent, labels.Add(Messages.Get("PlotVcuSoc")), Colors.Green);
        AddLine(plot, trace.TimeSeconds, trace.EngineState, labels.Add(Messages.Get("PlotVcuEngineState")), Colors.Orange);
        plot.Title(labels.Add(Messages.Get("PlotVcuSocTitle")));
        plot.XLabel(labels.Add(Messages.Get("PlotVcuTimeAxis")));
        plot.ShowLegend(Alignment.UpperRight);
        return ToSvg(plot, labels);
    }
}

using System.Text;
using Controllers.Hil.Reports;
using ScottPlot;
using static Controllers.Hil.Reports.VehicleReportPage;

namespace Controllers.Hil.Vehicle;

/// <summary>
/// Writes the report folder of a <c>vcu-high-voltage</c> run: one CSV trace per scenario and <c>index.html</c> with
/// the requirement table and, per scenario, SVG plots of link voltage with pack and charger current, and of the
/// contactor states with the VCU's HV state. Text is in the current UI culture.
/// </summary>
public static class VcuHighVoltageReport
{
    public const string IndexFileName = VehicleReportPage.IndexFileName;

    /// <summary>Returns the CSV file name of a scenario; the suite loader allows only file-name-safe names.</summary>
    public static string TraceFileName(string scenarioName) => VehicleReportPage.TraceFileName(scenarioName);

    /// <summary>Writes the CSV traces and then <c>index.html</c>, each file atomically.</summary>
    /// <exception cref="ReportWriteException">A folder or file could not be written.</exception>
    public static void Write(VcuHighVoltageSuiteResult result, string folder)
    {
        VehicleReportPage.Write(folder, result.Scenarios,
            scenario => scenario.Trace is { Count: > 0 } trace ? BuildCsv(trace) : null,
            () => BuildIndex(result));
    }

    private static string BuildCsv(VcuHvTrace trace) =>
        VehicleReportPage.BuildCsv(
            "time_s,link_v,pack_a,charger_a,negative_closed,precharge_closed,positive_closed,hv_state,motor_nm",
            trace.Count,
            trace.TimeSeconds, trace.LinkVolts, trace.PackAmperes, trace.ChargerAmperes,
            trace.NegativeClosed, trace.PrechargeClosed, trace.PositiveClosed, trace.HvState, trace.MotorNewtonMetres);

    private static string BuildIndex(VcuHighVoltageSuiteResult result)
    {
        var suite = result.Suite;
        string[] inputLines =
        [
            Messages.Format("VcuReportInputs", suite.Vehicle.Name, StartTimeText(result.StartTime)),
        ];
        return VehicleReportPage.BuildIndex(Messages.Format("VcuHvReportTitle", suite.Name), suite.Description, inputLines,
            result.Scenarios, AppendScenario);
    }

    private static void AppendScenario(StringBuilder html, VcuHighVoltageScenarioResult result)
    {
        var scenario = result.Scenario;
        AppendScenarioHeading(html, result, scenario.Description);
        if (result.Trace is not { Count: > 0 } trace)
        {
            return;
        }

        AppendTraceLink(html, scenario.Name);
        AppendPlot(html, VoltageSvg(trace));
        AppendPlot(html, StateSvg(trace));
    }

    private static string VoltageSvg(VcuHvTrace trace)
    {
        var plot = new Plot();
        var labels = new SvgLabels();
        AddLine(plot, trace.TimeSeconds, trace.LinkVolts, labels.Add(Messages.Get("PlotVcuHvLinkVolts")), Colors.Black);
        AddLine(plot, trace.TimeSeconds, trace.PackAmperes, labels.Add(Messages.Get("PlotVcuHvPackAmperes")), Colors.Red);
        AddLine(plot, trace.TimeSeconds, trace.ChargerAmperes, labels.Add(Messages.Get("PlotVcuHvChargerAmperes")), Colors.Green);
        plot.Title(labels.Add(Messages.Get("PlotVcuHvVoltageTitle")));
        plot.XLabel(labels.Add(Messages.Get("PlotVcuTimeAxis")));
        plot.ShowLegend(Alignment.UpperRight);
        return ToSvg(plot, labels);
    }

    private static string StateSvg(VcuHvTrace trace)
    {
        // Stacked with offsets so that the four lines do not hide each other.
        var plot = new Plot();
        var labels = new SvgLabels();
        AddLine(plot, trace.TimeSeconds, trace.NegativeClosed, labels.Add(Messages.Get("PlotVcuHvNegative")), Colors.Blue);
        AddLine(plot, trace.TimeSeconds, trace.PrechargeClosed.ConvertAll(value => value + 2), labels.Add(Messages.Get("PlotVcuHvPrecharge")), Colors.Orange);
        AddLine(plot, trace.TimeSeconds, trace.PositiveClosed.ConvertAll(value => value + 4), labels.Add(Messages.Get("PlotVcuHvPositive")), Colors.Red);
        AddLine(plot, trace.TimeSeconds, trace.HvState.ConvertAll(value => value + 6), labels.Add(Messages.Get("PlotVcuHvState")), Colors.Black);
        plot.Title(labels.Add(Messages.Get("PlotVcuHvStateTitle")));
        plot.XLabel(labels.Add(Messages.Get("PlotVcuTimeAxis")));
        plot.ShowLegend(Alignment.UpperRight);
        return ToSvg(plot, labels);
    }
}

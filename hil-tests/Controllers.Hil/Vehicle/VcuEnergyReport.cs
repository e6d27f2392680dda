using System.Text;
using Controllers.Hil.Reports;
using ScottPlot;
using static Controllers.Hil.Reports.VehicleReportPage;

namespace Controllers.Hil.Vehicle;

/// <summary>
/// Writes the report folder of a <c>vcu-energy</c> run: one CSV trace per scenario and <c>index.html</c> with the
/// requirement table and, per scenario, SVG plots of cycle and vehicle speed; of requested, commanded and delivered
/// torque; of SOC; and of engine state and generator power. Text is in the current UI culture.
/// </summary>
public static class VcuEnergyReport
{
    public const string IndexFileName = VehicleReportPage.IndexFileName;

    /// <summary>Returns the CSV file name of a scenario; the suite loader allows only file-name-safe names.</summary>
    public static string TraceFileName(string scenarioName) => VehicleReportPage.TraceFileName(scenarioName);

    /// <summary>Writes the CSV traces and then <c>index.html</c>, each file atomically.</summary>
    /// <exception cref="ReportWriteException">A folder or file could not be written.</exception>
    public static void Write(VcuEnergySuiteResult result, string folder)
    {
        VehicleReportPage.Write(folder, result.Scenarios,
            scenario => scenario.Trace is { Count: > 0 } trace ? BuildCsv(trace) : null,
            () => BuildIndex(result));
    }

    private static string BuildCsv(VcuEnergyTrace trace) =>
        VehicleReportPage.BuildCsv(
            "time_s,cycle_speed_kmh,speed_kmh,request_nm,command_nm,delivered_nm,soc_percent,engine_state,generator_kw,motor_kw,pack_charge_a,charge_limit_a",
            trace.Count,
            trace.TimeSeconds, trace.TargetSpeedKmh, trace.SpeedKmh, trace.RequestNewtonMetres,
            trace.CommandNewtonMetres, trace.DeliveredNewtonMetres, trace.SocPercent, trace.EngineState, trace.GeneratorKilowatts,
            trace.MotorKilowatts, trace.PackChargeAmperes, trace.ChargeLimitAmperes);

    private static string BuildIndex(VcuEnergySuiteResult result)
    {
        var suite = result.Suite;
        string[] inputLines =
        [
            Messages.Format("VcuReportInputs", suite.Vehicle.Name, StartTimeText(result.StartTime)),
            Messages.Format("VcuEnergyReportClip", suite.TopSpeedMetresPerSecond, suite.TopSpeedMetresPerSecond * 3.6),
        ];
        return VehicleReportPage.BuildIndex(Messages.Format("VcuEnergyReportTitle", suite.Name), suite.Description, inputLines,
            result.Scenarios, AppendScenario);
    }

    private static void AppendScenario(StringBuilder html, VcuEnergyScenarioResult result)
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
        AppendPlot(html, SocSvg(trace));
        AppendPlot(html, GeneratorSvg(trace));
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
}

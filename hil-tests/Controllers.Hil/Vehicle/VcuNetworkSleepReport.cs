using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Controllers.Hil.Reports;
using ScottPlot;
using static Controllers.Hil.Reports.VehicleReportPage;

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
    public const string IndexFileName = VehicleReportPage.IndexFileName;

    /// <summary>Returns the CSV file name of a scenario; the suite loader allows only file-name-safe names.</summary>
    public static string TraceFileName(string scenarioName) => VehicleReportPage.TraceFileName(scenarioName);

    /// <summary>Writes the CSV traces and then <c>index.html</c>, each file atomically.</summary>
    /// <exception cref="ReportWriteException">A folder or file could not be written.</exception>
    public static void Write(VcuNetworkSleepSuiteResult result, string folder)
    {
        VehicleReportPage.Write(folder, result.Scenarios,
            scenario => scenario.Trace is { Count: > 0 } trace ? BuildCsv(trace) : null,
            () => BuildIndex(result));
    }

    private static string BuildCsv(VcuSleepTrace trace) =>
        VehicleReportPage.BuildCsv(
            "time_s,nm_state,current_ma,motor_pump_duty,radiator_fan_duty,torque_cap_fraction,motor_c,inverter_c,coolant_c",
            trace.Count,
            trace.TimeSeconds, trace.NmState, trace.CurrentMilliamps, trace.MotorPumpDuty,
            trace.RadiatorFanDuty, trace.TorqueCapFraction, trace.MotorCelsius, trace.InverterCelsius, trace.CoolantCelsius);

    private static string BuildIndex(VcuNetworkSleepSuiteResult result)
    {
        var suite = result.Suite;
        string[] inputLines =
        [
            StartTimeText(result.StartTime),
        ];
        return VehicleReportPage.BuildIndex(Messages.Format("VcuSleepReportTitle", suite.Name), suite.Description, inputLines,
            result.Scenarios, AppendScenario);
    }

    private static void AppendScenario(StringBuilder html, VcuNetworkSleepScenarioResult result)
    {
        var scenario = result.Scenario;
        AppendScenarioHeading(html, result, scenario.Description);
        if (result.Trace is not { Count: > 0 } trace)
        {
            return;
        }

        AppendTraceLink(html, scenario.Name);
        AppendPlot(html, NmStateSvg(trace));
        AppendPlot(html, CurrentSvg(trace));
        if (scenario.Type is VcuSleepScenarioType.AfterRun or VcuSleepScenarioType.ThermalLoad)
        {
            AppendPlot(html, TemperatureSvg(trace));
            AppendPlot(html, ThermalSvg(trace));
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
}

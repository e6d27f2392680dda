using System;
using Controllers.Hil.Running;
using Controllers.Hil.Suites;
using Controllers.Simulation.Replay;
using ScottPlot;

namespace Controllers.Hil.Reports;

/// <summary>
/// Draws the report plots with ScottPlot and returns them as SVG with every label as a &lt;text&gt;
/// element, so the browser draws Chinese labels with its own fonts (see <see cref="SvgLabels"/>).
/// </summary>
internal static class SocPlots
{
    /// <summary>Buckets per series. Min-max decimation keeps up to two points per bucket.</summary>
    private const int PlotBuckets = 1500;

    private const int Width = 900;
    private const int Height = 340;

    public static string SocSvg(SocTrace trace)
    {
        double[] minutes = Minutes(trace);
        var plot = new Plot();
        var labels = new SvgLabels();
        AddLine(plot, minutes, Percent(trace.TrueSoc), labels.Add(Messages.Get("PlotTrueSoc")), Colors.Black);
        AddLine(plot, minutes, Percent(trace.EstimatedSoc), labels.Add(Messages.Get("PlotEstimatedSoc")), Colors.Blue);
        plot.Title(labels.Add(Messages.Get("PlotSocTitle")));
        plot.XLabel(labels.Add(Messages.Get("PlotTimeAxis")));
        plot.YLabel(labels.Add(Messages.Get("PlotSocAxis")));
        plot.ShowLegend(Alignment.UpperRight);
        return ToSvg(plot, labels);
    }

    public static string ErrorSvg(SocTrace trace, SocCriteria criteria)
    {
        double[] minutes = Minutes(trace);
        var plot = new Plot();
        var labels = new SvgLabels();
        AddLine(plot, minutes, SocErrorMetrics.SocErrorPercent(trace), labels.Add(Messages.Get("PlotSocError")), Colors.Red);

        var upper = plot.Add.HorizontalLine(criteria.MaxAbsSocErrorPercent, 1, Colors.Gray, LinePattern.Dashed);
        upper.LegendText = labels.Add(Messages.Get("PlotLimit"));
        plot.Add.HorizontalLine(-criteria.MaxAbsSocErrorPercent, 1, Colors.Gray, LinePattern.Dashed);
        var convergence = plot.Add.VerticalLine(criteria.ConvergenceMinutes, 1, Colors.Green, LinePattern.Dotted);
        convergence.LegendText = labels.Add(Messages.Get("PlotConvergence"));

        plot.Title(labels.Add(Messages.Get("PlotErrorTitle")));
        plot.XLabel(labels.Add(Messages.Get("PlotTimeAxis")));
        plot.YLabel(labels.Add(Messages.Get("PlotErrorAxis")));
        plot.ShowLegend(Alignment.UpperRight);
        return ToSvg(plot, labels);
    }

    private static void AddLine(Plot plot, double[] x, double[] y, string label, Color color)
    {
        var (xs, ys) = MinMaxDecimation.Decimate(x, y, PlotBuckets);
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

    private static double[] Minutes(SocTrace trace)
    {
        var minutes = new double[trace.Count];
        for (int i = 0; i < minutes.Length; i++)
        {
            minutes[i] = trace.TimeSeconds[i] / 60.0;
        }

        return minutes;
    }

    private static double[] Percent(float[] fractions)
    {
        var percent = new double[fractions.Length];
        for (int i = 0; i < percent.Length; i++)
        {
            percent[i] = fractions[i] * 100.0;
        }

        return percent;
    }
}

using System.Globalization;
using System.IO;
using System.Text;
using Controllers.Simulation.Replay;

namespace Controllers.Hil.Reports;

/// <summary>Writes a replay trace as CSV (invariant culture, one row per estimation step, SOC in percent).</summary>
public static class TraceCsv
{
    public const string Header = "time_s,true_soc_percent,estimated_soc_percent,soc_error_percent,soc_sigma_percent," +
                                 "voltage_measured_V,voltage_model_V,current_A,temperature_degC";

    public static void Write(SocTrace trace, string path)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false));
            writer.NewLine = "\n";
            writer.WriteLine(Header);
            var line = new StringBuilder();
            for (int i = 0; i < trace.Count; i++)
            {
                double trueSoc = trace.TrueSoc[i] * 100.0;
                double estimatedSoc = trace.EstimatedSoc[i] * 100.0;
                line.Clear();
                line.Append(trace.TimeSeconds[i].ToString("0.###", CultureInfo.InvariantCulture)).Append(',');
                line.Append(Format(trueSoc)).Append(',');
                line.Append(Format(estimatedSoc)).Append(',');
                line.Append(Format(((double)trace.EstimatedSoc[i] - trace.TrueSoc[i]) * 100.0)).Append(',');
                line.Append(Format(trace.EstimatedSocStandardDeviation[i] * 100.0)).Append(',');
                line.Append(Format(trace.MeasuredVoltageVolts[i])).Append(',');
                line.Append(Format(trace.ModelVoltageVolts[i])).Append(',');
                line.Append(Format(trace.MeasuredCurrentAmperes[i])).Append(',');
                line.Append(Format(trace.TemperatureCelsius[i]));
                writer.WriteLine(line);
            }
        });
    }

    // Seven significant digits cover the float precision of the trace.
    private static string Format(double value) => value.ToString("G7", CultureInfo.InvariantCulture);
}

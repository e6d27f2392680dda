using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Controllers.Simulation.Data;

/// <summary>
/// Reads cycler recordings in the parsed CSV layout of the McMaster LG 18650HG2 data set
/// (Kollmeyer et al., Mendeley Data, doi:10.17632/cp3473x7xv.3): columns <c>Time [min]</c>,
/// <c>Voltage [V]</c>, <c>Current [A]</c>, <c>Temperature [degC]</c> and <c>Capacity [Ah]</c>, in any
/// order, with other columns ignored.
/// </summary>
public static class CellRecordingCsv
{
    public const string TimeColumn = "Time [min]";
    public const string VoltageColumn = "Voltage [V]";
    public const string CurrentColumn = "Current [A]";
    public const string TemperatureColumn = "Temperature [degC]";
    public const string ChargeColumn = "Capacity [Ah]";

    /// <summary>Longest recording accepted; a replay keeps one trace row per 100 ms in memory.</summary>
    public const double MaxDurationHours = 72;

    /// <summary>Longest time between two rows; a larger gap is a broken time column, not a rest.</summary>
    public const double MaxGapHours = 24;

    private static readonly string[] RequiredColumns =
        [TimeColumn, VoltageColumn, CurrentColumn, TemperatureColumn, ChargeColumn];

    // Plausible ranges of one cell's recording, in the order of RequiredColumns (time is checked apart).
    private static readonly double[] Minimums = [double.MinValue, 0, -1000, -60, -10000];
    private static readonly double[] Maximums = [double.MaxValue, 10, 1000, 150, 10000];

    /// <summary>Loads a recording and rebases its time axis to start at 0 s.</summary>
    /// <exception cref="DataFileException">The file is missing, empty or has an invalid value.</exception>
    public static CellRecording Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new DataFileException(path, 0, "-", Messages.Get("FileNotFound"));
        }

        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads a recording from <paramref name="reader"/>; <paramref name="sourceName"/> appears in errors.</summary>
    public static CellRecording Read(TextReader reader, string sourceName)
    {
        string? header = reader.ReadLine();
        if (header == null)
        {
            throw new DataFileException(sourceName, 1, "-", Messages.Get("EmptyFile"));
        }

        string[] names = header.Split(',');
        int[] columns = new int[RequiredColumns.Length];
        for (int i = 0; i < RequiredColumns.Length; i++)
        {
            columns[i] = Array.FindIndex(names, name => name.Trim() == RequiredColumns[i]);
            if (columns[i] < 0)
            {
                throw new DataFileException(sourceName, 1, RequiredColumns[i], Messages.Get("MissingColumn"));
            }
        }

        var time = new List<double>();
        var voltage = new List<float>();
        var current = new List<float>();
        var temperature = new List<float>();
        var charge = new List<double>();
        var values = new double[RequiredColumns.Length];
        int lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            string[] fields = line.Split(',');
            for (int i = 0; i < RequiredColumns.Length; i++)
            {
                values[i] = ParseField(fields, columns[i], RequiredColumns[i], sourceName, lineNumber);
                if (values[i] < Minimums[i] || values[i] > Maximums[i])
                {
                    throw new DataFileException(sourceName, lineNumber, RequiredColumns[i],
                        Messages.Format("ImplausibleValue", fields[columns[i]].Trim(),
                            Minimums[i].ToString(CultureInfo.InvariantCulture), Maximums[i].ToString(CultureInfo.InvariantCulture)));
                }
            }

            // After the fields, so a short row names the field it lacks.
            if (fields.Length != names.Length)
            {
                throw new DataFileException(sourceName, lineNumber, "-",
                    Messages.Format("FieldCountMismatch", fields.Length, names.Length));
            }

            double seconds = values[0] * 60.0;
            if (time.Count > 0 && seconds < time[^1])
            {
                throw new DataFileException(sourceName, lineNumber, TimeColumn,
                    Messages.Format("TimeGoesBack", values[0].ToString(CultureInfo.InvariantCulture)));
            }

            if (time.Count > 0 && seconds - time[^1] > MaxGapHours * 3600)
            {
                throw new DataFileException(sourceName, lineNumber, TimeColumn,
                    Messages.Format("TimeGapTooLong", values[0].ToString(CultureInfo.InvariantCulture), MaxGapHours));
            }

            if (time.Count > 0 && seconds - time[0] > MaxDurationHours * 3600)
            {
                throw new DataFileException(sourceName, lineNumber, TimeColumn,
                    Messages.Format("RecordingTooLong", MaxDurationHours));
            }

            time.Add(seconds);
            voltage.Add((float)values[1]);
            current.Add((float)values[2]);
            temperature.Add((float)values[3]);
            charge.Add(values[4]);
        }

        if (time.Count < 2)
        {
            throw new DataFileException(sourceName, lineNumber, TimeColumn, Messages.Get("TooFewSamples"));
        }

        if (!(time[^1] > time[0]))
        {
            throw new DataFileException(sourceName, lineNumber, TimeColumn, Messages.Get("ZeroDuration"));
        }

        double origin = time[0];
        double[] rebased = new double[time.Count];
        for (int i = 0; i < rebased.Length; i++)
        {
            rebased[i] = time[i] - origin;
        }

        return new CellRecording(sourceName, rebased, voltage.ToArray(), current.ToArray(), temperature.ToArray(),
            charge.ToArray());
    }

    private static double ParseField(string[] fields, int column, string name, string sourceName, int lineNumber)
    {
        if (column >= fields.Length)
        {
            throw new DataFileException(sourceName, lineNumber, name, Messages.Get("MissingValue"));
        }

        string text = fields[column].Trim();
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ||
            !double.IsFinite(value))
        {
            throw new DataFileException(sourceName, lineNumber, name, Messages.Format("InvalidNumber", text));
        }

        return value;
    }
}

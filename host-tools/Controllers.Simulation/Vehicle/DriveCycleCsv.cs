using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Controllers.Simulation.Data;

namespace Controllers.Simulation.Vehicle;

/// <summary>
/// Reads drive cycles in the CSV layout of NREL FASTSim's cycle files: columns <c>cycSecs</c> (s),
/// <c>cycMps</c> (m/s) and optionally <c>cycGrade</c> (rise over run, empty or absent for a level road), in any
/// order; other columns
/// (such as <c>cycRoadType</c>) are ignored.
/// </summary>
public static class DriveCycleCsv
{
    public const string TimeColumn = "cycSecs";
    public const string SpeedColumn = "cycMps";
    public const string GradeColumn = "cycGrade";

    /// <summary>Highest speed accepted, m/s (360 km/h); a larger value is a unit mistake such as km/h or mph.</summary>
    public const double MaxSpeedMetresPerSecond = 100;

    /// <summary>Steepest grade accepted as rise over run (45°).</summary>
    public const double MaxGrade = 1.0;

    /// <exception cref="DataFileException">The file is missing or has an invalid header or value.</exception>
    public static DriveCycle Load(string path)
    {
        if (Directory.Exists(path))
        {
            throw new DataFileException(path, 0, "-", Messages.Get("PathIsFolder"));
        }

        if (!File.Exists(path))
        {
            throw new DataFileException(path, 0, "-", Messages.Get("FileNotFound"));
        }

        using var reader = new StreamReader(path);
        return Read(reader, path, Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>Reads a cycle from <paramref name="reader"/>; <paramref name="sourceName"/> appears in errors.</summary>
    public static DriveCycle Read(TextReader reader, string sourceName, string cycleName)
    {
        string? header = reader.ReadLine();
        if (header == null || header.Trim().Length == 0)
        {
            throw new DataFileException(sourceName, 1, "-", Messages.Get("DriveCycleEmpty"));
        }

        // A UTF-8 byte order mark survives a reader that does not detect encodings (wmtc_all.csv starts with one).
        string[] names = header.TrimStart('\uFEFF').Split(',');
        int timeColumn = FindColumn(names, TimeColumn, sourceName, required: true);
        int speedColumn = FindColumn(names, SpeedColumn, sourceName, required: true);
        int gradeColumn = FindColumn(names, GradeColumn, sourceName, required: false);

        var times = new List<double>();
        var speeds = new List<double>();
        var grades = new List<double>();
        int lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            string[] fields = line.Split(',');
            if (fields.Length != names.Length)
            {
                throw new DataFileException(sourceName, lineNumber, "-",
                    Messages.Format("FieldCountMismatch", fields.Length, names.Length));
            }

            double time = Parse(fields[timeColumn], TimeColumn, sourceName, lineNumber);
            double speed = Parse(fields[speedColumn], SpeedColumn, sourceName, lineNumber);
            // An empty grade field is a level road: wmtc_all.csv leaves the grade empty from 601 s on.
            double grade = gradeColumn < 0 || fields[gradeColumn].Trim().Length == 0
                ? 0
                : Parse(fields[gradeColumn], GradeColumn, sourceName, lineNumber);
            if (times.Count > 0 && !(time > times[^1]))
            {
                throw new DataFileException(sourceName, lineNumber, TimeColumn,
                    Messages.Format("DriveCycleTimeNotRising", fields[timeColumn].Trim(), times[^1].ToString(CultureInfo.InvariantCulture)));
            }

            if (speed < 0 || speed > MaxSpeedMetresPerSecond)
            {
                throw new DataFileException(sourceName, lineNumber, SpeedColumn,
                    Messages.Format("DriveCycleSpeedOutOfRange", fields[speedColumn].Trim(), MaxSpeedMetresPerSecond));
            }

            if (Math.Abs(grade) > MaxGrade)
            {
                throw new DataFileException(sourceName, lineNumber, GradeColumn,
                    Messages.Format("DriveCycleGradeOutOfRange", fields[gradeColumn].Trim(), MaxGrade));
            }

            times.Add(time);
            speeds.Add(speed);
            grades.Add(grade);
        }

        if (times.Count < 2)
        {
            throw new DataFileException(sourceName, lineNumber, TimeColumn, Messages.Get("TooFewSamples"));
        }

        return new DriveCycle(cycleName, times.ToArray(), speeds.ToArray(), grades.ToArray());
    }

    private static int FindColumn(string[] names, string column, string sourceName, bool required)
    {
        int index = Array.FindIndex(names, name => name.Trim() == column);
        if (index < 0 && required)
        {
            throw new DataFileException(sourceName, 1, column,
                Messages.Format("DriveCycleMissingColumn", TimeColumn, SpeedColumn));
        }

        return index;
    }

    private static double Parse(string field, string column, string sourceName, int lineNumber)
    {
        string text = field.Trim();
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new DataFileException(sourceName, lineNumber, column, Messages.Format("InvalidNumber", text));
        }

        return value;
    }
}

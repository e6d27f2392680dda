using System;

namespace Controllers.Simulation.Vehicle;

/// <summary>A speed trace over time with the road grade at each point; linear between rows.</summary>
public sealed class DriveCycle
{
    public DriveCycle(string name, double[] timesSeconds, double[] speedsMetresPerSecond, double[] grades)
    {
        ArgumentNullException.ThrowIfNull(timesSeconds);
        ArgumentNullException.ThrowIfNull(speedsMetresPerSecond);
        ArgumentNullException.ThrowIfNull(grades);
        if (timesSeconds.Length < 2 || speedsMetresPerSecond.Length != timesSeconds.Length || grades.Length != timesSeconds.Length)
        {
            throw new ArgumentException("A drive cycle needs at least two rows and one speed and grade per time.", nameof(timesSeconds));
        }

        Name = name;
        TimesSeconds = timesSeconds;
        SpeedsMetresPerSecond = speedsMetresPerSecond;
        Grades = grades;
    }

    public string Name { get; }

    public double[] TimesSeconds { get; }

    public double[] SpeedsMetresPerSecond { get; }

    /// <summary>Road grade as rise over run.</summary>
    public double[] Grades { get; }

    public double DurationSeconds => TimesSeconds[^1] - TimesSeconds[0];

    /// <summary>Speed at <paramref name="timeSeconds"/>, m/s; held at the end values outside the trace.</summary>
    public double GetSpeed(double timeSeconds) => Interpolate(SpeedsMetresPerSecond, timeSeconds);

    public double GetGrade(double timeSeconds) => Interpolate(Grades, timeSeconds);

    /// <summary>Distance of the trace by the trapezoidal rule, m.</summary>
    public double GetDistanceMetres()
    {
        double distance = 0;
        for (int i = 1; i < TimesSeconds.Length; i++)
        {
            distance += 0.5 * (SpeedsMetresPerSecond[i] + SpeedsMetresPerSecond[i - 1]) * (TimesSeconds[i] - TimesSeconds[i - 1]);
        }

        return distance;
    }

    private double Interpolate(double[] values, double time)
    {
        if (time <= TimesSeconds[0])
        {
            return values[0];
        }

        if (time >= TimesSeconds[^1])
        {
            return values[^1];
        }

        int index = Array.BinarySearch(TimesSeconds, time);
        if (index >= 0)
        {
            return values[index];
        }

        int upper = ~index;
        int lower = upper - 1;
        double fraction = (time - TimesSeconds[lower]) / (TimesSeconds[upper] - TimesSeconds[lower]);
        return values[lower] + fraction * (values[upper] - values[lower]);
    }
}

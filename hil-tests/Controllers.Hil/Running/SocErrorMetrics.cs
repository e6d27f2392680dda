using System;
using Controllers.Simulation.Replay;

namespace Controllers.Hil.Running;

/// <summary>
/// SOC error statistics over the samples at or after the convergence time. The error is estimated minus
/// true SOC in percentage points. Values are NaN when no sample qualifies or the estimate is not finite.
/// </summary>
public sealed record SocErrorMetrics(
    int SampleCount,
    double MaxAbsSocErrorPercent,
    double MaxAbsSocErrorTimeSeconds,
    double RmsSocErrorPercent)
{
    /// <summary>Returns estimated minus true SOC for every step of <paramref name="trace"/>, in percentage points.</summary>
    public static double[] SocErrorPercent(SocTrace trace)
    {
        var errors = new double[trace.Count];
        for (int i = 0; i < errors.Length; i++)
        {
            errors[i] = ((double)trace.EstimatedSoc[i] - trace.TrueSoc[i]) * 100.0;
        }

        return errors;
    }

    /// <summary>Computes the statistics over the steps whose replay time is at least <paramref name="convergenceMinutes"/>.</summary>
    public static SocErrorMetrics Compute(SocTrace trace, double convergenceMinutes)
    {
        double convergenceSeconds = convergenceMinutes * 60.0;
        double[] errors = SocErrorPercent(trace);
        int count = 0;
        double sumOfSquares = 0;
        double maxAbs = -1;
        double maxAbsTime = double.NaN;
        for (int i = 0; i < errors.Length; i++)
        {
            if (trace.TimeSeconds[i] < convergenceSeconds)
            {
                continue;
            }

            count++;
            double error = errors[i];
            if (!double.IsFinite(error))
            {
                // A diverged estimate fails every limit, so the first such step is reported.
                return new SocErrorMetrics(count, double.NaN, trace.TimeSeconds[i], double.NaN);
            }

            sumOfSquares += error * error;
            if (Math.Abs(error) > maxAbs)
            {
                maxAbs = Math.Abs(error);
                maxAbsTime = trace.TimeSeconds[i];
            }
        }

        if (count == 0)
        {
            return new SocErrorMetrics(0, double.NaN, double.NaN, double.NaN);
        }

        return new SocErrorMetrics(count, maxAbs, maxAbsTime, Math.Sqrt(sumOfSquares / count));
    }
}

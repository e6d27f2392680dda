using System;
using System.Collections.Generic;

namespace Controllers.Hil.Reports;

/// <summary>
/// Reduces a series for plotting by keeping the minimum and the maximum point of each of a fixed number of
/// index buckets, in time order, so peaks stay visible. Short series are returned unchanged.
/// </summary>
public static class MinMaxDecimation
{
    public static (double[] X, double[] Y) Decimate(IReadOnlyList<double> x, IReadOnlyList<double> y, int bucketCount)
    {
        if (x.Count != y.Count)
        {
            throw new ArgumentException("x and y must have the same length.", nameof(y));
        }

        if (x.Count <= 2 * bucketCount)
        {
            return (Copy(x), Copy(y));
        }

        var outX = new List<double>(2 * bucketCount);
        var outY = new List<double>(2 * bucketCount);
        for (int bucket = 0; bucket < bucketCount; bucket++)
        {
            int first = (int)((long)bucket * x.Count / bucketCount);
            int end = (int)((long)(bucket + 1) * x.Count / bucketCount);
            int minIndex = first, maxIndex = first;
            for (int i = first + 1; i < end; i++)
            {
                if (y[i] < y[minIndex])
                {
                    minIndex = i;
                }

                if (y[i] > y[maxIndex])
                {
                    maxIndex = i;
                }
            }

            int earlier = Math.Min(minIndex, maxIndex), later = Math.Max(minIndex, maxIndex);
            outX.Add(x[earlier]);
            outY.Add(y[earlier]);
            if (later != earlier)
            {
                outX.Add(x[later]);
                outY.Add(y[later]);
            }
        }

        return (outX.ToArray(), outY.ToArray());
    }

    private static double[] Copy(IReadOnlyList<double> values)
    {
        var copy = new double[values.Count];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = values[i];
        }

        return copy;
    }
}

using System.Collections.Generic;
using System.Globalization;
using Controllers.Hil.Suites;

namespace Controllers.Hil.Running;

/// <summary>Compares error statistics with a scenario's criteria.</summary>
public static class SocCriteriaCheck
{
    /// <summary>Returns the criteria that <paramref name="metrics"/> does not meet, or an empty list when all pass.</summary>
    public static IReadOnlyList<CriterionFailure> Evaluate(SocErrorMetrics metrics, SocCriteria criteria)
    {
        var failures = new List<CriterionFailure>();
        if (metrics.SampleCount == 0)
        {
            failures.Add(new CriterionFailure("convergenceMinutes", criteria.ConvergenceMinutes, double.NaN,
                Messages.Format("NoSamplesAfterConvergence", Number(criteria.ConvergenceMinutes))));
            return failures;
        }

        // Negated comparisons so that a NaN (diverged estimate) fails.
        if (!(metrics.MaxAbsSocErrorPercent <= criteria.MaxAbsSocErrorPercent))
        {
            failures.Add(new CriterionFailure("maxAbsSocErrorPercent", criteria.MaxAbsSocErrorPercent,
                metrics.MaxAbsSocErrorPercent,
                Messages.Format("MaxAbsErrorExceeded", Number(metrics.MaxAbsSocErrorPercent),
                    Number(metrics.MaxAbsSocErrorTimeSeconds / 60.0), Number(criteria.MaxAbsSocErrorPercent))));
        }

        if (criteria.RmsSocErrorPercent is double rmsLimit && !(metrics.RmsSocErrorPercent <= rmsLimit))
        {
            failures.Add(new CriterionFailure("rmsSocErrorPercent", rmsLimit, metrics.RmsSocErrorPercent,
                Messages.Format("RmsErrorExceeded", Number(metrics.RmsSocErrorPercent), Number(rmsLimit))));
        }

        return failures;
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.CurrentCulture);
}

using System.Globalization;
using Controllers.Hil.Running;
using Controllers.Hil.Suites;

namespace Controllers.Hil.Reports;

/// <summary>Localized labels shared by the HTML report and the command-line summary.</summary>
public static class ReportText
{
    public static string ScenarioColumn => Messages.Get("ColumnScenario");

    public static string RmsColumn => Messages.Get("ColumnRms");

    public static string MaxAbsColumn => Messages.Get("ColumnMaxAbs");

    public static string CriteriaColumn => Messages.Get("ColumnCriteria");

    public static string ResultColumn => Messages.Get("ColumnResult");

    public static string WallTimeColumn => Messages.Get("ColumnWallTime");

    public static string Outcome(ScenarioOutcome outcome) => outcome switch
    {
        ScenarioOutcome.Passed => Messages.Get("OutcomePassed"),
        ScenarioOutcome.Failed => Messages.Get("OutcomeFailed"),
        _ => Messages.Get("OutcomeError"),
    };

    /// <summary>Describes the limits, for example "|error| ≤ 2.5 %, RMS ≤ 1.5 % after 10 min".</summary>
    public static string Criteria(SocCriteria criteria)
    {
        string text = Messages.Format("CriteriaMaxAbs", Number(criteria.MaxAbsSocErrorPercent));
        if (criteria.RmsSocErrorPercent is double rms)
        {
            text += Messages.Format("CriteriaRms", Number(rms));
        }

        return text + Messages.Format("CriteriaAfter", Number(criteria.ConvergenceMinutes));
    }

    /// <summary>Formats a percentage with two decimals, or "–" when it is not a number.</summary>
    public static string Percent(double? value) =>
        value is double number && !double.IsNaN(number) ? number.ToString("0.00", CultureInfo.CurrentCulture) : "–";

    /// <summary>Formats a duration in seconds with one decimal, for example "1.5 s" or "1.5 秒".</summary>
    public static string Seconds(System.TimeSpan time) =>
        Messages.Format("SecondsValue", time.TotalSeconds.ToString("0.0", CultureInfo.CurrentCulture));

    private static string Number(double value) => value.ToString("0.###", CultureInfo.CurrentCulture);
}

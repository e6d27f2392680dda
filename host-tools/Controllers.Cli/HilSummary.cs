using Controllers.Hil.Reports;
using Controllers.Hil.Running;
using Spectre.Console;

namespace Controllers.Cli;

/// <summary>Prints the table of scenario results after <c>ctl hil run</c>, then the reasons for each failure.</summary>
internal static class HilSummary
{
    public static string OutcomeMarkup(ScenarioOutcome outcome)
    {
        string color = outcome == ScenarioOutcome.Passed ? "green" : "red";
        return "[" + color + "]" + Markup.Escape(ReportText.Outcome(outcome)) + "[/]";
    }

    public static void Print(SocSuiteResult result)
    {
        var table = new Table().Title(Markup.Escape(result.Suite.Name));
        table.AddColumn(Markup.Escape(ReportText.ScenarioColumn));
        table.AddColumn(new TableColumn(Markup.Escape(ReportText.RmsColumn)).RightAligned());
        table.AddColumn(new TableColumn(Markup.Escape(ReportText.MaxAbsColumn)).RightAligned());
        table.AddColumn(Markup.Escape(ReportText.CriteriaColumn));
        table.AddColumn(Markup.Escape(ReportText.ResultColumn));
        foreach (var scenario in result.Scenarios)
        {
            table.AddRow(
                Markup.Escape(scenario.Scenario.Name),
                ReportText.Percent(scenario.Metrics?.RmsSocErrorPercent),
                ReportText.Percent(scenario.Metrics?.MaxAbsSocErrorPercent),
                Markup.Escape(ReportText.Criteria(scenario.Scenario.Criteria)),
                OutcomeMarkup(scenario.Outcome));
        }

        AnsiConsole.Write(table);
        foreach (var scenario in result.Scenarios)
        {
            if (scenario.ErrorMessage != null)
            {
                AnsiConsole.MarkupLine(Markup.Escape(scenario.Scenario.Name + ": " + scenario.ErrorMessage));
            }

            foreach (var failure in scenario.Failures)
            {
                AnsiConsole.MarkupLine(Markup.Escape(scenario.Scenario.Name + ": " + failure.Criterion + ": " +
                                                     failure.Message));
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using Controllers.Hil.Acquisition;
using Controllers.Hil.PackEstimation;
using Controllers.Hil.Reports;
using Controllers.Hil.Running;
using Controllers.Simulation.Data;
using Spectre.Console;

namespace Controllers.Cli;

/// <summary>
/// <c>ctl hil run</c> for suites of kind <c>bms-pack-estimation</c>: a table with the worst-cell and RMS SOC errors, the capacity
/// SOH error and the limits decoded from CAN, and a JUnit file.
/// </summary>
internal static class PackEstimationRun
{
    public static int Run(string suitePath, string? junitPath, string? reportFolder, string[] scenarioNames)
    {
        PackEstimationSuite suite;
        try
        {
            suite = PackEstimationSuiteFile.Load(suitePath);
        }
        catch (DataFileException error)
        {
            return CliOutput.InvalidInput(error);
        }

        var selected = new List<PackEstimationScenario>();
        var available = new List<string>();
        foreach (var scenario in suite.Scenarios)
        {
            available.Add(scenario.Name);
            if (scenarioNames.Length == 0 || Array.IndexOf(scenarioNames, scenario.Name) >= 0)
            {
                selected.Add(scenario);
            }
        }

        foreach (string name in scenarioNames)
        {
            if (!available.Contains(name))
            {
                return CliOutput.InvalidInput(Messages.Format("UnknownScenario", name, suite.FilePath, string.Join(", ", available)));
            }
        }

        if (junitPath != null &&
            OutputPaths.PrepareFolder("--junit", junitPath, OutputPaths.ParentFolder(junitPath)) is { } junitError)
        {
            return CliOutput.InvalidInput(junitError);
        }

        if (reportFolder != null)
        {
            // The HTML report and its plots cover SOC suites; a pack estimation suite's figures are in the table and the JUnit file.
            AnsiConsole.MarkupLine(Markup.Escape(Messages.Get("AcquisitionNoHtmlReport")));
        }

        int index = 0;
        var result = PackEstimationSuiteRunner.Run(suite, selected, completed: scenarioResult =>
        {
            index++;
            int met = 0;
            foreach (var requirement in scenarioResult.Requirements)
            {
                met += requirement.Passed ? 1 : 0;
            }

            Console.Out.WriteLine(Messages.Format("AcquisitionScenarioFinished", index, selected.Count, scenarioResult.Scenario.Name,
                ReportText.Outcome(scenarioResult.Outcome), met, scenarioResult.Requirements.Count,
                ReportText.Seconds(scenarioResult.WallTime)));
        });

        Print(result);
        if (junitPath != null)
        {
            try
            {
                AcquisitionJUnitReport.Write(result, junitPath);
                AnsiConsole.MarkupLine(Markup.Escape(Messages.Format("JUnitWritten", Path.GetFullPath(junitPath))));
            }
            catch (ReportWriteException error)
            {
                return CliOutput.InvalidInput(Messages.Format("ReportWriteFailed", error.TargetPath, error.Reason));
            }
        }

        return result.AllPassed ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static void Print(PackEstimationSuiteResult result)
    {
        var table = new Table().Title(Markup.Escape(result.Suite.Name));
        table.AddColumn(Markup.Escape(ReportText.ScenarioColumn));
        table.AddColumn(Markup.Escape(Messages.Get("RequirementColumn")));
        table.AddColumn(Markup.Escape(Messages.Get("MeasurementColumn")));
        table.AddColumn(Markup.Escape(ReportText.ResultColumn));
        foreach (var scenario in result.Scenarios)
        {
            if (scenario.ErrorMessage != null)
            {
                table.AddRow(Markup.Escape(scenario.Scenario.Name), "", Markup.Escape(scenario.ErrorMessage),
                    HilSummary.OutcomeMarkup(scenario.Outcome));
                continue;
            }

            foreach (var requirement in scenario.Requirements)
            {
                table.AddRow(Markup.Escape(scenario.Scenario.Name), Markup.Escape(requirement.Requirement),
                    Markup.Escape(requirement.Detail),
                    HilSummary.OutcomeMarkup(requirement.Passed ? ScenarioOutcome.Passed : ScenarioOutcome.Failed));
            }
        }

        AnsiConsole.Write(table);
    }
}

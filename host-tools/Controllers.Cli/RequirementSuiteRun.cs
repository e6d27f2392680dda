using System;
using System.Collections.Generic;
using System.IO;
using Controllers.Hil.Acquisition;
using Controllers.Hil.Reports;
using Controllers.Hil.Running;
using Controllers.Simulation.Data;
using Spectre.Console;

namespace Controllers.Cli;

/// <summary>
/// The part of <c>ctl hil run</c> that suites checking requirements one by one share: scenario selection, the
/// progress lines, the table of requirement verdicts, the JUnit file and, where the kind has one, the HTML report.
/// <see cref="AcquisitionRun"/>, <see cref="PackEstimationRun"/> and <see cref="VcuTorqueRun"/> supply the loader,
/// the runner and the writers of their kind.
/// </summary>
internal static class RequirementSuiteRun
{
    /// <summary>What one suite kind supplies. <c>Run</c> gets the selected scenarios and a callback per finished scenario.</summary>
    public sealed class Kind<TSuite, TScenario, TResult, TSuiteResult>
        where TResult : IRequirementScenarioResult
    {
        public required Func<string, TSuite> Load { get; init; }

        public required Func<TSuite, string> SuiteName { get; init; }

        public required Func<TSuite, string> SuiteFilePath { get; init; }

        public required Func<TSuite, IReadOnlyList<TScenario>> Scenarios { get; init; }

        public required Func<TScenario, string> ScenarioName { get; init; }

        public required Func<TSuite, List<TScenario>, Action<TResult>, TSuiteResult> Run { get; init; }

        public required Func<TSuiteResult, IReadOnlyList<TResult>> Results { get; init; }

        /// <summary>Writes the JUnit file of a run to the given path.</summary>
        public required Action<TSuiteResult, string> WriteJUnit { get; init; }

        /// <summary>Writes the HTML report of a run into the given folder; null for kinds without one.</summary>
        public Action<TSuiteResult, string>? WriteReport { get; init; }

        /// <summary>Name of the report's index file, to keep <c>--junit</c> from overwriting it.</summary>
        public string? ReportIndexFileName { get; init; }
    }

    public static int Run<TSuite, TScenario, TResult, TSuiteResult>(Kind<TSuite, TScenario, TResult, TSuiteResult> kind, string suitePath, string? junitPath,
        string? reportFolder, string[] scenarioNames)
        where TResult : IRequirementScenarioResult
    {
        TSuite suite;
        try
        {
            suite = kind.Load(suitePath);
        }
        catch (DataFileException error)
        {
            return CliOutput.InvalidInput(error);
        }

        var selected = new List<TScenario>();
        var available = new List<string>();
        foreach (var scenario in kind.Scenarios(suite))
        {
            string name = kind.ScenarioName(scenario);
            available.Add(name);
            if (scenarioNames.Length == 0 || Array.IndexOf(scenarioNames, name) >= 0)
            {
                selected.Add(scenario);
            }
        }

        foreach (string name in scenarioNames)
        {
            if (!available.Contains(name))
            {
                return CliOutput.InvalidInput(Messages.Format("UnknownScenario", name, kind.SuiteFilePath(suite), string.Join(", ", available)));
            }
        }

        if (junitPath != null &&
            OutputPaths.PrepareFolder("--junit", junitPath, OutputPaths.ParentFolder(junitPath)) is { } junitError)
        {
            return CliOutput.InvalidInput(junitError);
        }

        if (reportFolder != null && kind.WriteReport == null)
        {
            // This kind's figures are in the table and the JUnit file only.
            AnsiConsole.MarkupLine(Markup.Escape(Messages.Get("AcquisitionNoHtmlReport")));
        }

        if (reportFolder != null && kind.WriteReport != null)
        {
            if (junitPath != null && kind.ReportIndexFileName != null &&
                OutputPaths.AreSame(junitPath, Path.Combine(reportFolder, kind.ReportIndexFileName)))
            {
                return CliOutput.InvalidInput(Messages.Format("JUnitInsideReport", junitPath, reportFolder));
            }

            if (OutputPaths.PrepareFolder("--report", reportFolder, Path.GetFullPath(reportFolder)) is { } reportError)
            {
                return CliOutput.InvalidInput(reportError);
            }
        }

        int index = 0;
        var run = kind.Run(suite, selected, scenarioResult =>
        {
            index++;
            int met = 0;
            foreach (var requirement in scenarioResult.Requirements)
            {
                met += requirement.Passed ? 1 : 0;
            }

            Console.Out.WriteLine(Messages.Format("AcquisitionScenarioFinished", index, selected.Count, scenarioResult.ScenarioName,
                ReportText.Outcome(scenarioResult.Outcome), met, scenarioResult.Requirements.Count,
                ReportText.Seconds(scenarioResult.WallTime)));
        });

        var results = kind.Results(run);
        Print(kind.SuiteName(suite), results);
        if (junitPath != null)
        {
            try
            {
                kind.WriteJUnit(run, junitPath);
                AnsiConsole.MarkupLine(Markup.Escape(Messages.Format("JUnitWritten", Path.GetFullPath(junitPath))));
            }
            catch (ReportWriteException error)
            {
                return CliOutput.InvalidInput(Messages.Format("ReportWriteFailed", error.TargetPath, error.Reason));
            }
        }

        if (reportFolder != null && kind.WriteReport != null)
        {
            try
            {
                kind.WriteReport(run, reportFolder);
                string indexPath = Path.GetFullPath(Path.Combine(reportFolder, kind.ReportIndexFileName ?? ""));
                AnsiConsole.MarkupLine(Markup.Escape(Messages.Format("ReportWritten", indexPath)));
            }
            catch (ReportWriteException error)
            {
                return CliOutput.InvalidInput(Messages.Format("ReportWriteFailed", error.TargetPath, error.Reason));
            }
        }

        var outcomes = new List<IRequirementScenarioResult>();
        foreach (var result in results)
        {
            outcomes.Add(result);
        }

        return RequirementOutcomes.AllPassed(outcomes) ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static void Print<TResult>(string suiteName, IReadOnlyList<TResult> results)
        where TResult : IRequirementScenarioResult
    {
        var table = new Table().Title(Markup.Escape(suiteName));
        table.AddColumn(Markup.Escape(ReportText.ScenarioColumn));
        table.AddColumn(Markup.Escape(Messages.Get("RequirementColumn")));
        table.AddColumn(Markup.Escape(Messages.Get("MeasurementColumn")));
        table.AddColumn(Markup.Escape(ReportText.ResultColumn));
        foreach (var scenario in results)
        {
            if (scenario.ErrorMessage != null)
            {
                table.AddRow(Markup.Escape(scenario.ScenarioName), "", Markup.Escape(scenario.ErrorMessage),
                    HilSummary.OutcomeMarkup(scenario.Outcome));
                continue;
            }

            foreach (var requirement in scenario.Requirements)
            {
                table.AddRow(Markup.Escape(scenario.ScenarioName), Markup.Escape(requirement.Requirement),
                    Markup.Escape(requirement.Detail),
                    HilSummary.OutcomeMarkup(requirement.Passed ? ScenarioOutcome.Passed : ScenarioOutcome.Failed));
            }
        }

        AnsiConsole.Write(table);
    }
}

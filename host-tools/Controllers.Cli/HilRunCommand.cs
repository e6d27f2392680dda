using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using Controllers.Hil.Acquisition;
using Controllers.Hil.Reports;
using Controllers.Hil.Running;
using Controllers.Hil.Suites;
using Controllers.Simulation.Data;
using Spectre.Console;

namespace Controllers.Cli;

/// <summary><c>ctl hil run SUITE.yaml [--junit PATH] [--report DIR] [--scenario NAME]...</c></summary>
internal static class HilRunCommand
{
    public static Command Create()
    {
        var suiteArgument = new Argument<string>("SUITE") { Description = Messages.Get("HilRunSuiteDescription") };
        var junitOption = new Option<string>("--junit")
        {
            Description = Messages.Get("HilRunJUnitDescription"),
            HelpName = "PATH",
        };
        var reportOption = new Option<string>("--report")
        {
            Description = Messages.Get("HilRunReportDescription"),
            HelpName = "DIR",
        };
        var scenarioOption = new Option<string[]>("--scenario")
        {
            Description = Messages.Get("HilRunScenarioDescription"),
            HelpName = "NAME",
        };

        var run = new Command("run", Messages.Get("HilRunDescription"))
        {
            suiteArgument, junitOption, reportOption, scenarioOption,
        };
        run.SetAction(parseResult => Run(
            parseResult.GetRequiredValue(suiteArgument),
            parseResult.GetValue(junitOption),
            parseResult.GetValue(reportOption),
            parseResult.GetValue(scenarioOption) ?? []));

        return new Command("hil", Messages.Get("HilDescription")) { run };
    }

    private static int Run(string suitePath, string? junitPath, string? reportFolder, string[] scenarioNames)
    {
        if (CheckOutputPaths(junitPath, reportFolder) is { } pathError)
        {
            return CliOutput.InvalidInput(pathError);
        }

        string kind;
        try
        {
            kind = AcquisitionSuiteFile.ReadKind(suitePath);
        }
        catch (DataFileException error)
        {
            return CliOutput.InvalidInput(error);
        }

        if (kind == AcquisitionSuiteFile.Kind)
        {
            return AcquisitionRun.Run(suitePath, junitPath, reportFolder, scenarioNames);
        }

        if (kind == Hil.PackEstimation.PackEstimationSuiteFile.Kind)
        {
            return PackEstimationRun.Run(suitePath, junitPath, reportFolder, scenarioNames);
        }

        if (kind == Hil.Vehicle.VcuEnergySuiteFile.Kind)
        {
            return VcuEnergyRun.Run(suitePath, junitPath, reportFolder, scenarioNames);
        }

        if (kind == Hil.Vehicle.VcuTorqueSuiteFile.Kind)
        {
            return VcuTorqueRun.Run(suitePath, junitPath, reportFolder, scenarioNames);
        }

        if (kind == Hil.Vehicle.VcuHighVoltageSuiteFile.Kind)
        {
            return VcuHighVoltageRun.Run(suitePath, junitPath, reportFolder, scenarioNames);
        }

        if (kind == Hil.Vehicle.VcuNetworkSleepSuiteFile.Kind)
        {
            return VcuNetworkSleepRun.Run(suitePath, junitPath, reportFolder, scenarioNames);
        }

        if (kind != "soc")
        {
            return CliOutput.InvalidInput(Messages.Format("UnknownSuiteKind", kind, suitePath));
        }

        SocSuite suite;
        try
        {
            suite = SocSuiteFile.Load(suitePath);
        }
        catch (DataFileException error)
        {
            return CliOutput.InvalidInput(error);
        }

        var scenarios = SelectScenarios(suite, scenarioNames, out string? selectionError);
        if (selectionError != null)
        {
            return CliOutput.InvalidInput(selectionError);
        }

        if (PrepareOutputFolders(junitPath, reportFolder, scenarios) is { } prepareError)
        {
            return CliOutput.InvalidInput(prepareError);
        }

        SocSuiteResult result;
        try
        {
            result = CliOutput.IsInteractive ? RunWithProgressDisplay(suite, scenarios) : RunWithPlainLines(suite, scenarios);
        }
        catch (DataFileException error)
        {
            return CliOutput.InvalidInput(error);
        }

        // The verdict comes first, so a report that cannot be written does not hide it.
        HilSummary.Print(result);
        try
        {
            if (junitPath != null)
            {
                JUnitReport.Write(result, junitPath);
                AnsiConsole.MarkupLine(Markup.Escape(Messages.Format("JUnitWritten", Path.GetFullPath(junitPath))));
            }

            if (reportFolder != null)
            {
                HtmlReport.Write(result, reportFolder);
                string index = Path.GetFullPath(Path.Combine(reportFolder, HtmlReport.IndexFileName));
                AnsiConsole.MarkupLine(Markup.Escape(Messages.Format("ReportWritten", index)));
            }
        }
        catch (ReportWriteException error)
        {
            return CliOutput.InvalidInput(Messages.Format("ReportWriteFailed", error.TargetPath, error.Reason));
        }

        return result.AllPassed ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>Checks <c>--junit</c> and <c>--report</c> without touching the file system.</summary>
    private static string? CheckOutputPaths(string? junitPath, string? reportFolder)
    {
        if (junitPath != null && OutputPaths.CheckFile("--junit", junitPath) is { } junitError)
        {
            return junitError;
        }

        if (reportFolder != null && OutputPaths.CheckFolder("--report", reportFolder) is { } reportError)
        {
            return reportError;
        }

        if (junitPath != null && reportFolder != null && OutputPaths.AreSame(junitPath, reportFolder))
        {
            return Messages.Format("JUnitSameAsReport", junitPath);
        }

        return null;
    }

    /// <summary>
    /// Rejects a JUnit path that the report would overwrite, then creates the output folders and checks that
    /// files can be created in them.
    /// </summary>
    private static string? PrepareOutputFolders(string? junitPath, string? reportFolder,
        List<SocSuiteScenario> scenarios)
    {
        if (junitPath != null && reportFolder != null)
        {
            var reportFiles = new List<string> { HtmlReport.IndexFileName };
            foreach (var scenario in scenarios)
            {
                reportFiles.Add(HtmlReport.TraceFileName(scenario.Name));
            }

            foreach (string file in reportFiles)
            {
                if (OutputPaths.AreSame(junitPath, Path.Combine(reportFolder, file)))
                {
                    return Messages.Format("JUnitInsideReport", junitPath, reportFolder);
                }
            }
        }

        if (junitPath != null &&
            OutputPaths.PrepareFolder("--junit", junitPath, OutputPaths.ParentFolder(junitPath)) is { } junitError)
        {
            return junitError;
        }

        if (reportFolder != null &&
            OutputPaths.PrepareFolder("--report", reportFolder, Path.GetFullPath(reportFolder)) is { } reportError)
        {
            return reportError;
        }

        return null;
    }

    /// <summary>Returns the named scenarios in suite order, or all of them when no name is given.</summary>
    private static List<SocSuiteScenario> SelectScenarios(SocSuite suite, string[] names, out string? error)
    {
        error = null;
        var selected = new List<SocSuiteScenario>();
        var available = new List<string>();
        foreach (var scenario in suite.Scenarios)
        {
            available.Add(scenario.Name);
            if (names.Length == 0 || Array.IndexOf(names, scenario.Name) >= 0)
            {
                selected.Add(scenario);
            }
        }

        foreach (string name in names)
        {
            if (!available.Contains(name))
            {
                error = Messages.Format("UnknownScenario", name, suite.FilePath, string.Join(", ", available));
                break;
            }
        }

        return selected;
    }

    private static SocSuiteResult RunWithProgressDisplay(SocSuite suite, List<SocSuiteScenario> scenarios)
    {
        SocSuiteResult? result = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn())
            .Start(context =>
            {
                var tasks = new Dictionary<SocSuiteScenario, ProgressTask>();
                foreach (var scenario in scenarios)
                {
                    tasks[scenario] = context.AddTask(Markup.Escape(scenario.Name), autoStart: false, maxValue: 1.0);
                }

                result = SocSuiteRunner.Run(suite, scenarios,
                    progress: (scenario, fraction) =>
                    {
                        var task = tasks[scenario];
                        if (!task.IsStarted)
                        {
                            task.StartTask();
                        }

                        task.Value = fraction;
                    },
                    completed: scenarioResult =>
                    {
                        var task = tasks[scenarioResult.Scenario];
                        task.Value = task.MaxValue;
                        task.Description = Markup.Escape(scenarioResult.Scenario.Name) + " " +
                                           HilSummary.OutcomeMarkup(scenarioResult.Outcome);
                        task.StopTask();
                    });
            });

        return result!;
    }

    /// <summary>Prints one line when a scenario starts and one when it ends, for logs and redirected output.</summary>
    private static SocSuiteResult RunWithPlainLines(SocSuite suite, List<SocSuiteScenario> scenarios)
    {
        var results = new List<SocScenarioResult>();
        var start = DateTimeOffset.Now;
        for (int i = 0; i < scenarios.Count; i++)
        {
            var scenario = scenarios[i];
            Console.Out.WriteLine(Messages.Format("ScenarioStarted", i + 1, scenarios.Count, scenario.Name));
            var result = SocSuiteRunner.RunScenario(suite, scenario);
            results.Add(result);
            Console.Out.WriteLine(Messages.Format("ScenarioFinished", i + 1, scenarios.Count, scenario.Name,
                ReportText.Outcome(result.Outcome), ReportText.Percent(result.Metrics?.RmsSocErrorPercent),
                ReportText.Percent(result.Metrics?.MaxAbsSocErrorPercent), ReportText.Seconds(result.WallTime)));
        }

        return new SocSuiteResult { Suite = suite, Scenarios = results, StartTime = start };
    }
}

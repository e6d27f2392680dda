using Controllers.Hil.Acquisition;

namespace Controllers.Cli;

/// <summary><c>ctl hil run</c> for suites of kind <c>bms-acquisition</c>: a table of requirement verdicts and a JUnit file.</summary>
internal static class AcquisitionRun
{
    private static readonly RequirementSuiteRun.Kind<AcquisitionSuite, AcquisitionScenario, AcquisitionScenarioResult, AcquisitionSuiteResult> Kind = new()
    {
        Load = AcquisitionSuiteFile.Load,
        SuiteName = suite => suite.Name,
        SuiteFilePath = suite => suite.FilePath,
        Scenarios = suite => suite.Scenarios,
        ScenarioName = scenario => scenario.Name,
        Run = (suite, selected, completed) => AcquisitionSuiteRunner.Run(suite, selected, completed: completed),
        Results = run => run.Scenarios,
        WriteJUnit = AcquisitionJUnitReport.Write,
    };

    public static int Run(string suitePath, string? junitPath, string? reportFolder, string[] scenarioNames) =>
        RequirementSuiteRun.Run(Kind, suitePath, junitPath, reportFolder, scenarioNames);
}

using Controllers.Hil.Acquisition;
using Controllers.Hil.PackEstimation;

namespace Controllers.Cli;

/// <summary>
/// <c>ctl hil run</c> for suites of kind <c>bms-pack-estimation</c>: a table with the worst-cell and RMS SOC errors, the capacity
/// SOH error and the limits decoded from CAN, and a JUnit file.
/// </summary>
internal static class PackEstimationRun
{
    private static readonly RequirementSuiteRun.Kind<PackEstimationSuite, PackEstimationScenario, PackEstimationScenarioResult, PackEstimationSuiteResult> Kind = new()
    {
        Load = PackEstimationSuiteFile.Load,
        SuiteName = suite => suite.Name,
        SuiteFilePath = suite => suite.FilePath,
        Scenarios = suite => suite.Scenarios,
        ScenarioName = scenario => scenario.Name,
        Run = (suite, selected, completed) => PackEstimationSuiteRunner.Run(suite, selected, completed: completed),
        Results = run => run.Scenarios,
        WriteJUnit = AcquisitionJUnitReport.Write,
    };

    public static int Run(string suitePath, string? junitPath, string? reportFolder, string[] scenarioNames) =>
        RequirementSuiteRun.Run(Kind, suitePath, junitPath, reportFolder, scenarioNames);
}

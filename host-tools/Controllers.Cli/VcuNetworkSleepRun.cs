using Controllers.Hil.Acquisition;
using Controllers.Hil.Vehicle;

namespace Controllers.Cli;

/// <summary>
/// <c>ctl hil run</c> for suites of kind <c>vcu-network-sleep</c>: a table with the sleep and wake timing, the static
/// current, the lost-node and bus-off checks, a JUnit file and an HTML report with NM state and board current plots.
/// </summary>
internal static class VcuNetworkSleepRun
{
    private static readonly RequirementSuiteRun.Kind<VcuNetworkSleepSuite, VcuNetworkSleepScenario, VcuNetworkSleepScenarioResult, VcuNetworkSleepSuiteResult> Kind = new()
    {
        Load = VcuNetworkSleepSuiteFile.Load,
        SuiteName = suite => suite.Name,
        SuiteFilePath = suite => suite.FilePath,
        Scenarios = suite => suite.Scenarios,
        ScenarioName = scenario => scenario.Name,
        Run = (suite, selected, completed) => VcuNetworkSleepSuiteRunner.Run(suite, selected, completed),
        Results = run => run.Scenarios,
        WriteJUnit = AcquisitionJUnitReport.Write,
        WriteReport = VcuNetworkSleepReport.Write,
        ReportIndexFileName = VcuNetworkSleepReport.IndexFileName,
    };

    public static int Run(string suitePath, string? junitPath, string? reportFolder, string[] scenarioNames) =>
        RequirementSuiteRun.Run(Kind, suitePath, junitPath, reportFolder, scenarioNames);
}

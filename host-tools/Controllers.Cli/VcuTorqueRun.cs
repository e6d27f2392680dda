using Controllers.Hil.Acquisition;
using Controllers.Hil.Vehicle;

namespace Controllers.Cli;

/// <summary>
/// <c>ctl hil run</c> for suites of kind <c>vcu-torque</c>: a table with the step response times, the accuracy per
/// pedal and speed point and the fault reactions, a JUnit file and an HTML report with speed and torque plots.
/// </summary>
internal static class VcuTorqueRun
{
    private static readonly RequirementSuiteRun.Kind<VcuTorqueSuite, VcuTorqueScenario, VcuTorqueScenarioResult, VcuTorqueSuiteResult> Kind = new()
    {
        Load = VcuTorqueSuiteFile.Load,
        SuiteName = suite => suite.Name,
        SuiteFilePath = suite => suite.FilePath,
        Scenarios = suite => suite.Scenarios,
        ScenarioName = scenario => scenario.Name,
        Run = (suite, selected, completed) => VcuTorqueSuiteRunner.Run(suite, selected, completed),
        Results = run => run.Scenarios,
        WriteJUnit = AcquisitionJUnitReport.Write,
        WriteReport = VcuTorqueReport.Write,
        ReportIndexFileName = VcuTorqueReport.IndexFileName,
    };

    public static int Run(string suitePath, string? junitPath, string? reportFolder, string[] scenarioNames) =>
        RequirementSuiteRun.Run(Kind, suitePath, junitPath, reportFolder, scenarioNames);
}

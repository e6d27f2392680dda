using Controllers.Hil.Acquisition;
using Controllers.Hil.Vehicle;

namespace Controllers.Cli;

/// <summary>
/// <c>ctl hil run</c> for suites of kind <c>vcu-high-voltage</c>: a table with the power-on and power-off figures, the
/// HV fault reactions and the charge, a JUnit file and an HTML report with link voltage and contactor plots.
/// </summary>
internal static class VcuHighVoltageRun
{
    private static readonly RequirementSuiteRun.Kind<VcuHighVoltageSuite, VcuHighVoltageScenario, VcuHighVoltageScenarioResult, VcuHighVoltageSuiteResult> Kind = new()
    {
        Load = VcuHighVoltageSuiteFile.Load,
        SuiteName = suite => suite.Name,
        SuiteFilePath = suite => suite.FilePath,
        Scenarios = suite => suite.Scenarios,
        ScenarioName = scenario => scenario.Name,
        Run = (suite, selected, completed) => VcuHighVoltageSuiteRunner.Run(suite, selected, completed),
        Results = run => run.Scenarios,
        WriteJUnit = AcquisitionJUnitReport.Write,
        WriteReport = VcuHighVoltageReport.Write,
        ReportIndexFileName = VcuHighVoltageReport.IndexFileName,
    };

    public static int Run(string suitePath, string? junitPath, string? reportFolder, string[] scenarioNames) =>
        RequirementSuiteRun.Run(Kind, suitePath, junitPath, reportFolder, scenarioNames);
}

using Controllers.Hil.Acquisition;
using Controllers.Hil.Vehicle;

namespace Controllers.Cli;

/// <summary>
/// <c>ctl hil run</c> for suites of kind <c>vcu-energy</c>: a table with the speed-trace, SOC, fuel, engine and
/// regeneration rows per scenario, a JUnit file and an HTML report with speed, torque, SOC and generator plots.
/// </summary>
internal static class VcuEnergyRun
{
    private static readonly RequirementSuiteRun.Kind<VcuEnergySuite, VcuEnergyScenario, VcuEnergyScenarioResult, VcuEnergySuiteResult> Kind = new()
    {
        Load = VcuEnergySuiteFile.Load,
        SuiteName = suite => suite.Name,
        SuiteFilePath = suite => suite.FilePath,
        Scenarios = suite => suite.Scenarios,
        ScenarioName = scenario => scenario.Name,
        Run = (suite, selected, completed) => VcuEnergySuiteRunner.Run(suite, selected, completed),
        Results = run => run.Scenarios,
        WriteJUnit = AcquisitionJUnitReport.Write,
        WriteReport = VcuEnergyReport.Write,
        ReportIndexFileName = VcuEnergyReport.IndexFileName,
    };

    public static int Run(string suitePath, string? junitPath, string? reportFolder, string[] scenarioNames) =>
        RequirementSuiteRun.Run(Kind, suitePath, junitPath, reportFolder, scenarioNames);
}

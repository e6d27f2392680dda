using System.Linq;
using Controllers.Hil.Running;
using Controllers.Hil.Vehicle;
using Xunit;
using Xunit.Abstractions;

namespace Controllers.Hil.Tests.Vehicle;

public class VcuNetworkSleepRunTests(ITestOutputHelper output)
{
    private static VcuNetworkSleepSuite Suite => VcuNetworkSleepSuiteFile.Load(VcuNetworkSleepSuiteFileTests.BundledSuitePath);

    [Fact]
    public void BundledSuite_AllPass()
    {
        var result = VcuNetworkSleepSuiteRunner.Run(Suite, Suite.Scenarios);

        foreach (var scenario in result.Scenarios)
        {
            output.WriteLine($"{scenario.ScenarioName} {scenario.Outcome} {scenario.WallTime.TotalSeconds:F2} s {scenario.ErrorMessage}");
            foreach (var requirement in scenario.Requirements)
            {
                output.WriteLine($"  {requirement.Passed} {requirement.Detail}");
            }
        }

        Assert.All(result.Scenarios, scenario => Assert.Equal(ScenarioOutcome.Passed, scenario.Outcome));
    }
}

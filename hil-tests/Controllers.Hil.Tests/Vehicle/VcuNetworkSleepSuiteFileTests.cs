using System;
using System.IO;
using Controllers.Hil.Acquisition;
using Controllers.Hil.Tests.Acquisition;
using Controllers.Hil.Vehicle;
using Controllers.Simulation.Data;
using Xunit;

namespace Controllers.Hil.Tests.Vehicle;

public sealed class VcuNetworkSleepSuiteFileTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "ctl-vcu-sleep-" + Guid.NewGuid().ToString("N"));

    public VcuNetworkSleepSuiteFileTests()
    {
        Directory.CreateDirectory(folder);
    }

    public void Dispose() => Directory.Delete(folder, true);

    public static string BundledSuitePath => Path.Combine(RepositoryRoot.Path, "hil-tests", "suites", "vcu-network-sleep.yaml");

    /// <summary>Writes a suite with a 3-line header; the first scenario line is line 4.</summary>
    private string Write(params string[] scenarioLines)
    {
        string path = Path.Combine(folder, "suite.yaml");
        string header = string.Join("\n", "kind: vcu-network-sleep", "name: Test suite", "scenarios:");
        File.WriteAllText(path, header + "\n" + string.Join("\n", scenarioLines) + "\n");
        return path;
    }

    private DataFileException LoadFails(params string[] scenarioLines)
    {
        string path = Write(scenarioLines);
        return Assert.Throws<DataFileException>(() => VcuNetworkSleepSuiteFile.Load(path));
    }

    [Fact]
    public void BundledSuite_Loads()
    {
        var suite = VcuNetworkSleepSuiteFile.Load(BundledSuitePath);

        Assert.Equal(VcuNetworkSleepSuiteFile.Kind, AcquisitionSuiteFile.ReadKind(BundledSuitePath));
        Assert.Equal(12, suite.Scenarios.Count);
        Assert.Equal(2, suite.Scenarios[0].Expect.SleepCurrentMilliamps);
        Assert.Equal(VcuWakeSource.Timer, suite.Scenarios[5].Source);
        Assert.Equal(11.8, suite.Scenarios[5].SupplyVolts, 6);
    }

    [Fact]
    public void Wake_ReadsSourceAndLimits()
    {
        string path = Write(
            "  - name: w",
            "    type: wake",
            "    source: charge-plug",
            "    holdSeconds: 2",
            "    expect:",
            "      latencyMilliseconds: 400",
            "      sleepWithinSeconds: 5");

        var scenario = VcuNetworkSleepSuiteFile.Load(path).Scenarios[0];

        Assert.Equal(VcuSleepScenarioType.Wake, scenario.Type);
        Assert.Equal(VcuWakeSource.ChargePlug, scenario.Source);
        Assert.Equal(2, scenario.HoldSeconds);
        Assert.Equal(400, scenario.Expect.LatencyMilliseconds);
        Assert.Equal(5, scenario.Expect.SleepWithinSeconds);
        Assert.Equal(2, scenario.Expect.SleepCurrentMilliamps);
    }

    [Fact]
    public void LostNode_DefaultsToMcu()
    {
        string path = Write("  - name: l", "    type: lost-node");

        var scenario = VcuNetworkSleepSuiteFile.Load(path).Scenarios[0];

        Assert.Equal("MCU", scenario.Node);
    }

    [Fact]
    public void UnknownType_NamesKey()
    {
        var error = LoadFails("  - name: x", "    type: hibernate");

        Assert.Equal("type", error.Field);
        Assert.Equal(5, error.LineNumber);
        Assert.Contains("hibernate", error.Message);
        Assert.Contains("key-off-sleep", error.Message);
    }

    [Fact]
    public void UnknownWakeSource_NamesKeyAndChoices()
    {
        var error = LoadFails("  - name: x", "    type: wake", "    source: door");

        Assert.Equal("source", error.Field);
        Assert.Equal(6, error.LineNumber);
        Assert.Contains("charge-plug", error.Message);
    }

    [Fact]
    public void MissingWakeSource_NamesKey()
    {
        var error = LoadFails("  - name: x", "    type: wake");

        Assert.Equal("source", error.Field);
    }

    [Fact]
    public void UnknownNode_NamesKey()
    {
        var error = LoadFails("  - name: x", "    type: lost-node", "    node: ABS");

        Assert.Equal("node", error.Field);
        Assert.Contains("ABS", error.Message);
    }

    [Fact]
    public void KeyOfOtherType_IsRejected()
    {
        var error = LoadFails("  - name: x", "    type: bus-off", "    source: key");

        Assert.Equal("source", error.Field);
    }

    [Fact]
    public void NegativeSleepCurrent_NamesKey()
    {
        var error = LoadFails("  - name: x", "    type: key-off-sleep", "    expect:", "      sleepCurrentMilliamps: -1");

        Assert.Equal("sleepCurrentMilliamps", error.Field);
    }

    [Fact]
    public void UnknownExpectKey_IsRejected()
    {
        var error = LoadFails("  - name: x", "    type: key-off-sleep", "    expect:", "      wakeMilliamps: 1");

        Assert.Contains("wakeMilliamps", error.Message);
    }

    [Fact]
    public void ThermalLoadWithoutVehicle_NamesVehicleKey()
    {
        var error = LoadFails("  - name: climb", "    type: thermal-load", "    speedRpm: 800", "    torqueNewtonMetres: 90");

        Assert.Equal("vehicle", error.Field);
        Assert.Contains("climb", error.Message);
    }

    [Fact]
    public void InvalidFanFailed_NamesKey()
    {
        var error = LoadFails("  - name: climb", "    type: thermal-load", "    speedRpm: 800", "    torqueNewtonMetres: 90", "    fanFailed: maybe");

        Assert.Equal("fanFailed", error.Field);
        Assert.Equal(8, error.LineNumber);
        Assert.Contains("maybe", error.Message);
    }

    [Fact]
    public void ThermalLoadWithoutSpeed_NamesKey()
    {
        var error = LoadFails("  - name: climb", "    type: thermal-load", "    torqueNewtonMetres: 90");

        Assert.Equal("speedRpm", error.Field);
    }
}

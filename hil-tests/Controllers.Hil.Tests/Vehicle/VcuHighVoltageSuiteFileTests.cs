using System;
using System.IO;
using System.Linq;
using Controllers.Hil.Acquisition;
using Controllers.Hil.Tests.Acquisition;
using Controllers.Hil.Vehicle;
using Controllers.Simulation.Data;
using Xunit;

namespace Controllers.Hil.Tests.Vehicle;

public sealed class VcuHighVoltageSuiteFileTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "ctl-vcu-hv-" + Guid.NewGuid().ToString("N"));

    public VcuHighVoltageSuiteFileTests()
    {
        Directory.CreateDirectory(folder);
    }

    public void Dispose() => Directory.Delete(folder, true);

    public static string BundledSuitePath => Path.Combine(RepositoryRoot.Path, "hil-tests", "suites", "vcu-high-voltage.yaml");

    private static string VehiclePath => Path.Combine(RepositoryRoot.Path, "boards", "vcu-atv.yaml");

    /// <summary>Writes a suite with a 4-line header; the first scenario line is line 5.</summary>
    private string Write(params string[] scenarioLines)
    {
        string path = Path.Combine(folder, "suite.yaml");
        string header = string.Join("\n", "kind: vcu-high-voltage", "name: Test suite", "vehicle: " + VehiclePath, "scenarios:");
        File.WriteAllText(path, header + "\n" + string.Join("\n", scenarioLines) + "\n");
        return path;
    }

    private DataFileException LoadFails(params string[] scenarioLines)
    {
        string path = Write(scenarioLines);
        return Assert.Throws<DataFileException>(() => VcuHighVoltageSuiteFile.Load(path));
    }

    [Fact]
    public void BundledSuite_Loads()
    {
        var suite = VcuHighVoltageSuiteFile.Load(BundledSuitePath);

        Assert.Equal(VcuHighVoltageSuiteFile.Kind, AcquisitionSuiteFile.ReadKind(BundledSuitePath));
        Assert.Equal(12, suite.Scenarios.Count);
        Assert.Equal(5, suite.Scenarios.Count(s => s.Type == VcuHvScenarioType.Fault));
        Assert.Equal(60, suite.Scenarios[0].Criteria.SafeLinkVolts);
        Assert.Equal(5, suite.Scenarios[0].Criteria.BreakCurrentAmperes);
    }

    [Fact]
    public void Fault_ReadsLimitSourceAndDtc()
    {
        var suite = VcuHighVoltageSuiteFile.Load(Write(
            "  - name: f1", "    type: fault", "    fault: insulation-fault", "    insulationKiloohms: 30", "    dtc: HvInsulationFault",
            "    contactorsOpenMilliseconds: 2600", "    limitSource: sum of periods"));

        var scenario = suite.Scenarios[0];
        Assert.Equal(VcuHvFault.InsulationFault, scenario.Fault);
        Assert.Equal(30, scenario.InsulationKiloohms);
        Assert.Equal(0x0AA600u, scenario.Dtc);
        Assert.Equal(2600, scenario.ContactorsOpenMilliseconds);
        Assert.Equal("sum of periods", scenario.LimitSource);
    }

    [Fact]
    public void UnknownType_NamesKeyLineAndChoices()
    {
        var error = LoadFails("  - name: t1", "    type: power-cycle");

        Assert.Equal("type", error.Field);
        Assert.Equal(6, error.LineNumber);
        Assert.Contains("power-cycle", error.Problem);
        Assert.Contains("precharge-failure", error.Problem);
    }

    [Fact]
    public void UnknownFault_NamesKeyAndChoices()
    {
        var error = LoadFails("  - name: f1", "    type: fault", "    fault: lightning");

        Assert.Equal("fault", error.Field);
        Assert.Equal(7, error.LineNumber);
        Assert.Contains("hvil-open", error.Problem);
    }

    [Fact]
    public void UnknownDtc_NamesKey()
    {
        var error = LoadFails("  - name: f1", "    type: fault", "    fault: crash", "    dtc: CrashDtc");

        Assert.Equal("dtc", error.Field);
        Assert.Contains("HvCrashShutoff", error.Problem);
    }

    [Fact]
    public void LimitWithoutSource_IsRejected()
    {
        var error = LoadFails("  - name: p1", "    type: power-off", "    contactorsOpenMilliseconds: 130");

        Assert.Equal("limitSource", error.Field);
    }

    [Fact]
    public void InsulationValueOnOtherFault_IsRejected()
    {
        var error = LoadFails("  - name: f1", "    type: fault", "    fault: crash", "    insulationKiloohms: 30");

        Assert.Equal("insulationKiloohms", error.Field);
    }

    [Fact]
    public void InsulationFaultWithoutValue_NamesKey()
    {
        var error = LoadFails("  - name: f1", "    type: fault", "    fault: insulation-warning");

        Assert.Equal("insulationKiloohms", error.Field);
    }

    [Fact]
    public void Welded_ReadsBothSides()
    {
        var suite = VcuHighVoltageSuiteFile.Load(Write("  - name: w1", "    type: welded-contactor", "    welded: both"));

        Assert.Equal(2, suite.Scenarios[0].WeldedContactors.Count);
    }

    [Fact]
    public void WeldedOnOtherType_IsRejected()
    {
        var error = LoadFails("  - name: p1", "    type: power-on", "    welded: both");

        Assert.Equal("welded", error.Field);
        Assert.Equal(7, error.LineNumber);
    }

    [Fact]
    public void UnknownWeldedSide_NamesValue()
    {
        var error = LoadFails("  - name: w1", "    type: welded-contactor", "    welded: precharge");

        Assert.Equal("welded", error.Field);
        Assert.Contains("precharge", error.Problem);
    }

    [Fact]
    public void ChargingWithoutLimits_NamesKey()
    {
        var error = LoadFails("  - name: c1", "    type: charging");

        Assert.Equal("bmsChargeLimitsAmperes", error.Field);
    }

    [Fact]
    public void UnknownCriterion_NamesKey()
    {
        string path = Path.Combine(folder, "suite.yaml");
        File.WriteAllText(path, string.Join("\n", "kind: vcu-high-voltage", "name: Test suite", "vehicle: " + VehiclePath,
            "criteria:", "  dischargeSeconds: 3", "scenarios:", "  - name: p1", "    type: power-on") + "\n");

        var error = Assert.Throws<DataFileException>(() => VcuHighVoltageSuiteFile.Load(path));

        Assert.Equal("dischargeSeconds", error.Field);
    }
}

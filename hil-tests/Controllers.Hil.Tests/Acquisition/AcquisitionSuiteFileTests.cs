using System;
using System.IO;
using System.Linq;
using Controllers.Hil.Acquisition;
using Controllers.Simulation.Data;
using Xunit;

namespace Controllers.Hil.Tests.Acquisition;

public sealed class AcquisitionSuiteFileTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "ctl-acquisition-" + Guid.NewGuid().ToString("N"));

    public AcquisitionSuiteFileTests()
    {
        Directory.CreateDirectory(folder);
    }

    public void Dispose() => Directory.Delete(folder, true);

    internal static string BoardPath => Path.Combine(RepositoryRoot.Path, "boards", "bms-pack-54s16p.yaml");

    private string Write(params string[] lines)
    {
        string path = Path.Combine(folder, "suite.yaml");
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    private string Valid(params string[] scenarioLines)
    {
        var lines = new System.Collections.Generic.List<string>
        {
            "kind: bms-acquisition",          // 1
            "name: Test suite",               // 2
            "board: " + BoardPath,            // 3
            "scenarios:",                     // 4
        };
        lines.AddRange(scenarioLines);
        return Write(lines.ToArray());
    }

    private static DataFileException Rejected(string path) =>
        Assert.Throws<DataFileException>(() => AcquisitionSuiteFile.Load(path));

    [Fact]
    public void BundledSuite_Loads()
    {
        var suite = AcquisitionSuiteFile.Load(Path.Combine(RepositoryRoot.Path, "hil-tests", "suites", "bms-acquisition.yaml"));

        Assert.Equal(3, suite.Board.Slaves.Count);
        Assert.Equal(54, suite.Board.CellCount);
        Assert.Equal(16, suite.Board.ParallelCells);
        Assert.Equal(new[] { 15, 15 }, suite.Board.Slaves[2].CellsPerDevice);
        Assert.Contains(suite.Scenarios, s => s.Checks.Contains("B10"));
    }

    [Fact]
    public void Scenario_ReadsLoadInsulationFaultsAndExpectations()
    {
        var suite = AcquisitionSuiteFile.Load(Valid(
            "  - name: drop",                                                   // 5
            "    durationSeconds: 60",                                          // 6
            "    current: { dischargeAmperes: 100, chargeAmperes: 30, periodSeconds: 8 }",
            "    insulation: { positiveOhms: 2000000, negativeOhms: open }",
            "    faults:",
            "      - { kind: insulation-drop, value: 15000, atSeconds: 30 }",
            "    checks: [B9, B15]",
            "    expect: { dtcs: [\"0x1A3003\"], reaction: contactors-open }"));

        var scenario = suite.Scenarios[0];
        Assert.Equal(60, scenario.DurationSeconds);
        Assert.Equal(100, scenario.CurrentAmplitudeAmperes);
        Assert.Equal(30, scenario.ChargeAmperes);
        Assert.Equal(2e6, scenario.InsulationPositiveOhms);
        Assert.True(double.IsPositiveInfinity(scenario.InsulationNegativeOhms));
        Assert.Equal("insulation-drop", scenario.Faults[0].Kind);
        Assert.Equal(30, scenario.Faults[0].AtSeconds);
        Assert.Equal(new[] { "B9", "B15" }, scenario.Checks);
        Assert.Equal(new uint[] { 0x1A3003 }, scenario.ExpectedDtcs);
        Assert.Equal("contactors-open", scenario.ExpectedReaction);
    }

    [Fact]
    public void UnknownRequirement_NamesLineAndChoices()
    {
        var error = Rejected(Valid("  - name: a", "    checks: [B7]"));
        Assert.Equal(6, error.LineNumber);
        Assert.Contains("B7", error.Message);
        Assert.Contains("B10", error.Message);
    }

    [Fact]
    public void UnknownFaultKind_Rejected()
    {
        var error = Rejected(Valid("  - name: a", "    faults:", "      - { kind: meteor }", "    checks: [B15]"));
        Assert.Equal(7, error.LineNumber);
        Assert.Contains("meteor", error.Message);
    }

    [Fact]
    public void FaultOnMissingSlave_Rejected()
    {
        var error = Rejected(Valid("  - name: a", "    faults:", "      - { kind: open-wire, slave: 4 }", "    checks: [B15]"));
        Assert.Equal("slave", error.Field);
    }

    [Fact]
    public void SettleNotBeforeEnd_Rejected()
    {
        var error = Rejected(Valid("  - name: a", "    durationSeconds: 5", "    settleSeconds: 5", "    checks: [B1]"));
        Assert.Equal("settleSeconds", error.Field);
    }

    [Fact]
    public void InvalidDtc_Rejected()
    {
        var error = Rejected(Valid("  - name: a", "    checks: [B15]", "    expect: { dtcs: [\"P1A12\"] }"));
        Assert.Contains("P1A12", error.Message);
    }

    [Fact]
    public void DischargeAboveFullScale_Rejected()
    {
        // The board's current channel spans 320 A.
        var error = Rejected(Valid("  - name: a", "    current: { dischargeAmperes: 400 }", "    checks: [B5]"));
        Assert.Equal("dischargeAmperes", error.Field);
    }

    [Fact]
    public void WrongKind_Rejected()
    {
        var error = Rejected(Write("kind: soc", "name: x", "board: " + BoardPath, "scenarios: []"));
        Assert.Equal(1, error.LineNumber);
    }

    [Fact]
    public void DuplicateScenarioName_Rejected()
    {
        var error = Rejected(Valid("  - name: a", "    checks: [B1]", "  - name: A", "    checks: [B2]"));
        Assert.Equal("name", error.Field);
    }

    [Fact]
    public void ReadKind_DefaultsToSoc()
    {
        Assert.Equal("soc", AcquisitionSuiteFile.ReadKind(Write("name: x")));
        Assert.Equal("bms-acquisition", AcquisitionSuiteFile.ReadKind(Write("kind: bms-acquisition")));
    }
    [Fact]
    public void ThermistorChannelBeyondSlave_Rejected()
    {
        // Slave 1 of the bundled board has 4 thermistors.
        var error = Rejected(Valid("  - name: a", "    faults:", "      - { kind: ntc-open, slave: 1, channel: 5 }",
            "    checks: [B15]", "    expect: { reaction: derate }"));
        Assert.Equal("channel", error.Field);
    }

    [Fact]
    public void OpenWireChannelBeyondSlave_Rejected()
    {
        var error = Rejected(Valid("  - name: a", "    faults:", "      - { kind: open-wire, slave: 1, channel: 7 }",
            "    checks: [B15]", "    expect: { reaction: derate }"));
        Assert.Equal("channel", error.Field);
    }

    [Fact]
    public void BothPolesShorted_Rejected()
    {
        var error = Rejected(Valid("  - name: a", "    insulation: { positiveOhms: 0, negativeOhms: 0 }", "    checks: [B9]"));
        Assert.Equal("insulation", error.Field);
    }

    [Fact]
    public void ExpectWithoutB15_Rejected()
    {
        var error = Rejected(Valid("  - name: a", "    checks: [B8]", "    expect: { reaction: none }"));
        Assert.Equal("expect", error.Field);
    }

    [Fact]
    public void B15WithoutExpect_Rejected()
    {
        var error = Rejected(Valid("  - name: a", "    checks: [B15]"));
        Assert.Equal("checks", error.Field);
    }

    [Fact]
    public void EmptyOrRepeatedChecks_Rejected()
    {
        Assert.Equal("checks", Rejected(Valid("  - name: a", "    checks: []")).Field);
        Assert.Equal("checks", Rejected(Valid("  - name: a", "    checks: [B8, B8]")).Field);
    }

    [Fact]
    public void FaultAtEnd_Rejected()
    {
        var error = Rejected(Valid("  - name: a", "    durationSeconds: 10", "    faults:", "      - { kind: afe-loss, atSeconds: 10 }",
            "    checks: [B15]", "    expect: { reaction: derate }"));
        Assert.Equal("atSeconds", error.Field);
    }

    [Fact]
    public void BareNumberDtc_Rejected()
    {
        var error = Rejected(Valid("  - name: a", "    checks: [B15]", "    expect: { dtcs: [1200] }"));
        Assert.Contains("1200", error.Message);
    }
}

/// <summary>The folder that contains Controllers.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Controllers.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} contains Controllers.sln.");
    }
}

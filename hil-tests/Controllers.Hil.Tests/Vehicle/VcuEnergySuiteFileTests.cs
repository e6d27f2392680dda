using System;
using System.IO;
using System.Linq;
using Controllers.Firmware.Vcu.Energy;
using Controllers.Hil.Acquisition;
using Controllers.Hil.Tests.Acquisition;
using Controllers.Hil.Vehicle;
using Controllers.Simulation.Data;
using Xunit;

namespace Controllers.Hil.Tests.Vehicle;

public sealed class VcuEnergySuiteFileTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "ctl-vcu-energy-" + Guid.NewGuid().ToString("N"));

    public VcuEnergySuiteFileTests()
    {
        Directory.CreateDirectory(folder);
    }

    public void Dispose() => Directory.Delete(folder, true);

    public static string BundledSuitePath => Path.Combine(RepositoryRoot.Path, "hil-tests", "suites", "vcu-energy.yaml");

    public static string StrategiesSuitePath => Path.Combine(RepositoryRoot.Path, "hil-tests", "suites", "vcu-energy-strategies.yaml");

    public static string UddsPath => Path.Combine(RepositoryRoot.Path, "hil-tests", "data", "drive-cycles", "udds.csv");

    private static string VehiclePath => Path.Combine(RepositoryRoot.Path, "boards", "vcu-atv.yaml");

    /// <summary>Writes a suite with a 5-line header; the first scenario line is line 6.</summary>
    public static string Write(string folder, params string[] scenarioLines)
    {
        string path = Path.Combine(folder, "suite.yaml");
        string header = string.Join("\n", "kind: vcu-energy", "name: Test suite", "vehicle: " + VehiclePath, "topSpeedMetresPerSecond: 27.9",
            "scenarios:");
        File.WriteAllText(path, header + "\n" + string.Join("\n", scenarioLines) + "\n");
        return path;
    }

    private DataFileException LoadFails(params string[] scenarioLines)
    {
        string path = Write(folder, scenarioLines);
        return Assert.Throws<DataFileException>(() => VcuEnergySuiteFile.Load(path));
    }

    [Fact]
    public void BundledSuites_Load()
    {
        var suite = VcuEnergySuiteFile.Load(BundledSuitePath);
        var strategies = VcuEnergySuiteFile.Load(StrategiesSuitePath);

        Assert.Equal(VcuEnergySuiteFile.Kind, AcquisitionSuiteFile.ReadKind(BundledSuitePath));
        Assert.Equal(2, suite.Scenarios.Count);
        Assert.Equal(15, suite.Scenarios[0].Criteria.FuelSavingPercent);
        Assert.All(suite.Scenarios, s => Assert.Equal(FuelSavingMode.Requirement, s.Criteria.FuelSavingMode));
        Assert.Equal(11, strategies.Scenarios.Count);
        Assert.Equal(5, strategies.Scenarios.Select(s => s.Strategy).Distinct().Count());
    }

    [Fact]
    public void BundledWmtc_ClippedToTopSpeed()
    {
        var suite = VcuEnergySuiteFile.Load(StrategiesSuitePath);
        var wmtc = suite.Scenarios.Single(s => s.Name == "wmtc-part3-automatic");

        // WMTC part 3 peaks at 125 km/h (34.7 m/s); the excerpt runs 1200 s to 1800 s.
        Assert.Equal(27.9, wmtc.Cycle.SpeedsMetresPerSecond.Max(), 6);
        Assert.Equal(600, wmtc.Cycle.DurationSeconds, 6);
        Assert.Equal(0, wmtc.Cycle.TimesSeconds[0]);
        Assert.Equal(0.30, wmtc.Criteria.MinSoc);

        // Parts 1 and 2 stay below 95 km/h, so clipping leaves them alone: 1200 s.
        var parts12 = VcuEnergySuiteFile.Load(BundledSuitePath).Scenarios.Single(s => s.Name == "wmtc-parts12-automatic");
        Assert.Equal(1200, parts12.Cycle.DurationSeconds, 6);
        Assert.True(parts12.Cycle.SpeedsMetresPerSecond.Max() < 27.9);
    }

    [Fact]
    public void Scenario_ReadsStrategySocAndCriteria()
    {
        var suite = VcuEnergySuiteFile.Load(Write(folder,
            "  - name: e1", "    cycle: " + UddsPath, "    strategy: constant-power-plus-following", "    initialSoc: 0.44",
            "    criteria: { minSoc: 0.3, fuelSaving: reported, maxEngineStartsPerHour: 6 }"));

        var scenario = suite.Scenarios[0];
        Assert.Equal(EnergyStrategy.ConstantPowerPlusFollowing, scenario.Strategy);
        Assert.Equal(0.44, scenario.InitialSoc);
        Assert.Equal(0.3, scenario.Criteria.MinSoc);
        Assert.Equal(0.6, scenario.Criteria.MaxSoc);
        Assert.Equal(FuelSavingMode.Reported, scenario.Criteria.FuelSavingMode);
        Assert.Equal(6, scenario.Criteria.MaxEngineStartsPerHour);
        Assert.Equal(1369, scenario.Cycle.DurationSeconds, 6);
    }

    [Fact]
    public void ExcerptAndRepeats_BuildCycle()
    {
        var suite = VcuEnergySuiteFile.Load(Write(folder,
            "  - name: e1", "    cycle: " + UddsPath, "    strategy: ecms", "    startSeconds: 125", "    endSeconds: 346", "    repeats: 3"));

        // Three copies of 221 s with 1 s between them: 3 × 221 + 2 = 665 s.
        var cycle = suite.Scenarios[0].Cycle;
        Assert.Equal(665, cycle.DurationSeconds, 6);
        Assert.Equal(3 * 222, cycle.TimesSeconds.Length);
    }

    [Fact]
    public void UnknownStrategy_NamesKeyAndChoices()
    {
        var error = LoadFails("  - name: e1", "    cycle: " + UddsPath, "    strategy: thermostat");

        Assert.Equal("strategy", error.Field);
        Assert.Equal(8, error.LineNumber);
        Assert.Contains("thermostat", error.Problem);
        Assert.Contains("power-following", error.Problem);
    }

    [Fact]
    public void MissingCycle_NamesKey()
    {
        var error = LoadFails("  - name: e1", "    strategy: ecms");

        Assert.Equal("cycle", error.Field);
    }

    [Fact]
    public void InitialSocOutOfRange_NamesKey()
    {
        var error = LoadFails("  - name: e1", "    cycle: " + UddsPath, "    strategy: ecms", "    initialSoc: 1.5");

        Assert.Equal("initialSoc", error.Field);
    }

    [Fact]
    public void ShortExcerpt_NamesKey()
    {
        var error = LoadFails("  - name: e1", "    cycle: " + UddsPath, "    strategy: ecms", "    startSeconds: 100", "    endSeconds: 105");

        Assert.Equal("endSeconds", error.Field);
        Assert.Contains("10 s", error.Problem);
    }

    [Fact]
    public void UnknownFuelSavingMode_NamesKey()
    {
        var error = LoadFails("  - name: e1", "    cycle: " + UddsPath, "    strategy: ecms", "    criteria: { fuelSaving: maybe }");

        Assert.Equal("fuelSaving", error.Field);
        Assert.Contains("maybe", error.Problem);
    }

    [Fact]
    public void InvertedSocWindow_NamesKey()
    {
        var error = LoadFails("  - name: e1", "    cycle: " + UddsPath, "    strategy: ecms", "    criteria: { minSoc: 0.6, maxSoc: 0.4 }");

        Assert.Equal("maxSoc", error.Field);
    }

    [Fact]
    public void UnknownKey_Rejected()
    {
        var error = LoadFails("  - name: e1", "    cycle: " + UddsPath, "    strategy: ecms", "    speedKmh: 20");

        Assert.Equal("speedKmh", error.Field);
    }

    [Fact]
    public void MissingTopSpeed_NamesKey()
    {
        string path = Path.Combine(folder, "suite.yaml");
        File.WriteAllText(path, string.Join("\n", "kind: vcu-energy", "name: Test suite", "vehicle: " + VehiclePath, "scenarios:",
            "  - name: e1", "    cycle: " + UddsPath, "    strategy: ecms") + "\n");

        var error = Assert.Throws<DataFileException>(() => VcuEnergySuiteFile.Load(path));

        Assert.Equal("topSpeedMetresPerSecond", error.Field);
    }
}

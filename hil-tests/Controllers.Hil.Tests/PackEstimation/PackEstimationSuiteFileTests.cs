using System;
using System.IO;
using Controllers.Hil.Acquisition;
using Controllers.Hil.PackEstimation;
using Controllers.Hil.Tests.Acquisition;
using Controllers.Simulation.Data;
using Xunit;

namespace Controllers.Hil.Tests.PackEstimation;

public sealed class PackEstimationSuiteFileTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "ctl-pack-estimation-" + Guid.NewGuid().ToString("N"));

    public PackEstimationSuiteFileTests()
    {
        Directory.CreateDirectory(folder);
    }

    public void Dispose() => Directory.Delete(folder, true);

    private static string BoardPath => Path.Combine(RepositoryRoot.Path, "boards", "bms-pack-30s2p.yaml");

    private static string DriveCyclePath =>
        Path.Combine(RepositoryRoot.Path, "hil-tests", "data", "cells", "lg-18650hg2", "25degC", "551_US06_parsed.csv");

    private string Write(params string[] scenarioLines)
    {
        string path = Path.Combine(folder, "suite.yaml");
        string header = string.Join("\n",
            "kind: bms-pack-estimation",
            "name: Test suite",
            "board: " + BoardPath,
            "driveCycle:",
            "  file: " + DriveCyclePath,
            "scenarios:");
        File.WriteAllText(path, header + "\n" + string.Join("\n", scenarioLines) + "\n");
        return path;
    }

    [Fact]
    public void BundledSuite_Loads()
    {
        string path = Path.Combine(RepositoryRoot.Path, "hil-tests", "suites", "bms-pack-estimation.yaml");

        var suite = PackEstimationSuiteFile.Load(path);

        Assert.Equal(PackEstimationSuiteFile.Kind, AcquisitionSuiteFile.ReadKind(path));
        Assert.Equal(30, suite.Board.CellCount);
        Assert.Equal(2, suite.Board.ParallelCells);
        Assert.Equal(4, suite.Board.CellMaxChargeAmperes);
        Assert.Equal(20, suite.Board.CellMaxDischargeAmperes);
        Assert.Equal(2, suite.Scenarios.Count);
        Assert.Equal(0.9, suite.Scenarios[0].CapacityFactor, 9);
        Assert.Equal(2.5, suite.Scenarios[0].Criteria.MaxCellSocErrorPercent);
        Assert.Equal(3, suite.Scenarios[0].Criteria.MaxCapacitySohErrorPercent);
    }

    [Fact]
    public void Scenario_ReadsPlantAndCycle()
    {
        var suite = PackEstimationSuiteFile.Load(Write(
            "  - name: aged",
            "    plant: { capacityPercent: 85, capacitySpreadPercent: 2, initialSocPercent: 70, seed: 4 }",
            "    estimatorInitialSocPercent: 40",
            "    cycle: { count: 2, restMinutes: 10, dischargeToSocPercent: 30, chargeAmperesPerCell: 1.5, chargeToSocPercent: 85 }",
            "    criteria: { maxCellSocErrorPercent: 2 }"));

        var scenario = suite.Scenarios[0];
        Assert.Equal(0.85, scenario.CapacityFactor, 9);
        Assert.Equal(0.02, scenario.CapacitySpreadFraction, 9);
        Assert.Equal(0.7, scenario.InitialSoc, 9);
        Assert.Equal(4, scenario.Seed);
        Assert.Equal(0.4, scenario.EstimatorInitialSoc, 9);
        Assert.Equal(2, scenario.Cycles);
        Assert.Equal(10, scenario.RestMinutes);
        Assert.Equal(0.3, scenario.DischargeToSoc, 9);
        Assert.Equal(1.5, scenario.ChargeAmperesPerCell);
        Assert.Equal(0.85, scenario.ChargeToSoc, 9);
        Assert.Equal(2, scenario.Criteria.MaxCellSocErrorPercent);
        Assert.Equal(3, scenario.Criteria.MaxCapacitySohErrorPercent);
    }

    [Fact]
    public void Cycle_RejectsChargeTargetBelowDischarge()
    {
        string path = Write(
            "  - name: inverted",
            "    cycle: { dischargeToSocPercent: 60, chargeToSocPercent: 50 }");

        var error = Assert.Throws<DataFileException>(() => PackEstimationSuiteFile.Load(path));

        Assert.Contains("chargeToSocPercent", error.Message);
    }

    [Fact]
    public void Plant_RejectsCapacityOutOfRange()
    {
        string path = Write(
            "  - name: too-old",
            "    plant: { capacityPercent: 40 }");

        var error = Assert.Throws<DataFileException>(() => PackEstimationSuiteFile.Load(path));

        Assert.Contains("capacityPercent", error.Message);
    }

    [Fact]
    public void Runner_DecodesLimitsFromCan()
    {
        var suite = PackEstimationSuiteFile.Load(Write(
            "  - name: short",
            "    plant: { initialSocPercent: 90, initialSocSpreadPercent: 1 }",
            "    estimatorInitialSocPercent: 90",
            "    cycle: { count: 1, restMinutes: 1, dischargeToSocPercent: 85, chargeToSocPercent: 88 }",
            "    criteria: { convergenceMinutes: 0, maxCellSocErrorPercent: 100, rmsSocErrorPercent: 100, maxCapacitySohErrorPercent: 100 }"));

        var result = PackEstimationSuiteRunner.RunScenario(suite, suite.Scenarios[0]);

        Assert.Null(result.ErrorMessage);
        var metrics = result.Metrics!;
        Assert.True(metrics.LimitFramesDecoded > 0);
        Assert.True(metrics.StatusFramesDecoded > 0);
        Assert.InRange(metrics.MaxLimitDecodeDifference, 0, PackEstimationSuiteRunner.LimitDecodeTolerance);

        // Near 85 % SOC a cell's 2 s limits are its ratings: 20 A discharge drops about 20 A × 25 mΩ
        // (R0 plus the fast branch of cells/lg-18650hg2.yaml) = 0.5 V from about 4.05 V, far above 2.5 V,
        // and 4 A charge adds about 0.1 V, below 4.2 V. Two cells in parallel: 40 A and 8 A.
        Assert.Equal(40, metrics.DecodedLimits[0][3], 1);
        Assert.Equal(8, metrics.DecodedLimits[0][2], 1);

        // No capacity pair in one short cycle, so the pack SOH over CAN is the nominal 100 %.
        Assert.Equal(100, metrics.DecodedPackSohPercent, 1);
    }
}

using System;
using System.IO;
using Controllers.Firmware.Bms.Estimation;
using Controllers.Firmware.Bms.Persistence;
using Controllers.Firmware.Common.Storage;
using Controllers.Simulation.Boards;
using Controllers.Simulation.Plant;
using Controllers.Simulation.Storage;
using Xunit;
using Xunit.Abstractions;

namespace Controllers.Simulation.Tests.Storage;

/// <summary>
/// Power cycles of the real estimator against the pack plant: discharge with periodic saves, a power cut
/// in the middle of the shutdown save, a rest, and a restart on a fresh estimator. Expected SOC values
/// are the plant's, never the estimator's.
/// </summary>
public class EstimatorRestartTests
{
    private const int Cells = 8;
    private const float DischargeAmperes = -3f;
    private const int DischargeSeconds = 1200;
    private const int SavePeriodSeconds = 60;
    private const long StartUnixSeconds = 1_764_900_000;

    private readonly ITestOutputHelper output;

    public EstimatorRestartTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    /// <summary>One board: estimator, save task and clock on a shared simulated flash medium.</summary>
    private sealed class Board
    {
        public Board(CellParameters cell, SimulatedFlashStore medium, SimulatedWallClock clock)
        {
            Estimator = new PackSocEstimator(cell, Cells, new SocEstimatorSettings(), new DeltaSocSettings());
            int payload = EstimatorStateRecord.GetPayloadLength(Cells);
            var store = new RecordStore(medium, 0, 1, EstimatorStateRecord.RecordTypeId, EstimatorStateRecord.FormatVersion, payload);
            Task = new EstimatorStateTask(store, Estimator, clock, null, null);
            Correction = new RestCorrection(new CellModel(cell), new RestCorrectionSettings(), Cells);
        }

        public PackSocEstimator Estimator { get; }

        public EstimatorStateTask Task { get; }

        public RestCorrection Correction { get; }
    }

    private static CellParameters Hg2() =>
        CellDefinitionFile.Load(Path.Combine(RepositoryPaths.Root, "boards", "cells", "lg-18650hg2.yaml")).Parameters;

    private static float[] Voltages(PackPlant plant)
    {
        var volts = new float[plant.CellCount];
        for (int i = 0; i < volts.Length; i++)
        {
            volts[i] = (float)plant.GetCellVolts(i);
        }

        return volts;
    }

    private static float MeanTemperature(PackPlant plant)
    {
        double sum = 0;
        for (int i = 0; i < plant.CellCount; i++)
        {
            sum += plant.GetTemperatureCelsius(i);
        }

        return (float)(sum / plant.CellCount);
    }

    private static double MeanPlantSoc(PackPlant plant)
    {
        double sum = 0;
        for (int i = 0; i < plant.CellCount; i++)
        {
            sum += plant.GetSoc(i);
        }

        return sum / plant.CellCount;
    }

    private static void Rest(PackPlant plant, SimulatedWallClock clock, int seconds)
    {
        for (int elapsed = 0; elapsed < seconds; elapsed += 10)
        {
            plant.Step(10, 0);
        }

        clock.Advance(seconds);
    }

    /// <summary>
    /// First boot, a 1C discharge with a save every minute, the shutdown save cut by a power loss after
    /// half its bytes. <paramref name="storedSocError"/> is added to the average SOC just before the last
    /// good save, as a drifted estimate would be.
    /// </summary>
    private static (PackPlant Plant, SimulatedFlashStore Medium, SimulatedWallClock Clock, double SavedEstimate) DriveAndCutPower(CellParameters cell, float storedSocError)
    {
        var plant = new PackPlant(cell, new PackPlantSettings { CellCount = Cells, InitialSoc = 0.9, Seed = 3 });
        var medium = new SimulatedFlashStore(2, 512);
        var clock = new SimulatedWallClock(StartUnixSeconds);
        var board = new Board(cell, medium, clock);
        Assert.Equal(StateRestoreResult.NotFound, board.Task.Restore(Voltages(plant), MeanTemperature(plant), board.Correction));

        for (int second = 1; second <= DischargeSeconds; second++)
        {
            plant.Step(1, DischargeAmperes);
            clock.Advance(1);
            board.Estimator.Step(DischargeAmperes * 1f, 1f, Voltages(plant), DischargeAmperes, MeanTemperature(plant));
            if (second == DischargeSeconds && storedSocError != 0f)
            {
                var state = new float[board.Estimator.ExportedStateLength];
                board.Estimator.ExportState(state, 0);
                state[1 + SocEstimator.SocStateIndex] += storedSocError;
                Assert.True(board.Estimator.ImportState(state, 0));
            }

            if (second % SavePeriodSeconds == 0)
            {
                board.Task.Run(second * 1_000_000L);
            }
        }

        double savedEstimate = board.Estimator.AverageStateOfCharge;
        plant.Step(1, 0);
        clock.Advance(1);
        int frameLength = RecordStore.FramingLength + EstimatorStateRecord.GetPayloadLength(Cells);
        medium.CutPowerDuringNextWrite(frameLength / 2);
        Assert.Throws<SimulatedPowerCutException>(() => board.Task.SaveNow());
        return (plant, medium, clock, savedEstimate);
    }

    private (Board Board, StateRestoreResult Result) Restart(CellParameters cell, PackPlant plant, SimulatedFlashStore medium, SimulatedWallClock clock)
    {
        var board = new Board(cell, medium, clock);
        var result = board.Task.Restore(Voltages(plant), MeanTemperature(plant), board.Correction);
        var c = board.Correction;
        output.WriteLine($"stored {c.StoredSoc:F4} ± {c.StoredSocStandardDeviation:F4}, OCV {c.OcvSoc:F4} ± {c.OcvSocStandardDeviation:F4}, " +
                         $"remaining {c.RemainingPolarisationVolts * 1000:F2} mV, gain {c.Gain:F3}, gate {c.StoredVarianceInflated}, " +
                         $"corrected {c.CorrectedSoc:F4}, plant {MeanPlantSoc(plant):F4}");
        return (board, result);
    }

    private static void AssertCellsNearPlant(PackSocEstimator estimator, PackPlant plant, double tolerance)
    {
        for (int i = 0; i < Cells; i++)
        {
            Assert.InRange(estimator.GetCellStateOfCharge(i) - plant.GetSoc(i), -tolerance, tolerance);
        }
    }

    [Fact]
    public void Restart_AfterThreeHoursMatchesPlant()
    {
        var cell = Hg2();
        var (plant, medium, clock, _) = DriveAndCutPower(cell, 0f);

        Rest(plant, clock, 3 * 3600);
        var (board, result) = Restart(cell, plant, medium, clock);

        Assert.Equal(StateRestoreResult.Restored, result);
        Assert.InRange(board.Estimator.AverageStateOfCharge - MeanPlantSoc(plant), -0.01, 0.01);
        AssertCellsNearPlant(board.Estimator, plant, 0.02);
    }

    [Fact]
    public void Restart_WrongStoredSocCorrectedAfterRest()
    {
        var cell = Hg2();
        var (plant, medium, clock, savedEstimate) = DriveAndCutPower(cell, 0.10f);
        Assert.InRange(savedEstimate - MeanPlantSoc(plant), 0.08, 0.12);

        Rest(plant, clock, 3 * 3600);
        var (board, result) = Restart(cell, plant, medium, clock);

        Assert.Equal(StateRestoreResult.Restored, result);
        Assert.True(board.Correction.StoredVarianceInflated);
        Assert.InRange(board.Estimator.AverageStateOfCharge - MeanPlantSoc(plant), -0.015, 0.015);
        AssertCellsNearPlant(board.Estimator, plant, 0.025);
    }

    [Fact]
    public void Restart_AfterOneMinuteKeepsStoredSoc()
    {
        var cell = Hg2();
        var (plant, medium, clock, savedEstimate) = DriveAndCutPower(cell, 0f);

        Rest(plant, clock, 60);
        var (board, result) = Restart(cell, plant, medium, clock);

        // The slow branch (tau up to 86 s in the HG2 table) still keeps part of its voltage, so the
        // correction gives the OCV reading little weight and the SOC stays near the stored one.
        Assert.Equal(StateRestoreResult.Restored, result);
        Assert.True(board.Correction.RemainingPolarisationVolts < -0.005f);
        Assert.InRange(board.Estimator.AverageStateOfCharge - savedEstimate, -0.01, 0.01);
        Assert.InRange(board.Estimator.AverageStateOfCharge - MeanPlantSoc(plant), -0.015, 0.015);
    }

    [Fact]
    public void Restart_InvalidClockCorrectsPartly()
    {
        var cell = Hg2();
        var (plant, medium, clock, _) = DriveAndCutPower(cell, 0.10f);

        Rest(plant, clock, 3 * 3600);
        clock.LosePower();
        var (board, result) = Restart(cell, plant, medium, clock);

        // Without a rest time the stored RC voltages may all remain, so the OCV reading weighs less: the
        // error shrinks but is not removed, and the truth stays within three reported deviations.
        double storedError = board.Correction.StoredSoc - MeanPlantSoc(plant);
        double correctedError = board.Estimator.AverageStateOfCharge - MeanPlantSoc(plant);
        Assert.Equal(StateRestoreResult.Restored, result);
        Assert.False(board.Correction.RestTimeKnown);
        Assert.True(Math.Abs(correctedError) < 0.8 * Math.Abs(storedError));
        Assert.True(Math.Abs(correctedError) < 3 * board.Correction.CorrectedSocStandardDeviation);
    }

    [Fact]
    public void Restart_BothCopiesDamagedStartsFromOcv()
    {
        var cell = Hg2();
        var (plant, medium, clock, _) = DriveAndCutPower(cell, 0f);
        byte[] damaged = medium.GetRegion(1);
        damaged[20] ^= 0xFF;
        medium.SetRegion(1, damaged);

        Rest(plant, clock, 3 * 3600);
        var (board, result) = Restart(cell, plant, medium, clock);

        // Copy A was cut and copy B now fails its CRC, so the state restarts from each cell's OCV.
        Assert.Equal(StateRestoreResult.Rejected, result);
        Assert.Equal(RecordLoadResult.Corrupt, board.Task.LastLoadResult);
        AssertCellsNearPlant(board.Estimator, plant, 0.02);
    }

    [Fact]
    public void SaveTask_StoresStateOfHealth()
    {
        var cell = Hg2();
        var medium = new SimulatedFlashStore(2, 512);
        var clock = new SimulatedWallClock(StartUnixSeconds);
        var estimator = new PackSocEstimator(cell, Cells, new SocEstimatorSettings(), new DeltaSocSettings());
        int payload = EstimatorStateRecord.GetPayloadLength(Cells);
        var store = new RecordStore(medium, 0, 1, EstimatorStateRecord.RecordTypeId, EstimatorStateRecord.FormatVersion, payload);
        var capacity = new CapacityEstimator[Cells];
        var resistance = new ResistanceEstimator[Cells];
        for (int i = 0; i < Cells; i++)
        {
            capacity[i] = new CapacityEstimator(new CapacityEstimatorSettings { NominalCapacityAmpereHours = 3f, InitialCapacityStandardDeviationAmpereHours = 0.3f });
            resistance[i] = new ResistanceEstimator(new ResistanceEstimatorSettings { NominalResistanceOhms = 0.02f, InitialResistanceStandardDeviationOhms = 0.004f });
        }

        var task = new EstimatorStateTask(store, estimator, clock, capacity, resistance);
        estimator.Reset(0.5f);

        Assert.True(task.SaveNow());
        var board = new Board(cell, medium, clock);
        var restVolts = new float[Cells];
        Array.Fill(restVolts, 3.6f);
        Assert.Equal(StateRestoreResult.Restored, board.Task.Restore(restVolts, 25f, board.Correction));

        // Untrained estimators report their settings: the nominal values and the initial deviations.
        Assert.True(board.Task.Record.HasStateOfHealth);
        for (int i = 0; i < Cells; i++)
        {
            var stored = board.Task.Record.GetStateOfHealth(i);
            Assert.Equal(3f, stored.NominalCapacityAmpereHours);
            Assert.Equal(3f, stored.CapacityAmpereHours);
            Assert.Equal(0.3f, stored.CapacityStandardDeviationAmpereHours);
            Assert.Equal(0.02f, stored.NominalResistanceOhms);
            Assert.Equal(0.02f, stored.ResistanceOhms);
            Assert.Equal(0.004f, stored.ResistanceStandardDeviationOhms);
        }
    }

    [Fact]
    public void SaveTask_CountsWriteFailures()
    {
        var medium = new SimulatedFlashStore(2, 512) { FailWrites = true };
        var board = new Board(Hg2(), medium, new SimulatedWallClock(StartUnixSeconds));
        board.Estimator.Reset(0.5f);

        board.Task.Run(0);
        bool saved = board.Task.SaveNow();

        Assert.False(saved);
        Assert.Equal(2, board.Task.FailedSaveCount);
        Assert.Equal(0, board.Task.SaveCount);
    }

    [Fact]
    public void SaveTask_SkipsUninitializedEstimator()
    {
        var medium = new SimulatedFlashStore(2, 512);
        var board = new Board(Hg2(), medium, new SimulatedWallClock(StartUnixSeconds));

        Assert.False(board.Task.SaveNow());
        Assert.Equal(0, medium.WriteCount);
    }

    [Fact]
    public void SaveTask_AllocatesNothing()
    {
        var cell = Hg2();
        var board = new Board(cell, new SimulatedFlashStore(2, 512), new SimulatedWallClock(StartUnixSeconds));
        board.Estimator.Reset(0.5f);
        board.Task.Run(0);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 1; i <= 20; i++)
        {
            board.Task.Run(i * 60_000_000L);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(21, board.Task.SaveCount);
    }
}

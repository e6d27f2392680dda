using System;
using System.IO;
using Controllers.Firmware.Bms;
using Controllers.Firmware.Bms.Estimation;
using Controllers.Firmware.Bms.Persistence;
using Controllers.Firmware.Common.Hal;
using Controllers.Firmware.Common.Storage;
using Controllers.Simulation.Boards;
using Controllers.Simulation.Plant;
using Controllers.Simulation.Storage;
using Xunit;
using Xunit.Abstractions;

namespace Controllers.Simulation.Tests.Storage;

/// <summary>
/// Power cycles of the whole BMS master against the pack plant. The master's own save task writes to a
/// simulated flash medium, power fails in the middle of a save, and a new master on the same medium
/// restores after a rest. Expected SOC values come from the plant. Expected state-of-health values come
/// from the first master's estimators at its last complete save.
/// </summary>
public class MasterPowerCycleTests
{
    private const int Cells = 8;
    private const float DischargeAmperes = -6f;
    private const double PlantStepSeconds = 0.1;
    private const long StartUnixSeconds = 1_764_900_000;

    // Rest 6 min, discharge 8 min, rest 6 min, discharge 8 min. The two rests of more than 300 s give two
    // capacity end points 0.29 SOC apart (6 A for 480 s is 0.8 Ah of the HG2's 2.78 Ah), so every cell
    // takes one capacity pair. The three current steps of 6 A exceed the 5 A minimum of an R0 step.
    private const int FirstRestSeconds = 360;
    private const int DischargeSeconds = 480;
    private const int SecondRestSeconds = 360;

    // Time of the last periodic save before the cut (28 min). The save period is 60 s.
    private const int LastSaveSeconds = FirstRestSeconds + DischargeSeconds + SecondRestSeconds + DischargeSeconds;

    private readonly ITestOutputHelper output;

    public MasterPowerCycleTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    /// <summary>Master sensors over the plant: the first cells' voltages, their temperatures and the plant current.</summary>
    private sealed class PlantSensors : ICellVoltageSensor, ICurrentSensor, ITemperatureSensor
    {
        private readonly PackPlant plant;

        public PlantSensors(PackPlant plant, int cellCount)
        {
            this.plant = plant;
            CellCount = cellCount;
        }

        public int CellCount { get; }

        public int ChannelCount => CellCount;

        public bool TryRead(float[] cellVoltagesVolts)
        {
            for (int i = 0; i < CellCount; i++)
            {
                cellVoltagesVolts[i] = (float)plant.GetCellVolts(i);
            }

            return true;
        }

        public bool TryReadAmperes(out float currentAmperes)
        {
            currentAmperes = (float)plant.CurrentAmperes;
            return true;
        }

        public bool TryReadCelsius(int channel, out float temperatureCelsius)
        {
            temperatureCelsius = (float)plant.GetTemperatureCelsius(channel);
            return true;
        }
    }

    /// <summary>One master board with persistence on the shared medium and wall clock.</summary>
    private sealed class Master
    {
        public Master(PackPlant plant, SimulatedFlashStore medium, SimulatedWallClock wallClock, int cellCount = Cells)
        {
            var cell = Hg2();
            Core = new BmsMasterCore(Clock, new PlantSensors(plant, cellCount), new PlantSensors(plant, cellCount), new PlantSensors(plant, cellCount),
                cell, PackEstimationSettings.ForCell(cell, 1, new SocEstimatorSettings()), new BmsTaskPeriods(), 25f);
            Core.EnablePersistence(medium, 0, 1, wallClock, new RestCorrectionSettings());
        }

        public SimulatedClock Clock { get; } = new();

        public BmsMasterCore Core { get; }

        public void RunUntil(long endMicroseconds)
        {
            while (Core.Executive.NextReleaseMicroseconds <= endMicroseconds)
            {
                Clock.AdvanceTo(Math.Max(Clock.NowMicroseconds, Core.Executive.NextReleaseMicroseconds));
                Core.Executive.RunDueTasks();
            }
        }
    }

    /// <summary>Per-cell values of the first master at its last complete save.</summary>
    private sealed record SavedCell(float Soc, float Capacity, float CapacityDeviation, long Pairs, float Resistance, float ResistanceDeviation, long Steps);

    private static CellParameters Hg2() =>
        CellDefinitionFile.Load(Path.Combine(RepositoryPaths.Root, "boards", "cells", "lg-18650hg2.yaml")).Parameters;

    private static PackPlant NewPlant(CellParameters cell) =>
        new(cell, new PackPlantSettings { CellCount = Cells, InitialSoc = 0.9, Seed = 3 });

    /// <summary>Steps the plant and the master together in 100 ms steps, the cell voltage period.</summary>
    private static void Drive(PackPlant plant, Master master, SimulatedWallClock wallClock, ref long nowMicroseconds, int seconds, double amperes)
    {
        int steps = (int)Math.Round(seconds / PlantStepSeconds);
        for (int i = 0; i < steps; i++)
        {
            plant.Step(PlantStepSeconds, amperes);
            nowMicroseconds += (long)(PlantStepSeconds * 1e6);
            if (nowMicroseconds % 1_000_000 == 0)
            {
                wallClock.Advance(1);
            }

            master.RunUntil(nowMicroseconds);
        }
    }

    private static void Rest(PackPlant plant, SimulatedWallClock wallClock, int seconds)
    {
        for (int elapsed = 0; elapsed < seconds; elapsed += 10)
        {
            plant.Step(10, 0);
        }

        wallClock.Advance(seconds);
    }

    private static SavedCell[] Snapshot(BmsMasterCore core)
    {
        var cells = new SavedCell[Cells];
        for (int i = 0; i < Cells; i++)
        {
            var capacity = core.Estimation.GetCapacityEstimator(i);
            var resistance = core.Estimation.GetResistanceEstimator(i);
            cells[i] = new SavedCell(core.Estimation.GetCellStateOfCharge(i), capacity.CapacityAmpereHours, capacity.CapacityStandardDeviationAmpereHours,
                capacity.AcceptedPairCount, resistance.ResistanceOhms, resistance.ResistanceStandardDeviationOhms, resistance.AcceptedStepCount);
        }

        return cells;
    }

    /// <summary>
    /// First power-up on an empty medium, the drive cycle with a save every minute, then the current
    /// stops and the shutdown save is cut after <paramref name="cutBytes"/> bytes of its frame.
    /// </summary>
    private static (PackPlant Plant, SimulatedFlashStore Medium, SimulatedWallClock WallClock, SavedCell[] Saved) DriveAndCutPower(int cutBytes)
    {
        var cell = Hg2();
        var plant = NewPlant(cell);
        var medium = new SimulatedFlashStore(2, 1024);
        var wallClock = new SimulatedWallClock(StartUnixSeconds);
        var master = new Master(plant, medium, wallClock);
        master.Core.Start();
        Assert.Equal(StateRestoreResult.NotFound, master.Core.RestoreResult);

        long now = 0;
        Drive(plant, master, wallClock, ref now, FirstRestSeconds, 0);
        Drive(plant, master, wallClock, ref now, DischargeSeconds, DischargeAmperes);
        Drive(plant, master, wallClock, ref now, SecondRestSeconds, 0);
        Drive(plant, master, wallClock, ref now, DischargeSeconds, DischargeAmperes);

        // The save at 28 min ran in the last dispatch. Since then no rest ended and the current did not
        // step, so the estimators still contain the saved values.
        Assert.Equal(LastSaveSeconds / 60 + 1, master.Core.StateSaver!.SaveCount);
        var saved = Snapshot(master.Core);
        for (int i = 0; i < Cells; i++)
        {
            Assert.Equal(1, saved[i].Pairs);
            Assert.True(saved[i].Steps >= 3);
        }

        // The load stops, and 5 s later the shutdown request arrives. Power fails during its save.
        Drive(plant, master, wallClock, ref now, 5, 0);
        int frameLength = RecordStore.FramingLength + EstimatorStateRecord.GetPayloadLength(Cells);
        Assert.InRange(cutBytes, 0, frameLength - 1);
        medium.CutPowerDuringNextWrite(cutBytes);
        Assert.Throws<SimulatedPowerCutException>(() => master.Core.SaveNow());
        return (plant, medium, wallClock, saved);
    }

    private Master Restart(PackPlant plant, SimulatedFlashStore medium, SimulatedWallClock wallClock, int cellCount = Cells)
    {
        var master = new Master(plant, medium, wallClock, cellCount);
        master.Core.Start();
        var c = master.Core.RestCorrection!;
        output.WriteLine($"{master.Core.RestoreResult} ({master.Core.StateSaver!.LastRejectReason}): stored {c.StoredSoc:F4} ± {c.StoredSocStandardDeviation:F4}, " +
                         $"OCV {c.OcvSoc:F4}, gain {c.Gain:F3}, corrected {c.CorrectedSoc:F4} ± {c.CorrectedSocStandardDeviation:F4}");
        for (int i = 0; i < cellCount; i++)
        {
            var capacity = master.Core.Estimation.GetCapacityEstimator(i);
            var resistance = master.Core.Estimation.GetResistanceEstimator(i);
            output.WriteLine($"cell {i}: SOC {master.Core.Estimation.GetCellStateOfCharge(i):F4} plant {plant.GetSoc(i):F4}, " +
                             $"Q {capacity.CapacityAmpereHours:F4} ± {capacity.CapacityStandardDeviationAmpereHours:F4} plant {plant.GetCapacityAmpereHours(i):F4}, " +
                             $"R0 {resistance.ResistanceOhms * 1000:F3} ± {resistance.ResistanceStandardDeviationOhms * 1000:F3} mΩ");
        }

        return master;
    }

    private static void AssertCellsNearPlant(BmsMasterCore core, PackPlant plant, double tolerance)
    {
        for (int i = 0; i < Cells; i++)
        {
            Assert.InRange(core.Estimation.GetCellStateOfCharge(i) - plant.GetSoc(i), -tolerance, tolerance);
        }
    }

    private static void AssertHealthAsSaved(BmsMasterCore core, SavedCell[] saved, PackPlant plant)
    {
        for (int i = 0; i < Cells; i++)
        {
            var capacity = core.Estimation.GetCapacityEstimator(i);
            var resistance = core.Estimation.GetResistanceEstimator(i);

            // The seed pair reproduces the stored capacity to the search's resolution, and R0 exactly.
            Assert.Equal(saved[i].Capacity, capacity.CapacityAmpereHours, 3);
            Assert.Equal(saved[i].CapacityDeviation, capacity.CapacityStandardDeviationAmpereHours, 3);
            Assert.Equal(saved[i].Pairs, capacity.AcceptedPairCount);
            Assert.Equal(saved[i].Resistance, resistance.ResistanceOhms);
            Assert.Equal(saved[i].ResistanceDeviation, resistance.ResistanceStandardDeviationOhms, 6);
            Assert.Equal(saved[i].Steps, resistance.AcceptedStepCount);

            // The restored capacity agrees with the plant's cell capacity within three reported deviations.
            double capacityError = capacity.CapacityAmpereHours - plant.GetCapacityAmpereHours(i);
            Assert.True(Math.Abs(capacityError) < 3 * capacity.CapacityStandardDeviationAmpereHours,
                $"cell {i}: capacity error {capacityError:F4} Ah against ± {capacity.CapacityStandardDeviationAmpereHours:F4} Ah");
            Assert.Equal(capacity.CapacityAmpereHours / capacity.NominalCapacityAmpereHours, core.Estimation.GetStateOfHealth(i).CapacityStateOfHealth, 5);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(12)]
    [InlineData(300)]
    [InlineData(611)]
    public void Restart_AfterThreeHoursMatchesPlant(int cutBytes)
    {
        // A frame for 8 cells is 16 framing bytes + 24 + 4 × 37 + 8 × 24 payload bytes = 380 bytes;
        // the offsets cut it before, in and after the header, in the middle and in the last byte.
        int frameLength = RecordStore.FramingLength + EstimatorStateRecord.GetPayloadLength(Cells);
        Assert.Equal(380, frameLength);
        cutBytes = Math.Min(cutBytes, frameLength - 1);
        var (plant, medium, wallClock, saved) = DriveAndCutPower(cutBytes);

        Rest(plant, wallClock, 3 * 3600);
        var master = Restart(plant, medium, wallClock);

        Assert.Equal(StateRestoreResult.Restored, master.Core.RestoreResult);
        Assert.Equal(Cells, master.Core.StateSaver!.RestoredHealthCellCount);
        AssertCellsNearPlant(master.Core, plant, 0.02);
        AssertHealthAsSaved(master.Core, saved, plant);
    }

    [Fact]
    public void Restart_AfterOneMinuteKeepsSavedSoc()
    {
        var (plant, medium, wallClock, saved) = DriveAndCutPower(174);

        Rest(plant, wallClock, 60);
        var master = Restart(plant, medium, wallClock);

        // The saved SOC is 5 s of 6 A (0.3 % of 2.78 Ah) above the truth at the cut, and one minute of rest
        // leaves too much polarisation for the OCV reading to move it far.
        Assert.Equal(StateRestoreResult.Restored, master.Core.RestoreResult);
        for (int i = 0; i < Cells; i++)
        {
            Assert.InRange(master.Core.Estimation.GetCellStateOfCharge(i) - saved[i].Soc, -0.01, 0.01);
        }

        AssertCellsNearPlant(master.Core, plant, 0.02);
        AssertHealthAsSaved(master.Core, saved, plant);
    }

    [Fact]
    public void Restart_LostWallClockKeepsHealth()
    {
        var (plant, medium, wallClock, saved) = DriveAndCutPower(174);

        Rest(plant, wallClock, 3 * 3600);
        wallClock.LosePower();
        var master = Restart(plant, medium, wallClock);

        // Without a rest time the correction weighs the OCV reading less, so the truth need only lie within
        // three reported deviations. The state of health does not depend on the clock.
        var correction = master.Core.RestCorrection!;
        double error = master.Core.Estimation.Soc.AverageStateOfCharge - (plant.GetSoc(0) + plant.GetSoc(1) + plant.GetSoc(2) + plant.GetSoc(3)
            + plant.GetSoc(4) + plant.GetSoc(5) + plant.GetSoc(6) + plant.GetSoc(7)) / Cells;
        Assert.Equal(StateRestoreResult.Restored, master.Core.RestoreResult);
        Assert.False(correction.RestTimeKnown);
        Assert.True(Math.Abs(error) < 3 * correction.CorrectedSocStandardDeviation, $"SOC error {error:F4} against ± {correction.CorrectedSocStandardDeviation:F4}");
        AssertHealthAsSaved(master.Core, saved, plant);
    }

    [Fact]
    public void Restart_PeriodicSaveCutKeepsPreviousSave()
    {
        var cell = Hg2();
        var plant = NewPlant(cell);
        var medium = new SimulatedFlashStore(2, 1024);
        var wallClock = new SimulatedWallClock(StartUnixSeconds);
        var master = new Master(plant, medium, wallClock);
        master.Core.Start();
        long now = 0;
        Drive(plant, master, wallClock, ref now, 125, DischargeAmperes);
        var saved = Snapshot(master.Core);

        // The save at 180 s is cut after 200 bytes, so the save at 120 s (5 s of 6 A before the snapshot) remains.
        medium.CutPowerDuringNextWrite(200);
        Assert.Throws<SimulatedPowerCutException>(() => Drive(plant, master, wallClock, ref now, 60, DischargeAmperes));
        Rest(plant, wallClock, 60);
        var restarted = Restart(plant, medium, wallClock);

        Assert.Equal(StateRestoreResult.Restored, restarted.Core.RestoreResult);
        Assert.Equal(StartUnixSeconds + 120, StoredSecondsOf(restarted));
        for (int i = 0; i < Cells; i++)
        {
            Assert.Equal(saved[i].Resistance, restarted.Core.Estimation.GetResistanceEstimator(i).ResistanceOhms);
        }
    }

    private static long StoredSecondsOf(Master master) => master.Core.StateSaver!.Record.SavedUnixSeconds;

    [Fact]
    public void Restart_OtherCellCountStartsFromOcv()
    {
        var (plant, medium, wallClock, _) = DriveAndCutPower(174);
        Rest(plant, wallClock, 3 * 3600);

        // The same medium under a master configured for 7 cells: the record for 8 cells is rejected.
        var master = Restart(plant, medium, wallClock, Cells - 1);

        Assert.Equal(StateRestoreResult.Rejected, master.Core.RestoreResult);
        Assert.Equal(StateRejectReason.CellCountMismatch, master.Core.StateSaver!.LastRejectReason);
        Assert.Equal(Cells, master.Core.StateSaver.Record.StoredCellCount);
        for (int i = 0; i < Cells - 1; i++)
        {
            Assert.InRange(master.Core.Estimation.GetCellStateOfCharge(i) - plant.GetSoc(i), -0.02, 0.02);
            var capacity = master.Core.Estimation.GetCapacityEstimator(i);
            Assert.Equal(capacity.NominalCapacityAmpereHours, capacity.CapacityAmpereHours, 3);
            Assert.Equal(0, capacity.AcceptedPairCount);
        }
    }

    [Fact]
    public void SaveCycle_AllocatesNothing()
    {
        var cell = Hg2();
        var plant = NewPlant(cell);
        var wallClock = new SimulatedWallClock(StartUnixSeconds);
        var master = new Master(plant, new SimulatedFlashStore(2, 1024), wallClock);
        master.Core.Start();
        master.RunUntil(61_000_000);
        long savesBefore = master.Core.StateSaver!.SaveCount;

        long before = GC.GetAllocatedBytesForCurrentThread();
        master.RunUntil(241_000_000);
        bool saved = master.Core.SaveNow();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(saved);
        Assert.Equal(savesBefore + 4, master.Core.StateSaver.SaveCount);
    }

    [Fact]
    public void StartWithoutSoc_NeedsPersistence()
    {
        var plant = NewPlant(Hg2());
        var sensors = new PlantSensors(plant, Cells);
        var core = new BmsMasterCore(new SimulatedClock(), sensors, sensors, sensors, Hg2(), new SocEstimatorSettings(), new BmsTaskPeriods(), 25f);

        Assert.Throws<InvalidOperationException>(() => core.Start());
        Assert.False(core.SaveNow());
    }

    [Fact]
    public void StartWithSoc_RejectedWithPersistence()
    {
        var plant = NewPlant(Hg2());
        var master = new Master(plant, new SimulatedFlashStore(2, 1024), new SimulatedWallClock(StartUnixSeconds));

        Assert.Throws<InvalidOperationException>(() => master.Core.Start(0.5f));
    }
}

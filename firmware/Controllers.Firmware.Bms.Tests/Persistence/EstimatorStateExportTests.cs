using System;
using Controllers.Firmware.Bms.Estimation;
using Controllers.Firmware.Bms.Persistence;
using Controllers.Firmware.Common.Scheduling;
using Xunit;

namespace Controllers.Firmware.Bms.Tests.Persistence;

public class EstimatorStateExportTests
{
    private sealed class FixedWallClock : IWallClock
    {
        public bool IsValid { get; set; } = true;

        public long UnixSeconds { get; set; }
    }

    // Ten seconds of a 1.5 A discharge in 1 s steps, with voltages from the synthetic OCV minus an IR drop,
    // so the filter leaves its reset state in every entry.
    private static void Discharge(SocEstimator estimator, int steps)
    {
        for (int i = 0; i < steps; i++)
        {
            estimator.Step(-1.5f, 1f, 3.64f - 0.015f * 1.5f - 0.001f * i, -1.5f, 25f);
        }
    }

    private static PackSocEstimator NewPack(int cells)
    {
        var pack = new PackSocEstimator(TestCells.Synthetic(), cells, new SocEstimatorSettings(), new DeltaSocSettings());
        var start = new float[cells];
        for (int i = 0; i < cells; i++)
        {
            start[i] = 0.45f + 0.02f * i;
        }

        pack.Reset(start);
        var volts = new float[cells];
        for (int step = 0; step < 20; step++)
        {
            for (int i = 0; i < cells; i++)
            {
                volts[i] = 3.62f + 0.004f * i - 0.001f * step;
            }

            pack.Step(-2f, 1f, volts, -2f, 25f);
        }

        return pack;
    }

    [Fact]
    public void SocEstimator_RoundTripContinuesIdentically()
    {
        var original = new SocEstimator(TestCells.Synthetic(), new SocEstimatorSettings());
        original.Reset(0.5f);
        Discharge(original, 10);
        var exported = new float[SocEstimator.ExportedStateLength];
        original.ExportState(exported, 0);

        var restored = new SocEstimator(TestCells.Synthetic(), new SocEstimatorSettings());
        Assert.True(restored.ImportState(exported, 0));
        var reexported = new float[SocEstimator.ExportedStateLength];
        restored.ExportState(reexported, 0);
        Assert.Equal(exported, reexported);

        // Both filters then see the same inputs, so every output must match bit for bit.
        Discharge(original, 5);
        Discharge(restored, 5);
        Assert.Equal(original.StateOfCharge, restored.StateOfCharge);
        Assert.Equal(original.StateOfChargeStandardDeviation, restored.StateOfChargeStandardDeviation);
        Assert.Equal(original.FastBranchVolts, restored.FastBranchVolts);
        Assert.Equal(original.SlowBranchVolts, restored.SlowBranchVolts);
    }

    [Fact]
    public void SocEstimator_ExportLayoutIsStateThenCovariance()
    {
        var estimator = new SocEstimator(TestCells.Synthetic(), new SocEstimatorSettings { InitialSocStandardDeviation = 0.1f });
        estimator.Reset(0.3f);
        var exported = new float[SocEstimator.ExportedStateLength];

        estimator.ExportState(exported, 0);

        // Reset: SOC 0.3, relaxed branches, no offset, P = diag(0.1², 0.03², 0.03², 0.02²) with the default
        // offset prior of 0.02 A, squared in single precision.
        float socVariance = 0.1f * 0.1f;
        float branchVariance = 0.03f * 0.03f;
        float offsetVariance = 0.02f * 0.02f;
        Assert.Equal(20, SocEstimator.ExportedStateLength);
        Assert.Equal(
            new[]
            {
                0.3f, 0f, 0f, 0f,
                socVariance, 0f, 0f, 0f,
                0f, branchVariance, 0f, 0f,
                0f, 0f, branchVariance, 0f,
                0f, 0f, 0f, offsetVariance,
            },
            exported);
    }

    [Theory]
    [InlineData(0, float.NaN)]
    [InlineData(1, float.PositiveInfinity)]
    [InlineData(0, 1.2f)]
    [InlineData(4, -1e-4f)]
    [InlineData(9, 0f)]
    [InlineData(5, 0.5f)]
    public void SocEstimator_InvalidImportLeavesFilterUnchanged(int index, float value)
    {
        var source = new SocEstimator(TestCells.Synthetic(), new SocEstimatorSettings());
        source.Reset(0.5f);
        Discharge(source, 10);
        var state = new float[SocEstimator.ExportedStateLength];
        source.ExportState(state, 0);
        state[index] = value;
        var target = new SocEstimator(TestCells.Synthetic(), new SocEstimatorSettings());
        target.Reset(0.8f);

        bool imported = target.ImportState(state, 0);

        // Index 5 is covariance (0, 1) alone, which breaks the symmetry with (1, 0).
        Assert.False(imported);
        Assert.Equal(0.8f, target.StateOfCharge);
    }

    [Fact]
    public void SocEstimator_ShortImportBufferRejected()
    {
        var estimator = new SocEstimator(TestCells.Synthetic(), new SocEstimatorSettings());

        var error = Assert.Throws<ArgumentException>(() => estimator.ImportState(new float[19], 0));

        Assert.Contains("20 floats", error.Message);
    }

    [Fact]
    public void PackSocEstimator_RoundTripKeepsEveryCell()
    {
        var original = NewPack(6);
        var exported = new float[original.ExportedStateLength];
        original.ExportState(exported, 0);

        var restored = new PackSocEstimator(TestCells.Synthetic(), 6, new SocEstimatorSettings(), new DeltaSocSettings());
        Assert.True(restored.ImportState(exported, 0));

        // 1 cell count + 20 average-cell floats (4 states, 4 x 4 covariance) + 6 deltas + 6 variances.
        Assert.Equal(33, original.ExportedStateLength);
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(original.GetCellStateOfCharge(i), restored.GetCellStateOfCharge(i));
            Assert.Equal(original.GetCellStateOfChargeStandardDeviation(i), restored.GetCellStateOfChargeStandardDeviation(i));
        }
    }

    [Fact]
    public void PackSocEstimator_OtherCellCountNotImported()
    {
        var six = NewPack(6);
        var exported = new float[six.ExportedStateLength + 10];
        six.ExportState(exported, 0);
        var seven = new PackSocEstimator(TestCells.Synthetic(), 7, new SocEstimatorSettings(), new DeltaSocSettings());

        Assert.False(seven.ImportState(exported, 0));
        Assert.False(seven.IsInitialized);
    }

    [Fact]
    public void PackSocEstimator_NegativeDeltaVarianceNotImported()
    {
        var pack = NewPack(4);
        var exported = new float[pack.ExportedStateLength];
        pack.ExportState(exported, 0);
        exported[PackSocEstimator.ExportedDeltaOffset + 4 + 2] = -1e-6f;
        var target = new PackSocEstimator(TestCells.Synthetic(), 4, new SocEstimatorSettings(), new DeltaSocSettings());

        Assert.False(target.ImportState(exported, 0));
    }

    [Fact]
    public void Record_SerializeRoundTrip()
    {
        var pack = NewPack(5);
        var clock = new FixedWallClock { UnixSeconds = 1_764_900_000 };
        var record = new EstimatorStateRecord(5);
        record.StateOfHealth.CapacityAmpereHours = 2.9f;
        record.StateOfHealth.CapacityStandardDeviationAmpereHours = 0.05f;
        record.StateOfHealth.NominalCapacityAmpereHours = 3f;
        record.StateOfHealth.ResistanceOhms = 0.017f;
        record.StateOfHealth.ResistanceStandardDeviationOhms = 0.001f;
        record.StateOfHealth.NominalResistanceOhms = 0.015f;
        record.Capture(pack, clock);
        var payload = new byte[record.PayloadLength];

        int length = record.Serialize(payload);
        var loaded = new EstimatorStateRecord(5);
        bool read = loaded.Deserialize(payload, length, EstimatorStateRecord.FormatVersion);

        // 40 fixed bytes + 4 × (1 + 20 + 2 × 5) floats.
        Assert.Equal(164, length);
        Assert.True(read);
        Assert.Equal(record.FilterState, loaded.FilterState);
        Assert.Equal(1_764_900_000, loaded.SavedUnixSeconds);
        Assert.True(loaded.SavedTimeValid);
        Assert.Equal(2.9f, loaded.StateOfHealth.CapacityAmpereHours);
        Assert.Equal(0.05f, loaded.StateOfHealth.CapacityStandardDeviationAmpereHours);
        Assert.Equal(3f, loaded.StateOfHealth.NominalCapacityAmpereHours);
        Assert.Equal(0.017f, loaded.StateOfHealth.ResistanceOhms);
        Assert.Equal(0.001f, loaded.StateOfHealth.ResistanceStandardDeviationOhms);
        Assert.Equal(0.015f, loaded.StateOfHealth.NominalResistanceOhms);
    }

    [Fact]
    public void Record_OtherCellCountRejected()
    {
        var record = new EstimatorStateRecord(5);
        record.Capture(NewPack(5), new FixedWallClock());
        var payload = new byte[record.PayloadLength];
        int length = record.Serialize(payload);

        Assert.False(new EstimatorStateRecord(6).Deserialize(payload, length, EstimatorStateRecord.FormatVersion));
        Assert.False(new EstimatorStateRecord(5).Deserialize(payload, length, 2));
    }

    [Fact]
    public void Record_RestTimeNeedsTwoValidTimes()
    {
        var clock = new FixedWallClock { UnixSeconds = 1000 };
        var record = new EstimatorStateRecord(2);
        record.Capture(NewPack(2), clock);

        clock.UnixSeconds = 4600;
        Assert.Equal(3600f, record.GetRestSeconds(clock));
        clock.UnixSeconds = 999;
        Assert.True(float.IsNaN(record.GetRestSeconds(clock)));
        clock.UnixSeconds = 4600;
        clock.IsValid = false;
        Assert.True(float.IsNaN(record.GetRestSeconds(clock)));
    }
}

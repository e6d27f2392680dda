using System;
using System.Buffers.Binary;
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

    private static CapacityEstimator[] CapacityEstimators(int cells)
    {
        var estimators = new CapacityEstimator[cells];
        for (int i = 0; i < cells; i++)
        {
            estimators[i] = new CapacityEstimator(new CapacityEstimatorSettings { NominalCapacityAmpereHours = 3f, InitialCapacityStandardDeviationAmpereHours = 0.3f });
        }

        return estimators;
    }

    private static ResistanceEstimator[] ResistanceEstimators(int cells)
    {
        var estimators = new ResistanceEstimator[cells];
        for (int i = 0; i < cells; i++)
        {
            estimators[i] = new ResistanceEstimator(new ResistanceEstimatorSettings { NominalResistanceOhms = 0.015f, InitialResistanceStandardDeviationOhms = 0.004f });
        }

        return estimators;
    }

    [Fact]
    public void Record_SerializeRoundTrip()
    {
        var pack = NewPack(5);
        var clock = new FixedWallClock { UnixSeconds = 1_764_900_000 };
        var capacity = CapacityEstimators(5);
        var resistance = ResistanceEstimators(5);
        for (int i = 0; i < 5; i++)
        {
            Assert.True(capacity[i].Seed(2.9f - 0.1f * i, 0.05f + 0.01f * i, 10 + i));
            Assert.True(resistance[i].Seed(0.017f + 0.001f * i, 0.001f, 100 + i));
        }

        var record = new EstimatorStateRecord(5);
        record.CaptureStateOfHealth(capacity, resistance);
        record.Capture(pack, clock);
        var payload = new byte[record.PayloadLength];

        int length = record.Serialize(payload);
        var loaded = new EstimatorStateRecord(5);
        bool read = loaded.Deserialize(payload, length, EstimatorStateRecord.FormatVersion);

        // 24 fixed bytes + 4 × (1 + 20 + 2 × 5) floats + 5 cells × 24 bytes.
        Assert.Equal(268, length);
        Assert.True(read);
        Assert.True(loaded.HasStateOfHealth);
        Assert.Equal(2, loaded.LoadedFormatVersion);
        Assert.Equal(record.FilterState, loaded.FilterState);
        Assert.Equal(1_764_900_000, loaded.SavedUnixSeconds);
        Assert.True(loaded.SavedTimeValid);
        for (int i = 0; i < 5; i++)
        {
            var health = loaded.GetStateOfHealth(i);
            Assert.Equal(2.9f - 0.1f * i, health.CapacityAmpereHours, 4);
            Assert.Equal(0.05f + 0.01f * i, health.CapacityStandardDeviationAmpereHours, 4);
            Assert.Equal(3f, health.NominalCapacityAmpereHours);
            Assert.Equal(0.017f + 0.001f * i, health.ResistanceOhms);
            Assert.Equal(0.001f, health.ResistanceStandardDeviationOhms, 6);
            Assert.Equal(0.015f, health.NominalResistanceOhms);
            Assert.Equal(10 + i, loaded.GetAcceptedPairCount(i));
            Assert.Equal(100 + i, loaded.GetAcceptedStepCount(i));
        }
    }

    [Fact]
    public void Record_RestoresStateOfHealthToEstimators()
    {
        var capacity = CapacityEstimators(3);
        var resistance = ResistanceEstimators(3);
        Assert.True(capacity[1].Seed(2.6f, 0.04f, 4));
        Assert.True(resistance[1].Seed(0.021f, 0.0008f, 9));
        var record = new EstimatorStateRecord(3);
        record.CaptureStateOfHealth(capacity, resistance);

        var freshCapacity = CapacityEstimators(3);
        var freshResistance = ResistanceEstimators(3);
        int seeded = record.RestoreStateOfHealthTo(freshCapacity, freshResistance);

        Assert.Equal(3, seeded);
        Assert.Equal(StateRejectReason.None, record.RejectReason);
        Assert.Equal(2.6f, freshCapacity[1].CapacityAmpereHours, 4);
        Assert.Equal(0.04f, freshCapacity[1].CapacityStandardDeviationAmpereHours, 4);
        Assert.Equal(4, freshCapacity[1].AcceptedPairCount);
        Assert.Equal(0.021f, freshResistance[1].ResistanceOhms);
        Assert.Equal(0.0008f, freshResistance[1].ResistanceStandardDeviationOhms, 6);
        Assert.Equal(9, freshResistance[1].AcceptedStepCount);
        Assert.Equal(3f, freshCapacity[0].CapacityAmpereHours, 4);
    }

    [Fact]
    public void Record_OtherNominalKeepsNominalHealth()
    {
        var capacity = CapacityEstimators(2);
        var resistance = ResistanceEstimators(2);
        Assert.True(capacity[0].Seed(2.6f, 0.04f, 4));
        var record = new EstimatorStateRecord(2);
        record.CaptureStateOfHealth(capacity, resistance);

        // A 2.5 Ah cell type replaced the 3 Ah one, so the stored capacities describe other cells.
        var other = new CapacityEstimator[2];
        for (int i = 0; i < 2; i++)
        {
            other[i] = new CapacityEstimator(new CapacityEstimatorSettings { NominalCapacityAmpereHours = 2.5f, InitialCapacityStandardDeviationAmpereHours = 0.25f });
        }

        int seeded = record.RestoreStateOfHealthTo(other, ResistanceEstimators(2));

        Assert.Equal(0, seeded);
        Assert.Equal(StateRejectReason.NominalValuesChanged, record.RejectReason);
        Assert.Equal(2.5f, other[0].CapacityAmpereHours, 4);
    }

    [Fact]
    public void Record_OtherCellCountRejected()
    {
        var record = new EstimatorStateRecord(5);
        record.Capture(NewPack(5), new FixedWallClock());
        var payload = new byte[record.PayloadLength];
        int length = record.Serialize(payload);

        var other = new EstimatorStateRecord(6);
        Assert.False(other.Deserialize(payload, length, EstimatorStateRecord.FormatVersion));
        Assert.Equal(StateRejectReason.CellCountMismatch, other.RejectReason);
        Assert.Equal(5, other.StoredCellCount);

        var newer = new EstimatorStateRecord(5);
        Assert.False(newer.Deserialize(payload, length, 3));
        Assert.Equal(StateRejectReason.UnknownVersion, newer.RejectReason);

        var truncated = new EstimatorStateRecord(5);
        Assert.False(truncated.Deserialize(payload, length - 4, EstimatorStateRecord.FormatVersion));
        Assert.Equal(StateRejectReason.LengthMismatch, truncated.RejectReason);
    }

    /// <summary>
    /// Writes a format version 1 payload by its documented layout: int64 save time, flags, 3 reserved bytes,
    /// six float32 state-of-health values, uint16 float count, 2 reserved bytes, the filter state.
    /// </summary>
    private static byte[] Version1Payload(PackSocEstimator pack, long unixSeconds)
    {
        var state = new float[pack.ExportedStateLength];
        pack.ExportState(state, 0);
        var payload = new byte[40 + 4 * state.Length];
        BinaryPrimitives.WriteInt64LittleEndian(payload.AsSpan(0), unixSeconds);
        payload[8] = 1;
        float[] health = { 2.7f, 0.1f, 3f, 0.02f, 0.002f, 0.015f };
        for (int i = 0; i < health.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(payload.AsSpan(12 + 4 * i), health[i]);
        }

        BinaryPrimitives.WriteUInt16LittleEndian(payload.AsSpan(36), (ushort)state.Length);
        for (int i = 0; i < state.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(payload.AsSpan(40 + 4 * i), state[i]);
        }

        return payload;
    }

    [Fact]
    public void Record_Version1KeepsSocOnly()
    {
        var pack = NewPack(4);
        byte[] payload = Version1Payload(pack, 1_764_900_000);
        var record = new EstimatorStateRecord(4);

        Assert.True(record.Deserialize(payload, payload.Length, 1));

        var expected = new float[pack.ExportedStateLength];
        pack.ExportState(expected, 0);
        Assert.Equal(expected, record.FilterState);
        Assert.Equal(1, record.LoadedFormatVersion);
        Assert.False(record.HasStateOfHealth);
        Assert.Equal(1_764_900_000, record.SavedUnixSeconds);
        Assert.True(record.SavedTimeValid);

        var capacity = CapacityEstimators(4);
        var resistance = ResistanceEstimators(4);
        Assert.True(capacity[2].Seed(2.4f, 0.02f, 3));
        Assert.Equal(0, record.RestoreStateOfHealthTo(capacity, resistance));
        Assert.Equal(3f, capacity[2].CapacityAmpereHours, 4);
        Assert.Equal(0.015f, resistance[2].ResistanceOhms);
    }

    [Fact]
    public void Record_Version1OtherCellCountRejected()
    {
        byte[] payload = Version1Payload(NewPack(4), 1_764_900_000);
        var record = new EstimatorStateRecord(6);

        Assert.False(record.Deserialize(payload, payload.Length, 1));
        Assert.Equal(StateRejectReason.CellCountMismatch, record.RejectReason);
        Assert.Equal(4, record.StoredCellCount);
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

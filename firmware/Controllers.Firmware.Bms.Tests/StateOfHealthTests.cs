using Controllers.Firmware.Bms.Estimation;
using Xunit;

namespace Controllers.Firmware.Bms.Tests;

public class StateOfHealthTests
{
    private static StateOfHealth AgedCell() => new()
    {
        CapacityAmpereHours = 2.6f,
        CapacityStandardDeviationAmpereHours = 0.02f,
        NominalCapacityAmpereHours = 2.8f,
        ResistanceOhms = 0.0225f,
        ResistanceStandardDeviationOhms = 0.0003f,
        NominalResistanceOhms = 0.015f,
    };

    [Fact]
    public void Record_ComputesBothStatesOfHealth()
    {
        // 2.6 / 2.8 = 0.92857 and 0.02 / 2.8 = 0.0071429; 0.015 / 0.0225 = 0.66667 and
        // 0.015 · 0.0003 / 0.0225² = 0.0088889.
        var record = AgedCell();

        Assert.Equal(0.92857f, record.CapacityStateOfHealth, 5);
        Assert.Equal(0.0071429f, record.CapacityStateOfHealthStandardDeviation, 6);
        Assert.Equal(0.66667f, record.ResistanceStateOfHealth, 5);
        Assert.Equal(0.0088889f, record.ResistanceStateOfHealthStandardDeviation, 6);
    }

    [Fact]
    public void Record_LayoutAndRoundTrip()
    {
        var buffer = new byte[StateOfHealth.SerializedLength];

        AgedCell().Serialize(9, buffer);

        // Header "SH", version 1, sequence 9; capacity 2 600 000 µAh = 0x0027AC40 and nominal
        // R0 15 000 µΩ = 0x00003A98, little-endian.
        Assert.Equal(new byte[] { 0x53, 0x48, 0x01, 0x00, 0x09, 0x00, 0x00, 0x00 }, buffer[..8]);
        Assert.Equal(new byte[] { 0x40, 0xAC, 0x27, 0x00 }, buffer[8..12]);
        Assert.Equal(new byte[] { 0x98, 0x3A, 0x00, 0x00 }, buffer[28..32]);

        var copy = new StateOfHealth();
        Assert.True(copy.TryDeserialize(buffer, buffer.Length, out uint sequence));
        Assert.Equal(9u, sequence);
        Assert.Equal(2.6f, copy.CapacityAmpereHours, 6);
        Assert.Equal(0.02f, copy.CapacityStandardDeviationAmpereHours, 6);
        Assert.Equal(2.8f, copy.NominalCapacityAmpereHours, 6);
        Assert.Equal(0.0225f, copy.ResistanceOhms, 6);
        Assert.Equal(0.0003f, copy.ResistanceStandardDeviationOhms, 6);
        Assert.Equal(0.015f, copy.NominalResistanceOhms, 6);
    }

    [Fact]
    public void Record_RejectsTruncatedData()
    {
        var buffer = new byte[StateOfHealth.SerializedLength];
        AgedCell().Serialize(1, buffer);
        var copy = new StateOfHealth();

        Assert.False(copy.TryDeserialize(buffer, StateOfHealth.SerializedLength - 1, out _));
        Assert.False(copy.TryDeserialize(buffer[..20], 20, out _));
        Assert.Equal(0f, copy.CapacityAmpereHours);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(9)]
    [InlineData(30)]
    [InlineData(35)]
    public void Record_RejectsCorruptedByte(int index)
    {
        var buffer = new byte[StateOfHealth.SerializedLength];
        AgedCell().Serialize(1, buffer);
        buffer[index] ^= 0x10;
        var copy = new StateOfHealth();

        Assert.False(copy.TryDeserialize(buffer, buffer.Length, out _));
        Assert.Equal(0f, copy.NominalCapacityAmpereHours);
    }

    [Fact]
    public void Record_CapturesEstimators()
    {
        var record = new StateOfHealth();

        record.Capture(new CapacityEstimator(new CapacityEstimatorSettings()), new ResistanceEstimator(new ResistanceEstimatorSettings()));

        // Fresh estimators sit at the default nominal values, 2.8 Ah ± 0.28 Ah and 15 mΩ ± 5 mΩ.
        Assert.Equal(1f, record.CapacityStateOfHealth, 4);
        Assert.Equal(0.1f, record.CapacityStateOfHealthStandardDeviation, 3);
        Assert.Equal(1f, record.ResistanceStateOfHealth, 4);
        Assert.Equal(0.005f, record.ResistanceStandardDeviationOhms, 6);
    }
}

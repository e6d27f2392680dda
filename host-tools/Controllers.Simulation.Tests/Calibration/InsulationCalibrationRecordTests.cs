using System;
using System.Buffers.Binary;
using Controllers.Can.Diagnostics;
using Controllers.Firmware.Common.Calibration;
using Controllers.Simulation.Boards;
using Controllers.Simulation.Storage;
using Xunit;

namespace Controllers.Simulation.Tests.Calibration;

/// <summary>
/// The insulation block 0x4140 and the raw bridge DIDs 0x4240 and 0x4241 on the rig board, whose insulation circuit is
/// <see cref="CalibrationBoard.InsulationErrors"/>: bridges 1.01 MΩ and 0.992 MΩ, dividers 10.3 MΩ and 9.8 MΩ, pole
/// channels reading 5.5 % high and 4.5 % low at 400 V.
/// </summary>
public class InsulationCalibrationRecordTests
{
    private static readonly byte[] Secret = Convert.FromHexString("000102030405060708090A0B0C0D0E0F1011121314151617");

    // The rig's actual circuit: the resistances as fitted, and gains that undo the channel errors (1/1.055, 1/0.955).
    private static readonly float[] TrueCircuit = [1.01e6f, 0.992e6f, 10.3e6f, 9.8e6f, (float)(1 / 1.055), (float)(1 / 0.955)];

    private readonly SimulatedClock udsClock = new();

    private CalibrationBoard NewBoard(SimulatedFlashStore store) => new(store, udsClock, Secret);

    private static byte[] Request(CalibrationBoard board, params byte[] request)
    {
        board.Server.HandleRequest(request, request.Length);
        var response = new byte[board.Server.ResponseLength];
        board.Server.ReadResponse(response, 0);
        return response;
    }

    private static void Unlock(CalibrationBoard board)
    {
        Assert.Equal(0x50, Request(board, 0x10, 0x03)[0]);
        byte[] seed = Request(board, 0x27, 0x01)[2..];
        Assert.Equal(0x67, Request(board, [0x27, 0x02, .. UdsClient.ComputeKey(Secret, seed)])[0]);
    }

    private static byte Write(CalibrationBoard board, int identifier, byte[] value)
    {
        byte[] response = Request(board, [0x2E, (byte)(identifier >> 8), (byte)identifier, .. value]);
        return response[0] == 0x6E ? (byte)0 : response[2];
    }

    private static byte[] Encode(float[] values)
    {
        var bytes = new byte[4 * values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleBigEndian(bytes.AsSpan(4 * i), values[i]);
        }

        return bytes;
    }

    private static float[] Nominal() => [1e6f, 1e6f, 10e6f, 10e6f, 1f, 1f];

    [Theory]
    // Bridge resistances: nominal 1 MΩ ± 3 %, so 970 kΩ and 1030 kΩ pass and 1 kΩ beyond fails.
    [InlineData(0, 0.970e6f, true)]
    [InlineData(0, 0.969e6f, false)]
    [InlineData(1, 1.030e6f, true)]
    [InlineData(1, 1.031e6f, false)]
    // Dividers: nominal 10 MΩ ± 10 %.
    [InlineData(2, 9.0e6f, true)]
    [InlineData(2, 8.99e6f, false)]
    [InlineData(3, 11.0e6f, true)]
    [InlineData(3, 11.01e6f, false)]
    // Channel gains: 1 ± 0.10. The single-precision 0.9 and 1.1 lie a rounding step outside, so the rows use 0.9001 and 1.0999.
    [InlineData(4, 0.9001f, true)]
    [InlineData(4, 0.899f, false)]
    [InlineData(5, 1.0999f, true)]
    [InlineData(5, 1.101f, false)]
    [InlineData(5, float.NaN, false)]
    public void Write_InsulationLimitsWalked(int index, float value, bool accepted)
    {
        var board = NewBoard(new SimulatedFlashStore(2, 2048));
        Unlock(board);
        float[] values = Nominal();
        values[index] = value;

        byte response = Write(board, 0x4140, Encode(values));

        Assert.Equal(accepted ? 0 : 0x31, response);
        byte[] inUse = Request(board, 0x22, 0x41, 0x40)[3..];
        Assert.Equal(Encode(accepted ? values : Nominal()), inUse);
    }

    [Fact]
    public void RawInsulation_NotReadyBeforeFirstCycle()
    {
        var board = NewBoard(new SimulatedFlashStore(2, 2048));

        Assert.Equal(new byte[] { 0x7F, 0x22, 0x22 }, Request(board, 0x22, 0x42, 0x40));
    }

    [Fact]
    public void RawInsulation_ReportsSettledVoltages()
    {
        var board = NewBoard(new SimulatedFlashStore(2, 2048));
        board.MeasureInsulation(double.PositiveInfinity, double.PositiveInfinity);

        byte[] value = Request(board, 0x22, 0x42, 0x40)[3..];

        Assert.Equal(28, value.Length);
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian(value) >= 2);

        // Open insulation, state 1: P side 1/10.3 MΩ + 1/1.01 MΩ = 1.08718 µS, N side 1/9.8 MΩ = 0.10204 µS. The chassis
        // sits at 400 × 1.08718 / 1.18922 = 365.68 V above N, so Up = 34.32 V and Un = 365.68 V.
        // State 2: P side 0.09709 µS, N side 0.10204 + 1.00806 = 1.11010 µS; chassis 400 × 0.09709 / 1.20719 = 32.17 V,
        // so Up = 367.83 V and Un = 32.17 V. The channels read Up × 1.055 and Un × 0.955.
        // Settling tolerance: 0.2 % of 400 V = 0.8 V, plus noise.
        double[] expected = [400, 34.32 * 1.055, 365.68 * 0.955, 400, 367.83 * 1.055, 32.17 * 0.955];
        for (int i = 0; i < expected.Length; i++)
        {
            double actual = BinaryPrimitives.ReadSingleBigEndian(value.AsSpan(4 + 4 * i));
            Assert.True(Math.Abs(actual - expected[i]) < 0.9, $"value {i}: {actual} V, expected {expected[i]} V");
        }

        byte[] nominal = Request(board, 0x22, 0x42, 0x41)[3..];
        Assert.Equal(Encode([1e6f, 1e6f, 10e6f, 10e6f]), nominal);
    }

    [Fact]
    public void StoredCircuit_AppliedAtStart()
    {
        var store = new SimulatedFlashStore(2, 2048);
        var board = NewBoard(store);
        Unlock(board);
        Assert.Equal(0, Write(board, 0x4140, Encode(TrueCircuit)));
        var metadata = new byte[64];
        System.Text.Encoding.ASCII.GetBytes("op").CopyTo(metadata, 0);
        System.Text.Encoding.ASCII.GetBytes("OHM-1").CopyTo(metadata, 24);
        for (int i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(metadata.AsSpan(40 + 4 * i), 0x7FC00000);
        }

        BinaryPrimitives.WriteUInt16BigEndian(metadata.AsSpan(56), 4);
        Assert.Equal(0, Write(board, 0x41FE, metadata));
        Assert.Equal(0x71, Request(board, 0x31, 0x01, 0x03, 0x10)[0]);

        var restarted = NewBoard(store);
        var (positiveOhms, _) = restarted.MeasureInsulation(1e6, double.PositiveInfinity);
        var (_, negativeOhms) = restarted.MeasureInsulation(double.PositiveInfinity, 5e6);

        // Insulation accuracy: within 10 % above 600 kΩ. The expected values are the connected test resistors.
        Assert.Equal(CalibrationStatus.Calibrated, restarted.LoadStatus);
        Assert.InRange(positiveOhms, 0.9e6, 1.1e6);
        Assert.InRange(negativeOhms, 4.5e6, 5.5e6);
    }
}

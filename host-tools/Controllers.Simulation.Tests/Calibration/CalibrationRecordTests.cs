using System;
using System.Buffers.Binary;
using Controllers.Can.Diagnostics;
using Controllers.Firmware.Common.Calibration;
using Controllers.Firmware.Common.Numerics;
using Controllers.Simulation.Boards;
using Controllers.Simulation.Plant;
using Controllers.Simulation.Storage;
using Xunit;

namespace Controllers.Simulation.Tests.Calibration;

/// <summary>The firmware calibration record and its DIDs on the rig board, driven through the UDS server's requests.</summary>
public class CalibrationRecordTests
{
    private static readonly byte[] Secret = Convert.FromHexString("000102030405060708090A0B0C0D0E0F1011121314151617");

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
        byte[] key = UdsClient.ComputeKey(Secret, seed);
        Assert.Equal(0x67, Request(board, [0x27, 0x02, .. key])[0]);
    }

    private static byte[] CellValue(float gain, float offsetVolts)
    {
        var value = new byte[8];
        BinaryPrimitives.WriteSingleBigEndian(value, gain);
        BinaryPrimitives.WriteSingleBigEndian(value.AsSpan(4), offsetVolts);
        return value;
    }

    // Metadata written by hand from the documented layout: operator, int64 UTC seconds, instrument, 4 floats, procedure, 6 zero bytes.
    private static byte[] Metadata(string operatorName, long unixSeconds)
    {
        var value = new byte[64];
        System.Text.Encoding.ASCII.GetBytes(operatorName).CopyTo(value, 0);
        BinaryPrimitives.WriteInt64BigEndian(value.AsSpan(16), unixSeconds);
        System.Text.Encoding.ASCII.GetBytes("DMM-1").CopyTo(value, 24);
        for (int i = 0; i < 4; i++)
        {
            if (i < 2)
            {
                BinaryPrimitives.WriteSingleBigEndian(value.AsSpan(40 + 4 * i), 2.5f + 1.5f * i);
            }
            else
            {
                BinaryPrimitives.WriteUInt32BigEndian(value.AsSpan(40 + 4 * i), 0x7FC00000);
            }
        }

        BinaryPrimitives.WriteUInt16BigEndian(value.AsSpan(56), 1);
        return value;
    }

    private static byte Write(CalibrationBoard board, int identifier, byte[] value)
    {
        byte[] response = Request(board, [0x2E, (byte)(identifier >> 8), (byte)identifier, .. value]);
        return response[0] == 0x6E ? (byte)0 : response[2];
    }

    private static byte[] Save(CalibrationBoard board)
    {
        byte[] response = Request(board, 0x31, 0x01, 0x03, 0x10);
        Assert.True(response[0] == 0x71, $"save answered {Convert.ToHexString(response)}");
        return response[4..];
    }

    // Calibrates cell 0 to the given gain with a metadata time stamp and saves.
    private static void CalibrateCell0(CalibrationBoard board, float gain, long unixSeconds)
    {
        Assert.Equal(0, Write(board, 0x4100, CellValue(gain, 0.001f)));
        Assert.Equal(0, Write(board, 0x41FE, Metadata("op", unixSeconds)));
        Save(board);
    }

    [Fact]
    public void Load_NewBoardUsesFactoryDefaults()
    {
        var board = NewBoard(new SimulatedFlashStore(2, 2048));

        Assert.Equal(CalibrationStatus.NotFound, board.LoadStatus);
        Assert.Equal(1f, board.Cells.Gain(5));
        Assert.Equal(0f, board.Cells.OffsetVolts(5));
        Assert.Equal(1f, board.CurrentCalibration.GainFactor);
        Assert.Equal(0f, board.CurrentCalibration.CalibratedOffsetAmperes);
    }

    [Fact]
    public void Save_CrcCoversBlocksAndMetadata()
    {
        var store = new SimulatedFlashStore(2, 2048);
        var board = NewBoard(store);
        Unlock(board);
        byte[] cell = CellValue(1.004f, -0.002f);
        byte[] metadata = Metadata("li.wei", 1_796_000_000);

        Assert.Equal(0, Write(board, 0x4103, cell));
        Assert.Equal(0, Write(board, 0x41FE, metadata));
        byte[] result = Save(board);

        // Payload: 12 cell blocks (gain 1, offset 0 except cell 3), the current block (offset 0, gain 1), 4 NTC
        // blocks not checked (result 0, 3 zero bytes, two unset values 0x7FC00000), the insulation block with the
        // nominal circuit (1 MΩ, 1 MΩ, 10 MΩ, 10 MΩ, gains 1 and 1), then the metadata.
        var payload = new byte[12 * 8 + 8 + 4 * 12 + 24 + 64];
        for (int i = 0; i < 12; i++)
        {
            (i == 3 ? cell : CellValue(1f, 0f)).CopyTo(payload, 8 * i);
        }

        BinaryPrimitives.WriteSingleBigEndian(payload.AsSpan(96), 0f);
        BinaryPrimitives.WriteSingleBigEndian(payload.AsSpan(100), 1f);
        for (int i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(104 + 12 * i + 4), 0x7FC00000);
            BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(104 + 12 * i + 8), 0x7FC00000);
        }

        float[] insulation = [1e6f, 1e6f, 10e6f, 10e6f, 1f, 1f];
        for (int i = 0; i < insulation.Length; i++)
        {
            BinaryPrimitives.WriteSingleBigEndian(payload.AsSpan(152 + 4 * i), insulation[i]);
        }

        metadata.CopyTo(payload, 176);
        uint expected = Crc32.Compute(payload, 0, payload.Length);
        Assert.Equal(expected, BinaryPrimitives.ReadUInt32BigEndian(result));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32BigEndian(result.AsSpan(4)));

        byte[] status = Request(board, 0x22, 0x41, 0xFF)[3..];
        Assert.Equal(expected, BinaryPrimitives.ReadUInt32BigEndian(status));
        Assert.Equal(payload.Length, BinaryPrimitives.ReadUInt16BigEndian(status.AsSpan(8)));
        Assert.Equal(CalibrationStatus.Calibrated, status[10]);
        Assert.Equal(0, status[11]);
    }

    [Fact]
    public void Save_PowerCutKeepsPreviousCalibration()
    {
        var store = new SimulatedFlashStore(2, 2048, SimulatedRegionKind.File);
        var first = NewBoard(store);
        Unlock(first);
        CalibrateCell0(first, 1.004f, 1000);

        // One copy: 16 bytes of framing and a payload of 12 cell blocks, the current block, 4 NTC blocks, the
        // insulation block and the metadata.
        int frameLength = store.GetRegion(0).Length;
        Assert.Equal(16 + 12 * 8 + 8 + 4 * 12 + 24 + 64, frameLength);

        // The first save wrote copy A, so every later save goes to copy B while A keeps the first calibration.
        for (int cut = 0; cut < frameLength; cut++)
        {
            var board = NewBoard(store);
            Unlock(board);
            Assert.Equal(0, Write(board, 0x4100, CellValue(0.996f, 0.001f)));
            Assert.Equal(0, Write(board, 0x41FE, Metadata("op", 2000)));
            store.CutPowerDuringNextWrite(cut);
            Assert.Throws<SimulatedPowerCutException>(() => Save(board));

            var restarted = NewBoard(store);
            Assert.Equal(CalibrationStatus.Calibrated, restarted.LoadStatus);
            Assert.Equal(1.004f, restarted.Cells.Gain(0));
            Assert.Equal(1000, restarted.Calibration.Record.Metadata.UnixSeconds);
        }
    }

    [Fact]
    public void Save_CompleteWriteReplacesCalibration()
    {
        var store = new SimulatedFlashStore(2, 2048);
        var board = NewBoard(store);
        Unlock(board);
        CalibrateCell0(board, 1.004f, 1000);
        CalibrateCell0(board, 0.996f, 2000);

        var restarted = NewBoard(store);

        Assert.Equal(CalibrationStatus.Calibrated, restarted.LoadStatus);
        Assert.Equal(0.996f, restarted.Cells.Gain(0));
        Assert.Equal(2u, restarted.Calibration.Record.Sequence);
    }

    [Fact]
    public void Load_BothCopiesDamagedUsesDefaults()
    {
        var store = new SimulatedFlashStore(2, 2048);
        var board = NewBoard(store);
        Unlock(board);
        CalibrateCell0(board, 1.004f, 1000);
        byte[] copy = store.GetRegion(0);
        copy[20] ^= 0x01;
        store.SetRegion(0, copy);

        var restarted = NewBoard(store);

        Assert.Equal(CalibrationStatus.Corrupt, restarted.LoadStatus);
        Assert.Equal(1f, restarted.Cells.Gain(0));
    }

    [Fact]
    public void Write_GainOutsideLimitsRejected()
    {
        var board = NewBoard(new SimulatedFlashStore(2, 2048));
        Unlock(board);

        Assert.Equal(0x31, Write(board, 0x4102, CellValue(1.2f, 0f)));
        Assert.Equal(0x31, Write(board, 0x4102, CellValue(1f, 0.011f)));
        Assert.Equal(0x31, Write(board, 0x4120, CellValue(0f, 1.03f)));
        Assert.Equal(1f, board.Cells.Gain(2));
        Assert.False(board.Calibration.Record.IsModified);
    }

    [Fact]
    public void Write_NeedsExtendedSessionAndSecurity()
    {
        var board = NewBoard(new SimulatedFlashStore(2, 2048));

        Assert.Equal(0x31, Write(board, 0x4100, CellValue(1.001f, 0f)));
        Assert.Equal(0x50, Request(board, 0x10, 0x03)[0]);
        Assert.Equal(0x33, Write(board, 0x4100, CellValue(1.001f, 0f)));
        Assert.Equal(1f, board.Cells.Gain(0));

        // Reading needs neither.
        Assert.Equal(0x62, Request(board, 0x22, 0x41, 0x00)[0]);
    }

    [Fact]
    public void Save_WithoutNewMetadataRejected()
    {
        var board = NewBoard(new SimulatedFlashStore(2, 2048));
        Unlock(board);
        Assert.Equal(0, Write(board, 0x4100, CellValue(1.001f, 0f)));

        byte[] response = Request(board, 0x31, 0x01, 0x03, 0x10);

        Assert.Equal(new byte[] { 0x7F, 0x31, 0x24 }, response);
    }

    [Fact]
    public void Directory_ListsBlocksInPayloadOrder()
    {
        var board = NewBoard(new SimulatedFlashStore(2, 2048));

        byte[] directory = Request(board, 0x22, 0x41, 0xFD)[3..];

        Assert.Equal(18, directory[0]);
        Assert.Equal(0x4100, BinaryPrimitives.ReadUInt16BigEndian(directory.AsSpan(1)));
        Assert.Equal(0x410B, BinaryPrimitives.ReadUInt16BigEndian(directory.AsSpan(23)));
        Assert.Equal(0x4120, BinaryPrimitives.ReadUInt16BigEndian(directory.AsSpan(25)));
        Assert.Equal(0x4130, BinaryPrimitives.ReadUInt16BigEndian(directory.AsSpan(27)));
        Assert.Equal(0x4133, BinaryPrimitives.ReadUInt16BigEndian(directory.AsSpan(33)));
        Assert.Equal(0x4140, BinaryPrimitives.ReadUInt16BigEndian(directory.AsSpan(35)));
    }

    [Fact]
    public void RawNtcReading_FollowsChamber()
    {
        var board = NewBoard(new SimulatedFlashStore(2, 2048));
        board.Rig.ChamberCelsius = 40;
        board.Rig.SetNtcOffset(2, 1.5);

        float channel1 = BinaryPrimitives.ReadSingleBigEndian(Request(board, 0x22, 0x42, 0x31).AsSpan(3));
        float channel2 = BinaryPrimitives.ReadSingleBigEndian(Request(board, 0x22, 0x42, 0x32).AsSpan(3));

        // Temperature requirement: within 0.5 °C.
        Assert.InRange(channel1, 39.5f, 40.5f);
        Assert.InRange(channel2, 41.0f, 42.0f);
    }

    [Fact]
    public void Write_NtcResultMustMatchDeviation()
    {
        var board = NewBoard(new SimulatedFlashStore(2, 2048));
        Unlock(board);
        var claimedPass = new byte[12];
        claimedPass[0] = 1;
        BinaryPrimitives.WriteSingleBigEndian(claimedPass.AsSpan(4), 0.8f);
        BinaryPrimitives.WriteSingleBigEndian(claimedPass.AsSpan(8), 25f);

        Assert.Equal(0x31, Write(board, 0x4130, claimedPass));
        claimedPass[0] = 2;
        Assert.Equal(0, Write(board, 0x4130, claimedPass));
    }

    [Fact]
    public void RawCellReading_IgnoresCalibration()
    {
        var board = NewBoard(new SimulatedFlashStore(2, 2048));
        board.Rig.SourceVolts = 3.3;
        board.Cells.SetCalibration(4, 1.01f, 0.005f);

        float raw = BinaryPrimitives.ReadSingleBigEndian(Request(board, 0x22, 0x42, 0x04).AsSpan(3));

        // LTC6813-1 total measurement error below 2.2 mV (datasheet page 1) plus half an LSB of 100 µV.
        Assert.InRange(raw, 3.3f - 0.00225f, 3.3f + 0.00225f);
    }
}

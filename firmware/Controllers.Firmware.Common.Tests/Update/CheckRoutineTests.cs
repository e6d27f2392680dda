using System;
using System.Buffers.Binary;
using System.Security.Cryptography;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Update;
using Xunit;

namespace Controllers.Firmware.Common.Tests.Update;

/// <summary>
/// The programming handler's download and check routine, called directly: images are built here by hand
/// from the documented header layout and signed with .NET's ECDSA, independent of the firmware code.
/// </summary>
public sealed class CheckRoutineTests : IDisposable
{
    private const uint BoardType = 0x00010001;
    private const int SlotLength = 64 * 1024;
    private const int BlockLength = 4096;

    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly RamSlotStore slotStore = new(SlotLength, BlockLength);
    private readonly RamRegionStore recordStore = new(2, 64);
    private readonly ApplicationSlots slots;
    private readonly BootSelector selector;
    private readonly ApplicationProgrammingHandler handler;
    private readonly ResetRecorder reset = new();
    private readonly byte[] result = new byte[16];

    public CheckRoutineTests()
    {
        slots = new ApplicationSlots(recordStore, 0, 1);
        selector = new BootSelector(slots, 3);
        selector.Select();
        handler = new ApplicationProgrammingHandler(slots, selector, slotStore, BoardType, new EcdsaImageSignatureVerifier(PublicKey(key)), reset);
    }

    public void Dispose() => key.Dispose();

    // Header from the documented layout: "CTLA", format 1, length 128, board type, version, payload
    // length, payload CRC-32, build time, 32 zero bytes, then r||s over SHA-256(header[0..64] + payload).
    private byte[] Image(uint boardType = BoardType, uint version = 0x01010000, int payloadLength = 10_000, ECDsa? signer = null)
    {
        var payload = new byte[payloadLength];
        new Random(5).NextBytes(payload);
        var image = new byte[128 + payloadLength];
        "CTLA"u8.CopyTo(image);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(6), 128);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(8), boardType);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(12), version);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(16), (uint)payloadLength);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(20), TableCrc32(payload));
        BinaryPrimitives.WriteInt64LittleEndian(image.AsSpan(24), 1_796_000_000);
        payload.CopyTo(image, 128);

        var signed = new byte[64 + payloadLength];
        image.AsSpan(0, 64).CopyTo(signed);
        payload.CopyTo(signed, 64);
        byte[] signature = (signer ?? key).SignData(signed, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        signature.CopyTo(image, 64);
        return image;
    }

    // CRC-32 (IEEE 802.3, reflected 0xEDB88320) with a lookup table, a second implementation beside the
    // firmware's bitwise one. Its check value for "123456789" is 0xCBF43926 (CRC catalogue, CRC-32/ISO-HDLC).
    private static uint TableCrc32(byte[] data)
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        uint crc = 0xFFFFFFFF;
        foreach (byte value in data)
        {
            crc = table[(crc ^ value) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    [Fact]
    public void TableCrc32_MatchesCheckValue()
    {
        Assert.Equal(0xCBF43926u, TableCrc32("123456789"u8.ToArray()));
    }

    [Fact]
    public void Crc32Append_InPiecesMatchesCheckValue()
    {
        byte[] text = "123456789"u8.ToArray();

        uint crc = Numerics.Crc32.Append(0, text, 0, 4);
        crc = Numerics.Crc32.Append(crc, text, 4, 5);

        Assert.Equal(0xCBF43926u, crc);
    }

    private static byte[] PublicKey(ECDsa key)
    {
        ECParameters parameters = key.ExportParameters(false);
        var point = new byte[65];
        point[0] = 0x04;
        parameters.Q.X!.CopyTo(point, 1);
        parameters.Q.Y!.CopyTo(point, 33);
        return point;
    }

    // Runs a routine to its end, polling while it returns responsePending.
    private byte RunRoutine(int identifier, byte[] options, out int resultLength)
    {
        byte code = handler.Start(identifier, options, 0, options.Length, result, 0, out resultLength);
        for (int poll = 0; code == UdsNegativeResponseCode.ResponsePending && poll < 100_000; poll++)
        {
            code = handler.Poll(identifier, result, 0, out resultLength);
        }

        return code;
    }

    private void Download(byte[] image)
    {
        Assert.Equal(UdsNegativeResponseCode.PositiveResponse, RunRoutine(ApplicationProgrammingHandler.EraseMemoryRoutine, [], out _));
        Assert.Equal(UdsNegativeResponseCode.PositiveResponse, handler.StartDownload(0, (uint)image.Length));
        for (int offset = 0; offset < image.Length; offset += 4093)
        {
            int count = Math.Min(4093, image.Length - offset);
            Assert.Equal(UdsNegativeResponseCode.PositiveResponse, handler.WriteBlock((uint)offset, image, offset, count));
        }

        Assert.Equal(UdsNegativeResponseCode.PositiveResponse, handler.FinishDownload());
    }

    private byte Check()
    {
        byte code = RunRoutine(ApplicationProgrammingHandler.CheckRoutine, [], out int length);
        Assert.Equal(UdsNegativeResponseCode.PositiveResponse, code);
        Assert.Equal(1, length);
        return result[0];
    }

    [Fact]
    public void Check_ValidImageVerified()
    {
        byte[] image = Image();
        Download(image);

        Assert.Equal(ImageCheckResult.Valid, Check());
        Assert.Equal(ApplicationSlotState.Verified, slots.GetState(1));
        Assert.Equal(0x01010000u, slots.GetVersion(1));
        Assert.Equal(image.Length, slots.GetImageLength(1));
        Assert.Equal(image, slotStore.Slot(1).AsSpan(0, image.Length).ToArray());
    }

    [Fact]
    public void Check_ValidImageStartsTrialOnReset()
    {
        Download(Image());
        Check();

        handler.Reset(0x01);

        Assert.Equal(1, slots.TrialSlot);
        Assert.Equal(ApplicationSlotState.PendingTrial, slots.GetState(1));
        Assert.Equal([0x01], reset.Performed);
    }

    [Fact]
    public void Check_CorruptPayloadIsCrcMismatch()
    {
        byte[] image = Image();
        image[5000] ^= 0x01;
        Download(image);

        Assert.Equal(ImageCheckResult.CrcMismatch, Check());
        Assert.Equal(ApplicationSlotState.Received, slots.GetState(1));
    }

    [Fact]
    public void Check_OtherKeyIsSignatureInvalid()
    {
        using ECDsa other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Download(Image(signer: other));

        Assert.Equal(ImageCheckResult.SignatureInvalid, Check());

        handler.Reset(0x01);
        Assert.Equal(ApplicationSlots.NoSlot, slots.TrialSlot);
    }

    [Fact]
    public void Check_ChangedHeaderFieldIsSignatureInvalid()
    {
        // The build time is covered by the signature but by no other check.
        byte[] image = Image();
        image[24] ^= 0x01;
        Download(image);

        Assert.Equal(ImageCheckResult.SignatureInvalid, Check());
    }

    [Fact]
    public void Check_OtherBoardTypeIsBoardTypeMismatch()
    {
        Download(Image(boardType: 0x00020001));

        Assert.Equal(ImageCheckResult.BoardTypeMismatch, Check());
    }

    [Fact]
    public void Check_OlderThanConfirmedIsVersionRejected()
    {
        slots.SetSlot(0, ApplicationSlotState.Confirmed, 0x02000000, 1000);
        Download(Image(version: 0x01090000));

        Assert.Equal(ImageCheckResult.VersionRejected, Check());
    }

    [Fact]
    public void Check_BadMagicIsInvalidHeader()
    {
        byte[] image = Image();
        image[0] = (byte)'X';
        Download(image);

        Assert.Equal(ImageCheckResult.InvalidHeader, Check());
    }

    [Fact]
    public void Poll_EraseAndCheckAllocateNothing()
    {
        byte[] image = Image();
        Download(image);
        Check();
        handler.Start(ApplicationProgrammingHandler.EraseMemoryRoutine, [], 0, 0, result, 0, out _);
        byte[] options = [];

        // The first download and check warmed up every path, so the second erase and check measure
        // only what Poll allocates.
        long before = GC.GetAllocatedBytesForCurrentThread();
        byte code;
        do
        {
            code = handler.Poll(ApplicationProgrammingHandler.EraseMemoryRoutine, result, 0, out _);
        }
        while (code == UdsNegativeResponseCode.ResponsePending);
        long eraseAllocated = GC.GetAllocatedBytesForCurrentThread() - before;

        handler.StartDownload(0, (uint)image.Length);
        handler.WriteBlock(0, image, 0, image.Length);
        handler.FinishDownload();
        handler.Start(ApplicationProgrammingHandler.CheckRoutine, options, 0, 0, result, 0, out _);
        before = GC.GetAllocatedBytesForCurrentThread();
        do
        {
            code = handler.Poll(ApplicationProgrammingHandler.CheckRoutine, result, 0, out _);
        }
        while (code == UdsNegativeResponseCode.ResponsePending);
        long checkAllocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(ImageCheckResult.Valid, result[0]);
        Assert.Equal(0, eraseAllocated);
        Assert.Equal(0, checkAllocated);
    }

    [Fact]
    public void Check_WithoutDownloadIsNothingReceived()
    {
        Assert.Equal(ImageCheckResult.NothingReceived, Check());
    }

    [Fact]
    public void StartDownload_WithoutEraseNotAccepted()
    {
        Assert.Equal(UdsNegativeResponseCode.UploadDownloadNotAccepted, handler.StartDownload(0, 1000));
    }

    [Fact]
    public void StartDownload_LargerThanErasedOutOfRange()
    {
        RunRoutine(ApplicationProgrammingHandler.EraseMemoryRoutine, [0x00, 0x00, 0x10, 0x00], out _);

        // 0x1000 bytes requested: one 4096-byte block erased, so 4097 bytes do not fit.
        Assert.Equal(1, slotStore.EraseCount);
        Assert.Equal(UdsNegativeResponseCode.RequestOutOfRange, handler.StartDownload(0, 4097));
    }

    [Fact]
    public void Erase_LongerThanSlotOutOfRange()
    {
        byte code = handler.Start(ApplicationProgrammingHandler.EraseMemoryRoutine, [0x00, 0x01, 0x00, 0x01], 0, 4, result, 0, out _);

        Assert.Equal(UdsNegativeResponseCode.RequestOutOfRange, code);
        Assert.Equal(0, slotStore.EraseCount);
    }

    [Fact]
    public void Erase_DuringTrialRejected()
    {
        Download(Image());
        Check();
        handler.Reset(0x01);
        selector.Select();
        Assert.True(selector.IsRunningTrial);

        byte code = handler.Start(ApplicationProgrammingHandler.EraseMemoryRoutine, [], 0, 0, result, 0, out _);

        Assert.Equal(UdsNegativeResponseCode.ConditionsNotCorrect, code);
    }

    private sealed class ResetRecorder : IUdsResetHandler
    {
        public System.Collections.Generic.List<int> Performed { get; } = [];

        public bool IsResetAllowed(int resetType) => true;

        public void Reset(int resetType) => Performed.Add(resetType);
    }
}

using System;
using System.Security.Cryptography;
using Controllers.Firmware.Common.Update;
using Controllers.Flashing.Application;
using Xunit;

namespace Controllers.Flashing.Tests.Application;

/// <summary>
/// End-to-end application updates: the host <see cref="UdsProgrammer"/> against the firmware programming
/// services on a simulated board over the virtual CAN bus at 500 kbit/s, in simulated time.
/// </summary>
public sealed class ApplicationUpdateTests : IDisposable
{
    private static readonly ApplicationVersion Version110 = ApplicationVersion.Parse("1.1.0");

    private readonly ECDsa key = TestKeys.NewKey();
    private readonly ProgrammingBench bench;

    public ApplicationUpdateTests()
    {
        bench = new ProgrammingBench(key);
    }

    public void Dispose()
    {
        bench.Dispose();
        key.Dispose();
    }

    public enum CutPoint
    {
        DuringErase,
        MidTransfer,
        AfterTransferExit,
        AfterCheck,
    }

    [Fact]
    public void Program_NewImageRunsConfirmedFromOtherSlot()
    {
        ApplicationImage image = bench.Image(Version110, 64 * 1024, seed: 2);

        ProgrammingResult result = bench.Programmer.Program(image, ProgrammingBench.Secret);

        Assert.Equal(0, result.Before.RunningSlot);
        Assert.Equal(1, bench.Board.RunningSlot);
        Assert.Equal(Version110.Packed, bench.Board.RunningVersion);
        Assert.Equal(ApplicationSlotState.Confirmed, bench.Board.Slots.GetState(1));
        Assert.Equal(1, bench.Board.Slots.ActiveSlot);
        Assert.False(bench.Board.IsRunningTrial);
        Assert.Equal(image.Bytes.ToArray(), bench.Board.SlotStore.GetSlot(1, image.Length));
        Assert.Equal(image.Length, result.BytesDownloaded);
        Assert.True(result.ThroughputBytesPerSecond > 0);
    }

    [Fact]
    public void Program_TwiceAlternatesSlots()
    {
        bench.Programmer.Program(bench.Image(Version110, 16 * 1024, seed: 2), ProgrammingBench.Secret);

        bench.Programmer.Program(bench.Image(ApplicationVersion.Parse("1.2.0"), 16 * 1024, seed: 3), ProgrammingBench.Secret);

        Assert.Equal(0, bench.Board.RunningSlot);
        Assert.Equal(ApplicationVersion.Parse("1.2.0").Packed, bench.Board.RunningVersion);
        Assert.Equal(ApplicationSlotState.Confirmed, bench.Board.Slots.GetState(0));
    }

    [Theory]
    [InlineData(CutPoint.DuringErase)]
    [InlineData(CutPoint.MidTransfer)]
    [InlineData(CutPoint.AfterTransferExit)]
    [InlineData(CutPoint.AfterCheck)]
    public void PowerCut_BootsOldApplicationAndRetrySucceeds(CutPoint cut)
    {
        ApplicationImage image = bench.Image(Version110, 64 * 1024, seed: 2);
        bench.Board.CutPowerWhen(cut switch
        {
            CutPoint.DuringErase => board => board.Programming.ErasedBlockCount >= 5,
            CutPoint.MidTransfer => board => board.SlotStore.BytesWritten >= image.Length / 2,
            CutPoint.AfterTransferExit => board => board.Slots.GetState(1) == ApplicationSlotState.Received,
            _ => board => board.Slots.GetState(1) == ApplicationSlotState.Verified,
        });

        Assert.Throws<ProgrammingException>(() => bench.Programmer.Program(image, ProgrammingBench.Secret));

        Assert.Equal(1, bench.Board.PowerCutCount);
        Assert.Equal(0, bench.Board.RunningSlot);
        Assert.Equal(bench.FactoryImage.Version.Packed, bench.Board.RunningVersion);
        Assert.False(bench.Board.IsRunningTrial);

        bench.Programmer.Program(image, ProgrammingBench.Secret);

        Assert.Equal(1, bench.Board.RunningSlot);
        Assert.Equal(Version110.Packed, bench.Board.RunningVersion);
        Assert.Equal(image.Bytes.ToArray(), bench.Board.SlotStore.GetSlot(1, image.Length));
    }

    [Fact]
    public void Trial_NeverConfirmedRollsBackAfterThreeBoots()
    {
        bench.Programmer.ConfirmAfterReset = false;
        bench.Programmer.Program(bench.Image(Version110, 16 * 1024, seed: 2), ProgrammingBench.Secret);
        Assert.True(bench.Board.IsRunningTrial);
        Assert.Equal(1, bench.Board.Slots.TrialBootCount);

        // Trial boots 2 and 3 of the 3 allowed still run the new application.
        bench.Board.PowerCut();
        bench.Board.PowerCut();
        Assert.Equal(1, bench.Board.RunningSlot);
        Assert.Equal(3, bench.Board.Slots.TrialBootCount);

        // The fourth boot finds 3 unconfirmed boots, marks the trial failed and boots slot 0 again.
        bench.Board.PowerCut();

        Assert.Equal(0, bench.Board.RunningSlot);
        Assert.Equal(bench.FactoryImage.Version.Packed, bench.Board.RunningVersion);
        Assert.Equal(ApplicationSlotState.Failed, bench.Board.Slots.GetState(1));
        Assert.Equal(ApplicationSlots.NoSlot, bench.Board.Slots.TrialSlot);
        Assert.False(bench.Board.IsRunningTrial);
    }

    [Fact]
    public void Trial_ConfirmedByApplicationStays()
    {
        using var selfConfirming = new ProgrammingBench(key, applicationConfirmsItself: true);
        selfConfirming.Programmer.ConfirmAfterReset = false;

        selfConfirming.Programmer.Program(selfConfirming.Image(Version110, 16 * 1024, seed: 2), ProgrammingBench.Secret);
        for (int i = 0; i < 4; i++)
        {
            selfConfirming.Board.PowerCut();
        }

        Assert.Equal(1, selfConfirming.Board.RunningSlot);
        Assert.Equal(ApplicationSlotState.Confirmed, selfConfirming.Board.Slots.GetState(1));
    }

    [Fact]
    public void Program_ImageSignedWithOtherKeyRejected()
    {
        using ECDsa otherKey = TestKeys.NewKey();
        ApplicationImage image = bench.Image(Version110, 16 * 1024, seed: 2, key: otherKey);

        var error = Assert.Throws<ProgrammingException>(() => bench.Programmer.Program(image, ProgrammingBench.Secret));

        Assert.Equal(ProgrammingFailure.CheckRejected, error.Failure);
        Assert.Equal(ImageCheckResult.SignatureInvalid, error.CheckResult);
        Assert.Equal(ApplicationSlotState.Received, bench.Board.Slots.GetState(1));

        // A reset now must not start the rejected image.
        bench.Client.EcuReset(0x01);
        bench.Client.TesterPresent();
        Assert.Equal(0, bench.Board.RunningSlot);
        Assert.Equal(2, bench.Board.BootCount);
    }

    [Fact]
    public void Program_OtherBoardTypeRejectedBeforeWriting()
    {
        ApplicationImage image = bench.Image(Version110, 16 * 1024, seed: 2, boardType: 0x00020001);

        var error = Assert.Throws<ProgrammingException>(() => bench.Programmer.Program(image, ProgrammingBench.Secret));

        Assert.Equal(ProgrammingFailure.BoardTypeMismatch, error.Failure);
        Assert.Equal(ProgrammingPhase.CheckImage, error.Phase);
        Assert.Equal(0, bench.Board.SlotStore.EraseCount);
    }

    [Fact]
    public void Program_WrongSecretGetsInvalidKey()
    {
        byte[] wrongSecret = Convert.FromHexString("FFEEDDCCBBAA99887766554433221100");

        var error = Assert.Throws<ProgrammingException>(() => bench.Programmer.Program(bench.Image(Version110, 4096, seed: 2), wrongSecret));

        Assert.Equal(ProgrammingPhase.SecurityAccess, error.Phase);
        Assert.Equal((byte)0x35, error.NegativeResponseCode);
        Assert.Equal(0, bench.Board.SlotStore.EraseCount);
    }

    [Fact]
    public void DryRun_WritesNothing()
    {
        int recordWrites = bench.Board.RecordFlash.WriteCount;

        ProgrammingResult result = bench.Programmer.Program(bench.Image(Version110, 16 * 1024, seed: 2), ProgrammingBench.Secret, dryRun: true);

        Assert.True(result.DryRun);
        Assert.Equal(ProgrammingBench.BoardType, result.Before.BoardTypeId);
        Assert.Equal(0, bench.Board.SlotStore.EraseCount);
        Assert.Equal(0, bench.Board.SlotStore.BytesWritten);
        Assert.Equal(recordWrites, bench.Board.RecordFlash.WriteCount);
        Assert.Equal(1, bench.Board.BootCount);
    }

    [Fact]
    public void Program_BlockCounterWrapsPastFF()
    {
        // 4093 data bytes per TransferData (maxNumberOfBlockLength 4095 minus SID and counter), so
        // 256 blocks (counters 0x01..0xFF, then 0x00) need more than 255 * 4093 = 1 043 715 bytes.
        const int payloadLength = 255 * 4093 + 1000 - ApplicationImage.HeaderLength;
        ApplicationImage image = bench.Image(Version110, payloadLength, seed: 4);

        bench.Programmer.Program(image, ProgrammingBench.Secret);

        Assert.Equal(1, bench.Board.RunningSlot);
        Assert.Equal(image.Bytes.ToArray(), bench.Board.SlotStore.GetSlot(1, image.Length));
    }
}

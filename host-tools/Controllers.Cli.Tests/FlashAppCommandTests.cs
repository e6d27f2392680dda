using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using Controllers.Firmware.Common.Update;
using Xunit;

namespace Controllers.Cli.Tests;

/// <summary>
/// <c>ctl image sign|show</c> and <c>ctl flash app</c> as a process, against a simulated programmable board
/// behind socketcand on loopback.
/// </summary>
public sealed class FlashAppCommandTests : IDisposable
{
    private const string SecretHex = "5EC2E75EC2E75EC2E75EC2E75EC2E701";

    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly string folder = Path.Combine(Path.GetTempPath(), "ctl-flash-app-" + Guid.NewGuid().ToString("N"));
    private readonly ProgrammableTestBoard board;

    public FlashAppCommandTests()
    {
        Directory.CreateDirectory(folder);
        board = new ProgrammableTestBoard(key, Convert.FromHexString(SecretHex));
        File.WriteAllText(KeyPath, key.ExportECPrivateKeyPem());
        File.WriteAllText(PublicKeyPath, key.ExportSubjectPublicKeyInfoPem());
        File.WriteAllText(SecretPath, SecretHex.ToLowerInvariant() + "\n");
        var payload = new byte[12 * 1024];
        new Random(7).NextBytes(payload);
        File.WriteAllBytes(PayloadPath, payload);
    }

    private string KeyPath => Path.Combine(folder, "key.pem");

    private string PublicKeyPath => Path.Combine(folder, "public.pem");

    private string SecretPath => Path.Combine(folder, "secret.hex");

    private string PayloadPath => Path.Combine(folder, "app.bin");

    public void Dispose()
    {
        board.Dispose();
        key.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private CtlRun Ctl(params string[] arguments) => CtlProcess.Run(folder, arguments);

    private string Sign(string version, string boardType = "0x00010001", string name = "app.img", string? keyPath = null)
    {
        string imagePath = Path.Combine(folder, name);
        CtlRun run = Ctl("image", "sign", "--key", keyPath ?? KeyPath, "--board-type", boardType, "--version", version, PayloadPath, "-o", imagePath,
            "--build-time", "2026-12-05T08:00:00Z");
        Assert.Equal(0, run.ExitCode);
        return imagePath;
    }

    private CtlRun Flash(string imagePath, params string[] extra) =>
        Ctl(["flash", "app", imagePath, "--socketcand", board.Endpoint, "--p2", "2000", .. extra]);

    private static void AssertSecretNotShown(CtlRun run)
    {
        foreach (string output in new[] { run.StandardOutput, run.StandardError })
        {
            Assert.DoesNotContain(SecretHex, output, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void ImageShow_PrintsHeaderAndVerifiesSignature()
    {
        string imagePath = Sign("1.2.3");

        CtlRun run = Ctl("image", "show", imagePath, "--public-key", PublicKeyPath);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("0x00010001", run.StandardOutput);
        Assert.Contains("1.2.3", run.StandardOutput);
        Assert.Contains("12288 bytes", run.StandardOutput);
        Assert.Contains("2026-12-05 08:00:00Z", run.StandardOutput);
        Assert.Contains("The signature verifies", run.StandardOutput);
    }

    [Fact]
    public void ImageShow_OtherPublicKeyFails()
    {
        string imagePath = Sign("1.2.3");
        using ECDsa other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string otherPath = Path.Combine(folder, "other.pem");
        File.WriteAllText(otherPath, other.ExportSubjectPublicKeyInfoPem());

        CtlRun run = Ctl("image", "show", imagePath, "--public-key", otherPath);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("does not verify", run.StandardError);
    }

    [Fact]
    public void ImageSign_InvalidVersionIsInvalidInput()
    {
        CtlRun run = Ctl("image", "sign", "--key", KeyPath, "--board-type", "0x1", "--version", "1.2", PayloadPath, "-o", "x.img");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--version", run.StandardError);
    }

    [Fact]
    public void FlashApp_ProgramsConfirmsAndPrintsThroughput()
    {
        string imagePath = Sign("1.1.0");

        CtlRun run = Flash(imagePath, "--key-secret-file", SecretPath);

        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Contains("Erasing inactive slot", run.StandardOutput);
        Assert.Contains("kB/s", run.StandardOutput);
        Assert.Contains("runs version 1.1.0 from slot 1", run.StandardOutput);
        Assert.Contains("confirmed", run.StandardOutput);
        Assert.Equal(1, board.Read(b => b.RunningSlot));
        Assert.Equal(ApplicationSlotState.Confirmed, board.Read(b => b.Slots.GetState(1)));
        AssertSecretNotShown(run);
    }

    [Fact]
    public void FlashApp_SecretFromEnvironmentNeverShown()
    {
        string imagePath = Sign("1.1.0");

        CtlRun run = CtlProcess.Run(folder, ["flash", "app", imagePath, "--socketcand", board.Endpoint, "--p2", "2000"],
            environment: new Dictionary<string, string> { ["CTL_UDS_SECRET"] = SecretHex });

        Assert.True(run.ExitCode == 0, run.StandardError);
        AssertSecretNotShown(run);
    }

    [Fact]
    public void FlashApp_WrongSecretFailsWithoutErasing()
    {
        string imagePath = Sign("1.1.0");
        string wrongPath = Path.Combine(folder, "wrong.hex");
        File.WriteAllText(wrongPath, "00112233445566778899AABBCCDDEEFF");

        CtlRun run = Flash(imagePath, "--key-secret-file", wrongPath);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("secret is wrong", run.StandardError);
        Assert.DoesNotContain("00112233445566778899AABBCCDDEEFF", run.StandardOutput + run.StandardError, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, board.Read(b => b.SlotStore.EraseCount));
    }

    [Fact]
    public void FlashApp_ImageSignedWithOtherKeyRejected()
    {
        using ECDsa other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string otherKeyPath = Path.Combine(folder, "other-key.pem");
        File.WriteAllText(otherKeyPath, other.ExportECPrivateKeyPem());
        string imagePath = Sign("1.1.0", keyPath: otherKeyPath);

        CtlRun run = Flash(imagePath, "--key-secret-file", SecretPath);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("0x03 (signature invalid", run.StandardError);
        Assert.Equal(0, board.Read(b => b.RunningSlot));
    }

    [Fact]
    public void FlashApp_DryRunWritesNothing()
    {
        string imagePath = Sign("1.1.0");

        CtlRun run = Flash(imagePath, "--dry-run");

        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Contains("Dry run", run.StandardOutput);
        Assert.Equal(0, board.Read(b => b.SlotStore.EraseCount));
        Assert.Equal(0, board.Read(b => b.SlotStore.BytesWritten));
        Assert.Equal(0, board.Read(b => b.RecordFlash.WriteCount));
    }

    [Fact]
    public void FlashApp_OtherBoardTypeIsInvalidInput()
    {
        string imagePath = Sign("1.1.0", boardType: "0x00020001");

        CtlRun run = Flash(imagePath, "--dry-run");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("board type 0x00020001", run.StandardError);
    }

    [Fact]
    public void FlashApp_MissingSecretIsInvalidInput()
    {
        string imagePath = Sign("1.1.0");

        CtlRun run = Flash(imagePath);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("CTL_UDS_SECRET", run.StandardError);
    }

    [Fact]
    public void FlashApp_ChineseErrorForWrongBoardType()
    {
        string imagePath = Sign("1.1.0", boardType: "0x00020001");

        CtlRun run = CtlProcess.Run(folder, ["flash", "app", imagePath, "--socketcand", board.Endpoint, "--p2", "2000", "--dry-run"], "zh_CN.UTF-8");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("板型", run.StandardError);
    }
}

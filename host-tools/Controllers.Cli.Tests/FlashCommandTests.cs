using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using Controllers.Flashing.Emulation;
using Xunit;
using Xunit.Abstractions;

namespace Controllers.Cli.Tests;

/// <summary>
/// <c>ctl flash nanoclr</c> end to end: ctl runs as a child process on the slave side of a pseudo-terminal,
/// and the ROM bootloader emulator runs in this process on the master side. A pty carries no DTR/RTS, so the
/// tests put the emulated board into download mode the way an operator does (BOOT held while EN is pressed)
/// and run ctl with --no-reset.
/// </summary>
public class FlashCommandTests
{
    private const int ImageSize = 300 * 1024;

    private readonly ITestOutputHelper _output;

    public FlashCommandTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [SkippableFact]
    public void FlashNanoClrWritesAndVerifies()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Pseudo-terminal pairs need Linux.");
        using var directory = new TemporaryDirectory();
        byte[] image = RandomImage();
        string imagePath = Path.Combine(directory.Path, "nanoCLR.bin");
        File.WriteAllBytes(imagePath, image);
        using var emulator = new RomBootloaderEmulator();
        EnterDownloadMode(emulator);

        CtlRun run = CtlProcess.Run(directory.Path, new[] { "flash", "nanoclr", "--port", emulator.PortPath, "--image", imagePath, "--no-reset", "--baud", "921600" });

        _output.WriteLine(run.StandardOutput);
        Assert.True(run.ExitCode == 0, run.StandardError + run.StandardOutput);
        string expectedMd5 = Convert.ToHexStringLower(MD5.HashData(image));
        Assert.Contains("Chip: ESP32", run.StandardOutput);
        Assert.Contains("MD5 verified: " + expectedMd5, run.StandardOutput);
        Assert.Contains("KiB/s", run.StandardOutput);
        Assert.Equal(image, emulator.ReadFlash(0x10000, image.Length));
        Assert.Equal(921600, emulator.BaudRate);
        // FLASH_DEFL_END with the reboot flag starts the new image when the reset lines are not used.
        Assert.Equal(EmulatedChipMode.Application, emulator.Mode);
    }

    [SkippableFact]
    public void FlashDryRunWritesNothing()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Pseudo-terminal pairs need Linux.");
        using var directory = new TemporaryDirectory();
        string imagePath = Path.Combine(directory.Path, "nanoCLR.bin");
        File.WriteAllBytes(imagePath, RandomImage());
        using var emulator = new RomBootloaderEmulator();
        EnterDownloadMode(emulator);

        CtlRun run = CtlProcess.Run(directory.Path, new[] { "flash", "nanoclr", "--port", emulator.PortPath, "--image", imagePath, "--no-reset", "--dry-run" });

        Assert.True(run.ExitCode == 0, run.StandardError + run.StandardOutput);
        Assert.Contains("Dry run", run.StandardOutput);
        Assert.Equal(0, emulator.EraseCount);
    }

    [SkippableFact]
    public void FlashImageLargerThanFlashIsRejected()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Pseudo-terminal pairs need Linux.");
        using var directory = new TemporaryDirectory();
        string imagePath = Path.Combine(directory.Path, "nanoCLR.bin");
        var image = new byte[2 * 1024 * 1024];
        image[0] = 0xE9;
        File.WriteAllBytes(imagePath, image);
        using var emulator = new RomBootloaderEmulator();
        EnterDownloadMode(emulator);

        // 2 MiB at 0x10000 ends at 0x210000, beyond a 2 MB (0x200000) flash.
        CtlRun run = CtlProcess.Run(directory.Path, new[] { "flash", "nanoclr", "--port", emulator.PortPath, "--image", imagePath, "--no-reset", "--flash-size", "2" });

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("0x210000", run.StandardError);
        Assert.Contains("Nothing was written", run.StandardError);
        Assert.Equal(0, emulator.EraseCount);
    }

    [SkippableFact]
    public void FlashWithoutDownloadModeFailsClearly()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Pseudo-terminal pairs need Linux.");
        using var directory = new TemporaryDirectory();
        string imagePath = Path.Combine(directory.Path, "nanoCLR.bin");
        File.WriteAllBytes(imagePath, RandomImage());
        using var emulator = new RomBootloaderEmulator();

        CtlRun run = CtlProcess.Run(directory.Path, new[] { "flash", "nanoclr", "--port", emulator.PortPath, "--image", imagePath, "--no-reset" });

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("hold BOOT", run.StandardError);
    }

    [Fact]
    public void FlashImageWithoutMagicIsRejected()
    {
        using var directory = new TemporaryDirectory();
        string imagePath = Path.Combine(directory.Path, "app.bin");
        File.WriteAllBytes(imagePath, new byte[4096]);

        CtlRun run = CtlProcess.Run(directory.Path, new[] { "flash", "nanoclr", "--port", "/dev/null-port", "--image", imagePath });

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("0xE9", run.StandardError);
    }

    [Fact]
    public void FlashInvalidAddressIsRejected()
    {
        using var directory = new TemporaryDirectory();

        CtlRun run = CtlProcess.Run(directory.Path, new[] { "flash", "nanoclr", "--port", "/dev/null-port", "--image", "x.bin", "--address", "zz" });

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--address 'zz'", run.StandardError);
    }

    [Fact]
    public void FlashHelpIsChinese()
    {
        using var directory = new TemporaryDirectory();

        CtlRun run = CtlProcess.Run(directory.Path, new[] { "flash", "nanoclr", "--help" }, "zh_CN.UTF-8");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("串口 ROM 引导程序", run.StandardOutput);
    }

    /// <summary>Drives the emulated EN and GPIO0 lines as an operator does: EN low, EN high while GPIO0 is held low.</summary>
    private static void EnterDownloadMode(RomBootloaderEmulator emulator)
    {
        emulator.ResetLines.SetRts(true);
        Thread.Sleep(50);
        emulator.ResetLines.SetDtr(true);
        emulator.ResetLines.SetRts(false);
        Thread.Sleep(50);
        emulator.ResetLines.SetDtr(false);
        Assert.Equal(EmulatedChipMode.Download, emulator.Mode);
    }

    private static byte[] RandomImage()
    {
        var image = new byte[ImageSize];
        new Random(7).NextBytes(image);
        image[0] = 0xE9;
        return image;
    }

    private sealed class TemporaryDirectory : IDisposable
    {
        public TemporaryDirectory()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ctl-flash-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}

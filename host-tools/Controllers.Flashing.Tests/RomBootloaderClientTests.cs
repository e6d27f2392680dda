using System;
using System.Security.Cryptography;
using Controllers.Flashing;
using Controllers.Flashing.Emulation;
using Xunit;

namespace Controllers.Flashing.Tests;

/// <summary>
/// The client against the ROM emulator over a real Linux pseudo-terminal pair, with the client's side opened
/// through <see cref="System.IO.Ports.SerialPort"/> as on a bench.
/// </summary>
public class RomBootloaderClientTests
{
    private const int ImageSize = 300 * 1024;
    private const uint AppAddress = 0x10000;

    [SkippableFact]
    public void PlainFlashWritesImage()
    {
        SkipUnlessLinux();
        byte[] image = RandomImage(1);
        using var emulator = new RomBootloaderEmulator();
        using var link = SerialPortLink.Open(emulator.PortPath, 115200);
        var client = Connect(link, emulator);

        FlashResult result = client.WriteFlash(image, AppAddress, compress: false);

        AssertFlashHolds(emulator, image);
        Assert.Equal(ImageSize, result.ImageBytes);
        Assert.Equal(1, emulator.EraseCount);
    }

    [SkippableFact]
    public void CompressedFlashWritesImage()
    {
        SkipUnlessLinux();
        byte[] image = RandomImage(2);
        // Half the image is a repeated pattern so compression has something to remove.
        for (int i = ImageSize / 2; i < ImageSize; i++)
        {
            image[i] = (byte)(i % 7);
        }

        using var emulator = new RomBootloaderEmulator();
        using var link = SerialPortLink.Open(emulator.PortPath, 115200);
        var client = Connect(link, emulator);

        FlashResult result = client.WriteFlash(image, AppAddress, compress: true);
        client.FlashEnd(reboot: false, compressed: true);
        Assert.Equal(EmulatedChipMode.Application, emulator.Mode);

        AssertFlashHolds(emulator, image);
        Assert.True(result.BytesSent < ImageSize, $"compressed stream of {result.BytesSent} bytes is not smaller than the image");
    }

    [SkippableFact]
    public void CorruptedBlockIsResent()
    {
        SkipUnlessLinux();
        byte[] image = RandomImage(3);
        using var emulator = new RomBootloaderEmulator();
        using var link = SerialPortLink.Open(emulator.PortPath, 115200);
        var client = Connect(link, emulator);
        emulator.CorruptBlock(sequence: 5, count: 1);

        client.WriteFlash(image, AppAddress, compress: false);

        Assert.Equal(1, emulator.ChecksumErrors);
        Assert.Equal(1, client.BlockRetries);
        AssertFlashHolds(emulator, image);
    }

    [SkippableFact]
    public void PersistentCorruptionFailsClearly()
    {
        SkipUnlessLinux();
        byte[] image = RandomImage(4);
        using var emulator = new RomBootloaderEmulator();
        using var link = SerialPortLink.Open(emulator.PortPath, 115200);
        var client = Connect(link, emulator);
        emulator.CorruptBlock(sequence: 5, count: 100);

        var error = Assert.Throws<FlashingException>(() => client.WriteFlash(image, AppAddress, compress: true));

        Assert.Contains("FLASH_DEFL_DATA block 5", error.Message);
        Assert.Contains("invalid CRC", error.Message);
        Assert.Equal(3, emulator.ChecksumErrors);
    }

    [SkippableFact]
    public void BaudChangeSwitchesBothSides()
    {
        SkipUnlessLinux();
        byte[] image = RandomImage(5);
        using var emulator = new RomBootloaderEmulator();
        using var link = SerialPortLink.Open(emulator.PortPath, 115200);
        var client = Connect(link, emulator);

        client.ChangeBaudRate(921600);
        client.WriteFlash(image, AppAddress, compress: true);

        Assert.Equal(921600, emulator.BaudRate);
        Assert.Equal(921600, link.BaudRate);
        Assert.Equal(0, emulator.BaudMismatchFrames);
        AssertFlashHolds(emulator, image);
    }

    [SkippableFact]
    public void MismatchedBaudGetsNoAnswer()
    {
        // Shows that the emulator checks the port speed: a host that switches alone is not understood.
        SkipUnlessLinux();
        using var emulator = new RomBootloaderEmulator();
        using var link = SerialPortLink.Open(emulator.PortPath, 115200);
        var client = Connect(link, emulator);
        link.BaudRate = 460800;

        Assert.Throws<FlashingException>(() => client.DetectChip());
        Assert.True(emulator.BaudMismatchFrames > 0);
    }

    [SkippableFact]
    public void NoSyncAnswerNamesBootButton()
    {
        // Without reset lines the emulated chip keeps running its application and ignores SYNC.
        SkipUnlessLinux();
        using var emulator = new RomBootloaderEmulator();
        using var link = SerialPortLink.Open(emulator.PortPath, 115200);
        var client = new RomBootloaderClient(link, resetLines: null) { ConnectAttempts = 2 };

        var error = Assert.Throws<FlashingException>(client.Connect);

        Assert.Contains("hold BOOT", error.Message);
        Assert.Equal(0, emulator.DownloadBoots);
    }

    [SkippableFact]
    public void HardResetStartsApplication()
    {
        SkipUnlessLinux();
        using var emulator = new RomBootloaderEmulator();
        using var link = SerialPortLink.Open(emulator.PortPath, 115200);
        var client = Connect(link, emulator);
        Assert.Equal(EmulatedChipMode.Download, emulator.Mode);

        client.HardReset();
        System.Threading.Thread.Sleep(50);

        Assert.Equal(EmulatedChipMode.Application, emulator.Mode);
        Assert.Equal(1, emulator.ApplicationBoots);
    }

    [SkippableFact]
    public void Md5OutsideFlashIsRejected()
    {
        SkipUnlessLinux();
        using var emulator = new RomBootloaderEmulator(flashSize: 1024 * 1024);
        using var link = SerialPortLink.Open(emulator.PortPath, 115200);
        var client = Connect(link, emulator);

        var error = Assert.Throws<FlashingException>(() => client.FlashMd5(0xF0000, 0x20000));

        Assert.Contains("error 0x0A", error.Message);
        Assert.Contains("flash read length error", error.Message);
    }

    private static RomBootloaderClient Connect(SerialPortLink link, RomBootloaderEmulator emulator)
    {
        var client = new RomBootloaderClient(link, emulator.ResetLines);
        client.Connect();
        Assert.Equal("ESP32", client.DetectChip());
        client.SpiAttach();
        client.SpiSetParams(4 * 1024 * 1024);
        return client;
    }

    private static void AssertFlashHolds(RomBootloaderEmulator emulator, byte[] image)
    {
        byte[] flash = emulator.ReadFlash((int)AppAddress, image.Length);
        // Independent check: MD5 of the emulated flash computed here, not the digest the client reported.
        Assert.Equal(Convert.ToHexString(MD5.HashData(image)), Convert.ToHexString(MD5.HashData(flash)));
        Assert.Equal(image, flash);
    }

    private static byte[] RandomImage(int seed)
    {
        var image = new byte[ImageSize];
        new Random(seed).NextBytes(image);
        image[0] = 0xE9;
        return image;
    }

    private static void SkipUnlessLinux()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Pseudo-terminal pairs need Linux.");
    }
}

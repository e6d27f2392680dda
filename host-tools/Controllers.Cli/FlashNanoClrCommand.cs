using System;
using System.CommandLine;
using System.IO;
using Controllers.Flashing;
using Spectre.Console;

namespace Controllers.Cli;

/// <summary>
/// <c>ctl flash nanoclr --port PORT --image FILE [--address 0x10000] [--baud N] [--flash-size MB]
/// [--no-compress] [--no-reset] [--dry-run]</c>
/// </summary>
internal static class FlashNanoClrCommand
{
    private const int RomBaudRate = 115200;
    private const int MaxBaudRate = 5_000_000;

    public static Command Create()
    {
        var portOption = new Option<string>("--port")
        {
            Description = Messages.Get("FlashPortDescription"),
            HelpName = "PORT",
            Required = true,
        };
        var imageOption = new Option<string>("--image")
        {
            Description = Messages.Get("FlashImageDescription"),
            HelpName = "FILE",
            Required = true,
        };
        var addressOption = new Option<string>("--address")
        {
            Description = Messages.Get("FlashAddressDescription"),
            HelpName = "ADDRESS",
            DefaultValueFactory = _ => "0x10000",
        };
        var baudOption = new Option<int>("--baud")
        {
            Description = Messages.Get("FlashBaudDescription"),
            HelpName = "BAUD",
            DefaultValueFactory = _ => 460800,
        };
        var flashSizeOption = new Option<int>("--flash-size")
        {
            Description = Messages.Get("FlashSizeDescription"),
            HelpName = "MB",
            DefaultValueFactory = _ => 4,
        };
        var noCompressOption = new Option<bool>("--no-compress") { Description = Messages.Get("FlashNoCompressDescription") };
        var noResetOption = new Option<bool>("--no-reset") { Description = Messages.Get("FlashNoResetDescription") };
        var dryRunOption = new Option<bool>("--dry-run") { Description = Messages.Get("FlashDryRunDescription") };

        var command = new Command("nanoclr", Messages.Get("FlashNanoClrDescription"))
        {
            portOption, imageOption, addressOption, baudOption, flashSizeOption, noCompressOption, noResetOption, dryRunOption,
        };
        command.SetAction(parseResult =>
        {
            string addressText = parseResult.GetRequiredValue(addressOption);
            if (!DtcCommand.TryParseHex(addressText, uint.MaxValue, out uint address))
            {
                return CliOutput.InvalidInput(Messages.Format("FlashInvalidAddress", addressText));
            }

            int baudRate = parseResult.GetRequiredValue(baudOption);
            if (baudRate < 9600 || baudRate > MaxBaudRate)
            {
                return CliOutput.InvalidInput(Messages.Format("FlashInvalidBaud", baudRate));
            }

            int flashSize = parseResult.GetRequiredValue(flashSizeOption);
            if (flashSize is not (1 or 2 or 4 or 8 or 16))
            {
                return CliOutput.InvalidInput(Messages.Format("FlashInvalidFlashSize", flashSize));
            }

            var settings = new FlashSettings(
                parseResult.GetRequiredValue(portOption),
                parseResult.GetRequiredValue(imageOption),
                address,
                baudRate,
                flashSize * 1024L * 1024L,
                !parseResult.GetValue(noCompressOption),
                !parseResult.GetValue(noResetOption),
                parseResult.GetValue(dryRunOption));
            return Run(settings);
        });
        return command;
    }

    private static int Run(FlashSettings settings)
    {
        if (!File.Exists(settings.ImagePath))
        {
            return CliOutput.InvalidInput(Messages.Format("FlashImageNotFound", settings.ImagePath));
        }

        byte[] image = File.ReadAllBytes(settings.ImagePath);
        ImageProblem problem = ImageCheck.Check(image, settings.Address, settings.FlashSize);
        if (problem != ImageProblem.None)
        {
            return CliOutput.InvalidInput(DescribeProblem(problem, image, settings));
        }

        try
        {
            using var link = SerialPortLink.Open(settings.Port, RomBaudRate);
            var client = new RomBootloaderClient(link, settings.UseResetLines ? link : null);
            AnsiConsole.WriteLine(Messages.Format("FlashConnecting", settings.Port, RomBaudRate));
            client.Connect();
            string chip = client.DetectChip();
            AnsiConsole.WriteLine(Messages.Format("FlashChipDetected", chip));
            client.SpiAttach();
            client.SpiSetParams((uint)settings.FlashSize);

            if (settings.DryRun)
            {
                AnsiConsole.WriteLine(Messages.Format("FlashDryRunSummary", image.Length, settings.Address, settings.FlashSize / (1024 * 1024)));
                client.HardReset();
                return ExitCodes.Success;
            }

            if (settings.BaudRate != RomBaudRate)
            {
                client.ChangeBaudRate(settings.BaudRate);
                AnsiConsole.WriteLine(Messages.Format("FlashBaudChanged", settings.BaudRate));
            }

            FlashResult result = Write(client, image, settings);
            if (settings.UseResetLines)
            {
                client.HardReset();
            }
            else
            {
                // Without reset lines, FLASH_END with the reboot flag is the only way to start the new image.
                client.FlashEnd(reboot: true, compressed: settings.Compress);
            }

            PrintSummary(result, settings, client.BlockRetries);
            return ExitCodes.Success;
        }
        catch (FlashingException error)
        {
            return CliOutput.Failure(Messages.Format("FlashFailed", error.Message));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return CliOutput.Failure(Messages.Format("FlashPortFailed", settings.Port, error.Message));
        }
    }

    private static FlashResult Write(RomBootloaderClient client, byte[] image, FlashSettings settings)
    {
        if (!CliOutput.IsInteractive)
        {
            AnsiConsole.WriteLine(Messages.Format("FlashWriting", image.Length, settings.Address));
            return client.WriteFlash(image, settings.Address, settings.Compress);
        }

        FlashResult? result = null;
        AnsiConsole.Progress()
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new TransferSpeedColumn(),
                new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Messages.Format("FlashProgressTask", settings.Address), maxValue: image.Length);
                result = client.WriteFlash(image, settings.Address, settings.Compress, progress => task.Value = progress.BytesWritten);
            });
        return result!;
    }

    private static void PrintSummary(FlashResult result, FlashSettings settings, int retries)
    {
        double seconds = Math.Max(result.Duration.TotalSeconds, 1e-6);
        double kibPerSecond = result.ImageBytes / 1024.0 / seconds;
        AnsiConsole.WriteLine(Messages.Format("FlashVerified", result.Md5));
        AnsiConsole.WriteLine(Messages.Format(
            "FlashSummary",
            result.ImageBytes,
            settings.Address,
            result.BytesSent,
            result.Duration.TotalSeconds,
            kibPerSecond,
            retries));
    }

    private static string DescribeProblem(ImageProblem problem, byte[] image, FlashSettings settings)
    {
        return problem switch
        {
            ImageProblem.Empty => Messages.Format("FlashImageEmpty", settings.ImagePath),
            ImageProblem.BeyondFlash => Messages.Format("FlashImageTooLarge", settings.ImagePath, image.Length, settings.Address, settings.Address + (long)image.Length, settings.FlashSize),
            ImageProblem.UnalignedAddress => Messages.Format("FlashAddressUnaligned", settings.Address),
            ImageProblem.MissingImageMagic => Messages.Format("FlashImageMagicMissing", settings.ImagePath, image[0], settings.Address),
            _ => Messages.Format("FlashCombinedImageInvalid", settings.ImagePath),
        };
    }

    private sealed record FlashSettings(
        string Port,
        string ImagePath,
        uint Address,
        int BaudRate,
        long FlashSize,
        bool Compress,
        bool UseResetLines,
        bool DryRun);
}

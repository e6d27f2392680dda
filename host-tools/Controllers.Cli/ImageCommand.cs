using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using Controllers.Flashing.Application;
using Spectre.Console;

namespace Controllers.Cli;

/// <summary>
/// <c>ctl image sign --key KEY.pem --board-type ID --version X.Y.Z PAYLOAD -o IMAGE [--build-time TIME]</c>
/// and <c>ctl image show IMAGE [--public-key KEY.pem]</c>: signed application images for <c>ctl flash app</c>.
/// </summary>
internal static class ImageCommand
{
    public static Command Create()
    {
        return new Command("image", Messages.Get("ImageDescription"))
        {
            CreateSign(),
            CreateShow(),
        };
    }

    private static Command CreateSign()
    {
        var payloadArgument = new Argument<string>("PAYLOAD") { Description = Messages.Get("ImagePayloadDescription") };
        var keyOption = new Option<string>("--key") { Description = Messages.Get("ImageKeyDescription"), HelpName = "KEY.pem", Required = true };
        var boardTypeOption = new Option<string>("--board-type") { Description = Messages.Get("ImageBoardTypeDescription"), HelpName = "ID", Required = true };
        var versionOption = new Option<string>("--version") { Description = Messages.Get("ImageVersionDescription"), HelpName = "X.Y.Z", Required = true };
        var outputOption = new Option<string>("--output", "-o") { Description = Messages.Get("ImageOutputDescription"), HelpName = "IMAGE", Required = true };
        var buildTimeOption = new Option<string>("--build-time") { Description = Messages.Get("ImageBuildTimeDescription"), HelpName = "TIME" };

        var command = new Command("sign", Messages.Get("ImageSignDescription"))
        {
            payloadArgument, keyOption, boardTypeOption, versionOption, outputOption, buildTimeOption,
        };
        command.SetAction(parseResult =>
        {
            string payloadPath = parseResult.GetRequiredValue(payloadArgument);
            string keyPath = parseResult.GetRequiredValue(keyOption);
            string boardTypeText = parseResult.GetRequiredValue(boardTypeOption);
            string versionText = parseResult.GetRequiredValue(versionOption);
            string outputPath = parseResult.GetRequiredValue(outputOption);
            string? buildTimeText = parseResult.GetValue(buildTimeOption);

            if (!DtcCommand.TryParseHex(boardTypeText, uint.MaxValue, out uint boardType))
            {
                return CliOutput.InvalidInput(Messages.Format("ImageInvalidBoardType", boardTypeText));
            }

            ApplicationVersion version;
            try
            {
                version = ApplicationVersion.Parse(versionText);
            }
            catch (FormatException)
            {
                return CliOutput.InvalidInput(Messages.Format("ImageInvalidVersion", versionText));
            }

            DateTimeOffset buildTime = DateTimeOffset.UtcNow;
            if (buildTimeText is not null
                && !DateTimeOffset.TryParse(buildTimeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out buildTime))
            {
                return CliOutput.InvalidInput(Messages.Format("ImageInvalidBuildTime", buildTimeText));
            }

            if (!File.Exists(payloadPath))
            {
                return CliOutput.InvalidInput(Messages.Format("ImageFileNotFound", payloadPath));
            }

            if (!File.Exists(keyPath))
            {
                return CliOutput.InvalidInput(Messages.Format("ImageFileNotFound", keyPath));
            }

            using ECDsa key = ECDsa.Create();
            try
            {
                key.ImportFromPem(File.ReadAllText(keyPath));
            }
            catch (Exception error) when (error is ArgumentException or CryptographicException)
            {
                return CliOutput.InvalidInput(Messages.Format("ImageKeyInvalid", keyPath));
            }

            if (key.KeySize != 256)
            {
                return CliOutput.InvalidInput(Messages.Format("ImageKeyNotP256", keyPath, key.KeySize));
            }

            byte[] payload = File.ReadAllBytes(payloadPath);
            ApplicationImage image = ApplicationImage.Sign(payload, boardType, version, buildTime, key);
            File.WriteAllBytes(outputPath, image.Bytes.ToArray());
            AnsiConsole.WriteLine(Messages.Format("ImageSigned", outputPath, image.Length, version, boardType));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateShow()
    {
        var imageArgument = new Argument<string>("IMAGE") { Description = Messages.Get("FlashAppImageDescription") };
        var publicKeyOption = new Option<string>("--public-key") { Description = Messages.Get("ImagePublicKeyDescription"), HelpName = "KEY.pem" };
        var command = new Command("show", Messages.Get("ImageShowDescription")) { imageArgument, publicKeyOption };
        command.SetAction(parseResult =>
        {
            string imagePath = parseResult.GetRequiredValue(imageArgument);
            string? publicKeyPath = parseResult.GetValue(publicKeyOption);
            if (!File.Exists(imagePath))
            {
                return CliOutput.InvalidInput(Messages.Format("ImageFileNotFound", imagePath));
            }

            ApplicationImage image;
            try
            {
                image = ApplicationImage.Parse(File.ReadAllBytes(imagePath));
            }
            catch (InvalidDataException error)
            {
                return CliOutput.InvalidInput(Messages.Format("ImageInvalid", imagePath, error.Message));
            }

            AnsiConsole.WriteLine(Messages.Format("ImageShowBoardType", image.BoardTypeId));
            AnsiConsole.WriteLine(Messages.Format("ImageShowVersion", image.Version));
            AnsiConsole.WriteLine(Messages.Format("ImageShowPayload", image.PayloadLength, image.PayloadCrc32));
            AnsiConsole.WriteLine(Messages.Format("ImageShowBuildTime", image.BuildTime.ToString("u", CultureInfo.InvariantCulture)));
            AnsiConsole.WriteLine(Messages.Format("ImageShowSignature", Convert.ToHexString(image.Signature)));
            if (publicKeyPath is null)
            {
                return ExitCodes.Success;
            }

            using ECDsa key = ECDsa.Create();
            try
            {
                key.ImportFromPem(File.ReadAllText(publicKeyPath));
            }
            catch (Exception error) when (error is ArgumentException or CryptographicException or IOException)
            {
                return CliOutput.InvalidInput(Messages.Format("ImageKeyInvalid", publicKeyPath));
            }

            if (!image.VerifySignature(key))
            {
                return CliOutput.Failure(Messages.Format("ImageSignatureInvalid", publicKeyPath));
            }

            AnsiConsole.WriteLine(Messages.Format("ImageSignatureValid", publicKeyPath));
            return ExitCodes.Success;
        });
        return command;
    }
}

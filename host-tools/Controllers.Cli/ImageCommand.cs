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
    /// <summary>Object identifier of the curve P-256 (secp256r1, prime256v1), from SEC 2 version 2.0, section 2.4.2.</summary>
    private const string P256Oid = "1.2.840.10045.3.1.7";

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

            if (OutputPaths.CheckFile("--output", outputPath) is { } outputError)
            {
                return CliOutput.InvalidInput(outputError);
            }

            if (OutputPaths.AreSame(outputPath, payloadPath) || OutputPaths.AreSame(outputPath, keyPath))
            {
                return CliOutput.InvalidInput(Messages.Format("ImageOutputOverwritesInput", outputPath));
            }

            using ECDsa key = ECDsa.Create();
            if (LoadP256Key(key, keyPath, requirePrivateKey: true) is { } keyError)
            {
                return CliOutput.InvalidInput(keyError);
            }

            byte[] payload = File.ReadAllBytes(payloadPath);
            ApplicationImage image = ApplicationImage.Sign(payload, boardType, version, buildTime, key);
            if (WriteImage(outputPath, image) is { } writeError)
            {
                return CliOutput.InvalidInput(writeError);
            }

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
            if (LoadP256Key(key, publicKeyPath, requirePrivateKey: false) is { } keyError)
            {
                return CliOutput.InvalidInput(keyError);
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

    /// <summary>
    /// Imports the PEM key in <paramref name="path"/> into <paramref name="key"/> and checks that it is on the
    /// curve P-256, the only curve the boards verify. Returns why the key cannot be used, or null.
    /// </summary>
    private static string? LoadP256Key(ECDsa key, string path, bool requirePrivateKey)
    {
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
        }
        catch (Exception error) when (error is ArgumentException or CryptographicException or IOException or UnauthorizedAccessException)
        {
            return Messages.Format("ImageKeyInvalid", path);
        }

        // The platform may name a curve by its OID or only by a friendly name (Windows CNG: "ECDSA_P256").
        Oid? curveOid = key.ExportParameters(includePrivateParameters: false).Curve.Oid;
        bool isP256 = curveOid is not null
            && (curveOid.Value == P256Oid || curveOid.FriendlyName is "nistP256" or "ECDSA_P256" or "secp256r1" or "prime256v1");
        if (!isP256)
        {
            string curve = curveOid?.FriendlyName ?? curveOid?.Value ?? Messages.Format("ImageKeyCurveBits", key.KeySize);
            return Messages.Format("ImageKeyNotP256", path, curve);
        }

        if (requirePrivateKey)
        {
            try
            {
                key.ExportParameters(includePrivateParameters: true);
            }
            catch (CryptographicException)
            {
                return Messages.Format("ImageKeyNotPrivate", path);
            }
        }

        return null;
    }

    /// <summary>
    /// Writes the image through a temporary file in the same folder and a rename, so an interrupted or failed
    /// write leaves any earlier file intact. Returns why the write failed, or null.
    /// </summary>
    private static string? WriteImage(string outputPath, ApplicationImage image)
    {
        string folder = OutputPaths.ParentFolder(outputPath);
        if (OutputPaths.PrepareFolder("--output", outputPath, folder) is { } folderError)
        {
            return folderError;
        }

        string fullPath = Path.GetFullPath(outputPath);
        string temporary = Path.Combine(folder, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            File.WriteAllBytes(temporary, image.Bytes.ToArray());
            File.Move(temporary, fullPath, overwrite: true);
            return null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return Messages.Format("LogWriteFailed", outputPath, error.Message.Replace(temporary, fullPath, StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}

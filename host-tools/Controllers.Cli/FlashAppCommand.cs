using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using Controllers.Can.Diagnostics;
using Controllers.Flashing.Application;
using Spectre.Console;

namespace Controllers.Cli;

/// <summary>
/// <c>ctl flash app IMAGE [--key-secret-file FILE] [--no-confirm] [--dry-run] [connection options]</c>:
/// programs a signed application image into the inactive slot of a board over UDS on CAN.
/// </summary>
internal static class FlashAppCommand
{
    /// <summary>Environment variable with the SecurityAccess secret in hex, used when no file is given.</summary>
    public const string SecretVariable = "CTL_UDS_SECRET";

    private const int MinimumSecretBytes = 16;

    public static Command Create()
    {
        var imageArgument = new Argument<string>("IMAGE") { Description = Messages.Get("FlashAppImageDescription") };
        var secretFileOption = new Option<string>("--key-secret-file")
        {
            Description = Messages.Format("FlashAppSecretFileDescription", SecretVariable),
            HelpName = "FILE",
        };
        var noConfirmOption = new Option<bool>("--no-confirm") { Description = Messages.Get("FlashAppNoConfirmDescription") };
        var dryRunOption = new Option<bool>("--dry-run") { Description = Messages.Get("FlashAppDryRunDescription") };
        var connection = new DtcConnectionOptions();

        var command = new Command("app", Messages.Get("FlashAppDescription"))
        {
            imageArgument, secretFileOption, noConfirmOption, dryRunOption,
        };
        connection.AddTo(command);
        command.SetAction(parseResult =>
        {
            string imagePath = parseResult.GetRequiredValue(imageArgument);
            bool dryRun = parseResult.GetValue(dryRunOption);
            if (!File.Exists(imagePath))
            {
                return CliOutput.InvalidInput(Messages.Format("FlashImageNotFound", imagePath));
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

            byte[] secret = [];
            if (!dryRun)
            {
                string? problem = ReadSecret(parseResult.GetValue(secretFileOption), out secret);
                if (problem is not null)
                {
                    return CliOutput.InvalidInput(problem);
                }
            }

            return DtcCommand.Run(parseResult, connection, 0x34, client =>
                Program(client, image, secret, dryRun, !parseResult.GetValue(noConfirmOption)));
        });
        return command;
    }

    /// <summary>
    /// Reads the SecurityAccess secret as hex from <paramref name="path"/> or, without a path, from
    /// <see cref="SecretVariable"/>. Returns an error message, which never contains the secret, or null.
    /// </summary>
    internal static string? ReadSecret(string? path, out byte[] secret)
    {
        secret = [];
        string? text;
        string source;
        if (path is not null)
        {
            source = path;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                return Messages.Format("FlashAppSecretUnreadable", path, error.Message);
            }
        }
        else
        {
            source = SecretVariable;
            text = Environment.GetEnvironmentVariable(SecretVariable);
            if (string.IsNullOrWhiteSpace(text))
            {
                return Messages.Format("FlashAppSecretMissing", SecretVariable);
            }
        }

        string hex = string.Concat(text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        try
        {
            secret = Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return Messages.Format("FlashAppSecretNotHex", source);
        }

        if (secret.Length < MinimumSecretBytes)
        {
            return Messages.Format("FlashAppSecretTooShort", source, secret.Length, MinimumSecretBytes);
        }

        return null;
    }

    private static int Program(UdsClient client, ApplicationImage image, byte[] secret, bool dryRun, bool confirm)
    {
        var programmer = new UdsProgrammer(client, new StopwatchClock()) { ConfirmAfterReset = confirm };
        AnsiConsole.WriteLine(Messages.Format("FlashAppImage", image.Version, image.BoardTypeId, image.Length));
        try
        {
            ProgrammingResult result = CliOutput.IsInteractive && !dryRun
                ? ProgramWithProgressBar(programmer, image, secret)
                : ProgramWithPhaseLines(programmer, image, secret, dryRun);
            PrintSummary(result, image);
            return ExitCodes.Success;
        }
        catch (ProgrammingException error)
        {
            string message = Describe(error);
            return error.Failure is ProgrammingFailure.BoardTypeMismatch or ProgrammingFailure.OlderVersion
                ? CliOutput.InvalidInput(message)
                : CliOutput.Failure(message);
        }
    }

    private static ProgrammingResult ProgramWithPhaseLines(UdsProgrammer programmer, ApplicationImage image, byte[] secret, bool dryRun)
    {
        ProgrammingPhase? last = null;
        programmer.Progress = progress =>
        {
            if (progress.Phase != last && progress.Phase != ProgrammingPhase.Done)
            {
                last = progress.Phase;
                AnsiConsole.WriteLine(Messages.Format("FlashAppPhaseLine", PhaseName(progress.Phase)));
            }
        };
        return programmer.Program(image, secret, dryRun);
    }

    private static ProgrammingResult ProgramWithProgressBar(UdsProgrammer programmer, ApplicationImage image, byte[] secret)
    {
        ProgrammingResult? result = null;
        AnsiConsole.Progress()
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new TransferSpeedColumn(),
                new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(PhaseName(ProgrammingPhase.ReadIdentity), maxValue: image.Length);
                programmer.Progress = progress =>
                {
                    task.Description = PhaseName(progress.Phase);
                    task.Value = progress.BytesSent;
                };
                result = programmer.Program(image, secret);
            });
        return result!;
    }

    private static void PrintSummary(ProgrammingResult result, ApplicationImage image)
    {
        BoardIdentity before = result.Before;
        AnsiConsole.WriteLine(Messages.Format("FlashAppBoard", before.BoardTypeId, before.RunningVersion, before.RunningSlot));
        if (result.DryRun)
        {
            AnsiConsole.WriteLine(Messages.Format("FlashAppDryRunDone", image.Version));
            return;
        }

        BoardIdentity after = result.After!;
        double kilobytesPerSecond = result.ThroughputBytesPerSecond / 1000.0;
        AnsiConsole.WriteLine(Messages.Format(
            "FlashAppDone",
            result.BytesDownloaded,
            result.DownloadTime.TotalSeconds,
            kilobytesPerSecond.ToString("F1", CultureInfo.CurrentCulture),
            after.RunningVersion,
            after.RunningSlot,
            result.TotalTime.TotalSeconds));
        AnsiConsole.WriteLine(Messages.Get(after.TrialSlot == after.RunningSlot ? "FlashAppTrial" : "FlashAppConfirmed"));
    }

    private static string PhaseName(ProgrammingPhase phase) => Messages.Get("FlashAppPhase" + phase);

    private static string Describe(ProgrammingException error)
    {
        string phase = PhaseName(error.Phase);
        return error.Failure switch
        {
            ProgrammingFailure.BoardTypeMismatch => Messages.Format("FlashAppBoardTypeMismatch", error.ImageValue, error.BoardValue),
            ProgrammingFailure.OlderVersion => Messages.Format("FlashAppOlderVersion", error.ImageValue, error.BoardValue),
            ProgrammingFailure.CheckRejected => Messages.Format("FlashAppCheckRejected", error.CheckResult, Messages.Get($"FlashAppCheck{error.CheckResult:X2}")),
            ProgrammingFailure.NegativeResponse when error.NegativeResponseCode is 0x35 or 0x36 => Messages.Format("FlashAppWrongSecret", error.NegativeResponseCode, UdsNames.NegativeResponseCodeName(error.NegativeResponseCode!.Value)),
            ProgrammingFailure.NegativeResponse => Messages.Format("FlashAppNegativeResponse", phase, error.NegativeResponseCode, UdsNames.NegativeResponseCodeName(error.NegativeResponseCode!.Value)),
            ProgrammingFailure.Timeout => Messages.Format("FlashAppTimeout", phase),
            ProgrammingFailure.NewApplicationNotRunning => Messages.Format("FlashAppNotRunning", error.BoardValue, error.ImageValue),
            ProgrammingFailure.ConfirmFailed => Messages.Get("FlashAppConfirmFailed"),
            _ => Messages.Format("FlashAppInvalidResponse", phase, error.InnerException?.Message ?? error.Message),
        };
    }
}

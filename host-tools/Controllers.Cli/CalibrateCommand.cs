using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using Controllers.Can.Diagnostics;
using Controllers.Simulation.Data;

namespace Controllers.Cli;

/// <summary><c>ctl calibrate cell-voltage|current|ntc|insulation|pedal</c>: guided calibration procedures over UDS.</summary>
internal static class CalibrateCommand
{
    /// <summary>Environment variable with the SecurityAccess secret as hex, used when --secret-file is absent.</summary>
    public const string SecretVariable = "CTL_UDS_SECRET";

    private const byte WriteDataByIdentifier = 0x2E;

    public static Command Create()
    {
        return new Command("calibrate", Messages.Get("CalibrateDescription"))
        {
            CalibrateCellVoltageCommand.Create(),
            CalibrateCurrentCommand.Create(),
            CalibrateNtcCommand.Create(),
            CalibrateInsulationCommand.Create(),
            CalibratePedalCommand.Create(),
        };
    }

    /// <summary>
    /// Checks the operator, instrument, secret and reference file, then connects and runs
    /// <paramref name="procedure"/>. Returns 2 for invalid input, 1 for a rejected result, a failed check or
    /// a communication error, 0 when the record was saved and verified.
    /// </summary>
    public static int Run(ParseResult parseResult, CalibrationOptions options, Func<string, CalibrationReferenceFile> loadReferenceFile,
        Func<CalibrationSession, CalibrationContext, int> procedure)
    {
        CalibrationReferenceFile? referenceFile = null;
        string? referencePath = parseResult.GetValue(options.ReferenceFile);
        if (referencePath is not null)
        {
            try
            {
                referenceFile = loadReferenceFile(referencePath);
            }
            catch (DataFileException error)
            {
                return CliOutput.InvalidInput(error);
            }
        }

        string? operatorName = parseResult.GetValue(options.Operator) ?? referenceFile?.OperatorName;
        if (operatorName is null || !CalibrationSession.IsValidText(operatorName))
        {
            return CliOutput.InvalidInput(Messages.Format("CalibrateInvalidText", "--operator", operatorName ?? ""));
        }

        string? instrument = parseResult.GetValue(options.Instrument) ?? referenceFile?.Instrument;
        if (instrument is null || !CalibrationSession.IsValidText(instrument))
        {
            return CliOutput.InvalidInput(Messages.Format("CalibrateInvalidText", "--instrument", instrument ?? ""));
        }

        byte[]? secret = LoadSecret(parseResult.GetValue(options.SecretFile), out string? secretError);
        if (secret is null)
        {
            return CliOutput.InvalidInput(secretError!);
        }

        var context = new CalibrationContext(operatorName, instrument, referenceFile);
        return DtcCommand.Run(parseResult, options.Connection, WriteDataByIdentifier, client =>
        {
            var session = new CalibrationSession(client);
            try
            {
                session.Open(secret);
                return procedure(session, context);
            }
            catch (UdsNegativeResponseException error)
            {
                return CliOutput.Failure(Messages.Format("CalibrateNegativeResponse", UdsNames.ServiceName(error.ServiceId), error.ServiceId,
                    error.ResponseCode, UdsNames.NegativeResponseCodeName(error.ResponseCode)));
            }
            catch (CalibrationVerificationException error)
            {
                return CliOutput.Failure(error.Message);
            }
            catch (OperatorInputException error)
            {
                return CliOutput.InvalidInput(error.Message);
            }
        });
    }

    /// <summary>
    /// Reads the SecurityAccess secret as hex text from <paramref name="path"/>, or from <see cref="SecretVariable"/>
    /// when no path is given. Error messages name the source, never the secret.
    /// </summary>
    private static byte[]? LoadSecret(string? path, out string? error)
    {
        error = null;
        string? text;
        string source;
        if (path is not null)
        {
            source = path;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
            {
                error = Messages.Format("CalibrateSecretUnreadable", path, failure.Message);
                return null;
            }
        }
        else
        {
            source = SecretVariable;
            text = Environment.GetEnvironmentVariable(SecretVariable);
            if (string.IsNullOrWhiteSpace(text))
            {
                error = Messages.Format("CalibrateSecretMissing", SecretVariable);
                return null;
            }
        }

        string hex = text.Trim();
        if (hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            hex = hex[2..];
        }

        byte[] secret;
        try
        {
            secret = Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            error = Messages.Format("CalibrateSecretInvalid", source);
            return null;
        }

        if (secret.Length < 16)
        {
            error = Messages.Format("CalibrateSecretInvalid", source);
            return null;
        }

        return secret;
    }
}

/// <summary>Thrown when a typed reference value cannot be used.</summary>
internal sealed class OperatorInputException(string message) : Exception(message);

/// <summary>Operator, instrument and the source of reference values for one procedure run.</summary>
internal sealed class CalibrationContext(string operatorName, string instrument, CalibrationReferenceFile? referenceFile)
{
    public string OperatorName { get; } = operatorName;

    public string Instrument { get; } = instrument;

    public CalibrationReferenceFile? ReferenceFile { get; } = referenceFile;

    /// <summary>
    /// Returns point <paramref name="index"/>: from the reference file, or with <paramref name="defaultSource"/> and
    /// a meter reading that the operator types (Enter keeps the source value).
    /// </summary>
    public ReferencePoint GetPoint(int index, double defaultSource, string setSourceMessage, string meterPromptName)
    {
        ReferencePoint point = ReferenceFile?.Points[index] ?? new ReferencePoint(defaultSource, null, null);
        Console.WriteLine(Messages.Format(setSourceMessage, point.Source));

        // One line per point: an operator presses Enter once the source is set, and a rig script writes a line.
        string? line = Console.ReadLine();
        if (ReferenceFile is not null)
        {
            return point;
        }

        Console.WriteLine(Messages.Format(meterPromptName, point.Source));
        line = Console.ReadLine();
        if (string.IsNullOrWhiteSpace(line))
        {
            return point;
        }

        if (!double.TryParse(line.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double meter) || !double.IsFinite(meter))
        {
            throw new OperatorInputException(Messages.Format("CalibrateInvalidReading", line.Trim()));
        }

        return point with { Meter = meter };
    }

    /// <summary>Prints the instruction <paramref name="messageName"/> and waits for one line: Enter from an operator or a rig script.</summary>
    public static void WaitForOperator(string messageName)
    {
        Console.WriteLine(Messages.Get(messageName));
        Console.ReadLine();
    }

    /// <summary>Current UTC time in seconds since 1970-01-01, for the metadata.</summary>
    public static long UnixSecondsNow() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}

/// <summary>Options that every <c>ctl calibrate</c> procedure takes.</summary>
internal sealed class CalibrationOptions
{
    public DtcConnectionOptions Connection { get; } = new();

    public Option<string> ReferenceFile { get; } = new("--reference-file")
    {
        Description = Messages.Get("CalibrateReferenceFileDescription"),
        HelpName = "PATH",
    };

    public Option<string> Operator { get; } = new("--operator")
    {
        Description = Messages.Get("CalibrateOperatorDescription"),
        HelpName = "NAME",
    };

    public Option<string> Instrument { get; } = new("--instrument")
    {
        Description = Messages.Get("CalibrateInstrumentDescription"),
        HelpName = "ID",
    };

    public Option<string> SecretFile { get; } = new("--secret-file")
    {
        Description = Messages.Format("CalibrateSecretFileDescription", CalibrateCommand.SecretVariable),
        HelpName = "PATH",
    };

    public void AddTo(Command command)
    {
        Connection.AddTo(command);
        command.Options.Add(ReferenceFile);
        command.Options.Add(Operator);
        command.Options.Add(Instrument);
        command.Options.Add(SecretFile);
    }
}

using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using Controllers.Can.Diagnostics;
using Spectre.Console;

namespace Controllers.Cli;

/// <summary>
/// <c>ctl params get|set|export|import</c>: the parameter database of an ECU over UDS. The database
/// descriptor (DID 0x3FFF) gives names, units and limits, so the tool contains no board's parameter list.
/// Writes use the extended session and SecurityAccess level 0x01, then routine 0x0300 saves.
/// </summary>
internal static class ParamsCommand
{
    private const byte ReadDataByIdentifier = 0x22;
    private const byte ExtendedSession = 0x03;
    private const byte ParameterSecurityLevel = 0x01;
    private const ushort SaveRoutine = 0x0300;

    /// <summary>Builds the <c>params</c> command group. Each subcommand lives in its own Params*Command.cs file.</summary>
    public static Command Create()
    {
        return new Command("params", Messages.Get("ParamsDescription"))
        {
            ParamsGetCommand.Create(),
            ParamsSetCommand.Create(),
            ParamsExportCommand.Create(),
            ParamsImportCommand.Create(),
        };
    }

    /// <summary>Option with the file that contains the SecurityAccess secret.</summary>
    public static Option<FileInfo> CreateKeyFileOption() => new("--key-file")
    {
        Description = Messages.Get("ParamsKeyFileDescription"),
        HelpName = "FILE",
    };

    /// <summary>
    /// Connects with the <c>ctl dtc</c> connection options and runs <paramref name="action"/>. A negative response
    /// is reported with the service that received it.
    /// </summary>
    public static int Run(ParseResult parseResult, DtcConnectionOptions connection, Func<UdsClient, int> action)
    {
        return DtcCommand.Run(parseResult, connection, ReadDataByIdentifier, client =>
        {
            try
            {
                return action(client);
            }
            catch (UdsNegativeResponseException error)
            {
                return CliOutput.Failure(Messages.Format("DtcNegativeResponse", UdsNames.ServiceName(error.ServiceId), error.ServiceId, error.ResponseCode, error.ResponseCodeName));
            }
        });
    }

    /// <summary>Reads the secret from <paramref name="file"/>: hex digits, whitespace ignored, at least 16 bytes.</summary>
    public static bool TryReadSecret(FileInfo? file, out byte[] secret, out int exitCode)
    {
        secret = [];
        exitCode = ExitCodes.Success;
        if (file is null)
        {
            exitCode = CliOutput.InvalidInput(Messages.Get("ParamsKeyFileMissing"));
            return false;
        }

        try
        {
            string text = string.Concat(File.ReadAllText(file.FullName).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            secret = Convert.FromHexString(text);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException)
        {
            exitCode = CliOutput.InvalidInput(Messages.Format("ParamsKeyFileInvalid", file.FullName, error.Message));
            return false;
        }

        if (secret.Length < 16)
        {
            exitCode = CliOutput.InvalidInput(Messages.Format("ParamsKeyFileInvalid", file.FullName, Messages.Format("ParamsKeyFileTooShort", secret.Length)));
            return false;
        }

        return true;
    }

    /// <summary>Reads and parses the parameter database descriptor.</summary>
    public static IReadOnlyList<ParameterDescriptor> ReadDatabase(UdsClient client)
    {
        byte[] data = client.ReadDataByIdentifier(ParameterDescriptor.DescriptorIdentifier);
        try
        {
            return ParameterDescriptor.ParseDatabase(data);
        }
        catch (InvalidDataException error)
        {
            throw new InvalidDataException(Messages.Format("ParamsDescriptorInvalid", error.Message), error);
        }
    }

    /// <summary>Reads the current value bits of <paramref name="parameter"/>.</summary>
    public static uint ReadValue(UdsClient client, ParameterDescriptor parameter)
    {
        byte[] data = client.ReadDataByIdentifier(parameter.ValueIdentifier);
        if (data.Length != 4)
        {
            throw new InvalidDataException(Messages.Format("ParamsValueLength", parameter.Name, data.Length));
        }

        return BinaryPrimitives.ReadUInt32BigEndian(data);
    }

    /// <summary>Writes the value bits of <paramref name="parameter"/> (live in the ECU's RAM until saved).</summary>
    public static void WriteValue(UdsClient client, ParameterDescriptor parameter, uint bits)
    {
        Span<byte> data = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(data, bits);
        client.WriteDataByIdentifier(parameter.ValueIdentifier, data);
    }

    /// <summary>Enters the extended session and unlocks SecurityAccess level 0x01.</summary>
    public static void Unlock(UdsClient client, byte[] secret)
    {
        client.DiagnosticSessionControl(ExtendedSession);
        client.SecurityAccess(ParameterSecurityLevel, secret);
    }

    /// <summary>Runs routine 0x0300 and returns the record sequence number it reports.</summary>
    public static uint Save(UdsClient client)
    {
        byte[] status = client.RoutineControl(RoutineControlType.StartRoutine, SaveRoutine);
        return status.Length >= 4 ? BinaryPrimitives.ReadUInt32BigEndian(status) : 0;
    }

    /// <summary>Returns the bilingual out-of-range message, or null when <paramref name="bits"/> is within the limits.</summary>
    public static string? CheckRange(ParameterDescriptor parameter, uint bits)
    {
        if (parameter.IsInRange(bits))
        {
            return null;
        }

        return Messages.Format("ParamsOutOfRange", parameter.Name, parameter.Format(bits), parameter.Unit, parameter.Format(parameter.MinimumBits), parameter.Format(parameter.MaximumBits));
    }

    /// <summary>Prints the parameters with their values as a table.</summary>
    public static void PrintTable(IReadOnlyList<ParameterDescriptor> parameters, IReadOnlyList<uint> values)
    {
        var table = new Table();
        table.AddColumn(Messages.Get("ParamsColumnId"));
        table.AddColumn(Messages.Get("ParamsColumnName"));
        table.AddColumn(new TableColumn(Messages.Get("ParamsColumnValue")).RightAligned());
        table.AddColumn(Messages.Get("ParamsColumnUnit"));
        table.AddColumn(new TableColumn(Messages.Get("ParamsColumnMinimum")).RightAligned());
        table.AddColumn(new TableColumn(Messages.Get("ParamsColumnMaximum")).RightAligned());
        table.AddColumn(new TableColumn(Messages.Get("ParamsColumnDefault")).RightAligned());
        for (int i = 0; i < parameters.Count; i++)
        {
            ParameterDescriptor parameter = parameters[i];
            table.AddRow(
                parameter.IdText,
                Markup.Escape(parameter.Name),
                parameter.Format(values[i]),
                Markup.Escape(parameter.Unit),
                parameter.Format(parameter.MinimumBits),
                parameter.Format(parameter.MaximumBits),
                parameter.Format(parameter.DefaultBits));
        }

        AnsiConsole.Write(table);
    }

    /// <summary>Formats a sequence number for messages.</summary>
    public static string SequenceText(uint sequence) => sequence.ToString(CultureInfo.InvariantCulture);
}

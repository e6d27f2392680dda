using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using Controllers.Can.Diagnostics;
using Spectre.Console;

namespace Controllers.Cli;

/// <summary>
/// <c>ctl params import FILE.json --key-file FILE</c>: checks every value of the file against the ECU's
/// database before writing any, writes them, saves with routine 0x0300 and reads every value back. When the
/// ECU rejects a write or the save, the values written before are written back and nothing is saved.
/// </summary>
internal static class ParamsImportCommand
{
    public static Command Create()
    {
        var connection = new DtcConnectionOptions();
        var keyFile = ParamsCommand.CreateKeyFileOption();
        var fileArgument = new Argument<FileInfo>("file") { Description = Messages.Get("ParamsFileArgument") };

        var import = new Command("import", Messages.Get("ParamsImportDescription"));
        connection.AddTo(import);
        import.Options.Add(keyFile);
        import.Arguments.Add(fileArgument);
        import.SetAction(parseResult =>
        {
            if (!ParamsCommand.TryReadSecret(parseResult.GetValue(keyFile), out byte[] secret, out int exitCode))
            {
                return exitCode;
            }

            FileInfo file = parseResult.GetRequiredValue(fileArgument);
            IReadOnlyList<ParameterFileEntry> entries;
            try
            {
                entries = ParameterFile.Read(file.FullName);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                return CliOutput.InvalidInput(Messages.Format("ParamsFileInvalid", file.FullName, error.Message));
            }

            return ParamsCommand.Run(parseResult, connection, client => Import(client, secret, file.FullName, entries));
        });
        return import;
    }

    private static int Import(UdsClient client, byte[] secret, string path, IReadOnlyList<ParameterFileEntry> entries)
    {
        IReadOnlyList<ParameterDescriptor> database = ParamsCommand.ReadDatabase(client);

        // Every value is checked before the first write, so a bad file changes nothing on the ECU.
        var targets = new List<(ParameterDescriptor Parameter, uint Bits)>();
        foreach (ParameterFileEntry entry in entries)
        {
            string idText = "0x" + entry.Id.ToString("X4");
            ParameterDescriptor? parameter = ParameterDescriptor.Find(database, idText);
            if (parameter is null)
            {
                return CliOutput.InvalidInput(Messages.Format("ParamsFileInvalid", path, Messages.Format("ParamsUnknown", idText)));
            }

            if (entry.Name is not null && entry.Name != parameter.Name)
            {
                return CliOutput.InvalidInput(Messages.Format("ParamsFileInvalid", path, Messages.Format("ParamsNameMismatch", idText, parameter.Name, entry.Name)));
            }

            if (!ParameterFile.TryConvert(parameter, entry.Value, out uint bits))
            {
                return CliOutput.InvalidInput(Messages.Format("ParamsFileInvalid", path, Messages.Format("ParamsValueInvalid", entry.Value.GetRawText(), parameter.Name, parameter.ExpectedInput)));
            }

            string? rangeError = ParamsCommand.CheckRange(parameter, bits);
            if (rangeError is not null)
            {
                return CliOutput.InvalidInput(Messages.Format("ParamsFileInvalid", path, rangeError));
            }

            targets.Add((parameter, bits));
        }

        var previous = new List<uint>();
        foreach (var target in targets)
        {
            previous.Add(ParamsCommand.ReadValue(client, target.Parameter));
        }

        ParamsCommand.Unlock(client, secret);
        for (int i = 0; i < targets.Count; i++)
        {
            try
            {
                ParamsCommand.WriteValue(client, targets[i].Parameter, targets[i].Bits);
            }
            catch (UdsNegativeResponseException)
            {
                for (int j = i - 1; j >= 0; j--)
                {
                    ParamsCommand.WriteValue(client, targets[j].Parameter, previous[j]);
                }

                AnsiConsole.WriteLine(Messages.Format("ParamsImportRolledBack", targets[i].Parameter.Name));
                throw;
            }
        }

        uint sequence;
        try
        {
            sequence = ParamsCommand.Save(client);
        }
        catch (UdsNegativeResponseException)
        {
            // The ECU refused to save (conditionsNotCorrect for values that break a rule between parameters),
            // so the written values are taken back and RAM matches the saved record again.
            for (int j = targets.Count - 1; j >= 0; j--)
            {
                ParamsCommand.WriteValue(client, targets[j].Parameter, previous[j]);
            }

            AnsiConsole.WriteLine(Messages.Get("ParamsImportSaveRefused"));
            throw;
        }

        foreach (var target in targets)
        {
            uint readBack = ParamsCommand.ReadValue(client, target.Parameter);
            if (readBack != target.Bits)
            {
                return CliOutput.Failure(Messages.Format("ParamsVerifyFailed", target.Parameter.Name, target.Parameter.Format(readBack), target.Parameter.Format(target.Bits)));
            }
        }

        AnsiConsole.WriteLine(Messages.Format("ParamsImported", targets.Count, ParamsCommand.SequenceText(sequence)));
        return ExitCodes.Success;
    }
}

using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using Controllers.Can.Diagnostics;
using Spectre.Console;

namespace Controllers.Cli;

/// <summary>
/// <c>ctl params set ID|NAME VALUE --key-file FILE</c>: checks the value against the ECU's limits, writes it,
/// saves the parameters with routine 0x0300 and reads the value back.
/// </summary>
internal static class ParamsSetCommand
{
    public static Command Create()
    {
        var connection = new DtcConnectionOptions();
        var keyFile = ParamsCommand.CreateKeyFileOption();
        var parameterArgument = new Argument<string>("parameter") { Description = Messages.Get("ParamsParameterArgument") };
        var valueArgument = new Argument<string>("value") { Description = Messages.Get("ParamsValueArgument") };

        var set = new Command("set", Messages.Get("ParamsSetDescription"));
        connection.AddTo(set);
        set.Options.Add(keyFile);
        set.Arguments.Add(parameterArgument);
        set.Arguments.Add(valueArgument);
        set.SetAction(parseResult =>
        {
            if (!ParamsCommand.TryReadSecret(parseResult.GetValue(keyFile), out byte[] secret, out int exitCode))
            {
                return exitCode;
            }

            string key = parseResult.GetRequiredValue(parameterArgument);
            string valueText = parseResult.GetRequiredValue(valueArgument);
            return ParamsCommand.Run(parseResult, connection, client => Set(client, secret, key, valueText));
        });
        return set;
    }

    private static int Set(UdsClient client, byte[] secret, string key, string valueText)
    {
        IReadOnlyList<ParameterDescriptor> database = ParamsCommand.ReadDatabase(client);
        ParameterDescriptor? parameter = ParameterDescriptor.Find(database, key);
        if (parameter is null)
        {
            return CliOutput.InvalidInput(Messages.Format("ParamsUnknown", key));
        }

        if (!parameter.TryParse(valueText, out uint bits))
        {
            return CliOutput.InvalidInput(Messages.Format("ParamsValueInvalid", valueText, parameter.Name, parameter.ExpectedInput));
        }

        string? rangeError = ParamsCommand.CheckRange(parameter, bits);
        if (rangeError is not null)
        {
            return CliOutput.InvalidInput(rangeError);
        }

        ParamsCommand.Unlock(client, secret);
        ParamsCommand.WriteValue(client, parameter, bits);
        uint sequence = ParamsCommand.Save(client);
        uint readBack = ParamsCommand.ReadValue(client, parameter);
        if (readBack != bits)
        {
            return CliOutput.Failure(Messages.Format("ParamsVerifyFailed", parameter.Name, parameter.Format(readBack), parameter.Format(bits)));
        }

        AnsiConsole.WriteLine(Messages.Format("ParamsWritten", parameter.Name, parameter.Format(bits), parameter.Unit, ParamsCommand.SequenceText(sequence)));
        return ExitCodes.Success;
    }
}

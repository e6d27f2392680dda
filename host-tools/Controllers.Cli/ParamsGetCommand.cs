using System.Collections.Generic;
using System.CommandLine;
using Controllers.Can.Diagnostics;

namespace Controllers.Cli;

/// <summary><c>ctl params get [ID|NAME]</c>: one parameter, or every parameter when none is named, as a table.</summary>
internal static class ParamsGetCommand
{
    public static Command Create()
    {
        var connection = new DtcConnectionOptions();
        var parameterArgument = new Argument<string?>("parameter")
        {
            Description = Messages.Get("ParamsParameterArgument"),
            Arity = ArgumentArity.ZeroOrOne,
        };

        var get = new Command("get", Messages.Get("ParamsGetDescription"));
        connection.AddTo(get);
        get.Arguments.Add(parameterArgument);
        get.SetAction(parseResult =>
        {
            string? key = parseResult.GetValue(parameterArgument);
            return ParamsCommand.Run(parseResult, connection, client => Get(client, key));
        });
        return get;
    }

    private static int Get(UdsClient client, string? key)
    {
        IReadOnlyList<ParameterDescriptor> database = ParamsCommand.ReadDatabase(client);
        var selected = new List<ParameterDescriptor>();
        if (key is null)
        {
            selected.AddRange(database);
        }
        else
        {
            ParameterDescriptor? parameter = ParameterDescriptor.Find(database, key);
            if (parameter is null)
            {
                return CliOutput.InvalidInput(Messages.Format("ParamsUnknown", key));
            }

            selected.Add(parameter);
        }

        var values = new List<uint>();
        foreach (ParameterDescriptor parameter in selected)
        {
            values.Add(ParamsCommand.ReadValue(client, parameter));
        }

        ParamsCommand.PrintTable(selected, values);
        return ExitCodes.Success;
    }
}

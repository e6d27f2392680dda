using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using Controllers.Can.Diagnostics;
using Spectre.Console;

namespace Controllers.Cli;

/// <summary><c>ctl params export FILE.json</c>: every parameter with its value, unit and limits, written atomically.</summary>
internal static class ParamsExportCommand
{
    public static Command Create()
    {
        var connection = new DtcConnectionOptions();
        var fileArgument = new Argument<FileInfo>("file") { Description = Messages.Get("ParamsFileArgument") };

        var export = new Command("export", Messages.Get("ParamsExportDescription"));
        connection.AddTo(export);
        export.Arguments.Add(fileArgument);
        export.SetAction(parseResult =>
        {
            FileInfo file = parseResult.GetRequiredValue(fileArgument);
            return ParamsCommand.Run(parseResult, connection, client => Export(client, file));
        });
        return export;
    }

    private static int Export(UdsClient client, FileInfo file)
    {
        IReadOnlyList<ParameterDescriptor> database = ParamsCommand.ReadDatabase(client);
        var values = new List<uint>();
        foreach (ParameterDescriptor parameter in database)
        {
            values.Add(ParamsCommand.ReadValue(client, parameter));
        }

        try
        {
            ParameterFile.Write(file.FullName, database, values);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return CliOutput.Failure(Messages.Format("ParamsExportFailed", file.FullName, error.Message));
        }

        AnsiConsole.WriteLine(Messages.Format("ParamsExported", database.Count, file.FullName));
        return ExitCodes.Success;
    }
}

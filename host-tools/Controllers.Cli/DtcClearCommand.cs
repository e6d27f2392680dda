using System.CommandLine;
using Controllers.Can.Diagnostics;
using Spectre.Console;

namespace Controllers.Cli;

/// <summary><c>ctl dtc clear --socketcand HOST:PORT | --socketcan INTERFACE [--group FFFFFF]</c></summary>
internal static class DtcClearCommand
{
    private const byte ClearDiagnosticInformation = 0x14;

    public static Command Create()
    {
        var connection = new DtcConnectionOptions();
        var groupOption = new Option<string>("--group")
        {
            Description = Messages.Get("DtcGroupDescription"),
            HelpName = "GROUP",
            DefaultValueFactory = _ => "0xFFFFFF",
        };

        var clear = new Command("clear", Messages.Get("DtcClearDescription"));
        connection.AddTo(clear);
        clear.Options.Add(groupOption);
        clear.SetAction(parseResult =>
        {
            string groupText = parseResult.GetRequiredValue(groupOption);
            if (!DtcCommand.TryParseHex(groupText, 0xFFFFFF, out uint group))
            {
                return CliOutput.InvalidInput(Messages.Format("DtcInvalidGroup", groupText));
            }

            return DtcCommand.Run(parseResult, connection, ClearDiagnosticInformation, client => Clear(client, group));
        });
        return clear;
    }

    private static int Clear(UdsClient client, uint group)
    {
        client.ClearDiagnosticInformation(group);
        AnsiConsole.WriteLine(Messages.Format("DtcCleared", group));
        return ExitCodes.Success;
    }
}

using System.CommandLine;

namespace Controllers.Cli;

/// <summary><c>ctl log convert|decode|record|replay</c>: commands that work on CAN logs.</summary>
internal static class LogCommand
{
    /// <summary>Builds the <c>log</c> command group. Each subcommand lives in its own Log*Command.cs file.</summary>
    public static Command Create()
    {
        return new Command("log", Messages.Get("LogDescription"))
        {
            LogConvertCommand.Create(),
            LogDecodeCommand.Create(),
            LogRecordCommand.Create(),
            LogReplayCommand.Create(),
        };
    }

    /// <summary>Creates a <c>--format candump|asc</c> style option whose help names the two formats.</summary>
    public static Option<string> CreateFormatOption(string name, string descriptionName)
    {
        return new Option<string>(name)
        {
            Description = Messages.Get(descriptionName),
            HelpName = "candump|asc",
        };
    }
}

using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace Controllers.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        // The language must be set before the command tree is built, because descriptions are read then.
        string? unsupportedLanguage = LanguageSelection.Apply(args);
        CliOutput.ConfigureConsole();
        if (unsupportedLanguage != null)
        {
            // Checked before parsing because --help would otherwise hide the error.
            return CliOutput.InvalidInput(Messages.Format("UnsupportedLanguage", unsupportedLanguage));
        }

        var root = new RootCommand(Messages.Get("RootDescription"))
        {
            LanguageSelection.CreateOption(),
            HilRunCommand.Create(),
            CellFitCommand.Create(),
            DbcCommand.Create(),
            DtcCommand.Create(),
            ParamsCommand.Create(),
            FlashCommand.Create(),
            ImageCommand.Create(),
            LogCommand.Create(),
            MonitorCommand.Create(),
            CalibrateCommand.Create(),
            SimCommand.Create(),
        };

        HelpText.Localize(root);
        var parseResult = root.Parse(args);
        if (parseResult.Action is ParseErrorAction)
        {
            foreach (var error in parseResult.Errors)
            {
                Console.Error.WriteLine(Messages.Format("ParseError", ParseErrorText.Rewrite(error.Message)));
            }

            Console.Error.WriteLine(Messages.Format("SeeHelp", CommandPath(parseResult.CommandResult)));
            return ExitCodes.InvalidInput;
        }

        if (parseResult.Action is HelpAction)
        {
            return HelpText.Print(parseResult);
        }

        return parseResult.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    /// <summary>Returns the words that invoke the command the parser stopped in, for example "ctl hil run".</summary>
    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? current = result; current is CommandResult command; current = command.Parent)
        {
            names.Insert(0, command.Command.Name);
        }

        return string.Join(" ", names);
    }
}

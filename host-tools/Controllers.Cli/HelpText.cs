using System;
using System.CommandLine;
using System.CommandLine.Help;
using System.IO;

namespace Controllers.Cli;

/// <summary>
/// Fills two gaps in the Simplified Chinese resources of System.CommandLine 2.0.0: the help option's
/// description and the "Description:" heading of the help output are English there.
/// </summary>
internal static class HelpText
{
    private const string EnglishDescriptionHeading = "Description:";

    /// <summary>Sets the help option's description from this tool's resources.</summary>
    public static void Localize(RootCommand root)
    {
        foreach (var option in root.Options)
        {
            if (option is HelpOption)
            {
                option.Description = Messages.Get("HelpOptionDescription");
            }
        }
    }

    /// <summary>Writes the help for the parsed command with the "Description:" heading localized.</summary>
    public static int Print(ParseResult parseResult)
    {
        using var help = new StringWriter();
        int exitCode = parseResult.Invoke(new InvocationConfiguration { Output = help });
        string[] lines = help.ToString().Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd('\r') == EnglishDescriptionHeading)
            {
                lines[i] = Messages.Get("HelpDescriptionHeading");
            }
        }

        Console.Out.Write(string.Join('\n', lines));
        return exitCode;
    }
}

using System;
using System.CommandLine;
using System.CommandLine.Help;
using System.IO;

namespace Controllers.Cli;

/// <summary>
/// Fills gaps in the Simplified Chinese resources of System.CommandLine 2.0.0. The help option's description,
/// the "Description:" heading, the "(REQUIRED)" label and the "[options]" and "[command]" usage words are
/// English there.
/// </summary>
internal static class HelpText
{
    private const string EnglishDescriptionHeading = "Description:";
    private const string EnglishRequiredLabel = " (REQUIRED)";

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

    /// <summary>Writes the help for the parsed command with the English parts that 2.0.0 leaves localized.</summary>
    public static int Print(ParseResult parseResult)
    {
        using var help = new StringWriter();
        int exitCode = parseResult.Invoke(new InvocationConfiguration { Output = help });
        string[] lines = help.ToString().Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line == EnglishDescriptionHeading)
            {
                lines[i] = Messages.Get("HelpDescriptionHeading");
            }
            else if (line.StartsWith("  ctl", StringComparison.Ordinal))
            {
                lines[i] = lines[i].Replace("[options]", Messages.Get("HelpUsageOptions"), StringComparison.Ordinal)
                    .Replace("[command]", Messages.Get("HelpUsageCommand"), StringComparison.Ordinal);
            }
            else if (line.Contains(EnglishRequiredLabel, StringComparison.Ordinal))
            {
                lines[i] = ReplaceKeepingColumns(lines[i], EnglishRequiredLabel, " " + Messages.Get("HelpRequiredLabel"));
            }
        }

        Console.Out.Write(string.Join('\n', lines));
        return exitCode;
    }

    /// <summary>
    /// Replaces the first <paramref name="oldText"/> in <paramref name="line"/> and pads or trims the spaces
    /// after it so that the description column stays aligned. CJK characters take two terminal columns.
    /// </summary>
    private static string ReplaceKeepingColumns(string line, string oldText, string newText)
    {
        int start = line.IndexOf(oldText, StringComparison.Ordinal);
        int end = start + oldText.Length;
        int widthChange = DisplayWidth(newText) - oldText.Length;
        int spaces = 0;
        while (end + spaces < line.Length && line[end + spaces] == ' ')
        {
            spaces++;
        }

        // Keep at least two spaces before the description, as System.CommandLine does.
        int newSpaces = Math.Max(2, spaces - widthChange);
        return line[..start] + newText + new string(' ', newSpaces) + line[(end + spaces)..];
    }

    private static int DisplayWidth(string text)
    {
        int width = 0;
        foreach (char character in text)
        {
            width += character >= '\u2E80' ? 2 : 1;
        }

        return width;
    }
}

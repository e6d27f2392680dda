using System.CommandLine;
using System.Resources;
using System.Text.RegularExpressions;

namespace Controllers.Cli;

/// <summary>
/// Rewrites System.CommandLine 2.0.0 parse error messages with this tool's resources. In 2.0.0 several of its
/// Simplified Chinese texts are English ("Option '--drive' is required.") or have doubled punctuation
/// ("未提供必需的命令。." and "“'--junt'”").
/// </summary>
internal static class ParseErrorText
{
    /// <summary>Library resource names and the resource of this tool that replaces each.</summary>
    private static readonly (string Library, string Replacement)[] Replacements =
    [
        ("RequiredOptionWasNotProvided", "ParseRequiredOption"),
        ("RequiredCommandWasNotProvided", "ParseRequiredCommand"),
        ("UnrecognizedCommandOrArgument", "ParseUnrecognizedToken"),
        ("CommandRequiredArgumentMissing", "ParseCommandArgumentMissing"),
        ("OptionRequiredArgumentMissing", "ParseOptionValueMissing"),
        ("OptionExpectsOneArgument", "ParseOptionTakesOneValue"),
        ("UnrecognizedArgument", "ParseValueNotAllowed"),
        ("ResponseFileNotFound", "ParseResponseFileNotFound"),
        ("ErrorReadingResponseFile", "ParseResponseFileUnreadable"),
    ];

    private static readonly ResourceManager LibraryResources =
        new("System.CommandLine.Properties.Resources", typeof(RootCommand).Assembly);

    private static readonly Regex Placeholder = new(@"\\\{(?<index>\d)}");

    /// <summary>
    /// Returns <paramref name="message"/> in this tool's wording when it matches a known library text in the
    /// current UI culture, and otherwise the message with the known punctuation defects removed.
    /// </summary>
    public static string Rewrite(string message)
    {
        foreach (var (library, replacement) in Replacements)
        {
            string? template = LibraryResources.GetString(library, System.Globalization.CultureInfo.CurrentUICulture);
            if (template == null)
            {
                continue;
            }

            var match = TemplatePattern(template).Match(message);
            if (match.Success)
            {
                var arguments = new object[match.Groups.Count - 1];
                for (int i = 0; i < arguments.Length; i++)
                {
                    arguments[i] = match.Groups["a" + i].Value.Trim();
                }

                return Messages.Format(replacement, arguments);
            }
        }

        return CleanPunctuation(message);
    }

    /// <summary>Builds a regular expression that matches a composite format string such as "Option '{0}' is required.".</summary>
    private static Regex TemplatePattern(string template)
    {
        string pattern = Placeholder.Replace(Regex.Escape(template), match => "(?<a" + match.Groups["index"].Value + ">.*?)");
        return new Regex("^" + pattern + "$", RegexOptions.Singleline);
    }

    private static string CleanPunctuation(string message) => message
        .Replace("“'", "“").Replace("'”", "”")
        .Replace("。.", "。").Replace("”.", "”。");
}

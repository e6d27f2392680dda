using System;
using System.CommandLine;
using System.Globalization;

namespace Controllers.Cli;

/// <summary>
/// The global <c>--lang en|zh-CN</c> option. It is read from the raw arguments before the command tree is
/// built, so that help text, System.CommandLine's own messages and the reports all use the chosen language.
/// Without the option, any Chinese UI culture selects Simplified Chinese and every other culture English.
/// </summary>
internal static class LanguageSelection
{
    private const string OptionName = "--lang";
    private static readonly string[] Languages = ["en", "zh-CN"];

    public static Option<string> CreateOption()
    {
        var option = new Option<string>(OptionName)
        {
            Description = Messages.Get("LanguageOptionDescription"),
            HelpName = "en|zh-CN",
            Recursive = true,
        };
        option.AcceptOnlyFromAmong(Languages);
        return option;
    }

    /// <summary>
    /// Sets the UI and formatting culture from <c>--lang</c> in <paramref name="args"/>, or from the system UI
    /// culture without it. Returns the unsupported value given to <c>--lang</c>, or null. An unsupported value
    /// leaves the system language selected, so that the caller reports the error in that language.
    /// </summary>
    public static string? Apply(string[] args)
    {
        string? requested = FindLanguage(args);
        bool supported = requested != null && Array.IndexOf(Languages, requested) >= 0;
        string language = supported ? requested! : DefaultLanguage(CultureInfo.CurrentUICulture);
        var culture = CultureInfo.GetCultureInfo(language);
        CultureInfo.DefaultThreadCurrentCulture = culture;
        CultureInfo.DefaultThreadCurrentUICulture = culture;
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        return supported ? null : requested;
    }

    private static string? FindLanguage(string[] args)
    {
        for (int i = 0; i < args.Length; i++)
        {
            string value;
            if (args[i] == "--")
            {
                break;
            }

            if (args[i] == OptionName && i + 1 < args.Length)
            {
                value = args[i + 1];
            }
            else if (args[i].StartsWith(OptionName + "=", StringComparison.Ordinal) ||
                     args[i].StartsWith(OptionName + ":", StringComparison.Ordinal))
            {
                value = args[i][(OptionName.Length + 1)..];
            }
            else
            {
                continue;
            }

            return value;
        }

        return null;
    }

    private static string DefaultLanguage(CultureInfo culture) =>
        culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh-CN" : "en";
}

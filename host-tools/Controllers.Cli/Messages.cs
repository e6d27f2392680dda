using System.Globalization;
using System.Resources;

namespace Controllers.Cli;

/// <summary>Looks up help text and messages of the ctl command in the current UI culture (English or Simplified Chinese).</summary>
internal static class Messages
{
    private static readonly ResourceManager Resources =
        new("Controllers.Cli.Resources.Messages", typeof(Messages).Assembly);

    public static string Get(string name) =>
        Resources.GetString(name, CultureInfo.CurrentUICulture) ?? name;

    public static string Format(string name, params object?[] arguments) =>
        string.Format(CultureInfo.CurrentCulture, Get(name), arguments);
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace Controllers.Cli.Tests;

/// <summary>
/// Checks every English and Simplified Chinese message catalogue pair in the repository: unique names, the same
/// names in both languages, and the same placeholders, so a message cannot fall back to English or lose a value.
/// </summary>
public sealed class MessageCatalogTests
{
    public static TheoryData<string> Catalogues()
    {
        var data = new TheoryData<string>();
        string root = RepositoryRoot();
        foreach (string path in Directory.EnumerateFiles(root, "Messages.resx", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(root, path);
            if (!relative.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") &&
                !relative.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            {
                data.Add(relative);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Catalogues))]
    public void Catalogue_NamesAreUnique(string catalogue)
    {
        foreach (string path in new[] { catalogue, ChinesePath(catalogue) })
        {
            var duplicates = Names(path).GroupBy(name => name).Where(group => group.Count() > 1).Select(group => group.Key).ToList();

            Assert.True(duplicates.Count == 0, path + " repeats " + string.Join(", ", duplicates));
        }
    }

    [Theory]
    [MemberData(nameof(Catalogues))]
    public void Catalogue_ChineseHasEveryName(string catalogue)
    {
        var english = Names(catalogue).ToHashSet(StringComparer.Ordinal);
        var chinese = Names(ChinesePath(catalogue)).ToHashSet(StringComparer.Ordinal);

        Assert.True(english.SetEquals(chinese),
            "only in English: " + string.Join(", ", english.Except(chinese)) + "; only in Chinese: " + string.Join(", ", chinese.Except(english)));
    }

    [Theory]
    [MemberData(nameof(Catalogues))]
    public void Catalogue_PlaceholdersMatch(string catalogue)
    {
        var english = Values(catalogue);
        var chinese = Values(ChinesePath(catalogue));
        var mismatched = new List<string>();
        foreach (var (name, text) in english)
        {
            if (chinese.TryGetValue(name, out string? translated) && Placeholders(text) != Placeholders(translated))
            {
                mismatched.Add(name);
            }
        }

        Assert.True(mismatched.Count == 0, "placeholders differ in " + string.Join(", ", mismatched));
    }

    private static string ChinesePath(string catalogue) => Path.Combine(RepositoryRoot(), Path.ChangeExtension(catalogue, null) + ".zh-Hans.resx");

    private static IEnumerable<string> Names(string path) =>
        XDocument.Load(Path.Combine(RepositoryRoot(), path)).Root!.Elements("data").Select(data => (string)data.Attribute("name")!);

    private static Dictionary<string, string> Values(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var data in XDocument.Load(Path.Combine(RepositoryRoot(), path)).Root!.Elements("data"))
        {
            values[(string)data.Attribute("name")!] = (string?)data.Element("value") ?? "";
        }

        return values;
    }

    // The sorted set of composite-format indexes, e.g. "0,1,2" for "{0} … {2:F1} … {1}".
    private static string Placeholders(string text) =>
        string.Join(",", Regex.Matches(text, @"\{(\d+)(?:[,:][^}]*)?\}").Select(match => int.Parse(match.Groups[1].Value)).Distinct().Order());

    private static string RepositoryRoot() => RepositoryDataTests.RepositoryRoot();
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Controllers.Simulation.Data;

/// <summary>
/// Typed access to a YAML document that reports every problem as a <see cref="DataFileException"/>
/// with the file, line and field, so a user can fix a suite, board or cell file without guessing.
/// Keys are matched exactly; unknown keys are rejected so a misspelt option is not silently ignored.
/// </summary>
public sealed class YamlFile
{
    private YamlFile(string path, YamlMappingNode root)
    {
        FilePath = path;
        Root = root;
    }

    public string FilePath { get; }

    public YamlMappingNode Root { get; }

    /// <summary>Folder of the file, for resolving relative paths inside it.</summary>
    public string Directory => Path.GetDirectoryName(Path.GetFullPath(FilePath)) ?? ".";

    /// <summary>Parses a file whose top level is a mapping.</summary>
    public static YamlFile Load(string path)
    {
        if (System.IO.Directory.Exists(path))
        {
            throw new DataFileException(path, 0, "-", Messages.Get("PathIsFolder"));
        }

        if (!File.Exists(path))
        {
            throw new DataFileException(path, 0, "-", Messages.Get("FileNotFound"));
        }

        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException error)
        {
            throw new DataFileException(path, (int)error.Start.Line, "-",
                Messages.Format("YamlSyntax", error.InnerException?.Message ?? error.Message), error);
        }
        catch (InvalidOperationException error)
        {
            // YamlDotNet 18 raises this, without a position, for some unterminated flow collections.
            throw new DataFileException(path, 0, "-", Messages.Format("YamlSyntax", error.Message), error);
        }
        catch (IOException error)
        {
            throw new DataFileException(path, 0, "-", Messages.Format("ReadFailed", error.Message), error);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new DataFileException(path, 1, "-", Messages.Get("YamlNotMapping"));
        }

        if (stream.Documents.Count > 1)
        {
            // A second document after '---' would otherwise be ignored without a word.
            throw new DataFileException(path, (int)stream.Documents[1].RootNode.Start.Line, "-", Messages.Get("YamlMultipleDocuments"));
        }

        return new YamlFile(path, root);
    }

    /// <summary>Rejects keys of <paramref name="mapping"/> that are not in <paramref name="allowed"/>.</summary>
    public void RejectUnknownKeys(YamlMappingNode mapping, params string[] allowed)
    {
        foreach (var entry in mapping.Children)
        {
            string key = ((YamlScalarNode)entry.Key).Value ?? "";
            if (Array.IndexOf(allowed, key) < 0)
            {
                throw Error(entry.Key, key, Messages.Format("UnknownKey", string.Join(", ", allowed)));
            }
        }
    }

    public YamlNode? Find(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    public YamlNode Require(YamlMappingNode mapping, string key) =>
        Find(mapping, key) ?? throw Error(mapping, key, Messages.Get("MissingKey"));

    public YamlMappingNode RequireMapping(YamlMappingNode mapping, string key) =>
        AsMapping(Require(mapping, key), key);

    public YamlMappingNode? FindMapping(YamlMappingNode mapping, string key)
    {
        var node = Find(mapping, key);
        return node == null ? null : AsMapping(node, key);
    }

    public YamlSequenceNode RequireSequence(YamlMappingNode mapping, string key)
    {
        var node = Require(mapping, key);
        return node as YamlSequenceNode ?? throw Error(node, key, Messages.Get("ExpectedList"));
    }

    public YamlMappingNode AsMapping(YamlNode node, string field) =>
        node as YamlMappingNode ?? throw Error(node, field, Messages.Get("ExpectedMapping"));

    /// <summary>Reads a text value that is not empty or blank.</summary>
    public string RequireString(YamlMappingNode mapping, string key)
    {
        var node = Require(mapping, key);
        string text = ScalarText(node, key);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Error(node, key, Messages.Get("EmptyValue"));
        }

        return text;
    }

    public string? FindString(YamlMappingNode mapping, string key)
    {
        var node = Find(mapping, key);
        return node == null ? null : ScalarText(node, key);
    }

    /// <summary>Reads a number and checks it lies within [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    public double RequireNumber(YamlMappingNode mapping, string key, double minimum, double maximum) =>
        ParseNumber(Require(mapping, key), key, minimum, maximum);

    public double FindNumber(YamlMappingNode mapping, string key, double defaultValue, double minimum, double maximum)
    {
        var node = Find(mapping, key);
        return node == null ? defaultValue : ParseNumber(node, key, minimum, maximum);
    }

    public double ParseNumber(YamlNode node, string field, double minimum, double maximum)
    {
        string text = ScalarText(node, field);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ||
            !double.IsFinite(value))
        {
            throw Error(node, field, Messages.Format("InvalidNumber", text));
        }

        if (value < minimum || value > maximum)
        {
            string problem = maximum == double.MaxValue
                ? Messages.Format("BelowMinimum", text, minimum.ToString(CultureInfo.InvariantCulture))
                : Messages.Format("OutOfRange", text, minimum.ToString(CultureInfo.InvariantCulture),
                    maximum.ToString(CultureInfo.InvariantCulture));
            throw Error(node, field, problem);
        }

        return value;
    }

    /// <summary>Reads a whole number within [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    public int FindInteger(YamlMappingNode mapping, string key, int defaultValue, int minimum, int maximum)
    {
        var node = Find(mapping, key);
        if (node == null)
        {
            return defaultValue;
        }

        double value = ParseNumber(node, key, minimum, maximum);
        if (value != Math.Floor(value))
        {
            throw Error(node, key, Messages.Format("NotInteger", ScalarText(node, key)));
        }

        return (int)value;
    }

    /// <summary>Reads a list of numbers, each within [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    public float[] RequireNumberList(YamlMappingNode mapping, string key, double minimum, double maximum)
    {
        var sequence = RequireSequence(mapping, key);
        var values = new List<float>();
        int index = 0;
        foreach (var item in sequence.Children)
        {
            values.Add((float)ParseNumber(item, key + "[" + index + "]", minimum, maximum));
            index++;
        }

        return values.ToArray();
    }

    /// <summary>Resolves a path written in this file relative to the file's folder.</summary>
    public string ResolvePath(YamlMappingNode mapping, string key)
    {
        var node = Require(mapping, key);
        string text = ScalarText(node, key);
        string path = Path.GetFullPath(Path.Combine(Directory, text));
        if (!File.Exists(path))
        {
            throw Error(node, key, Messages.Format("ReferencedFileNotFound", path));
        }

        return path;
    }

    /// <summary>Builds an error located at <paramref name="node"/>.</summary>
    public DataFileException Error(YamlNode node, string field, string problem) =>
        new(FilePath, (int)node.Start.Line, field, problem);

    private string ScalarText(YamlNode node, string field)
    {
        if (node is not YamlScalarNode scalar || scalar.Value == null)
        {
            throw Error(node, field, Messages.Get("ExpectedScalar"));
        }

        return scalar.Value;
    }
}

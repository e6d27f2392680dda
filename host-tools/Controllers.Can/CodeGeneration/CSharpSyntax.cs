using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Controllers.Can.CodeGeneration;

/// <summary>Identifiers, literals and comment text for the generated C#.</summary>
internal static class CSharpSyntax
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>Turns a DBC name into a C# identifier: other characters become '_', a leading digit gets a '_' in front.</summary>
    public static string ToIdentifier(string name)
    {
        var builder = new StringBuilder(name.Length + 1);
        foreach (var character in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(character) || character == '_' ? character : '_');
        }

        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        var identifier = builder.ToString();
        return Keywords.Contains(identifier) ? "@" + identifier : identifier;
    }

    /// <summary>Turns a value description such as "Not available" into a PascalCase suffix such as "NotAvailable".</summary>
    public static string ToPascalCase(string text)
    {
        var builder = new StringBuilder(text.Length);
        var startOfWord = true;
        foreach (var character in text)
        {
            if (!char.IsAsciiLetterOrDigit(character))
            {
                startOfWord = true;
                continue;
            }

            builder.Append(startOfWord ? char.ToUpperInvariant(character) : character);
            startOfWord = false;
        }

        return builder.ToString();
    }

    /// <summary>Writes a float literal that reads back to the same float.</summary>
    public static string FloatLiteral(float value)
    {
        if (float.IsNaN(value) || float.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A float literal must be finite.");
        }

        return value.ToString("R", CultureInfo.InvariantCulture) + "f";
    }

    /// <summary>Writes a double literal that reads back to the same double.</summary>
    public static string DoubleLiteral(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A double literal must be finite.");
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    /// <summary>Writes a literal of the given floating type.</summary>
    public static string FloatingLiteral(double value, bool isSingle)
    {
        return isSingle ? FloatLiteral((float)value) : DoubleLiteral(value);
    }

    /// <summary>Writes an unsigned hexadecimal literal, for example <c>0x1FFUL</c>.</summary>
    public static string HexLiteral(ulong value, string suffix)
    {
        return "0x" + value.ToString("X", CultureInfo.InvariantCulture) + suffix;
    }

    /// <summary>Collapses whitespace and escapes XML characters, so that DBC text fits on one documentation line.</summary>
    public static string ToDocumentationText(string text)
    {
        var collapsed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return collapsed.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
    }

    /// <summary>Formats a number for documentation comments, in invariant culture.</summary>
    public static string Number(double value)
    {
        return value.ToString("R", CultureInfo.InvariantCulture);
    }
}

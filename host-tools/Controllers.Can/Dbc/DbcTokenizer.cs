using System.Collections.Generic;
using System.Text;

namespace Controllers.Can.Dbc;

internal enum DbcTokenKind
{
    Identifier,
    Number,
    String,
    Symbol,
    EndOfFile,
}

/// <summary>Token with its 1-based position. <see cref="Text"/> of a string token has its escapes resolved.</summary>
internal readonly record struct DbcToken(DbcTokenKind Kind, string Text, int Line, int Column)
{
    public bool IsSymbol(char symbol) => Kind == DbcTokenKind.Symbol && Text.Length == 1 && Text[0] == symbol;

    public bool IsIdentifier(string text) => Kind == DbcTokenKind.Identifier && Text == text;

    /// <summary>Describes the token for an error message.</summary>
    public string Describe()
    {
        return Kind switch
        {
            DbcTokenKind.EndOfFile => "end of file",
            DbcTokenKind.String => $"string \"{Shorten(Text)}\"",
            _ => $"'{Shorten(Text)}'",
        };
    }

    private static string Shorten(string text)
    {
        const int maxLength = 40;
        var firstLine = text.Split('\n')[0];
        return firstLine.Length > maxLength || firstLine.Length < text.Length
            ? firstLine[..System.Math.Min(firstLine.Length, maxLength)] + "..."
            : firstLine;
    }
}

/// <summary>Splits DBC text into identifiers, numbers, quoted strings and one-character symbols.</summary>
internal static class DbcTokenizer
{
    /// <summary>
    /// Tokenizes <paramref name="text"/>. A sign is always its own symbol token, because <c>@1+</c> and
    /// <c>3-5</c> in <c>SG_MUL_VAL_</c> would otherwise read as numbers. The parser joins signs to numbers.
    /// </summary>
    /// <exception cref="DbcParseException">A string is not closed or a character is not valid in DBC syntax.</exception>
    public static List<DbcToken> Tokenize(string text, string fileName)
    {
        var tokens = new List<DbcToken>();
        var index = 0;
        var line = 1;
        var column = 1;

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            index = 1;
        }

        while (index < text.Length)
        {
            var c = text[index];

            if (c == '\n')
            {
                index++;
                line++;
                column = 1;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                index++;
                column++;
                continue;
            }

            // Files written by hand or by cantools can carry // line comments (for example after VERSION),
            // so the tokenizer skips them, as canmatrix 0.9.5 does (Dbc/Corpus/foobar.dbc checks both).
            if (c == '/' && index + 1 < text.Length && text[index + 1] == '/')
            {
                while (index < text.Length && text[index] != '\n')
                {
                    index++;
                }

                continue;
            }

            var startLine = line;
            var startColumn = column;

            if (c == '"')
            {
                var value = ReadString(text, ref index, ref line, ref column, fileName);
                tokens.Add(new DbcToken(DbcTokenKind.String, value, startLine, startColumn));
                continue;
            }

            if (IsIdentifierStart(c))
            {
                var start = index;
                while (index < text.Length && IsIdentifierPart(text[index]))
                {
                    index++;
                }

                column += index - start;
                tokens.Add(new DbcToken(DbcTokenKind.Identifier, text[start..index], startLine, startColumn));
                continue;
            }

            if (char.IsAsciiDigit(c) || (c == '.' && index + 1 < text.Length && char.IsAsciiDigit(text[index + 1])))
            {
                var start = index;
                ReadNumber(text, ref index);
                column += index - start;
                tokens.Add(new DbcToken(DbcTokenKind.Number, text[start..index], startLine, startColumn));
                continue;
            }

            if (":;|@()[],+-".IndexOf(c) >= 0)
            {
                index++;
                column++;
                tokens.Add(new DbcToken(DbcTokenKind.Symbol, c.ToString(), startLine, startColumn));
                continue;
            }

            var shown = char.IsControl(c) ? $"character U+{(int)c:X4}" : $"'{c}'";
            throw new DbcParseException(fileName, startLine, startColumn, "an identifier, number, string or symbol", shown);
        }

        tokens.Add(new DbcToken(DbcTokenKind.EndOfFile, string.Empty, line, column));
        return tokens;
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary>Reads digits, an optional fraction and an optional exponent such as <c>1.5e-3</c>.</summary>
    private static void ReadNumber(string text, ref int index)
    {
        while (index < text.Length && char.IsAsciiDigit(text[index]))
        {
            index++;
        }

        if (index < text.Length && text[index] == '.')
        {
            index++;
            while (index < text.Length && char.IsAsciiDigit(text[index]))
            {
                index++;
            }
        }

        if (index < text.Length && (text[index] == 'e' || text[index] == 'E'))
        {
            var exponent = index + 1;
            if (exponent < text.Length && (text[exponent] == '+' || text[exponent] == '-'))
            {
                exponent++;
            }

            if (exponent < text.Length && char.IsAsciiDigit(text[exponent]))
            {
                index = exponent;
                while (index < text.Length && char.IsAsciiDigit(text[index]))
                {
                    index++;
                }
            }
        }
    }

    /// <summary>
    /// Reads a quoted string that may span lines. <c>\"</c> stands for a quote and <c>\\</c> for a
    /// backslash. Any other backslash is kept as written.
    /// </summary>
    private static string ReadString(string text, ref int index, ref int line, ref int column, string fileName)
    {
        var startLine = line;
        var startColumn = column;
        var value = new StringBuilder();
        index++;
        column++;

        while (index < text.Length)
        {
            var c = text[index];

            if (c == '"')
            {
                index++;
                column++;
                return value.ToString();
            }

            if (c == '\\' && index + 1 < text.Length && (text[index + 1] == '"' || text[index + 1] == '\\'))
            {
                value.Append(text[index + 1]);
                index += 2;
                column += 2;
                continue;
            }

            if (c == '\r' && index + 1 < text.Length && text[index + 1] == '\n')
            {
                index++;
                continue;
            }

            value.Append(c);
            index++;
            if (c == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        throw new DbcParseException(
            fileName, startLine, startColumn, "a closing '\"' for the string that starts here", "end of file");
    }
}

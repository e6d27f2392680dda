using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace Controllers.Can.Dbc;

/// <summary>
/// Parses Vector DBC files into a <see cref="DbcFile"/>. Errors raise <see cref="DbcParseException"/>.
/// Sections the model does not keep (environment variables, signal types, categories, relation
/// attributes) are skipped up to their semicolon and listed in <see cref="DbcFile.Warnings"/>.
/// </summary>
public sealed partial class DbcParser
{
    /// <summary>Keywords whose statements are skipped up to the next ';' with a warning.</summary>
    private static readonly HashSet<string> SkippedKeywords = new(StringComparer.Ordinal)
    {
        "EV_", "ENVVAR_DATA_", "EV_DATA_", "SGTYPE_", "SGTYPE_VAL_", "BA_DEF_SGTYPE_", "BA_SGTYPE_",
        "SIG_TYPE_REF_", "SIGTYPE_VALTYPE_", "CAT_DEF_", "CAT_", "FILTER", "BA_DEF_REL_", "BA_REL_",
        "BA_DEF_DEF_REL_", "BU_SG_REL_", "BU_EV_REL_", "BU_BO_REL_", "NS_DESC_",
    };

    private readonly List<DbcToken> _tokens;
    private readonly string _fileName;
    private readonly DbcFile _file;
    private int _position;
    private DbcMessage? _currentMessage;

    private DbcParser(string text, string fileName)
    {
        _fileName = fileName;
        _tokens = DbcTokenizer.Tokenize(text, fileName);
        _file = new DbcFile(fileName);
    }

    /// <summary>Parses DBC text. <paramref name="fileName"/> only labels errors and warnings.</summary>
    /// <exception cref="DbcParseException">The text is not valid DBC syntax.</exception>
    public static DbcFile Parse(string text, string fileName = "<text>")
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new DbcParser(text, fileName);
        parser.ParseStatements();
        parser.ResolveCycleTimes();
        return parser._file;
    }

    /// <summary>
    /// Reads and parses a DBC file. Files are read as UTF-8, and bytes that are not valid UTF-8
    /// are read as Windows-1252 (Latin-1 for code points below 256), the usual encoding of DBC files.
    /// </summary>
    /// <exception cref="DbcParseException">The file is not valid DBC syntax.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static DbcFile ParseFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            text = Encoding.Latin1.GetString(bytes);
        }

        return Parse(text, path);
    }

    private DbcToken Current => _tokens[_position];

    private void ParseStatements()
    {
        while (Current.Kind != DbcTokenKind.EndOfFile)
        {
            var keyword = Current;
            if (keyword.Kind != DbcTokenKind.Identifier)
            {
                throw Error("a section keyword such as BO_ or SG_");
            }

            switch (keyword.Text)
            {
                case "VERSION":
                    Advance();
                    _file.Version = ExpectString("the version string");
                    break;
                case "NS_":
                    ParseNewSymbols();
                    break;
                case "BS_":
                    ParseBitTiming();
                    break;
                case "BU_":
                    ParseNodes();
                    break;
                case "VAL_TABLE_":
                    ParseValueTable();
                    break;
                case "BO_":
                    ParseMessage();
                    break;
                case "SG_":
                    ParseSignal();
                    break;
                case "BO_TX_BU_":
                    ParseMessageTransmitters();
                    break;
                case "CM_":
                    ParseComment();
                    break;
                case "BA_DEF_":
                    ParseAttributeDefinition();
                    break;
                case "BA_DEF_DEF_":
                    ParseAttributeDefault();
                    break;
                case "BA_":
                    ParseAttributeValue();
                    break;
                case "VAL_":
                    ParseValueDescriptions();
                    break;
                case "SIG_VALTYPE_":
                    ParseSignalValueType();
                    break;
                case "SIG_GROUP_":
                    ParseSignalGroup();
                    break;
                case "SG_MUL_VAL_":
                    ParseExtendedMultiplexing();
                    break;
                default:
                    if (!SkippedKeywords.Contains(keyword.Text))
                    {
                        throw Error("a section keyword such as BO_ or SG_");
                    }

                    SkipStatement(keyword);
                    break;
            }
        }
    }

    /// <summary>Skips <c>NS_ :</c> and the keyword list after it, which ends at the first token in column 1.</summary>
    private void ParseNewSymbols()
    {
        var keyword = Advance();
        ExpectSymbol(':');
        while (Current.Kind == DbcTokenKind.Identifier && (Current.Line == keyword.Line || Current.Column > 1))
        {
            Advance();
        }
    }

    /// <summary>Skips <c>BS_:</c> and the obsolete baud rate fields on the same line.</summary>
    private void ParseBitTiming()
    {
        var keyword = Advance();
        ExpectSymbol(':');
        while (Current.Kind != DbcTokenKind.EndOfFile && Current.Line == keyword.Line)
        {
            Advance();
        }
    }

    /// <summary>Parses <c>BU_: NODE NODE ...</c>. The list ends at the end of the line.</summary>
    private void ParseNodes()
    {
        var keyword = Advance();
        ExpectSymbol(':');
        while (Current.Kind == DbcTokenKind.Identifier && Current.Line == keyword.Line)
        {
            var name = Advance().Text;
            if (FindNode(name) is null)
            {
                _file.NodeList.Add(new DbcNode(name));
            }
        }
    }

    /// <summary>Parses <c>VAL_TABLE_ name value "text" ... ;</c>.</summary>
    private void ParseValueTable()
    {
        Advance();
        var nameToken = Current;
        var name = ExpectIdentifier("a value table name");
        var table = ParseValueDescriptionList();
        if (!_file.ValueTableMap.TryAdd(name, table))
        {
            Warn(nameToken, $"value table '{name}' is defined twice; the first definition is kept");
        }
    }

    /// <summary>Parses <c>BO_ id name : length transmitter</c>. The signals follow as SG_ lines.</summary>
    private void ParseMessage()
    {
        Advance();
        var idToken = Current;
        var fileId = ExpectUnsigned("a message identifier", uint.MaxValue);
        var name = ExpectIdentifier("a message name");
        ExpectSymbol(':');
        var length = (int)ExpectUnsigned("a message length in bytes", 64);
        var transmitter = ExpectIdentifier("a transmitter node name");

        var message = new DbcMessage((uint)fileId, name) { Length = length, Transmitter = transmitter };
        CheckIdentifier(message, idToken);
        if (_file.FindMessage(message.Id, message.IsExtended) is not null)
        {
            throw new DbcParseException(
                _fileName, idToken.Line, idToken.Column, "a message identifier not used before", idToken.Describe());
        }

        _file.MessageList.Add(message);
        _currentMessage = message;
    }

    private void CheckIdentifier(DbcMessage message, DbcToken idToken)
    {
        // 0xC0000000 is the identifier Vector tools give the placeholder message that holds
        // unassigned signals, so it is accepted without the range check.
        if (message.FileId == 0xC0000000u)
        {
            return;
        }

        var maxId = message.IsExtended ? 0x1FFFFFFFu : 0x7FFu;
        if (message.Id > maxId)
        {
            var expected = message.IsExtended
                ? "an extended identifier up to 0x1FFFFFFF after bit 31"
                : "a standard identifier up to 0x7FF, or bit 31 set for an extended one";
            throw new DbcParseException(_fileName, idToken.Line, idToken.Column, expected, idToken.Describe());
        }
    }

    /// <summary>Parses <c>BO_TX_BU_ id : node, node ;</c>.</summary>
    private void ParseMessageTransmitters()
    {
        Advance();
        var message = ExpectMessageReference(out var idToken);
        ExpectSymbol(':');
        var nodes = ParseNameList("a transmitter node name");
        ExpectSymbol(';');

        if (message is null)
        {
            WarnMissingMessage(idToken);
            return;
        }

        foreach (var node in nodes)
        {
            if (node != message.Transmitter && !message.ExtraTransmitterList.Contains(node))
            {
                message.ExtraTransmitterList.Add(node);
            }
        }
    }

    /// <summary>Parses <c>SIG_GROUP_ id name repetitions : signal signal ... ;</c>.</summary>
    private void ParseSignalGroup()
    {
        Advance();
        var message = ExpectMessageReference(out var idToken);
        var name = ExpectIdentifier("a signal group name");
        var repetitions = (int)ExpectUnsigned("a repetition count", int.MaxValue);
        ExpectSymbol(':');
        var signals = new List<string>();
        while (Current.Kind == DbcTokenKind.Identifier || Current.IsSymbol(','))
        {
            var token = Advance();
            if (token.Kind == DbcTokenKind.Identifier)
            {
                signals.Add(token.Text);
            }
        }

        ExpectSymbol(';');

        if (message is null)
        {
            WarnMissingMessage(idToken);
            return;
        }

        message.SignalGroupList.Add(new DbcSignalGroup(name, repetitions, signals));
    }

    /// <summary>Skips a statement the model does not keep, up to and including its ';'.</summary>
    private void SkipStatement(DbcToken keyword)
    {
        Advance();
        while (!Current.IsSymbol(';'))
        {
            if (Current.Kind == DbcTokenKind.EndOfFile)
            {
                throw Error($"';' to end the {keyword.Text} statement");
            }

            Advance();
        }

        Advance();
        Warn(keyword, $"{keyword.Text} statement ignored");
    }

    /// <summary>Fills <see cref="DbcMessage.CycleTimeMilliseconds"/> from GenMsgCycleTime or its default.</summary>
    private void ResolveCycleTimes()
    {
        const string attributeName = "GenMsgCycleTime";
        DbcAttributeValue? fallback = null;
        if (_file.AttributeDefinitionMap.TryGetValue(attributeName, out var definition))
        {
            fallback = definition.DefaultValue;
        }

        foreach (var message in _file.MessageList)
        {
            var value = message.AttributeMap.TryGetValue(attributeName, out var own) ? own : fallback;
            if (value?.Number is double number && number >= 0 && number <= int.MaxValue)
            {
                message.CycleTimeMilliseconds = (int)number;
            }
        }
    }

    private DbcNode? FindNode(string name) => _file.NodeList.Find(node => node.Name == name);

    private DbcToken Advance()
    {
        var token = Current;
        if (token.Kind != DbcTokenKind.EndOfFile)
        {
            _position++;
        }

        return token;
    }

    private DbcParseException Error(string expected)
    {
        return new DbcParseException(_fileName, Current.Line, Current.Column, expected, Current.Describe());
    }

    private void Warn(DbcToken at, string message)
    {
        _file.WarningList.Add(new DbcWarning(_fileName, at.Line, at.Column, message));
    }

    private void WarnMissingMessage(DbcToken idToken)
    {
        Warn(idToken, $"message {idToken.Text} is not defined by a BO_ line; the statement is ignored");
    }

    private void ExpectSymbol(char symbol)
    {
        if (!Current.IsSymbol(symbol))
        {
            throw Error($"'{symbol}'");
        }

        Advance();
    }

    private string ExpectIdentifier(string expected)
    {
        if (Current.Kind != DbcTokenKind.Identifier)
        {
            throw Error(expected);
        }

        return Advance().Text;
    }

    private string ExpectString(string expected)
    {
        if (Current.Kind != DbcTokenKind.String)
        {
            throw Error(expected);
        }

        return Advance().Text;
    }

    /// <summary>
    /// Reads an unsigned integer no larger than <paramref name="max"/>. The error message appends the
    /// range to <paramref name="expected"/> unless <paramref name="expectedListsValues"/> is set.
    /// </summary>
    private ulong ExpectUnsigned(string expected, ulong max, bool expectedListsValues = false)
    {
        if (Current.Kind != DbcTokenKind.Number
            || !ulong.TryParse(Current.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || value > max)
        {
            throw Error(expectedListsValues
                ? expected
                : string.Create(CultureInfo.InvariantCulture, $"{expected} (an integer from 0 to {max})"));
        }

        Advance();
        return value;
    }

    /// <summary>Reads an integer with an optional sign.</summary>
    private long ExpectInteger(string expected)
    {
        var start = Current;
        var negative = ReadSign();
        if (Current.Kind != DbcTokenKind.Number
            || !long.TryParse(Current.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var magnitude))
        {
            throw new DbcParseException(
                _fileName, start.Line, start.Column, $"{expected} (an integer)", DescribeSigned(start, negative));
        }

        Advance();
        return negative ? -magnitude : magnitude;
    }

    /// <summary>Reads a decimal number with an optional sign and exponent.</summary>
    private double ExpectNumber(string expected)
    {
        var start = Current;
        var negative = ReadSign();
        if (Current.Kind != DbcTokenKind.Number
            || !double.TryParse(Current.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var magnitude))
        {
            throw new DbcParseException(
                _fileName, start.Line, start.Column, $"{expected} (a number)", DescribeSigned(start, negative));
        }

        Advance();
        return negative ? -magnitude : magnitude;
    }

    private bool ReadSign()
    {
        if (Current.IsSymbol('-'))
        {
            Advance();
            return true;
        }

        if (Current.IsSymbol('+'))
        {
            Advance();
        }

        return false;
    }

    private string DescribeSigned(DbcToken start, bool consumedSign)
    {
        return consumedSign || start.Kind == DbcTokenKind.Symbol && start.Text == "+"
            ? $"'{start.Text}' followed by {Current.Describe()}"
            : start.Describe();
    }

    /// <summary>Reads names separated by commas, as in receiver and transmitter lists.</summary>
    private List<string> ParseNameList(string expected)
    {
        var names = new List<string> { ExpectIdentifier(expected) };
        while (Current.IsSymbol(','))
        {
            Advance();
            names.Add(ExpectIdentifier(expected));
        }

        return names;
    }

    /// <summary>Reads <c>value "text" ... ;</c> pairs, consuming the ';'.</summary>
    private Dictionary<long, string> ParseValueDescriptionList()
    {
        var table = new Dictionary<long, string>();
        while (!Current.IsSymbol(';'))
        {
            var valueToken = Current;
            var value = ExpectInteger("a raw value or ';'");
            var text = ExpectString("a value description string");
            if (!table.TryAdd(value, text))
            {
                Warn(valueToken, string.Create(
                    CultureInfo.InvariantCulture, $"value {value} is described twice; the last description is kept"));
                table[value] = text;
            }
        }

        Advance();
        return table;
    }

    /// <summary>Reads a message identifier and looks it up. Returns null when no BO_ line defines it.</summary>
    private DbcMessage? ExpectMessageReference(out DbcToken idToken)
    {
        idToken = Current;
        var fileId = (uint)ExpectUnsigned("a message identifier", uint.MaxValue);
        var probe = new DbcMessage(fileId, string.Empty);
        return _file.FindMessage(probe.Id, probe.IsExtended);
    }
}

using System.Collections.Generic;
using System.Globalization;

namespace Controllers.Can.Dbc;

/// <summary>Statements that describe signals, comments, attributes and value descriptions.</summary>
public sealed partial class DbcParser
{
    /// <summary>Largest start bit: the last bit of a 64-byte CAN FD frame.</summary>
    private const int MaxStartBit = 64 * 8 - 1;

    /// <summary>
    /// Parses <c>SG_ name [mux] : start|length@order sign (factor,offset) [min|max] "unit" receivers</c>
    /// and adds the signal to the message of the last BO_ line.
    /// </summary>
    private void ParseSignal()
    {
        var keyword = Advance();
        if (_currentMessage is null)
        {
            throw new DbcParseException(
                _fileName, keyword.Line, keyword.Column, "a BO_ line before the first SG_ line", keyword.Describe());
        }

        var nameToken = Current;
        var signal = new DbcSignal(ExpectIdentifier("a signal name"));
        if (_currentMessage.FindSignal(signal.Name) is not null)
        {
            throw new DbcParseException(
                _fileName, nameToken.Line, nameToken.Column,
                $"a signal name not used before in message {_currentMessage.Name}", nameToken.Describe());
        }

        if (Current.Kind == DbcTokenKind.Identifier)
        {
            ParseMultiplexerIndicator(signal);
        }

        ExpectSymbol(':');
        signal.StartBit = (int)ExpectUnsigned("a start bit", MaxStartBit);
        ExpectSymbol('|');
        var lengthToken = Current;
        signal.Length = (int)ExpectUnsigned("a signal length in bits", 64);
        if (signal.Length == 0)
        {
            throw new DbcParseException(
                _fileName, lengthToken.Line, lengthToken.Column, "a signal length from 1 to 64 bits", lengthToken.Describe());
        }

        ExpectSymbol('@');
        signal.ByteOrder = ExpectUnsigned("a byte order, 0 (Motorola) or 1 (Intel)", 1, expectedListsValues: true) == 1
            ? DbcByteOrder.Intel
            : DbcByteOrder.Motorola;
        signal.IsSigned = ParseSignFlag();

        ExpectSymbol('(');
        signal.Factor = ExpectNumber("a factor");
        ExpectSymbol(',');
        signal.Offset = ExpectNumber("an offset");
        ExpectSymbol(')');
        ExpectSymbol('[');
        signal.Minimum = ExpectNumber("a minimum");
        ExpectSymbol('|');
        signal.Maximum = ExpectNumber("a maximum");
        ExpectSymbol(']');
        signal.Unit = ExpectString("a unit string");

        // Some generators leave the receiver list out, so a missing list is accepted.
        if (Current.Kind == DbcTokenKind.Identifier && Current.Line == nameToken.Line && Current.Text != "SG_")
        {
            signal.ReceiverList.AddRange(ParseNameList("a receiver node name"));
        }

        if (!FitsInMessage(signal, _currentMessage.Length))
        {
            Warn(nameToken, string.Create(CultureInfo.InvariantCulture,
                $"signal {signal.Name} reaches past the {_currentMessage.Length}-byte length of message {_currentMessage.Name}"));
        }

        _currentMessage.SignalList.Add(signal);
    }

    /// <summary>Parses <c>M</c>, <c>mN</c> or <c>mNM</c>.</summary>
    private void ParseMultiplexerIndicator(DbcSignal signal)
    {
        var token = Current;
        var text = token.Text;
        var expected = "a multiplexer indicator M, mN or mNM, or ':'";

        if (text != "M")
        {
            var digitsEnd = text.EndsWith('M') ? text.Length - 1 : text.Length;
            if (text.Length < 2 || text[0] != 'm'
                || !ulong.TryParse(text[1..digitsEnd], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                throw Error(expected);
            }

            signal.MultiplexerValue = value;
        }

        signal.MultiplexerIndicator = text;
        Advance();
    }

    private bool ParseSignFlag()
    {
        if (Current.IsSymbol('-'))
        {
            Advance();
            return true;
        }

        if (Current.IsSymbol('+'))
        {
            Advance();
            return false;
        }

        throw Error("'+' (unsigned) or '-' (signed)");
    }

    private static bool FitsInMessage(DbcSignal signal, int messageLength)
    {
        var lastBit = messageLength * 8 - 1;
        if (signal.ByteOrder == DbcByteOrder.Intel)
        {
            return signal.StartBit + signal.Length - 1 <= lastBit;
        }

        // Motorola signals run from the start bit toward bit 0 of the byte, then on to bit 7 of the next byte.
        var position = signal.StartBit;
        for (var i = 1; i < signal.Length; i++)
        {
            position = position % 8 == 0 ? position + 15 : position - 1;
        }

        return position <= lastBit;
    }

    /// <summary>Parses <c>CM_</c> for the network, a node (BU_), a message (BO_) or a signal (SG_).</summary>
    private void ParseComment()
    {
        var keyword = Advance();

        if (Current.Kind == DbcTokenKind.String)
        {
            _file.Comment = Advance().Text;
            ExpectSymbol(';');
            return;
        }

        var target = Current;
        var kind = ExpectIdentifier("a comment string or BU_, BO_, SG_ or EV_");
        switch (kind)
        {
            case "BU_":
            {
                var nameToken = Current;
                var name = ExpectIdentifier("a node name");
                var text = ExpectString("a comment string");
                ExpectSymbol(';');
                var node = FindNode(name);
                if (node is null)
                {
                    Warn(nameToken, $"node {name} is not listed in BU_; its comment is ignored");
                    return;
                }

                node.Comment = text;
                return;
            }

            case "BO_":
            {
                var message = ExpectMessageReference(out var idToken);
                var text = ExpectString("a comment string");
                ExpectSymbol(';');
                if (message is null)
                {
                    WarnMissingMessage(idToken);
                    return;
                }

                message.Comment = text;
                return;
            }

            case "SG_":
            {
                var signal = ExpectSignalReference();
                var text = ExpectString("a comment string");
                ExpectSymbol(';');
                if (signal is not null)
                {
                    signal.Comment = text;
                }

                return;
            }

            case "EV_":
                ExpectIdentifier("an environment variable name");
                ExpectString("a comment string");
                ExpectSymbol(';');
                Warn(keyword, "comment on an environment variable ignored");
                return;

            default:
                throw new DbcParseException(
                    _fileName, target.Line, target.Column, "a comment string or BU_, BO_, SG_ or EV_", target.Describe());
        }
    }

    /// <summary>Parses <c>BA_DEF_ [BU_|BO_|SG_|EV_] "name" type [bounds or enum names] ;</c>.</summary>
    private void ParseAttributeDefinition()
    {
        Advance();
        var objectType = DbcAttributeObjectType.Network;
        if (Current.Kind == DbcTokenKind.Identifier)
        {
            objectType = Current.Text switch
            {
                "BU_" => DbcAttributeObjectType.Node,
                "BO_" => DbcAttributeObjectType.Message,
                "SG_" => DbcAttributeObjectType.Signal,
                "EV_" => DbcAttributeObjectType.EnvironmentVariable,
                _ => throw Error("BU_, BO_, SG_, EV_ or an attribute name string"),
            };
            Advance();
        }

        var nameToken = Current;
        var name = ExpectString("an attribute name string");
        var typeToken = Current;
        var valueType = ExpectIdentifier("an attribute type INT, HEX, FLOAT, STRING or ENUM") switch
        {
            "INT" => DbcAttributeValueType.Int,
            "HEX" => DbcAttributeValueType.Hex,
            "FLOAT" => DbcAttributeValueType.Float,
            "STRING" => DbcAttributeValueType.String,
            "ENUM" => DbcAttributeValueType.Enum,
            _ => throw new DbcParseException(
                _fileName, typeToken.Line, typeToken.Column,
                "an attribute type INT, HEX, FLOAT, STRING or ENUM", typeToken.Describe()),
        };

        var definition = new DbcAttributeDefinition(name, objectType, valueType);
        if (valueType is DbcAttributeValueType.Int or DbcAttributeValueType.Hex or DbcAttributeValueType.Float)
        {
            definition.Minimum = ExpectNumber("an attribute minimum");
            definition.Maximum = ExpectNumber("an attribute maximum");
        }
        else if (valueType == DbcAttributeValueType.Enum)
        {
            while (Current.Kind == DbcTokenKind.String)
            {
                definition.EnumValueList.Add(Advance().Text);
                if (!Current.IsSymbol(','))
                {
                    break;
                }

                Advance();
            }
        }

        ExpectSymbol(';');
        if (!_file.AttributeDefinitionMap.TryAdd(name, definition))
        {
            Warn(nameToken, $"attribute {name} is defined twice; the first definition is kept");
        }
    }

    /// <summary>Parses <c>BA_DEF_DEF_ "name" value ;</c>.</summary>
    private void ParseAttributeDefault()
    {
        Advance();
        var nameToken = Current;
        var name = ExpectString("an attribute name string");
        var value = ParseAttributeLiteral();
        ExpectSymbol(';');

        if (!_file.AttributeDefinitionMap.TryGetValue(name, out var definition))
        {
            Warn(nameToken, $"default given for attribute {name}, which no BA_DEF_ defines; it is ignored");
            return;
        }

        definition.DefaultValue = value;
    }

    /// <summary>Parses <c>BA_ "name" [BU_ node | BO_ id | SG_ id signal | EV_ name] value ;</c>.</summary>
    private void ParseAttributeValue()
    {
        var keyword = Advance();
        var name = ExpectString("an attribute name string");
        Dictionary<string, DbcAttributeValue>? target = _file.AttributeMap;

        if (Current.Kind == DbcTokenKind.Identifier)
        {
            var kindToken = Advance();
            switch (kindToken.Text)
            {
                case "BU_":
                    var nodeToken = Current;
                    var node = FindNode(ExpectIdentifier("a node name"));
                    if (node is null)
                    {
                        Warn(nodeToken, $"node {nodeToken.Text} is not listed in BU_; attribute {name} is ignored");
                    }

                    target = node?.AttributeMap;
                    break;
                case "BO_":
                    var message = ExpectMessageReference(out var idToken);
                    if (message is null)
                    {
                        WarnMissingMessage(idToken);
                    }

                    target = message?.AttributeMap;
                    break;
                case "SG_":
                    target = ExpectSignalReference()?.AttributeMap;
                    break;
                case "EV_":
                    ExpectIdentifier("an environment variable name");
                    Warn(keyword, $"attribute {name} on an environment variable ignored");
                    target = null;
                    break;
                default:
                    throw new DbcParseException(
                        _fileName, kindToken.Line, kindToken.Column, "BU_, BO_, SG_, EV_ or an attribute value",
                        kindToken.Describe());
            }
        }

        var value = ParseAttributeLiteral();
        ExpectSymbol(';');
        if (target is not null)
        {
            target[name] = value;
        }
    }

    private DbcAttributeValue ParseAttributeLiteral()
    {
        if (Current.Kind == DbcTokenKind.String)
        {
            return DbcAttributeValue.FromText(Advance().Text);
        }

        return DbcAttributeValue.FromNumber(ExpectNumber("an attribute value"));
    }

    /// <summary>Parses <c>VAL_ id signal value "text" ... ;</c>. Tables for environment variables are skipped.</summary>
    private void ParseValueDescriptions()
    {
        var keyword = Advance();
        if (Current.Kind == DbcTokenKind.Identifier)
        {
            Advance();
            ParseValueDescriptionList();
            Warn(keyword, "value descriptions for an environment variable ignored");
            return;
        }

        var signal = ExpectSignalReference();
        var table = ParseValueDescriptionList();
        if (signal is null)
        {
            return;
        }

        foreach (var (value, text) in table)
        {
            signal.ValueDescriptionMap[value] = text;
        }
    }

    /// <summary>Parses <c>SIG_VALTYPE_ id signal : type ;</c> with type 1 for float and 2 for double.</summary>
    private void ParseSignalValueType()
    {
        Advance();
        var signal = ExpectSignalReference();
        if (Current.IsSymbol(':'))
        {
            Advance();
        }

        var typeToken = Current;
        var valueType = (DbcSignalValueType)ExpectUnsigned("a value type, 0 (integer), 1 (float) or 2 (double)", 2, expectedListsValues: true);
        ExpectSymbol(';');
        if (signal is null)
        {
            return;
        }

        var requiredLength = valueType switch
        {
            DbcSignalValueType.Float => 32,
            DbcSignalValueType.Double => 64,
            _ => signal.Length,
        };
        if (signal.Length != requiredLength)
        {
            throw new DbcParseException(
                _fileName, typeToken.Line, typeToken.Column,
                string.Create(CultureInfo.InvariantCulture,
                    $"a value type that fits the {signal.Length}-bit signal {signal.Name} (float needs 32 bits, double 64)"),
                typeToken.Describe());
        }

        signal.ValueType = valueType;
    }

    /// <summary>Parses <c>SG_MUL_VAL_ id signal switch min-max, min-max ;</c>.</summary>
    private void ParseExtendedMultiplexing()
    {
        Advance();
        var signal = ExpectSignalReference();
        var switchToken = Current;
        var switchName = ExpectIdentifier("a multiplexer switch signal name");
        var ranges = new List<DbcMultiplexerRange>();
        while (true)
        {
            var minimum = ExpectUnsigned("a multiplexer range start", ulong.MaxValue);
            ExpectSymbol('-');
            var maximum = ExpectUnsigned("a multiplexer range end", ulong.MaxValue);
            ranges.Add(new DbcMultiplexerRange(minimum, maximum));
            if (!Current.IsSymbol(','))
            {
                break;
            }

            Advance();
        }

        ExpectSymbol(';');
        if (signal is null)
        {
            return;
        }

        var message = FindMessageOfSignal(signal);
        var switchSignal = message?.FindSignal(switchName);
        if (switchSignal is null || !switchSignal.IsMultiplexer)
        {
            Warn(switchToken, $"{switchName} is not a multiplexer signal of the same message as {signal.Name}");
        }

        signal.MultiplexerSwitchName = switchName;
        signal.MultiplexerRangeList.AddRange(ranges);
    }

    /// <summary>
    /// Reads <c>id signal</c> and looks the signal up. Returns null, with a warning, where either is missing.
    /// </summary>
    private DbcSignal? ExpectSignalReference()
    {
        var message = ExpectMessageReference(out var idToken);
        var nameToken = Current;
        var name = ExpectIdentifier("a signal name");
        if (message is null)
        {
            WarnMissingMessage(idToken);
            return null;
        }

        var signal = message.FindSignal(name);
        if (signal is null)
        {
            Warn(nameToken, $"message {message.Name} has no signal {name}; the statement is ignored");
        }

        return signal;
    }

    private DbcMessage? FindMessageOfSignal(DbcSignal signal)
    {
        return _file.MessageList.Find(message => message.SignalList.Contains(signal));
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;

namespace Controllers.Can.Dbc;

/// <summary>Parsed DBC file: nodes, messages, value tables, attributes and the warnings raised while parsing.</summary>
public sealed class DbcFile
{
    internal DbcFile(string fileName)
    {
        FileName = fileName;
    }

    /// <summary>File name used in warnings and errors.</summary>
    public string FileName { get; }

    /// <summary>Text of the <c>VERSION</c> line, empty where the file has none.</summary>
    public string Version { get; internal set; } = string.Empty;

    /// <summary>Network comment from <c>CM_ "text";</c>.</summary>
    public string? Comment { get; internal set; }

    public IReadOnlyList<DbcNode> Nodes => NodeList;

    internal List<DbcNode> NodeList { get; } = new();

    /// <summary>Messages in file order.</summary>
    public IReadOnlyList<DbcMessage> Messages => MessageList;

    internal List<DbcMessage> MessageList { get; } = new();

    /// <summary>Named value tables from <c>VAL_TABLE_</c>, keyed by table name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<long, string>> ValueTables => ValueTableMap;

    internal Dictionary<string, IReadOnlyDictionary<long, string>> ValueTableMap { get; } = new(StringComparer.Ordinal);

    /// <summary>Attribute definitions from <c>BA_DEF_</c>, keyed by attribute name, with defaults from <c>BA_DEF_DEF_</c>.</summary>
    public IReadOnlyDictionary<string, DbcAttributeDefinition> AttributeDefinitions => AttributeDefinitionMap;

    internal Dictionary<string, DbcAttributeDefinition> AttributeDefinitionMap { get; } = new(StringComparer.Ordinal);

    /// <summary>Network attribute values from <c>BA_ "name" value;</c>.</summary>
    public IReadOnlyDictionary<string, DbcAttributeValue> Attributes => AttributeMap;

    internal Dictionary<string, DbcAttributeValue> AttributeMap { get; } = new(StringComparer.Ordinal);

    /// <summary>Sections that were skipped or references that could not be resolved, with their positions.</summary>
    public IReadOnlyList<DbcWarning> Warnings => WarningList;

    internal List<DbcWarning> WarningList { get; } = new();

    /// <summary>Finds a message by its identifier without the extended flag, or returns null.</summary>
    public DbcMessage? FindMessage(uint id, bool isExtended)
    {
        foreach (var message in MessageList)
        {
            if (message.Id == id && message.IsExtended == isExtended)
            {
                return message;
            }
        }

        return null;
    }

    /// <summary>Finds a message by name, or returns null.</summary>
    public DbcMessage? FindMessage(string name)
    {
        return MessageList.Find(message => message.Name == name);
    }
}

/// <summary>Network node from <c>BU_</c>.</summary>
public sealed class DbcNode
{
    internal DbcNode(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public string? Comment { get; internal set; }

    public IReadOnlyDictionary<string, DbcAttributeValue> Attributes => AttributeMap;

    internal Dictionary<string, DbcAttributeValue> AttributeMap { get; } = new(StringComparer.Ordinal);

    public override string ToString() => Name;
}

/// <summary>Message from a <c>BO_</c> line, with its signals.</summary>
public sealed class DbcMessage
{
    /// <summary>Bit 31 of a <c>BO_</c> identifier marks a 29-bit extended identifier.</summary>
    public const uint ExtendedFlag = 0x80000000u;

    internal DbcMessage(uint fileId, string name)
    {
        FileId = fileId;
        Name = name;
    }

    /// <summary>Identifier as written in the file, with bit 31 set for extended frames.</summary>
    public uint FileId { get; }

    /// <summary>CAN identifier without the extended flag: 11 bits, or 29 bits when <see cref="IsExtended"/>.</summary>
    public uint Id => FileId & ~ExtendedFlag;

    public bool IsExtended => (FileId & ExtendedFlag) != 0;

    public string Name { get; }

    /// <summary>Data length in bytes as written after the colon (0 to 8 for classic CAN, up to 64 for CAN FD).</summary>
    public int Length { get; internal set; }

    /// <summary>Transmitter from the <c>BO_</c> line. <c>Vector__XXX</c> means none.</summary>
    public string Transmitter { get; internal set; } = string.Empty;

    /// <summary>Further transmitters from <c>BO_TX_BU_</c>.</summary>
    public IReadOnlyList<string> ExtraTransmitters => ExtraTransmitterList;

    internal List<string> ExtraTransmitterList { get; } = new();

    public IReadOnlyList<DbcSignal> Signals => SignalList;

    internal List<DbcSignal> SignalList { get; } = new();

    /// <summary>Signal groups from <c>SIG_GROUP_</c>.</summary>
    public IReadOnlyList<DbcSignalGroup> SignalGroups => SignalGroupList;

    internal List<DbcSignalGroup> SignalGroupList { get; } = new();

    public string? Comment { get; internal set; }

    /// <summary>Attribute values set by <c>BA_ "name" BO_ ...</c>. Defaults are not filled in.</summary>
    public IReadOnlyDictionary<string, DbcAttributeValue> Attributes => AttributeMap;

    internal Dictionary<string, DbcAttributeValue> AttributeMap { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Transmit period in milliseconds from the <c>GenMsgCycleTime</c> attribute, or from its
    /// <c>BA_DEF_DEF_</c> default; null where neither is given.
    /// </summary>
    public int? CycleTimeMilliseconds { get; internal set; }

    /// <summary>Finds a signal by name, or returns null.</summary>
    public DbcSignal? FindSignal(string name) => SignalList.Find(signal => signal.Name == name);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} 0x{Id:X}");
}

/// <summary>Signal group from <c>SIG_GROUP_</c>.</summary>
public sealed record DbcSignalGroup(string Name, int Repetitions, IReadOnlyList<string> SignalNames);

/// <summary>Object kind that an attribute definition applies to.</summary>
public enum DbcAttributeObjectType
{
    Network,
    Node,
    Message,
    Signal,
    EnvironmentVariable,
}

/// <summary>Value type of an attribute definition.</summary>
public enum DbcAttributeValueType
{
    Int,
    Hex,
    Float,
    String,
    Enum,
}

/// <summary>Attribute definition from <c>BA_DEF_</c>.</summary>
public sealed class DbcAttributeDefinition
{
    internal DbcAttributeDefinition(string name, DbcAttributeObjectType objectType, DbcAttributeValueType valueType)
    {
        Name = name;
        ObjectType = objectType;
        ValueType = valueType;
    }

    public string Name { get; }

    public DbcAttributeObjectType ObjectType { get; }

    public DbcAttributeValueType ValueType { get; }

    /// <summary>Lower bound for INT, HEX and FLOAT definitions; null for other types.</summary>
    public double? Minimum { get; internal set; }

    /// <summary>Upper bound for INT, HEX and FLOAT definitions; null for other types.</summary>
    public double? Maximum { get; internal set; }

    /// <summary>Names of an ENUM definition, in index order.</summary>
    public IReadOnlyList<string> EnumValues => EnumValueList;

    internal List<string> EnumValueList { get; } = new();

    /// <summary>Default from <c>BA_DEF_DEF_</c>, or null where the file gives none.</summary>
    public DbcAttributeValue? DefaultValue { get; internal set; }
}

/// <summary>Attribute value: a number or a quoted string, as written in the file.</summary>
public readonly record struct DbcAttributeValue(double? Number, string? Text)
{
    public static DbcAttributeValue FromNumber(double number) => new(number, null);

    public static DbcAttributeValue FromText(string text) => new(null, text);

    public override string ToString() => Text ?? Number?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
}

/// <summary>Problem that did not stop the parse, such as a skipped section or a reference to a missing message.</summary>
public sealed record DbcWarning(string FileName, int Line, int Column, string Message)
{
    public override string ToString() => $"{FileName}:{Line}:{Column}: warning: {Message}";
}

using System;
using System.Collections.Generic;

namespace Controllers.Can.Dbc;

/// <summary>Bit layout of a signal, written as <c>@1</c> (Intel) or <c>@0</c> (Motorola) in a DBC file.</summary>
public enum DbcByteOrder
{
    /// <summary>Big endian. The start bit is the most significant bit in the DBC's sawtooth numbering.</summary>
    Motorola = 0,

    /// <summary>Little endian. The start bit is the least significant bit.</summary>
    Intel = 1,
}

/// <summary>Encoding of a signal's raw value, set by <c>SIG_VALTYPE_</c>.</summary>
public enum DbcSignalValueType
{
    /// <summary>Two's complement or unsigned integer, the default.</summary>
    Integer = 0,

    /// <summary>IEEE 754 single precision, 32 bits (<c>SIG_VALTYPE_ ... : 1</c>).</summary>
    Float = 1,

    /// <summary>IEEE 754 double precision, 64 bits (<c>SIG_VALTYPE_ ... : 2</c>).</summary>
    Double = 2,
}

/// <summary>Inclusive range of multiplexer values from an <c>SG_MUL_VAL_</c> entry.</summary>
public readonly record struct DbcMultiplexerRange(ulong Minimum, ulong Maximum)
{
    /// <summary>Tests whether <paramref name="value"/> lies in the range, ends included.</summary>
    public bool Contains(ulong value) => value >= Minimum && value <= Maximum;
}

/// <summary>Signal of a message, from an <c>SG_</c> line and the sections that refer to it.</summary>
public sealed class DbcSignal
{
    internal DbcSignal(string name)
    {
        Name = name;
    }

    public string Name { get; }

    /// <summary>Multiplexer indicator as written in the file: empty, <c>M</c>, <c>m3</c> or <c>m3M</c>.</summary>
    public string MultiplexerIndicator { get; internal set; } = string.Empty;

    /// <summary>Start bit: the LSB for Intel, the MSB in sawtooth numbering for Motorola.</summary>
    public int StartBit { get; internal set; }

    /// <summary>Length in bits, 1 to 64.</summary>
    public int Length { get; internal set; }

    public DbcByteOrder ByteOrder { get; internal set; }

    public bool IsSigned { get; internal set; }

    public DbcSignalValueType ValueType { get; internal set; }

    public double Factor { get; internal set; } = 1.0;

    public double Offset { get; internal set; }

    /// <summary>Physical minimum as written in <c>[min|max]</c>. Files write <c>[0|0]</c> for "not given".</summary>
    public double Minimum { get; internal set; }

    /// <summary>Physical maximum as written in <c>[min|max]</c>.</summary>
    public double Maximum { get; internal set; }

    public string Unit { get; internal set; } = string.Empty;

    /// <summary>Receiving nodes. <c>Vector__XXX</c>, the DBC placeholder for "none", is kept as written.</summary>
    public IReadOnlyList<string> Receivers => ReceiverList;

    internal List<string> ReceiverList { get; } = new();

    public string? Comment { get; internal set; }

    /// <summary>Value descriptions from <c>VAL_</c>, keyed by raw value.</summary>
    public IReadOnlyDictionary<long, string> ValueDescriptions => ValueDescriptionMap;

    internal Dictionary<long, string> ValueDescriptionMap { get; } = new();

    /// <summary>Attribute values set by <c>BA_ "name" SG_ ...</c>. Defaults are not filled in.</summary>
    public IReadOnlyDictionary<string, DbcAttributeValue> Attributes => AttributeMap;

    internal Dictionary<string, DbcAttributeValue> AttributeMap { get; } = new(StringComparer.Ordinal);

    /// <summary>Name of the switch signal from <c>SG_MUL_VAL_</c>, or null where the file gives none.</summary>
    public string? MultiplexerSwitchName { get; internal set; }

    /// <summary>Multiplexer value ranges from <c>SG_MUL_VAL_</c>. Empty where the file gives none.</summary>
    public IReadOnlyList<DbcMultiplexerRange> MultiplexerRanges => MultiplexerRangeList;

    internal List<DbcMultiplexerRange> MultiplexerRangeList { get; } = new();

    /// <summary>True for a switch signal, written <c>M</c> or, in extended multiplexing, <c>mNM</c>.</summary>
    public bool IsMultiplexer => MultiplexerIndicator.EndsWith('M');

    /// <summary>Switch value N of an <c>mN</c> or <c>mNM</c> indicator, or null for a signal that is always present.</summary>
    public ulong? MultiplexerValue { get; internal set; }

    /// <summary>True when the signal is present only for some switch values.</summary>
    public bool IsMultiplexed => MultiplexerValue.HasValue || MultiplexerRangeList.Count > 0;

    /// <summary>Smallest raw integer the bit field holds. For float signals, the smallest finite value.</summary>
    public double RawMinimum => ValueType switch
    {
        DbcSignalValueType.Float => float.MinValue,
        DbcSignalValueType.Double => double.MinValue,
        _ => IsSigned ? -Math.Pow(2, Length - 1) : 0.0,
    };

    /// <summary>Largest raw integer the bit field holds. For float signals, the largest finite value.</summary>
    public double RawMaximum => ValueType switch
    {
        DbcSignalValueType.Float => float.MaxValue,
        DbcSignalValueType.Double => double.MaxValue,
        _ => IsSigned ? Math.Pow(2, Length - 1) - 1 : Math.Pow(2, Length) - 1,
    };

    /// <summary>
    /// Physical minimum: <see cref="Minimum"/>, or the bit field's range scaled by factor and offset
    /// where the file writes <c>[0|0]</c>.
    /// </summary>
    public double PhysicalMinimum => HasExplicitRange ? Minimum : Math.Min(ToPhysical(RawMinimum), ToPhysical(RawMaximum));

    /// <summary>Physical maximum, with the same fallback as <see cref="PhysicalMinimum"/>.</summary>
    public double PhysicalMaximum => HasExplicitRange ? Maximum : Math.Max(ToPhysical(RawMinimum), ToPhysical(RawMaximum));

    private bool HasExplicitRange => Minimum != 0.0 || Maximum != 0.0;

    /// <summary>Converts a raw value to a physical value: <c>raw * Factor + Offset</c>.</summary>
    public double ToPhysical(double raw) => raw * Factor + Offset;

    /// <summary>Converts a physical value to a raw value: <c>(physical - Offset) / Factor</c>, not rounded.</summary>
    public double ToRaw(double physical) => (physical - Offset) / Factor;

    public override string ToString() => $"{Name} {StartBit}|{Length}@{(int)ByteOrder}{(IsSigned ? '-' : '+')}";
}

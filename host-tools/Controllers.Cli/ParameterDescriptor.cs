using System;
using System.Collections.Generic;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Text;

namespace Controllers.Cli;

/// <summary>
/// One entry of an ECU's parameter database as DID 0x3FFF describes it (layout in
/// firmware/Controllers.Firmware.Common/Parameters/ParameterDiagnostics.cs): id, name, type, unit code,
/// limits and default as 32-bit patterns, and the scale of integers.
/// </summary>
internal sealed record ParameterDescriptor(int Index, ushort Id, string Name, byte Type, byte UnitCode, uint MinimumBits, uint MaximumBits, uint DefaultBits, float Scale)
{
    public const byte Int32Type = 0;
    public const byte Float32Type = 1;
    public const byte EnumType = 2;
    public const byte BoolType = 3;

    /// <summary>DID of the first value; parameter i has DID 0x4000 + i.</summary>
    public const ushort ValueIdentifierBase = 0x4000;

    /// <summary>DID of the database descriptor.</summary>
    public const ushort DescriptorIdentifier = 0x3FFF;

    // Symbols of the ParameterUnit codes, by code.
    private static readonly string[] UnitSymbols = ["", "V", "mV", "A", "°C", "%", "s", "ms", "km/h", "N·m", "W", "Ω", "Ω/V", "fraction", "rpm", "cycles"];

    /// <summary>DID that reads and writes this parameter.</summary>
    public ushort ValueIdentifier => (ushort)(ValueIdentifierBase + Index);

    /// <summary>Unit symbol, or "unit N" for a code this tool does not know.</summary>
    public string Unit => UnitCode < UnitSymbols.Length ? UnitSymbols[UnitCode] : "unit " + UnitCode.ToString(CultureInfo.InvariantCulture);

    /// <summary>Id as the tool prints it, for example 0x0101.</summary>
    public string IdText => "0x" + Id.ToString("X4", CultureInfo.InvariantCulture);

    /// <summary>Parses the DID 0x3FFF response; throws <see cref="InvalidDataException"/> naming the malformed part.</summary>
    public static IReadOnlyList<ParameterDescriptor> ParseDatabase(byte[] data)
    {
        if (data.Length < 3 || data[0] != 1)
        {
            throw new InvalidDataException($"expected layout version 1 and a count in the first 3 bytes, found {Convert.ToHexString(data.AsSpan(0, Math.Min(3, data.Length)))}");
        }

        int count = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(1));
        var entries = new List<ParameterDescriptor>(count);
        int position = 3;
        for (int i = 0; i < count; i++)
        {
            if (position + 21 > data.Length)
            {
                throw new InvalidDataException($"entry {i} starts at byte {position} but the descriptor has {data.Length} bytes");
            }

            ReadOnlySpan<byte> entry = data.AsSpan(position);
            int nameLength = entry[20];
            if (position + 21 + nameLength > data.Length)
            {
                throw new InvalidDataException($"the name of entry {i} runs past the end of the descriptor");
            }

            byte type = entry[2];
            if (type > BoolType)
            {
                throw new InvalidDataException($"entry {i} has the unknown type {type}");
            }

            entries.Add(new ParameterDescriptor(
                i,
                BinaryPrimitives.ReadUInt16BigEndian(entry),
                Encoding.ASCII.GetString(entry.Slice(21, nameLength)),
                type,
                entry[3],
                BinaryPrimitives.ReadUInt32BigEndian(entry[4..]),
                BinaryPrimitives.ReadUInt32BigEndian(entry[8..]),
                BinaryPrimitives.ReadUInt32BigEndian(entry[12..]),
                BitConverter.UInt32BitsToSingle(BinaryPrimitives.ReadUInt32BigEndian(entry[16..]))));
            position += 21 + nameLength;
        }

        return entries;
    }

    /// <summary>Finds a parameter by hex id (0x0101 or 0101) or by name; returns null when none matches.</summary>
    public static ParameterDescriptor? Find(IReadOnlyList<ParameterDescriptor> database, string key)
    {
        foreach (ParameterDescriptor entry in database)
        {
            if (string.Equals(entry.Name, key, StringComparison.Ordinal))
            {
                return entry;
            }
        }

        if (DtcCommand.TryParseHex(key, 0xFFFF, out uint id))
        {
            foreach (ParameterDescriptor entry in database)
            {
                if (entry.Id == id)
                {
                    return entry;
                }
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="bits"/> lies within the limits, compared as the firmware compares them.</summary>
    public bool IsInRange(uint bits)
    {
        if (Type == Float32Type)
        {
            float value = BitConverter.UInt32BitsToSingle(bits);
            return value >= BitConverter.UInt32BitsToSingle(MinimumBits) && value <= BitConverter.UInt32BitsToSingle(MaximumBits);
        }

        return (int)bits >= (int)MinimumBits && (int)bits <= (int)MaximumBits;
    }

    /// <summary>Physical value of <paramref name="bits"/>: the float, the integer times the scale, or 0/1.</summary>
    public double ToPhysical(uint bits) => Type switch
    {
        Float32Type => BitConverter.UInt32BitsToSingle(bits),
        Int32Type => (int)bits * (double)Scale,
        _ => (int)bits,
    };

    /// <summary>Formats <paramref name="bits"/> for output, invariant culture; booleans as true/false.</summary>
    public string Format(uint bits)
    {
        if (Type == BoolType)
        {
            return bits != 0 ? "true" : "false";
        }

        if (Type == Float32Type)
        {
            return BitConverter.UInt32BitsToSingle(bits).ToString("R", CultureInfo.InvariantCulture);
        }

        return ToPhysical(bits).ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Parses a value typed on the command line: a number in the unit for floats and scaled integers, an integer
    /// code for enumerations, true/false/1/0 for booleans. Returns false when the text is not such a value.
    /// </summary>
    public bool TryParse(string text, out uint bits)
    {
        bits = 0;
        if (Type == BoolType)
        {
            switch (text.Trim().ToLowerInvariant())
            {
                case "true" or "1":
                    bits = 1;
                    return true;
                case "false" or "0":
                    return true;
                default:
                    return false;
            }
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            return false;
        }

        return TryFromPhysical(value, out bits);
    }

    /// <summary>Converts a physical value to its bits; false for a non-integral enumeration code or an integer that does not fit.</summary>
    public bool TryFromPhysical(double value, out uint bits)
    {
        bits = 0;
        if (!double.IsFinite(value))
        {
            return false;
        }

        if (Type == Float32Type)
        {
            bits = BitConverter.SingleToUInt32Bits((float)value);
            return true;
        }

        double raw = Type == Int32Type ? value / Scale : value;
        double rounded = Math.Round(raw);

        // A scaled integer accepts values within a millionth of a step; anything else names a step that does not exist.
        if (Math.Abs(raw - rounded) > 1e-6 * Math.Max(1.0, Math.Abs(raw)) || rounded < int.MinValue || rounded > int.MaxValue)
        {
            return false;
        }

        bits = (uint)(int)rounded;
        return true;
    }

    /// <summary>Words that describe the accepted input, for an error message.</summary>
    public string ExpectedInput => Type switch
    {
        BoolType => Messages.Get("ParamsExpectBool"),
        EnumType => Messages.Get("ParamsExpectEnum"),
        Int32Type when Scale == 1f => Messages.Get("ParamsExpectInteger"),
        Int32Type => Messages.Format("ParamsExpectMultiple", Scale.ToString("R", CultureInfo.InvariantCulture)),
        _ => Messages.Get("ParamsExpectNumber"),
    };
}

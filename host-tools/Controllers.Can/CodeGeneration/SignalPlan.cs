using System;
using System.Collections.Generic;
using System.Numerics;
using Controllers.Can.Dbc;

namespace Controllers.Can.CodeGeneration;

/// <summary>C# type of a generated signal field.</summary>
internal enum FieldKind
{
    /// <summary><c>float</c>: float signals and integer signals whose raw values a float tells apart.</summary>
    Single,

    /// <summary><c>double</c>: double signals and wide integer signals with a factor or offset.</summary>
    Double,

    /// <summary><c>long</c>: wide integer signals with factor 1 and offset 0, so the raw value is the physical value.</summary>
    Int64,

    /// <summary><c>ulong</c>: like <see cref="Int64"/> for unsigned 64-bit signals.</summary>
    UInt64,
}

/// <summary>Bits of a signal that lie in one data byte.</summary>
/// <param name="ByteIndex">Index of the data byte.</param>
/// <param name="ByteShift">Position of the lowest of these bits in the byte, 0 for the LSB.</param>
/// <param name="Width">Number of bits, 1 to 8.</param>
/// <param name="ValueShift">Position of the lowest of these bits in the signal's raw value.</param>
internal readonly record struct BitSegment(int ByteIndex, int ByteShift, int Width, int ValueShift);

/// <summary>Everything the writer needs about one signal: its field, its bit layout and its clamping bounds.</summary>
internal sealed class SignalPlan
{
    /// <summary>Largest error, in raw steps, that a float or double field may add on a round trip.</summary>
    private const double MaxRoundTripError = 0.25;

    private SignalPlan(DbcSignal signal, string fieldName, FieldKind kind, IReadOnlyList<BitSegment> segments)
    {
        Signal = signal;
        FieldName = fieldName;
        Kind = kind;
        Segments = segments;
    }

    public DbcSignal Signal { get; }

    public string FieldName { get; }

    public FieldKind Kind { get; }

    /// <summary>Bit segments ordered by byte index.</summary>
    public IReadOnlyList<BitSegment> Segments { get; }

    /// <summary>Switch signal that selects this one, or null for a signal that is always present.</summary>
    public SignalPlan? Switch { get; set; }

    /// <summary>True when another signal of the message names this one as its switch.</summary>
    public bool IsSwitch { get; set; }

    /// <summary>Index used in local variable names of the generated methods.</summary>
    public int Index { get; set; }

    /// <summary>True for a double field of an integer signal whose raw values a double cannot all tell apart (above 2^53 or so).</summary>
    public bool IsLossy { get; private set; }

    public bool IsSingle => Kind == FieldKind.Single;

    public string TypeName => Kind switch
    {
        FieldKind.Single => "float",
        FieldKind.Double => "double",
        FieldKind.Int64 => "long",
        _ => "ulong",
    };

    /// <summary>Mask of the signal's bits in its raw value.</summary>
    public ulong ValueMask => Signal.Length == 64 ? ulong.MaxValue : (1UL << Signal.Length) - 1;

    /// <summary>True where the file writes a <c>[min|max]</c> other than <c>[0|0]</c>.</summary>
    public bool HasExplicitRange => Signal.Minimum != 0.0 || Signal.Maximum != 0.0;

    public static SignalPlan Create(DbcSignal signal, string fieldName)
    {
        var kind = ChooseKind(signal, out var isLossy);
        return new SignalPlan(signal, fieldName, kind, ComputeSegments(signal)) { IsLossy = isLossy };
    }

    /// <summary>Returns the smallest raw integer, exactly.</summary>
    public BigInteger RawMinimumExact => Signal.IsSigned ? -(BigInteger.One << (Signal.Length - 1)) : BigInteger.Zero;

    /// <summary>Returns the largest raw integer, exactly.</summary>
    public BigInteger RawMaximumExact => Signal.IsSigned
        ? (BigInteger.One << (Signal.Length - 1)) - 1
        : (BigInteger.One << Signal.Length) - 1;

    /// <summary>Returns the largest value of the field's floating type that is not above the largest raw integer.</summary>
    public double FloatingRawMaximum()
    {
        var maximum = RawMaximumExact;
        if (IsSingle)
        {
            var candidate = (float)maximum;
            return new BigInteger(candidate) > maximum ? MathF.BitDecrement(candidate) : candidate;
        }

        var doubleCandidate = (double)maximum;
        return new BigInteger(doubleCandidate) > maximum ? Math.BitDecrement(doubleCandidate) : doubleCandidate;
    }

    /// <summary>Returns the smallest raw integer, which a power of two makes exact in float and double.</summary>
    public double FloatingRawMinimum() => (double)RawMinimumExact;

    private static FieldKind ChooseKind(DbcSignal signal, out bool isLossy)
    {
        isLossy = false;
        switch (signal.ValueType)
        {
            case DbcSignalValueType.Float:
                return FieldKind.Single;
            case DbcSignalValueType.Double:
                return FieldKind.Double;
        }

        // Bound the round-trip error of raw -> physical -> raw in raw steps: the rounding of the
        // physical value, of the factor and offset constants and of the subtraction and division.
        var rawMinimum = signal.RawMinimum;
        var rawMaximum = signal.RawMaximum;
        var largestPhysical = Math.Max(Math.Abs(signal.ToPhysical(rawMinimum)), Math.Abs(signal.ToPhysical(rawMaximum)));
        var largestRaw = Math.Max(Math.Abs(rawMinimum), Math.Abs(rawMaximum));
        var factor = Math.Abs(signal.Factor);
        var relativeTerms = ((2 * largestPhysical) + Math.Abs(signal.Offset)) / factor + (2 * largestRaw);

        if (relativeTerms * Math.Pow(2, -24) <= MaxRoundTripError)
        {
            return FieldKind.Single;
        }

        if (signal.Factor == 1.0 && signal.Offset == 0.0)
        {
            return !signal.IsSigned && signal.Length == 64 ? FieldKind.UInt64 : FieldKind.Int64;
        }

        isLossy = relativeTerms * Math.Pow(2, -53) > MaxRoundTripError;
        return FieldKind.Double;
    }

    private static List<BitSegment> ComputeSegments(DbcSignal signal)
    {
        // Data bit position of each raw value bit, LSB first.
        var positions = new int[signal.Length];
        if (signal.ByteOrder == DbcByteOrder.Intel)
        {
            for (var i = 0; i < signal.Length; i++)
            {
                positions[i] = signal.StartBit + i;
            }
        }
        else
        {
            // Motorola: the start bit is the MSB, and the signal runs down to bit 0 of a byte, then on at bit 7 of the next.
            var position = signal.StartBit;
            for (var i = signal.Length - 1; i >= 0; i--)
            {
                positions[i] = position;
                position = position % 8 == 0 ? position + 15 : position - 1;
            }
        }

        var segments = new List<BitSegment>();
        var valueBit = 0;
        while (valueBit < signal.Length)
        {
            var byteIndex = positions[valueBit] / 8;
            var width = 1;

            // In both orders, raw bits that share a byte are consecutive and rise with the byte's bits.
            while (valueBit + width < signal.Length && positions[valueBit + width] == positions[valueBit] + width
                   && positions[valueBit + width] / 8 == byteIndex)
            {
                width++;
            }

            segments.Add(new BitSegment(byteIndex, positions[valueBit] % 8, width, valueBit));
            valueBit += width;
        }

        segments.Sort((left, right) => left.ByteIndex.CompareTo(right.ByteIndex));
        return segments;
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;

namespace Controllers.Can.Dbc;

/// <summary>
/// Reads and writes signal values in message data. Bit positions follow the DBC convention: bit
/// <c>n</c> is bit <c>n % 8</c> (0 = least significant) of byte <c>n / 8</c>. An Intel signal runs
/// upward from its start bit, the LSB. A Motorola signal starts at its MSB and runs down to bit 0
/// of that byte, then continues at bit 7 of the next byte (the "sawtooth" order).
/// </summary>
public static class DbcSignalCodec
{
    /// <summary>Reads the signal's bits as an unsigned integer, without sign extension.</summary>
    /// <exception cref="ArgumentException"><paramref name="data"/> is too short for the signal.</exception>
    public static ulong ReadBits(ReadOnlySpan<byte> data, DbcSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        CheckFits(data.Length, signal);

        ulong bits = 0;
        if (signal.ByteOrder == DbcByteOrder.Intel)
        {
            for (var i = 0; i < signal.Length; i++)
            {
                var position = signal.StartBit + i;
                bits |= (ulong)((data[position / 8] >> (position % 8)) & 1) << i;
            }

            return bits;
        }

        var motorolaPosition = signal.StartBit;
        for (var i = 0; i < signal.Length; i++)
        {
            bits = (bits << 1) | (uint)((data[motorolaPosition / 8] >> (motorolaPosition % 8)) & 1);
            motorolaPosition = NextMotorolaPosition(motorolaPosition);
        }

        return bits;
    }

    /// <summary>Writes the low <see cref="DbcSignal.Length"/> bits of <paramref name="bits"/> and leaves other bits unchanged.</summary>
    /// <exception cref="ArgumentException"><paramref name="data"/> is too short for the signal.</exception>
    public static void WriteBits(Span<byte> data, DbcSignal signal, ulong bits)
    {
        ArgumentNullException.ThrowIfNull(signal);
        CheckFits(data.Length, signal);

        for (var i = 0; i < signal.Length; i++)
        {
            // Intel puts value bit i at start bit + i. Motorola puts the MSB at the start bit and walks down.
            int position;
            int valueBit;
            if (signal.ByteOrder == DbcByteOrder.Intel)
            {
                position = signal.StartBit + i;
                valueBit = i;
            }
            else
            {
                position = MotorolaPosition(signal.StartBit, i);
                valueBit = signal.Length - 1 - i;
            }

            var mask = (byte)(1 << (position % 8));
            if (((bits >> valueBit) & 1) != 0)
            {
                data[position / 8] |= mask;
            }
            else
            {
                data[position / 8] &= (byte)~mask;
            }
        }
    }

    /// <summary>
    /// Decodes the raw value: the integer (sign-extended for signed signals) or the IEEE float or
    /// double. Integers above 2^53 lose precision in the double result, so use <see cref="ReadBits"/> for them.
    /// </summary>
    public static double DecodeRaw(ReadOnlySpan<byte> data, DbcSignal signal)
    {
        var bits = ReadBits(data, signal);
        return signal.ValueType switch
        {
            DbcSignalValueType.Float => BitConverter.UInt32BitsToSingle((uint)bits),
            DbcSignalValueType.Double => BitConverter.UInt64BitsToDouble(bits),
            _ => signal.IsSigned ? SignExtend(bits, signal.Length) : bits,
        };
    }

    /// <summary>Decodes the physical value: raw value times factor plus offset.</summary>
    public static double DecodePhysical(ReadOnlySpan<byte> data, DbcSignal signal)
    {
        return signal.ToPhysical(DecodeRaw(data, signal));
    }

    /// <summary>Encodes a raw integer. Signed signals take values from -2^(n-1) to 2^(n-1)-1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit the signal's bit field.</exception>
    /// <exception cref="InvalidOperationException">The signal is a float or double signal.</exception>
    public static void EncodeRaw(Span<byte> data, DbcSignal signal, long raw)
    {
        ArgumentNullException.ThrowIfNull(signal);
        RequireInteger(signal);
        if (!signal.IsSigned)
        {
            if (raw < 0)
            {
                throw OutOfRange(nameof(raw), raw, signal);
            }

            EncodeRaw(data, signal, (ulong)raw);
            return;
        }

        var minimum = signal.Length == 64 ? long.MinValue : -(1L << (signal.Length - 1));
        var maximum = signal.Length == 64 ? long.MaxValue : (1L << (signal.Length - 1)) - 1;
        if (raw < minimum || raw > maximum)
        {
            throw OutOfRange(nameof(raw), raw, signal);
        }

        WriteBits(data, signal, (ulong)raw & LowMask(signal.Length));
    }

    /// <summary>Encodes a raw unsigned integer into an unsigned signal.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit the signal's bit field, or the signal is signed and the value exceeds its maximum.</exception>
    /// <exception cref="InvalidOperationException">The signal is a float or double signal.</exception>
    public static void EncodeRaw(Span<byte> data, DbcSignal signal, ulong raw)
    {
        ArgumentNullException.ThrowIfNull(signal);
        RequireInteger(signal);
        if (signal.IsSigned)
        {
            if (raw > long.MaxValue)
            {
                throw OutOfRange(nameof(raw), raw, signal);
            }

            EncodeRaw(data, signal, (long)raw);
            return;
        }

        if (raw > LowMask(signal.Length))
        {
            throw OutOfRange(nameof(raw), raw, signal);
        }

        WriteBits(data, signal, raw);
    }

    /// <summary>Encodes the value of a float or double signal as IEEE 754 bits.</summary>
    /// <exception cref="InvalidOperationException">The signal is an integer signal.</exception>
    public static void EncodeFloat(Span<byte> data, DbcSignal signal, double value)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var bits = signal.ValueType switch
        {
            DbcSignalValueType.Float => BitConverter.SingleToUInt32Bits((float)value),
            DbcSignalValueType.Double => BitConverter.DoubleToUInt64Bits(value),
            _ => throw new InvalidOperationException(
                $"Signal {signal.Name} is an integer signal; use EncodeRaw or EncodePhysical."),
        };
        WriteBits(data, signal, bits);
    }

    /// <summary>
    /// Encodes a physical value: computes <c>(physical - offset) / factor</c>, rounds it to the
    /// nearest integer (half away from zero) for integer signals, and writes it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The raw value does not fit the signal's bit field.</exception>
    /// <exception cref="InvalidOperationException">The signal's factor is 0.</exception>
    public static void EncodePhysical(Span<byte> data, DbcSignal signal, double physical)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (signal.Factor == 0.0)
        {
            throw new InvalidOperationException($"Signal {signal.Name} has factor 0, so a physical value cannot be encoded.");
        }

        var raw = signal.ToRaw(physical);
        if (signal.ValueType != DbcSignalValueType.Integer)
        {
            EncodeFloat(data, signal, raw);
            return;
        }

        var rounded = Math.Round(raw, MidpointRounding.AwayFromZero);

        // Compare as doubles first, because casting an out-of-range double to long is undefined.
        if (double.IsNaN(rounded) || rounded < signal.RawMinimum || rounded > signal.RawMaximum)
        {
            throw OutOfRange(nameof(physical), physical, signal);
        }

        if (signal.IsSigned)
        {
            EncodeRaw(data, signal, rounded >= 9.2233720368547758E18 ? long.MaxValue : (long)rounded);
        }
        else
        {
            EncodeRaw(data, signal, rounded >= 1.8446744073709552E19 ? ulong.MaxValue : (ulong)rounded);
        }
    }

    /// <summary>
    /// Decodes the physical values of the signals present in <paramref name="data"/>. A multiplexed
    /// signal is present when its switch is present and the switch's raw value equals its mN value,
    /// or lies in one of its <c>SG_MUL_VAL_</c> ranges. Signals that do not fit in the data are left out.
    /// </summary>
    /// <exception cref="InvalidOperationException">The message's multiplexing cannot be resolved (a switch is missing or several match).</exception>
    public static IReadOnlyDictionary<string, double> DecodeMessage(ReadOnlySpan<byte> data, DbcMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var signal in message.Signals)
        {
            if (!Fits(data.Length, signal) || !IsPresent(data, message, signal, 0))
            {
                continue;
            }

            values[signal.Name] = DecodePhysical(data, signal);
        }

        return values;
    }

    /// <summary>Tests whether a signal is present, following the chain of switches in extended multiplexing.</summary>
    private static bool IsPresent(ReadOnlySpan<byte> data, DbcMessage message, DbcSignal signal, int depth)
    {
        if (!signal.IsMultiplexed)
        {
            return true;
        }

        if (depth > message.Signals.Count)
        {
            throw new InvalidOperationException($"Message {message.Name} has a multiplexer loop at signal {signal.Name}.");
        }

        var switchSignal = FindSwitch(message, signal);
        if (!Fits(data.Length, switchSignal) || !IsPresent(data, message, switchSignal, depth + 1))
        {
            return false;
        }

        var switchValue = ReadBits(data, switchSignal);
        if (signal.MultiplexerRanges.Count > 0)
        {
            foreach (var range in signal.MultiplexerRanges)
            {
                if (range.Contains(switchValue))
                {
                    return true;
                }
            }

            return false;
        }

        return switchValue == signal.MultiplexerValue;
    }

    private static DbcSignal FindSwitch(DbcMessage message, DbcSignal signal)
    {
        if (signal.MultiplexerSwitchName is not null)
        {
            return message.FindSignal(signal.MultiplexerSwitchName)
                ?? throw new InvalidOperationException(
                    $"Message {message.Name} has no switch signal {signal.MultiplexerSwitchName} for {signal.Name}.");
        }

        // Without SG_MUL_VAL_, a message has one switch signal and every mN signal depends on it.
        DbcSignal? found = null;
        foreach (var candidate in message.Signals)
        {
            if (candidate.IsMultiplexer && candidate != signal)
            {
                if (found is not null)
                {
                    throw new InvalidOperationException(
                        $"Message {message.Name} has several switch signals, so {signal.Name} needs an SG_MUL_VAL_ entry.");
                }

                found = candidate;
            }
        }

        return found ?? throw new InvalidOperationException(
            $"Message {message.Name} has no switch signal (M) for the multiplexed signal {signal.Name}.");
    }

    /// <summary>Returns the bit position of the i-th bit of a Motorola signal, counting from its MSB.</summary>
    private static int MotorolaPosition(int startBit, int index)
    {
        var position = startBit;
        for (var i = 0; i < index; i++)
        {
            position = NextMotorolaPosition(position);
        }

        return position;
    }

    /// <summary>Moves one bit toward the LSB: down within a byte, then to bit 7 of the next byte.</summary>
    private static int NextMotorolaPosition(int position) => position % 8 == 0 ? position + 15 : position - 1;

    /// <summary>Returns the position of the signal's bit in its highest byte: the MSB for Intel, the LSB for Motorola.</summary>
    private static int LastPosition(DbcSignal signal)
    {
        return signal.ByteOrder == DbcByteOrder.Intel
            ? signal.StartBit + signal.Length - 1
            : MotorolaPosition(signal.StartBit, signal.Length - 1);
    }

    private static bool Fits(int dataLength, DbcSignal signal) => LastPosition(signal) < dataLength * 8;

    private static void CheckFits(int dataLength, DbcSignal signal)
    {
        if (signal.Length is < 1 or > 64)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Signal {signal.Name} has length {signal.Length}; it must be 1 to 64 bits."),
                nameof(signal));
        }

        if (!Fits(dataLength, signal))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture,
                    $"Signal {signal.Name} ({signal}) does not fit in {dataLength} data bytes."),
                "data");
        }
    }

    private static long SignExtend(ulong bits, int length)
    {
        var shift = 64 - length;
        return (long)(bits << shift) >> shift;
    }

    private static ulong LowMask(int length) => length == 64 ? ulong.MaxValue : (1UL << length) - 1;

    private static void RequireInteger(DbcSignal signal)
    {
        if (signal.ValueType != DbcSignalValueType.Integer)
        {
            throw new InvalidOperationException($"Signal {signal.Name} is a {signal.ValueType} signal; use EncodeFloat or EncodePhysical.");
        }
    }

    private static ArgumentOutOfRangeException OutOfRange(string parameter, object value, DbcSignal signal)
    {
        var range = string.Create(CultureInfo.InvariantCulture, $"{signal.RawMinimum} to {signal.RawMaximum}");
        return new ArgumentOutOfRangeException(
            parameter, value, $"Raw value does not fit signal {signal.Name} ({signal}); the raw range is {range}.");
    }
}

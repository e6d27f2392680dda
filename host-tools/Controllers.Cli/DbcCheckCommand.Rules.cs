using System.Collections.Generic;
using Controllers.Can.Dbc;

namespace Controllers.Cli;

/// <summary>Consistency rules of <c>ctl dbc check</c> and the bus load estimate.</summary>
internal static partial class DbcCheckCommand
{
    private const int ClassicCanMaxLength = 8;

    /// <summary>
    /// Checks the layout of every message and estimates the bus load. Duplicate identifiers never get
    /// here because the parser rejects them.
    /// </summary>
    private static CheckReport Inspect(DbcFile file, int bitRate)
    {
        var errors = new List<string>();
        var warnings = new List<string>();
        foreach (var warning in file.Warnings)
        {
            warnings.Add(warning.ToString());
        }

        var namesSeen = new Dictionary<string, DbcMessage>();
        double bitsPerSecond = 0;
        foreach (var message in file.Messages)
        {
            if (namesSeen.TryGetValue(message.Name, out var first))
            {
                errors.Add(Messages.Format("DbcDuplicateMessageName", message.Name, DbcCommand.FormatId(first), DbcCommand.FormatId(message)));
            }
            else
            {
                namesSeen.Add(message.Name, message);
            }

            CheckLength(message, errors);
            CheckOverlaps(message, errors);

            if (message.CycleTimeMilliseconds is not > 0)
            {
                warnings.Add(Messages.Format("DbcCycleTimeMissing", message.Name, DbcCommand.FormatId(message)));
            }
            else if (message.Length > ClassicCanMaxLength)
            {
                warnings.Add(Messages.Format("DbcCanFdNotEstimated", message.Name, DbcCommand.FormatId(message), message.Length));
            }
            else
            {
                bitsPerSecond += WorstCaseFrameBits(message) * 1000.0 / message.CycleTimeMilliseconds.Value;
            }
        }

        return new CheckReport(errors, warnings, bitsPerSecond / bitRate);
    }

    /// <summary>
    /// Returns the worst-case length in bits of a classic CAN data frame with n data bytes, stuff bits
    /// and the 3-bit intermission included. That is 47 + 8n + floor((34 + 8n - 1) / 4) for an 11-bit
    /// identifier and 67 + 8n + floor((54 + 8n - 1) / 4) for a 29-bit one.
    /// </summary>
    internal static int WorstCaseFrameBits(DbcMessage message)
    {
        int dataBits = 8 * message.Length;
        return message.IsExtended
            ? 67 + dataBits + (54 + dataBits - 1) / 4
            : 47 + dataBits + (34 + dataBits - 1) / 4;
    }

    private static void CheckLength(DbcMessage message, List<string> errors)
    {
        foreach (var signal in message.Signals)
        {
            int highest = -1;
            foreach (int bit in SignalBits(signal))
            {
                highest = System.Math.Max(highest, bit);
            }

            if (highest >= message.Length * 8)
            {
                errors.Add(Messages.Format("DbcSignalBeyondLength", message.Name, DbcCommand.FormatId(message), signal.Name, highest, message.Length));
            }
        }
    }

    /// <summary>Reports the lowest shared bit of each pair of signals that can be present in the same frame.</summary>
    private static void CheckOverlaps(DbcMessage message, List<string> errors)
    {
        var signals = message.Signals;
        for (int i = 0; i < signals.Count; i++)
        {
            var bits = new HashSet<int>(SignalBits(signals[i]));
            for (int j = i + 1; j < signals.Count; j++)
            {
                if (!CanCoexist(message, signals[i], signals[j]))
                {
                    continue;
                }

                int lowestShared = int.MaxValue;
                foreach (int bit in SignalBits(signals[j]))
                {
                    if (bits.Contains(bit))
                    {
                        lowestShared = System.Math.Min(lowestShared, bit);
                    }
                }

                if (lowestShared != int.MaxValue)
                {
                    errors.Add(Messages.Format("DbcSignalsOverlap", message.Name, DbcCommand.FormatId(message), signals[i].Name, signals[j].Name, lowestShared));
                }
            }
        }
    }

    /// <summary>
    /// Tests whether two signals can appear in one frame: false only when both hang off the same switch
    /// and their switch values or ranges are disjoint.
    /// </summary>
    private static bool CanCoexist(DbcMessage message, DbcSignal first, DbcSignal second)
    {
        if (!first.IsMultiplexed || !second.IsMultiplexed)
        {
            return true;
        }

        // NOTE: signals on different switches (extended multiplexing) count as coexisting, which can
        // report an overlap that nested switch values rule out.
        if (SwitchName(message, first) != SwitchName(message, second))
        {
            return true;
        }

        foreach (var firstRange in SwitchRanges(first))
        {
            foreach (var secondRange in SwitchRanges(second))
            {
                if (firstRange.Minimum <= secondRange.Maximum && secondRange.Minimum <= firstRange.Maximum)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Returns the <c>SG_MUL_VAL_</c> switch, or else the message's only <c>M</c> signal, as the codec does.</summary>
    private static string? SwitchName(DbcMessage message, DbcSignal signal)
    {
        if (signal.MultiplexerSwitchName != null)
        {
            return signal.MultiplexerSwitchName;
        }

        DbcSignal? onlySwitch = null;
        foreach (var candidate in message.Signals)
        {
            if (candidate.MultiplexerIndicator == "M")
            {
                if (onlySwitch != null)
                {
                    return null;
                }

                onlySwitch = candidate;
            }
        }

        return onlySwitch?.Name;
    }

    private static IEnumerable<DbcMultiplexerRange> SwitchRanges(DbcSignal signal)
    {
        if (signal.MultiplexerRanges.Count > 0)
        {
            return signal.MultiplexerRanges;
        }

        ulong value = signal.MultiplexerValue!.Value;
        return [new DbcMultiplexerRange(value, value)];
    }

    /// <summary>Lists the data bits a signal occupies, bit n being bit n % 8 of byte n / 8.</summary>
    private static IEnumerable<int> SignalBits(DbcSignal signal)
    {
        int bit = signal.StartBit;
        for (int i = 0; i < signal.Length; i++)
        {
            yield return bit;

            // Motorola runs from the MSB down to bit 0 of a byte, then on at bit 7 of the next byte.
            bit = signal.ByteOrder == DbcByteOrder.Intel ? bit + 1 : (bit % 8 == 0 ? bit + 15 : bit - 1);
        }
    }
}

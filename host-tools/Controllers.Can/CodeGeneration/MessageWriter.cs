using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using Controllers.Can.Dbc;

namespace Controllers.Can.CodeGeneration;

/// <summary>Writes the codec class of one message: constants, signal fields, Encode and TryDecode.</summary>
internal sealed class MessageWriter
{
    private static readonly string[] ReservedMemberNames = { "Id", "IsExtended", "Length", "CycleTimeMilliseconds", "Encode", "TryDecode" };

    private readonly DbcMessage message;
    private readonly string className;
    private readonly CodeWriter writer;
    private readonly HashSet<string> memberNames = new(StringComparer.Ordinal);
    private readonly List<SignalPlan> plans = new();
    private readonly List<string> skipNotes = new();

    private MessageWriter(DbcMessage message, string className, CodeWriter writer)
    {
        this.message = message;
        this.className = className;
        this.writer = writer;
    }

    public static void Write(CodeWriter writer, DbcMessage message, string className)
    {
        var messageWriter = new MessageWriter(message, className, writer);
        messageWriter.PlanSignals();
        messageWriter.WriteClass();
    }

    private void PlanSignals()
    {
        memberNames.Add(className);
        foreach (var name in ReservedMemberNames)
        {
            memberNames.Add(name);
        }

        var candidates = new List<SignalPlan>();
        foreach (var signal in message.Signals)
        {
            if (signal.Factor == 0.0)
            {
                skipNotes.Add($"{signal.Name} has factor 0, so no raw value can be computed from a physical one.");
                continue;
            }

            var plan = SignalPlan.Create(signal, ReserveName(CSharpSyntax.ToIdentifier(signal.Name), "Signal"));
            if (plan.Segments.Max(segment => segment.ByteIndex) >= message.Length)
            {
                skipNotes.Add($"{signal.Name} reaches past the {message.Length} data bytes of the message.");
                memberNames.Remove(plan.FieldName);
                continue;
            }

            candidates.Add(plan);
        }

        foreach (var plan in candidates)
        {
            if (!plan.Signal.IsMultiplexed)
            {
                continue;
            }

            plan.Switch = FindSwitch(plan, candidates);
            if (plan.Switch is not null)
            {
                plan.Switch.IsSwitch = true;
            }
        }

        // Order the signals so that every switch comes before the signals it selects.
        var states = new Dictionary<SignalPlan, int>();
        foreach (var plan in candidates)
        {
            Visit(plan, states);
        }

        for (var i = 0; i < plans.Count; i++)
        {
            plans[i].Index = i;
        }
    }

    private SignalPlan? FindSwitch(SignalPlan plan, List<SignalPlan> candidates)
    {
        var signal = plan.Signal;
        if (signal.MultiplexerSwitchName is not null)
        {
            var named = candidates.Find(candidate => candidate.Signal.Name == signal.MultiplexerSwitchName);
            if (named is null)
            {
                skipNotes.Add($"{signal.Name} is multiplexed by {signal.MultiplexerSwitchName}, which is missing or not generated.");
            }

            return named;
        }

        var switches = message.Signals.Where(candidate => candidate.IsMultiplexer && candidate != signal).ToList();
        if (switches.Count != 1)
        {
            skipNotes.Add($"{signal.Name} is multiplexed, but the message has {switches.Count} switch signals and no SG_MUL_VAL_ entry names one.");
            return null;
        }

        var found = candidates.Find(candidate => candidate.Signal == switches[0]);
        if (found is null)
        {
            skipNotes.Add($"{signal.Name} is multiplexed by {switches[0].Name}, which is not generated.");
        }

        return found;
    }

    /// <summary>Appends the plan after its switch. States: 1 while visiting, 2 when placed, 3 when skipped.</summary>
    private bool Visit(SignalPlan plan, Dictionary<SignalPlan, int> states)
    {
        if (states.TryGetValue(plan, out var state))
        {
            if (state == 1)
            {
                skipNotes.Add($"{plan.Signal.Name} is part of a loop of multiplexer switches.");
                states[plan] = 3;
                return false;
            }

            return state == 2;
        }

        states[plan] = 1;
        var placeable = !plan.Signal.IsMultiplexed || (plan.Switch is not null && Visit(plan.Switch, states));
        if (states[plan] == 3)
        {
            placeable = false;
        }

        if (!placeable)
        {
            states[plan] = 3;
            memberNames.Remove(plan.FieldName);
            return false;
        }

        states[plan] = 2;
        plans.Add(plan);
        return true;
    }

    private string ReserveName(string name, string suffix)
    {
        var candidate = name;
        if (memberNames.Contains(candidate))
        {
            candidate = name + suffix;
        }

        for (var number = 2; memberNames.Contains(candidate); number++)
        {
            candidate = name + suffix + number.ToString(CultureInfo.InvariantCulture);
        }

        memberNames.Add(candidate);
        return candidate;
    }

    private void WriteClass()
    {
        var kind = message.IsExtended ? "extended" : "standard";
        var summary = $"Codec of message {message.Name}: identifier 0x{message.Id:X} ({kind}), {message.Length} data bytes, sent by {message.Transmitter}.";
        if (!string.IsNullOrWhiteSpace(message.Comment))
        {
            summary += " " + message.Comment;
        }

        writer.Line($"/// <summary>{CSharpSyntax.ToDocumentationText(summary)}</summary>");
        foreach (var note in skipNotes)
        {
            writer.Line($"// NOTE: not generated: {note}");
        }

        writer.Line($"public sealed class {className}");
        writer.Open();
        writer.Line("/// <summary>CAN identifier without the DBC's extended flag.</summary>");
        writer.Line($"public const uint Id = 0x{message.Id:X};");
        writer.Line();
        writer.Line($"public const bool IsExtended = {(message.IsExtended ? "true" : "false")};");
        writer.Line();
        writer.Line("/// <summary>Data length code: the number of data bytes.</summary>");
        writer.Line($"public const int Length = {message.Length.ToString(CultureInfo.InvariantCulture)};");
        writer.Line();
        writer.Line("/// <summary>Transmit period in milliseconds from GenMsgCycleTime, 0 where the DBC gives none.</summary>");
        writer.Line($"public const int CycleTimeMilliseconds = {(message.CycleTimeMilliseconds ?? 0).ToString(CultureInfo.InvariantCulture)};");

        WriteValueConstants();

        foreach (var plan in plans)
        {
            writer.Line();
            writer.Line($"/// <summary>{CSharpSyntax.ToDocumentationText(DescribeField(plan))}</summary>");
            writer.Line($"public {plan.TypeName} {plan.FieldName};");
        }

        writer.Line();
        WriteEncode();
        writer.Line();
        WriteDecode();
        writer.Close();
    }

    private void WriteValueConstants()
    {
        foreach (var plan in plans)
        {
            foreach (var entry in plan.Signal.ValueDescriptions.OrderBy(pair => pair.Key))
            {
                var suffix = CSharpSyntax.ToPascalCase(entry.Value);
                if (suffix.Length == 0)
                {
                    suffix = entry.Key < 0
                        ? "Minus" + (-(BigInteger)entry.Key).ToString(CultureInfo.InvariantCulture)
                        : entry.Key.ToString(CultureInfo.InvariantCulture);
                }

                var name = ReserveName(plan.FieldName.TrimStart('@') + suffix, "Value");
                var type = entry.Key >= int.MinValue && entry.Key <= int.MaxValue ? "int" : "long";
                writer.Line();
                writer.Line($"/// <summary>Raw value of {plan.FieldName.TrimStart('@')}: {CSharpSyntax.ToDocumentationText(entry.Value)}.</summary>");
                writer.Line($"public const {type} {name} = {entry.Key.ToString(CultureInfo.InvariantCulture)};");
            }
        }
    }

    private static string DescribeField(SignalPlan plan)
    {
        var signal = plan.Signal;
        var unit = signal.Unit.Length > 0 ? $" in {signal.Unit}" : string.Empty;
        var order = signal.ByteOrder == DbcByteOrder.Intel ? "Intel" : "Motorola";
        var encoding = signal.ValueType switch
        {
            DbcSignalValueType.Float => "IEEE single",
            DbcSignalValueType.Double => "IEEE double",
            _ => signal.IsSigned ? "signed" : "unsigned",
        };
        var text = $"{signal.Name}{unit}: {encoding} {signal.Length}-bit {order} raw value from start bit {signal.StartBit}";
        if (signal.Factor != 1.0 || signal.Offset != 0.0)
        {
            text += $", times {CSharpSyntax.Number(signal.Factor)} plus {CSharpSyntax.Number(signal.Offset)}";
        }

        text += ".";
        if (plan.HasExplicitRange)
        {
            text += $" Encode clamps it to [{CSharpSyntax.Number(signal.Minimum)}, {CSharpSyntax.Number(signal.Maximum)}].";
        }

        if (plan.Switch is not null)
        {
            text += $" Present when {plan.Switch.Signal.Name} is {DescribeCondition(signal)}.";
        }

        if (plan.IsLossy)
        {
            text += " NOTE: a double cannot hold every raw value of this signal, so large raw values lose their low bits.";
        }

        if (!string.IsNullOrWhiteSpace(signal.Comment))
        {
            text += " " + signal.Comment;
        }

        return text;
    }

    private static string DescribeCondition(DbcSignal signal)
    {
        if (signal.MultiplexerRanges.Count == 0)
        {
            return signal.MultiplexerValue!.Value.ToString(CultureInfo.InvariantCulture);
        }

        return string.Join(" or ", signal.MultiplexerRanges.Select(range => range.Minimum == range.Maximum
            ? range.Minimum.ToString(CultureInfo.InvariantCulture)
            : $"{range.Minimum} to {range.Maximum}"));
    }

    private static string ConditionExpression(SignalPlan plan)
    {
        var switchBits = $"switchBits{plan.Switch!.Index}";
        var signal = plan.Signal;
        string ranges;
        if (signal.MultiplexerRanges.Count == 0)
        {
            ranges = $"{switchBits} == {signal.MultiplexerValue!.Value}UL";
        }
        else
        {
            ranges = string.Join(" || ", signal.MultiplexerRanges.Select(range =>
            {
                if (range.Minimum == range.Maximum)
                {
                    return $"{switchBits} == {range.Minimum}UL";
                }

                return range.Minimum == 0
                    ? $"{switchBits} <= {range.Maximum}UL"
                    : $"({switchBits} >= {range.Minimum}UL && {switchBits} <= {range.Maximum}UL)";
            }));
        }

        return $"switchPresent{plan.Switch.Index} && ({ranges})";
    }

    private void WriteSwitchLocals()
    {
        foreach (var plan in plans.Where(plan => plan.IsSwitch))
        {
            writer.Line($"ulong switchBits{plan.Index} = 0;");
            writer.Line($"bool switchPresent{plan.Index} = false;");
        }
    }

    private void WriteSignalBlock(SignalPlan plan, Action<SignalPlan> writeBody)
    {
        writer.Line();
        writer.Line($"// {plan.Signal}");
        if (plan.Switch is not null)
        {
            writer.Line($"if ({ConditionExpression(plan)})");
        }

        writer.Open();
        writeBody(plan);
        if (plan.IsSwitch)
        {
            writer.Line($"switchBits{plan.Index} = bits;");
            writer.Line($"switchPresent{plan.Index} = true;");
        }

        writer.Close();
    }

    private void WriteEncode()
    {
        writer.Line("/// <summary>");
        writer.Line("/// Writes the identifier, the length and the data of this message into <paramref name=\"frame\"/>.");
        writer.Line("/// Integer signals are rounded to the nearest raw value (half away from zero) and clamped to the");
        writer.Line("/// signal's range, NaN to its minimum. Float and double signals are clamped only where the DBC");
        writer.Line("/// gives a [min|max] range. Bits that no present signal covers are 0. Allocates nothing.");
        writer.Line("/// </summary>");
        writer.Line("public void Encode(CanFrame frame)");
        writer.Open();
        writer.Line("frame.SetId(Id, IsExtended);");
        writer.Line("frame.IsRemote = false;");
        writer.Line("frame.Length = Length;");
        writer.Line("byte[] data = frame.Data;");
        for (var i = 0; i < message.Length; i++)
        {
            writer.Line($"data[{i}] = 0;");
        }

        WriteSwitchLocals();
        foreach (var plan in plans)
        {
            WriteSignalBlock(plan, WriteEncodeBody);
        }

        writer.Close();
    }

    private void WriteDecode()
    {
        writer.Line("/// <summary>");
        writer.Line("/// Reads the signals of <paramref name=\"frame\"/> into the fields and returns true, or returns false");
        writer.Line("/// and changes nothing when the identifier or extended flag differs, the frame is a remote frame");
        writer.Line("/// or it has fewer than <see cref=\"Length\"/> data bytes. Fields of multiplexed signals that the");
        writer.Line("/// frame does not carry keep their values. Allocates nothing.");
        writer.Line("/// </summary>");
        writer.Line("public bool TryDecode(CanFrame frame)");
        writer.Open();
        writer.Line("if (frame.Id != Id || frame.IsExtended != IsExtended || frame.IsRemote || frame.Length < Length)");
        writer.Open();
        writer.Line("return false;");
        writer.Close();
        writer.Line();
        writer.Line("byte[] data = frame.Data;");
        WriteSwitchLocals();
        foreach (var plan in plans)
        {
            WriteSignalBlock(plan, WriteDecodeBody);
        }

        writer.Line();
        writer.Line("return true;");
        writer.Close();
    }

    private void WriteEncodeBody(SignalPlan plan)
    {
        SignalEncoding.WriteEncode(writer, plan);
        foreach (var segment in plan.Segments)
        {
            var value = segment.ValueShift > 0 ? $"(bits >> {segment.ValueShift})" : "bits";
            var needsMask = segment.ByteShift + segment.Width < 8 && segment.ValueShift + segment.Width < plan.Signal.Length;
            if (needsMask)
            {
                value = $"({value} & 0x{(1UL << segment.Width) - 1:X}UL)";
            }

            if (segment.ByteShift > 0)
            {
                value = $"({value} << {segment.ByteShift})";
            }

            writer.Line($"data[{segment.ByteIndex}] |= (byte){value};");
        }
    }

    private static void WriteDecodeBody(CodeWriter writer, SignalPlan plan)
    {
        var terms = new List<string>();
        foreach (var segment in plan.Segments)
        {
            // Widen the byte before shifting, so that the compiler reports no sign extension (CS0675).
            var term = segment.ByteShift > 0 ? $"((ulong)data[{segment.ByteIndex}] >> {segment.ByteShift})" : $"(ulong)data[{segment.ByteIndex}]";
            if (segment.ByteShift + segment.Width < 8)
            {
                term = $"({term} & 0x{(1 << segment.Width) - 1:X}UL)";
            }

            if (segment.ValueShift > 0)
            {
                term = $"({term} << {segment.ValueShift})";
            }

            terms.Add(term);
        }

        writer.Line($"ulong bits = {string.Join(" | ", terms)};");
        SignalEncoding.WriteDecode(writer, plan);
    }

    private void WriteDecodeBody(SignalPlan plan) => WriteDecodeBody(writer, plan);
}

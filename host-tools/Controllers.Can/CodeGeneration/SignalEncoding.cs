using System;
using System.Globalization;
using Controllers.Can.Dbc;

namespace Controllers.Can.CodeGeneration;

/// <summary>Writes the statements that turn a field into the raw bits <c>bits</c> and back.</summary>
internal static class SignalEncoding
{
    /// <summary>Writes statements that end with <c>ulong bits</c> holding the raw value in its low bits.</summary>
    public static void WriteEncode(CodeWriter writer, SignalPlan plan)
    {
        switch (plan.Kind)
        {
            case FieldKind.Int64:
                WriteInt64Encode(writer, plan);
                return;
            case FieldKind.UInt64:
                WriteUInt64Encode(writer, plan);
                return;
        }

        var signal = plan.Signal;
        var type = plan.TypeName;
        writer.Line($"{type} value = {plan.FieldName};");
        if (plan.HasExplicitRange)
        {
            WriteFloatingClamp(writer, "value", Literal(plan, signal.Minimum), Literal(plan, signal.Maximum));
        }

        writer.Line($"{type} scaled = {ScaleToRaw(plan, "value")};");
        switch (signal.ValueType)
        {
            case DbcSignalValueType.Float:
                writer.Line("ulong bits = IeeeBits.SingleToBits(scaled);");
                return;
            case DbcSignalValueType.Double:
                writer.Line("ulong bits = (ulong)BitConverter.DoubleToInt64Bits(scaled);");
                return;
        }

        // Clamp before the cast to an integer, because casting an out-of-range value has no defined result.
        WriteFloatingClamp(writer, "scaled", Literal(plan, plan.FloatingRawMinimum()), Literal(plan, plan.FloatingRawMaximum()));
        var half = plan.IsSingle ? "0.5f" : "0.5";
        if (!signal.IsSigned && signal.Length == 64)
        {
            writer.Line("ulong bits = (ulong)scaled;");
            writer.Line($"if (scaled - bits >= {half})");
            writer.Open();
            writer.Line("bits++;");
            writer.Close();
            return;
        }

        // The difference is exact, so this rounds half away from zero even where scaled + 0.5 would round up first.
        writer.Line("long raw = (long)scaled;");
        writer.Line($"{type} fraction = scaled - raw;");
        writer.Line($"if (fraction >= {half})");
        writer.Open();
        writer.Line("raw++;");
        writer.Close();
        writer.Line($"else if (fraction <= -{half})");
        writer.Open();
        writer.Line("raw--;");
        writer.Close();
        writer.Line(signal.Length == 64 ? "ulong bits = (ulong)raw;" : $"ulong bits = (ulong)raw & {CSharpSyntax.HexLiteral(plan.ValueMask, "UL")};");
    }

    /// <summary>Writes statements that read <c>ulong bits</c> and assign the field.</summary>
    public static void WriteDecode(CodeWriter writer, SignalPlan plan)
    {
        var signal = plan.Signal;
        switch (signal.ValueType)
        {
            case DbcSignalValueType.Float:
                writer.Line("float raw = IeeeBits.BitsToSingle((uint)bits);");
                writer.Line($"{plan.FieldName} = {ScaleToPhysical(plan, "raw")};");
                return;
            case DbcSignalValueType.Double:
                writer.Line("double raw = BitConverter.Int64BitsToDouble((long)bits);");
                writer.Line($"{plan.FieldName} = {ScaleToPhysical(plan, "raw")};");
                return;
        }

        if (!signal.IsSigned && signal.Length == 64)
        {
            var value = plan.Kind == FieldKind.UInt64 ? "bits" : ScaleToPhysical(plan, $"({plan.TypeName})bits");
            writer.Line($"{plan.FieldName} = {value};");
            return;
        }

        if (!signal.IsSigned)
        {
            writer.Line("long raw = (long)bits;");
        }
        else if (signal.Length == 64)
        {
            writer.Line("long raw = (long)bits;");
        }
        else
        {
            // Shift the sign bit up to bit 63, then shift back arithmetically to extend it.
            var shift = (64 - signal.Length).ToString(CultureInfo.InvariantCulture);
            writer.Line($"long raw = (long)(bits << {shift}) >> {shift};");
        }

        var physical = plan.Kind == FieldKind.Int64 ? "raw" : ScaleToPhysical(plan, $"({plan.TypeName})raw");
        writer.Line($"{plan.FieldName} = {physical};");
    }

    private static void WriteInt64Encode(CodeWriter writer, SignalPlan plan)
    {
        var minimum = plan.RawMinimumExact;
        var maximum = plan.RawMaximumExact;
        if (plan.HasExplicitRange)
        {
            minimum = Max(minimum, new System.Numerics.BigInteger(Math.Ceiling(plan.Signal.Minimum)));
            maximum = Min(maximum, new System.Numerics.BigInteger(Math.Floor(plan.Signal.Maximum)));
        }

        writer.Line($"long value = {plan.FieldName};");
        if (minimum > long.MinValue)
        {
            WriteIntegerClamp(writer, "value < " + LongLiteral(minimum), LongLiteral(minimum));
        }

        if (maximum < long.MaxValue)
        {
            WriteIntegerClamp(writer, "value > " + LongLiteral(maximum), LongLiteral(maximum));
        }

        writer.Line(plan.Signal.Length == 64 ? "ulong bits = (ulong)value;" : $"ulong bits = (ulong)value & {CSharpSyntax.HexLiteral(plan.ValueMask, "UL")};");
    }

    private static void WriteUInt64Encode(CodeWriter writer, SignalPlan plan)
    {
        writer.Line($"ulong bits = {plan.FieldName};");
        if (!plan.HasExplicitRange)
        {
            return;
        }

        var minimum = Max(System.Numerics.BigInteger.Zero, new System.Numerics.BigInteger(Math.Ceiling(plan.Signal.Minimum)));
        var maximum = Min(ulong.MaxValue, new System.Numerics.BigInteger(Math.Floor(Math.Max(plan.Signal.Maximum, 0))));
        if (minimum > 0)
        {
            WriteIntegerClamp(writer, $"bits < {minimum}UL", $"{minimum}UL");
        }

        if (maximum < ulong.MaxValue)
        {
            WriteIntegerClamp(writer, $"bits > {maximum}UL", $"{maximum}UL");
        }
    }

    private static void WriteIntegerClamp(CodeWriter writer, string condition, string limit)
    {
        var variable = condition.Split(' ')[0];
        writer.Line($"if ({condition})");
        writer.Open();
        writer.Line($"{variable} = {limit};");
        writer.Close();
    }

    /// <summary>Clamps to [minimum, maximum]. The negated comparison also moves NaN to the minimum.</summary>
    private static void WriteFloatingClamp(CodeWriter writer, string variable, string minimum, string maximum)
    {
        writer.Line($"if (!({variable} >= {minimum}))");
        writer.Open();
        writer.Line($"{variable} = {minimum};");
        writer.Close();
        writer.Line($"if ({variable} > {maximum})");
        writer.Open();
        writer.Line($"{variable} = {maximum};");
        writer.Close();
    }

    private static string ScaleToRaw(SignalPlan plan, string value)
    {
        var signal = plan.Signal;
        var expression = value;
        if (signal.Offset != 0.0)
        {
            expression = signal.Offset < 0
                ? $"{expression} + {Literal(plan, -signal.Offset)}"
                : $"{expression} - {Literal(plan, signal.Offset)}";
        }

        if (signal.Factor != 1.0)
        {
            expression = signal.Offset != 0.0 ? $"({expression}) / {Literal(plan, signal.Factor)}" : $"{expression} / {Literal(plan, signal.Factor)}";
        }

        return expression;
    }

    private static string ScaleToPhysical(SignalPlan plan, string raw)
    {
        var signal = plan.Signal;
        var expression = raw;
        if (signal.Factor != 1.0)
        {
            expression = $"{expression} * {Literal(plan, signal.Factor)}";
        }

        if (signal.Offset != 0.0)
        {
            expression = signal.Offset < 0
                ? $"{expression} - {Literal(plan, -signal.Offset)}"
                : $"{expression} + {Literal(plan, signal.Offset)}";
        }

        return expression;
    }

    private static string Literal(SignalPlan plan, double value)
    {
        if (plan.IsSingle)
        {
            // A float literal cannot exceed float.MaxValue, so keep the clamp bounds of float signals finite.
            var single = Math.Clamp(value, float.MinValue, float.MaxValue);
            return CSharpSyntax.FloatLiteral((float)single);
        }

        return CSharpSyntax.DoubleLiteral(value);
    }

    private static string LongLiteral(System.Numerics.BigInteger value)
    {
        return value == long.MinValue ? "long.MinValue" : value.ToString(CultureInfo.InvariantCulture) + "L";
    }

    private static System.Numerics.BigInteger Max(System.Numerics.BigInteger left, System.Numerics.BigInteger right) => left > right ? left : right;

    private static System.Numerics.BigInteger Min(System.Numerics.BigInteger left, System.Numerics.BigInteger right) => left < right ? left : right;
}

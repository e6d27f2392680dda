using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using Controllers.Can.Dbc;
using Controllers.Firmware.Common.Can;
using Xunit;

namespace Controllers.Can.Tests.CodeGeneration;

/// <summary>
/// Checks every generated codec of the test DBC files against the host <see cref="DbcSignalCodec"/> on
/// random frames: TryDecode must match the host's decoded values, and Encode must give back the raw
/// bits of every present signal with all other bits 0.
/// </summary>
public sealed class GeneratedCodecRoundTripTests
{
    private const int FramesPerMessage = 2000;

    public static readonly TheoryData<string, string> Codecs = new()
    {
        { "host-tools/Controllers.Can.Tests/Dbc/Data/powertrain.dbc", "Controllers.Firmware.Common.Can.Generated.Powertrain" },
        { "host-tools/Controllers.Can.Tests/Dbc/Data/multiplexed.dbc", "Controllers.Firmware.Common.Can.Generated.Multiplexed" },
        { "host-tools/Controllers.Can.Tests/Dbc/Data/numeric.dbc", "Controllers.Firmware.Common.Can.Generated.Numeric" },
        { "host-tools/Controllers.Can.Tests/CodeGeneration/Data/codegen_edges.dbc", "Controllers.Firmware.Common.Can.Generated.CodegenEdges" },
    };

    [Theory]
    [MemberData(nameof(Codecs))]
    public void RandomFramesMatchHostCodec(string dbcPath, string namespaceName)
    {
        var file = DbcParser.ParseFile(Path.Combine(RepositoryRoot.Find(), dbcPath));
        var random = new Random(dbcPath.Length * 7919);
        var checkedMessages = 0;
        foreach (var message in file.Messages)
        {
            if (message.Length > 8)
            {
                continue;
            }

            var codecType = typeof(CanFrame).Assembly.GetType(namespaceName + "." + message.Name);
            Assert.True(codecType is not null, $"No generated class {namespaceName}.{message.Name}.");
            var codec = Activator.CreateInstance(codecType)!;
            var encode = codecType.GetMethod("Encode")!;
            var tryDecode = codecType.GetMethod("TryDecode")!;

            for (var i = 0; i < FramesPerMessage; i++)
            {
                var input = new CanFrame();
                input.SetId(message.Id, message.IsExtended);
                input.Length = message.Length;
                random.NextBytes(input.Data.AsSpan(0, message.Length));
                SelectMultiplexedSignals(message, input.Data, random);
                var data = input.Data.AsSpan(0, message.Length).ToArray();

                Assert.True((bool)tryDecode.Invoke(codec, new object[] { input })!, $"{message.Name}: TryDecode rejected its own frame.");
                var hostValues = DbcSignalCodec.DecodeMessage(data, message);
                foreach (var (name, hostValue) in hostValues)
                {
                    var signal = message.FindSignal(name)!;
                    AssertDecoded(message, signal, FindField(codecType, signal).GetValue(codec)!, hostValue, data);
                }

                var output = new CanFrame();
                encode.Invoke(codec, new object[] { output });
                Assert.Equal(message.Id, output.Id);
                Assert.Equal(message.IsExtended, output.IsExtended);
                Assert.Equal(message.Length, output.Length);
                var encoded = output.Data.AsSpan(0, message.Length).ToArray();
                AssertEncoded(message, hostValues, data, encoded);
            }

            checkedMessages++;
        }

        Assert.True(checkedMessages > 0, $"{dbcPath} has no message of 8 bytes or fewer.");
    }

    /// <summary>
    /// Sets each switch, most of the time, to a value that some signal of the message depends on, because
    /// random bytes would rarely select the signals behind a nested switch.
    /// </summary>
    private static void SelectMultiplexedSignals(DbcMessage message, byte[] data, Random random)
    {
        foreach (var switchSignal in message.Signals)
        {
            if (!switchSignal.IsMultiplexer || random.Next(4) == 0)
            {
                continue;
            }

            var values = new List<ulong>();
            foreach (var signal in message.Signals)
            {
                var selectsThis = signal.MultiplexerSwitchName == switchSignal.Name
                    || (signal.MultiplexerSwitchName is null && signal.MultiplexerValue.HasValue && signal != switchSignal);
                if (!selectsThis)
                {
                    continue;
                }

                if (signal.MultiplexerValue.HasValue)
                {
                    values.Add(signal.MultiplexerValue.Value);
                }

                foreach (var range in signal.MultiplexerRanges)
                {
                    values.Add(range.Minimum);
                    values.Add(range.Maximum);
                }
            }

            if (values.Count > 0)
            {
                DbcSignalCodec.WriteBits(data, switchSignal, values[random.Next(values.Count)]);
            }
        }
    }

    /// <summary>Finds the field of a signal: its name, or with "Signal" appended where the name is taken by a constant.</summary>
    internal static FieldInfo FindField(Type codecType, DbcSignal signal)
    {
        const BindingFlags InstanceField = BindingFlags.Public | BindingFlags.Instance;
        var field = codecType.GetField(signal.Name, InstanceField) ?? codecType.GetField(signal.Name + "Signal", InstanceField);
        Assert.True(field is not null, $"{codecType.Name} has no field for signal {signal.Name}.");
        return field;
    }

    private static void AssertDecoded(DbcMessage message, DbcSignal signal, object fieldValue, double hostValue, byte[] data)
    {
        var context = $"{message.Name}.{signal.Name} from {Convert.ToHexString(data)}";
        switch (fieldValue)
        {
            case long longValue:
                var bits = DbcSignalCodec.ReadBits(data, signal);
                var expected = signal.IsSigned && signal.Length < 64 ? (long)(bits << (64 - signal.Length)) >> (64 - signal.Length) : (long)bits;
                Assert.True(expected == longValue, $"{context}: expected {expected}, decoded {longValue}.");
                break;
            case ulong ulongValue:
                Assert.True(DbcSignalCodec.ReadBits(data, signal) == ulongValue, $"{context}: decoded {ulongValue}.");
                break;
            case double doubleValue:
                // Both compute raw * factor + offset in double, so the results are identical.
                Assert.True(hostValue.Equals(doubleValue), $"{context}: host {hostValue:R}, generated {doubleValue:R}.");
                break;
            case float floatValue:
                AssertClose(hostValue, floatValue, FloatTolerance(signal, hostValue), context);
                break;
            default:
                Assert.Fail($"{context}: unexpected field type {fieldValue.GetType()}.");
                break;
        }
    }

    private static void AssertEncoded(DbcMessage message, IReadOnlyDictionary<string, double> hostValues, byte[] input, byte[] encoded)
    {
        var expected = new byte[message.Length];
        foreach (var name in hostValues.Keys)
        {
            var signal = message.FindSignal(name)!;
            var context = $"{message.Name}.{signal.Name} from {Convert.ToHexString(input)}";
            var inputBits = DbcSignalCodec.ReadBits(input, signal);
            var encodedBits = DbcSignalCodec.ReadBits(encoded, signal);

            if (RoundTripsExactly(signal, input))
            {
                Assert.True(inputBits == encodedBits, $"{context}: encoded 0x{encodedBits:X}, expected 0x{inputBits:X}.");
            }
            else
            {
                // Scaled float signals, clamped values and raw values a double cannot hold: compare physical values.
                var hostValue = Clamp(signal, hostValues[name]);
                var encodedValue = DbcSignalCodec.DecodePhysical(encoded, signal);
                var tolerance = signal.ValueType == DbcSignalValueType.Integer && signal.Length == 64
                    ? Math.Abs(hostValue) * 1e-15 + Math.Abs(signal.Factor)
                    : FloatTolerance(signal, hostValue) * 4;
                AssertClose(hostValue, encodedValue, tolerance, context);
            }

            DbcSignalCodec.WriteBits(expected, signal, encodedBits);
        }

        Assert.True(expected.AsSpan().SequenceEqual(encoded),
            $"{message.Name}: encoded {Convert.ToHexString(encoded)} sets bits outside its present signals ({Convert.ToHexString(expected)}).");
    }

    /// <summary>Tests whether encoding the decoded value must give back the same raw bits.</summary>
    private static bool RoundTripsExactly(DbcSignal signal, byte[] input)
    {
        var hasRange = signal.Minimum != 0.0 || signal.Maximum != 0.0;
        if (signal.ValueType != DbcSignalValueType.Integer)
        {
            var raw = DbcSignalCodec.DecodeRaw(input, signal);
            return signal.Factor == 1.0 && signal.Offset == 0.0 && !hasRange && !double.IsNaN(raw);
        }

        var physical = DbcSignalCodec.DecodePhysical(input, signal);
        if (hasRange && (physical < signal.Minimum || physical > signal.Maximum))
        {
            return false;
        }

        // A double field of a 64-bit signal with a factor cannot hold every raw value.
        return !(signal.Length == 64 && (signal.Factor != 1.0 || signal.Offset != 0.0));
    }

    private static double Clamp(DbcSignal signal, double value)
    {
        if (signal.Minimum == 0.0 && signal.Maximum == 0.0)
        {
            return value;
        }

        // Encode moves NaN to the minimum.
        return double.IsNaN(value) ? signal.Minimum : Math.Clamp(value, signal.Minimum, signal.Maximum);
    }

    private static double FloatTolerance(DbcSignal signal, double value)
    {
        return (Math.Abs(value) + Math.Abs(signal.Offset)) * Math.Pow(2, -22) + 1e-40;
    }

    private static void AssertClose(double expected, double actual, double tolerance, string context)
    {
        if (double.IsNaN(expected) || double.IsInfinity(expected) || Math.Abs(expected) > float.MaxValue)
        {
            Assert.True(expected.Equals(actual) || (double.IsNaN(expected) && double.IsNaN(actual)) || float.IsInfinity((float)actual),
                $"{context}: expected {expected:R}, got {actual:R}.");
            return;
        }

        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{context}: expected {expected:R}, got {actual:R} (tolerance {tolerance:R}).");
    }
}

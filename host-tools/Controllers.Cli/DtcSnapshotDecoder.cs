using System;
using System.Collections.Generic;
using System.Globalization;

namespace Controllers.Cli;

/// <summary>
/// Splits a snapshot record into its data identifiers and scales the ones this project's VCU freeze frame
/// uses (docs/diagnostics.md): 0xD100 vehicle speed to 0xD105 DC-link voltage. A record with an identifier
/// outside that table cannot be split, because UDS does not send data lengths.
/// </summary>
internal static class DtcSnapshotDecoder
{
    private sealed record Layout(int Length, bool Signed, double Scale, string Unit, string NameKey);

    private static readonly Dictionary<int, Layout> Known = new()
    {
        [0xD100] = new Layout(2, false, 0.1, "km/h", "DtcSnapshotVehicleSpeed"),
        [0xD101] = new Layout(2, true, 1, "rpm", "DtcSnapshotMotorSpeed"),
        [0xD102] = new Layout(2, true, 0.1, "N·m", "DtcSnapshotTorqueCommand"),
        [0xD103] = new Layout(2, false, 0.001, "V", "DtcSnapshotSupplyVoltage"),
        [0xD104] = new Layout(1, false, 0.5, "%", "DtcSnapshotPackSoc"),
        [0xD105] = new Layout(2, false, 0.1, "V", "DtcSnapshotDcLinkVoltage"),
    };

    /// <summary>One identifier of a record: its number, name, raw bytes in hex and scaled value.</summary>
    public readonly record struct Entry(int Identifier, string Name, string Raw, string Value);

    /// <summary>
    /// Splits <paramref name="data"/> (identifier, data, identifier, data ...) into <paramref name="count"/>
    /// entries, or returns null when an identifier is unknown or the lengths do not add up.
    /// </summary>
    public static IReadOnlyList<Entry>? TryDecode(byte[] data, int count)
    {
        var entries = new List<Entry>(count);
        int position = 0;
        for (int i = 0; i < count; i++)
        {
            if (position + 2 > data.Length)
            {
                return null;
            }

            int identifier = (data[position] << 8) | data[position + 1];
            if (!Known.TryGetValue(identifier, out Layout? layout) || position + 2 + layout.Length > data.Length)
            {
                return null;
            }

            ReadOnlySpan<byte> raw = data.AsSpan(position + 2, layout.Length);
            int value = layout.Length == 1 ? raw[0] : (raw[0] << 8) | raw[1];
            if (layout.Signed && layout.Length == 2)
            {
                value = (short)value;
            }

            string scaled = (value * layout.Scale).ToString(layout.Scale < 1 ? "0.0##" : "0", CultureInfo.InvariantCulture) + " " + layout.Unit;
            entries.Add(new Entry(identifier, Messages.Get(layout.NameKey), Convert.ToHexString(raw), scaled));
            position += 2 + layout.Length;
        }

        return position == data.Length ? entries : null;
    }
}

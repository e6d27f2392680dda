using Controllers.Firmware.Common.Can;

namespace Controllers.Firmware.Common.Tests.Can;

/// <summary>Identifiers, settings, payloads and hand-made frames shared by the ISO-TP tests.</summary>
internal static class IsoTpTestData
{
    /// <summary>Identifier on which endpoint A sends and endpoint B receives.</summary>
    public const uint IdAToB = 0x7E0;

    /// <summary>Identifier on which endpoint B sends and endpoint A receives.</summary>
    public const uint IdBToA = 0x7E8;

    public const byte Pad = 0xCC;

    public static IsoTpSettings SettingsA() => new() { TransmitId = IdAToB, ReceiveId = IdBToA };

    public static IsoTpSettings SettingsB() => new() { TransmitId = IdBToA, ReceiveId = IdAToB };

    /// <summary>Payload whose bytes differ from their neighbours and do not repeat within 251 bytes.</summary>
    public static byte[] Payload(int length, int seed = 0)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)((i + seed) % 251);
        }

        return bytes;
    }

    public static CanFrame Frame(uint id, params byte[] data)
    {
        var frame = new CanFrame();
        frame.SetId(id, false);
        frame.Length = data.Length;
        System.Array.Copy(data, frame.Data, data.Length);
        return frame;
    }

    /// <summary>Pads <paramref name="bytes"/> to 8 bytes with <paramref name="pad"/>, as a sender with padding does.</summary>
    public static byte[] Padded(byte pad, params byte[] bytes)
    {
        var padded = new byte[8];
        for (int i = 0; i < 8; i++)
        {
            padded[i] = i < bytes.Length ? bytes[i] : pad;
        }

        return padded;
    }

    /// <summary>Bytes <paramref name="start"/> to start + count - 1 of <paramref name="payload"/> after a PCI byte.</summary>
    public static byte[] WithPci(byte pci, byte[] payload, int start, int count)
    {
        var bytes = new byte[1 + count];
        bytes[0] = pci;
        System.Array.Copy(payload, start, bytes, 1, count);
        return bytes;
    }
}

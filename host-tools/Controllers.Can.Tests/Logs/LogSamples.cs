using System.Collections.Generic;
using Controllers.Can.Logs;
using Controllers.Firmware.Common.Can;

namespace Controllers.Can.Tests.Logs;

/// <summary>Frames and log texts shared by the log tests.</summary>
internal static class LogSamples
{
    /// <summary>A candump log as can-utils candump -l writes it, with every classic frame kind.</summary>
    public const string CandumpText =
        "(1436509052.249713) vcan0 123#DEADBEEF\n" +
        "(1436509052.449713) vcan0 12345678#0102\n" +
        "(1436509052.549713) vcan1 123#R\n" +
        "(1436509052.649713) vcan1 7FF#R5\n" +
        "(1436509052.749713) vcan0 20000080#0000000000000000\n" +
        "(1436509052.849713) vcan0 000#\n" +
        "(1436509052.949713) vcan1 1FFFFFFF#FFFFFFFFFFFFFFFF\n";

    public static CanFrame Data(uint id, bool extended, params byte[] data)
    {
        var frame = new CanFrame();
        frame.SetId(id, extended);
        frame.Length = data.Length;
        data.CopyTo(frame.Data, 0);
        return frame;
    }

    public static CanFrame Remote(uint id, bool extended, int length)
    {
        var frame = new CanFrame();
        frame.SetId(id, extended);
        frame.IsRemote = true;
        frame.Length = length;
        return frame;
    }

    /// <summary>The frames of <see cref="CandumpText"/>.</summary>
    public static List<LoggedFrame> CandumpFrames()
    {
        return new List<LoggedFrame>
        {
            new(1436509052.249713m, "vcan0", Data(0x123, false, 0xDE, 0xAD, 0xBE, 0xEF)),
            new(1436509052.449713m, "vcan0", Data(0x12345678, true, 0x01, 0x02)),
            new(1436509052.549713m, "vcan1", Remote(0x123, false, 0)),
            new(1436509052.649713m, "vcan1", Remote(0x7FF, false, 5)),
            LoggedFrame.CreateBusError(1436509052.749713m, "vcan0"),
            new(1436509052.849713m, "vcan0", Data(0x000, false)),
            new(1436509052.949713m, "vcan1", Data(0x1FFFFFFF, true, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF)),
        };
    }

    /// <summary>Frames with directions and every frame kind, for tests that write logs.</summary>
    public static List<LoggedFrame> MixedFrames(decimal start, string channel0, string channel1)
    {
        return new List<LoggedFrame>
        {
            new(start, channel0, Data(0x123, false, 0x11, 0x22, 0x33), CanDirection.Rx),
            new(start + 0.000001m, channel1, Data(0x18FEF100, true, 1, 2, 3, 4, 5, 6, 7, 8), CanDirection.Tx),
            new(start + 0.5m, channel0, Remote(0x7FF, false, 0), CanDirection.Rx),
            new(start + 0.75m, channel1, Remote(0x1ABCDEF, true, 8), CanDirection.Tx),
            LoggedFrame.CreateBusError(start + 1.25m, channel0),
            new(start + 2m, channel0, Data(0x000, false), CanDirection.Tx),
            new(start + 61.123456m, channel1, Data(0x7FF, false, 0, 0x80, 0xFF), CanDirection.Rx),
        };
    }
}

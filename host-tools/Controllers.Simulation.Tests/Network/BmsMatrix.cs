using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Controllers.Can.Dbc;
using Controllers.Firmware.Common.Can;
using Xunit;

namespace Controllers.Simulation.Tests.Network;

/// <summary>boards/can/bms.dbc read by the host DBC parser, the independent codec that the firmware's hand-written frames are checked against.</summary>
internal static class BmsMatrix
{
    private static readonly Lazy<DbcFile> File = new(() =>
        DbcParser.ParseFile(Path.Combine(RepositoryPaths.Root, "boards", "can", "bms.dbc")));

    public static DbcMessage Message(string name) => File.Value.FindMessage(name) ?? throw new KeyNotFoundException(name);

    /// <summary>Decodes <paramref name="frame"/> with the message that has its identifier.</summary>
    public static IReadOnlyDictionary<string, double> Decode(CanFrame frame)
    {
        var message = File.Value.FindMessage(frame.Id, frame.IsExtended) ??
                      throw new KeyNotFoundException($"No message 0x{frame.Id:X3} in bms.dbc.");
        Assert.Equal(message.Length, frame.Length);
        return DbcSignalCodec.DecodeMessage(frame.Data.AsSpan(0, frame.Length), message);
    }

    /// <summary>Builds a frame of message <paramref name="name"/> with the given physical values, the rest 0.</summary>
    public static CanFrame Encode(string name, params (string Signal, double Value)[] values)
    {
        var message = Message(name);
        var frame = new CanFrame();
        frame.SetId(message.Id, message.IsExtended);
        frame.Length = message.Length;
        foreach (var (signalName, value) in values)
        {
            var signal = message.Signals.FirstOrDefault(s => s.Name == signalName) ?? throw new KeyNotFoundException(signalName);
            DbcSignalCodec.EncodePhysical(frame.Data.AsSpan(0, frame.Length), signal, value);
        }

        return frame;
    }
}

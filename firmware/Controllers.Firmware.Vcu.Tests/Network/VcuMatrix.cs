using System;
using System.Collections.Generic;
using System.IO;
using Controllers.Can.Dbc;
using Controllers.Firmware.Common.Can;
using Xunit;

namespace Controllers.Firmware.Vcu.Tests.Network;

/// <summary>boards/can/vcu.dbc read by the host DBC parser, the independent codec the firmware's frames are checked against.</summary>
internal static class VcuMatrix
{
    private static readonly Lazy<DbcFile> File = new(() => DbcParser.ParseFile(Path.Combine(FindRoot(), "boards", "can", "vcu.dbc")));

    public static DbcMessage Message(string name) => File.Value.FindMessage(name) ?? throw new KeyNotFoundException(name);

    /// <summary>Decodes <paramref name="frame"/> with the message that has its identifier.</summary>
    public static IReadOnlyDictionary<string, double> Decode(CanFrame frame)
    {
        var message = File.Value.FindMessage(frame.Id, frame.IsExtended) ??
                      throw new KeyNotFoundException($"No message 0x{frame.Id:X3} in vcu.dbc.");
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
            var signal = message.FindSignal(signalName) ?? throw new KeyNotFoundException(signalName);
            DbcSignalCodec.EncodePhysical(frame.Data.AsSpan(0, frame.Length), signal, value);
        }

        return frame;
    }

    /// <summary>Writes the CRC-8/SAE-J1850 of all preceding bytes into the last byte of <paramref name="frame"/>.</summary>
    public static CanFrame WithCrc(CanFrame frame)
    {
        frame.Data[frame.Length - 1] = Crc8SaeJ1850.Compute(frame.Data, 0, frame.Length - 1);
        return frame;
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(folder.FullName, "Controllers.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} contains Controllers.sln.");
    }
}

/// <summary>Transmitter that keeps a copy of every frame sent, for checking the exact bytes.</summary>
internal sealed class RecordingTransmitter : ICanTransmitter
{
    public List<CanFrame> Frames { get; } = [];

    /// <summary>When false, frames are counted as sent but not kept, so allocation can be measured.</summary>
    public bool Keep { get; set; } = true;

    public bool TrySend(CanFrame frame)
    {
        if (Keep)
        {
            var copy = new CanFrame();
            copy.CopyFrom(frame);
            Frames.Add(copy);
        }

        return true;
    }

    public List<CanFrame> WithId(uint id) => Frames.FindAll(frame => frame.Id == id);
}

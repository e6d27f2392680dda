using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using BenchmarkDotNet.Attributes;
using Controllers.Can.Dbc;
using Controllers.Can.Logs;
using Controllers.Firmware.Common.Can;

namespace Controllers.Benchmarks;

/// <summary>
/// DBC decode throughput on a candump log of the BMS matrix. Each operation is one frame
/// (OperationsPerInvoke), so frames per second are 1e9 divided by the mean in nanoseconds.
/// NOTE: no recording of a real bus exists yet. The setup synthesizes the log from every message of
/// boards/can/bms.dbc in turn, with seeded random payloads.
/// </summary>
[MemoryDiagnoser]
public class DbcDecodeBenchmarks
{
    private const int FrameCount = 10000;

    private DbcFile matrix = null!;
    private string logText = "";
    private List<CanFrame> frames = new();

    [GlobalSetup]
    public void Setup()
    {
        matrix = DbcParser.ParseFile(Path.Combine(Repository.Root(), "boards", "can", "bms.dbc"));
        var random = new Random(1);
        var text = new StringBuilder();
        for (int i = 0; i < FrameCount; i++)
        {
            var message = matrix.Messages[i % matrix.Messages.Count];
            var frame = new CanFrame();
            frame.SetId(message.Id, message.IsExtended);
            frame.Length = message.Length;
            random.NextBytes(frame.Data);
            frames.Add(frame);
            text.AppendLine(CandumpLog.FormatLine(new LoggedFrame(1700000000m + i * 0.001m, "can0", frame)));
        }

        logText = text.ToString();
    }

    /// <summary>Decodes frames that are already in memory into signal values.</summary>
    [Benchmark(OperationsPerInvoke = FrameCount)]
    public int DecodeFrames()
    {
        int signals = 0;
        foreach (var frame in frames)
        {
            signals += Decode(frame);
        }

        return signals;
    }

    /// <summary>Parses the candump text and decodes every frame, as `ctl log decode` would.</summary>
    [Benchmark(OperationsPerInvoke = FrameCount)]
    public int ReadAndDecodeLog()
    {
        int signals = 0;
        foreach (var logged in CandumpLog.Read(new StringReader(logText)))
        {
            signals += Decode(logged.Frame);
        }

        return signals;
    }

    private int Decode(CanFrame frame)
    {
        var message = matrix.FindMessage(frame.Id, frame.IsExtended);
        if (message == null)
        {
            return 0;
        }

        try
        {
            return DbcSignalCodec.DecodeMessage(frame.Data.AsSpan(0, frame.Length), message).Count;
        }
        catch (InvalidOperationException)
        {
            // A random multiplexer value that selects no group is a valid outcome on a real bus too.
            return 0;
        }
    }
}

using System;
using System.Collections.Generic;
using Controllers.Can.Dbc;

namespace Controllers.Can.Logs;

/// <summary>One decoded signal value of a logged frame.</summary>
/// <param name="Timestamp">The frame's timestamp in seconds, as the log gives it.</param>
/// <param name="MessageName">DBC message name.</param>
/// <param name="SignalName">DBC signal name.</param>
/// <param name="Value">Physical value: raw value times factor plus offset.</param>
/// <param name="Unit">DBC unit, empty when the signal has none.</param>
public readonly record struct DecodedSignal(decimal Timestamp, string MessageName, string SignalName, double Value, string Unit);

/// <summary>
/// Decodes logged frames into physical signal values with one or more DBC files, and counts the frames
/// that no file describes.
/// </summary>
/// <remarks>
/// Where several files define the same identifier, the first file given wins. Error frames and remote
/// frames carry no signal data, so they are counted apart and not decoded.
/// </remarks>
public sealed class LogDecoder
{
    private readonly Dictionary<(uint Id, bool IsExtended), DbcMessage> messages = new();
    private readonly HashSet<string>? selectedSignals;
    private readonly Dictionary<(uint Id, bool IsExtended), int> unknownFrames = new();

    /// <summary>
    /// Creates a decoder for the messages of <paramref name="files"/>. When <paramref name="signalNames"/> is
    /// not null, only those signals are returned.
    /// </summary>
    /// <exception cref="ArgumentException">A name in <paramref name="signalNames"/> is not a signal of any file.</exception>
    public LogDecoder(IEnumerable<DbcFile> files, IEnumerable<string>? signalNames = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var knownSignals = new HashSet<string>(StringComparer.Ordinal);
        foreach (DbcFile file in files)
        {
            foreach (DbcMessage message in file.Messages)
            {
                messages.TryAdd((message.Id, message.IsExtended), message);
                foreach (DbcSignal signal in message.Signals)
                {
                    knownSignals.Add(signal.Name);
                }
            }
        }

        if (signalNames != null)
        {
            selectedSignals = new HashSet<string>(signalNames, StringComparer.Ordinal);
            foreach (string name in selectedSignals)
            {
                if (!knownSignals.Contains(name))
                {
                    throw new ArgumentException($"Signal '{name}' is not defined in any of the DBC files.", nameof(signalNames));
                }
            }
        }
    }

    /// <summary>Frames with an identifier that a DBC file describes.</summary>
    public int DecodedFrameCount { get; private set; }

    /// <summary>Data frames with an identifier that no DBC file describes.</summary>
    public int UnknownFrameCount { get; private set; }

    /// <summary>Error frames and remote frames, which are not decoded.</summary>
    public int SkippedFrameCount { get; private set; }

    /// <summary>Number of frames per identifier that no DBC file describes.</summary>
    public IReadOnlyDictionary<(uint Id, bool IsExtended), int> UnknownFrames => unknownFrames;

    /// <summary>Returns the DBC message for <paramref name="frame"/>'s identifier, or null.</summary>
    public DbcMessage? FindMessage(LoggedFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return messages.GetValueOrDefault((frame.Frame.Id, frame.Frame.IsExtended));
    }

    /// <summary>
    /// Decodes <paramref name="frame"/> and updates the counters. Returns the selected signals present in
    /// the frame in DBC order, or an empty list for an unknown, error or remote frame.
    /// </summary>
    /// <exception cref="InvalidOperationException">The message's multiplexing cannot be resolved.</exception>
    public IReadOnlyList<DecodedSignal> Decode(LoggedFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.IsErrorFrame || frame.Frame.IsRemote)
        {
            SkippedFrameCount++;
            return Array.Empty<DecodedSignal>();
        }

        DbcMessage? message = FindMessage(frame);
        if (message == null)
        {
            var key = (frame.Frame.Id, frame.Frame.IsExtended);
            unknownFrames[key] = unknownFrames.GetValueOrDefault(key) + 1;
            UnknownFrameCount++;
            return Array.Empty<DecodedSignal>();
        }

        DecodedFrameCount++;
        var values = DbcSignalCodec.DecodeMessage(frame.Frame.Data.AsSpan(0, frame.Frame.Length), message);
        var decoded = new List<DecodedSignal>(values.Count);
        foreach (DbcSignal signal in message.Signals)
        {
            if (values.TryGetValue(signal.Name, out double value) &&
                (selectedSignals == null || selectedSignals.Contains(signal.Name)))
            {
                decoded.Add(new DecodedSignal(frame.Timestamp, message.Name, signal.Name, value, signal.Unit));
            }
        }

        return decoded;
    }
}

using System.Collections.Generic;
using Controllers.Simulation.Data;
using YamlDotNet.RepresentationModel;

namespace Controllers.Cli;

/// <summary>One reference point of a procedure: the value the source is set to and what the reference meter read.</summary>
/// <param name="Source">Value the operator or rig sets the source to (V, A or °C by procedure).</param>
/// <param name="Meter">Reference meter reading for every channel; null when it equals <paramref name="Source"/>.</param>
/// <param name="MeterPerChannel">Reference meter reading per channel, overriding <paramref name="Meter"/>; null when absent.</param>
internal sealed record ReferencePoint(double Source, double? Meter, float[]? MeterPerChannel)
{
    /// <summary>Reference value for <paramref name="channel"/>: its own meter reading, else the common one, else the source.</summary>
    public double ReferenceFor(int channel)
    {
        if (MeterPerChannel is not null && channel < MeterPerChannel.Length)
        {
            return MeterPerChannel[channel];
        }

        return Meter ?? Source;
    }
}

/// <summary>
/// A procedure file for <c>ctl calibrate --reference-file</c>: the reference values of every point, so the
/// procedure runs without typed input on a rig and in tests. YAML (JSON also parses):
/// <c>procedure</c>, optional <c>operator</c> and <c>instrument</c>, and <c>points</c>, a list of
/// mappings with the source value and the meter reading, named with the procedure's unit
/// (<c>source_volts</c>/<c>meter_volts</c>, <c>source_amperes</c>/<c>meter_amperes</c>,
/// <c>reference_celsius</c>); the pedal procedure has no points. A meter reading is one number or a list with one number per channel.
/// </summary>
internal sealed class CalibrationReferenceFile
{
    private CalibrationReferenceFile(string? operatorName, string? instrument, IReadOnlyList<ReferencePoint> points)
    {
        OperatorName = operatorName;
        Instrument = instrument;
        Points = points;
    }

    public string? OperatorName { get; }

    public string? Instrument { get; }

    public IReadOnlyList<ReferencePoint> Points { get; }

    /// <summary>
    /// Loads <paramref name="path"/> for <paramref name="procedure"/> with <paramref name="pointCount"/> points,
    /// whose values lie within [<paramref name="minimum"/>, <paramref name="maximum"/>].
    /// </summary>
    /// <exception cref="DataFileException">The file is missing, malformed or names another procedure.</exception>
    public static CalibrationReferenceFile Load(string path, string procedure, string sourceKey, string meterKey,
        int pointCount, double minimum, double maximum)
    {
        var file = YamlFile.Load(path);
        var root = file.Root;
        file.RejectUnknownKeys(root, "procedure", "operator", "instrument", "points");
        string named = file.RequireString(root, "procedure");
        if (named != procedure)
        {
            throw file.Error(file.Require(root, "procedure"), "procedure", Messages.Format("CalibrateWrongProcedure", named, procedure));
        }

        var points = new List<ReferencePoint>();
        if (pointCount == 0 && file.Find(root, "points") is null)
        {
            return new CalibrationReferenceFile(file.FindString(root, "operator"), file.FindString(root, "instrument"), points);
        }

        var sequence = file.RequireSequence(root, "points");
        if (sequence.Children.Count != pointCount)
        {
            throw file.Error(sequence, "points", Messages.Format("CalibrateWrongPointCount", sequence.Children.Count, pointCount));
        }

        foreach (var node in sequence.Children)
        {
            var point = file.AsMapping(node, "points");
            file.RejectUnknownKeys(point, sourceKey, meterKey);
            double source = file.RequireNumber(point, sourceKey, minimum, maximum);
            double? meter = null;
            float[]? perChannel = null;
            var meterNode = file.Find(point, meterKey);
            if (meterNode is YamlSequenceNode)
            {
                perChannel = file.RequireNumberList(point, meterKey, minimum, maximum);
            }
            else if (meterNode is not null)
            {
                meter = file.ParseNumber(meterNode, meterKey, minimum, maximum);
            }

            points.Add(new ReferencePoint(source, meter, perChannel));
        }

        return new CalibrationReferenceFile(file.FindString(root, "operator"), file.FindString(root, "instrument"), points);
    }
}

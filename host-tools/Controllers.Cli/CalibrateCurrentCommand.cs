using System;
using System.CommandLine;
using System.Globalization;
using Controllers.Firmware.Bms.Calibration;
using Spectre.Console;

namespace Controllers.Cli;

/// <summary>
/// <c>ctl calibrate current</c>: current offset at a first reference (normally 0 A) and gain at a second one.
/// The fit follows the firmware's I = (raw − offset) × gain: gain = (ref₂ − ref₁) / (raw₂ − raw₁),
/// offset = raw₁ − ref₁ / gain.
/// </summary>
internal static class CalibrateCurrentCommand
{
    public const string ProcedureName = "current";
    public const ushort ProcedureId = 2;
    public const ushort Block = 0x4120;
    public const ushort RawReading = 0x4220;

    /// <summary>Default reference currents, A: zero, then a calibrator current in the upper part of the range.</summary>
    private static readonly double[] DefaultSourceAmperes = [0, 100];

    public static Command Create()
    {
        var options = new CalibrationOptions();
        var command = new Command(ProcedureName, Messages.Get("CalibrateCurrentDescription"));
        options.AddTo(command);
        command.SetAction(parseResult => CalibrateCommand.Run(parseResult, options,
            path => CalibrationReferenceFile.Load(path, ProcedureName, "source_amperes", "meter_amperes", 2, -2000, 2000),
            Calibrate));
        return command;
    }

    private static int Calibrate(CalibrationSession session, CalibrationContext context)
    {
        if (session.BlocksIn(Block, Block).Count == 0)
        {
            return CliOutput.Failure(Messages.Format("CalibrateNoBlocks", ProcedureName, Block, Block));
        }

        // Read the uncalibrated current at both points.
        var points = new ReferencePoint[2];
        var raw = new double[2];
        for (int p = 0; p < 2; p++)
        {
            points[p] = context.GetPoint(p, DefaultSourceAmperes[p], "CalibrateSetCurrentSource", "CalibrateEnterMeterAmperes");
            raw[p] = session.ReadRaw(RawReading);
        }

        // Fit and reject a result outside the limits before anything is written.
        double referenceLow = points[0].ReferenceFor(0);
        double referenceHigh = points[1].ReferenceFor(0);
        double rawSpan = raw[1] - raw[0];
        if (!(Math.Abs(referenceHigh - referenceLow) >= 1) || rawSpan == 0)
        {
            return CliOutput.Failure(Messages.Format("CalibrateCurrentNoSpan", raw[0], raw[1]));
        }

        double gain = (referenceHigh - referenceLow) / rawSpan;
        double offset = raw[0] - referenceLow / gain;
        if (Math.Abs(gain - 1) > BmsCalibrationLimits.CurrentGainDeviation)
        {
            return CliOutput.Failure(Messages.Format("CalibrateCurrentGainRejected", gain, 1 - BmsCalibrationLimits.CurrentGainDeviation,
                1 + BmsCalibrationLimits.CurrentGainDeviation));
        }

        if (Math.Abs(offset) > BmsCalibrationLimits.CurrentOffsetAmperes)
        {
            return CliOutput.Failure(Messages.Format("CalibrateCurrentOffsetRejected", offset, BmsCalibrationLimits.CurrentOffsetAmperes));
        }

        // Write, check with a fresh reading at the second point, then save and verify.
        var value = new byte[8];
        CalibrationSession.WriteSingle(value, 0, (float)offset);
        CalibrationSession.WriteSingle(value, 4, (float)gain);
        session.WriteBlock(Block, value);

        byte[] original = session.Original(Block);
        double oldOffset = CalibrationSession.ReadSingle(original, 0);
        double oldGain = CalibrationSession.ReadSingle(original, 4);
        double before = (raw[1] - oldOffset) * oldGain - referenceHigh;
        double fresh = session.ReadRaw(RawReading);
        double after = (fresh - (float)offset) * (float)gain - referenceHigh;

        byte[] metadata = CalibrationSession.EncodeMetadata(context.OperatorName, CalibrationContext.UnixSecondsNow(), context.Instrument,
            [points[0].Source, points[1].Source], ProcedureId);
        CalibrationSaveResult saved = session.SaveAndVerify(metadata);

        var table = new Table().AddColumns(Messages.Get("CalibrateColumnGain"), Messages.Get("CalibrateColumnOffsetAmperes"),
            Messages.Get("CalibrateColumnErrorBeforeAmperes"), Messages.Get("CalibrateColumnErrorAfterAmperes"));
        table.AddRow(gain.ToString("F5", CultureInfo.CurrentCulture), offset.ToString("F4", CultureInfo.CurrentCulture),
            before.ToString("F4", CultureInfo.CurrentCulture), after.ToString("F4", CultureInfo.CurrentCulture));
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine(Messages.Format("CalibrateSaved", saved.Sequence, saved.Crc));
        return ExitCodes.Success;
    }
}

using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using Controllers.Firmware.Bms.Calibration;
using Spectre.Console;

namespace Controllers.Cli;

/// <summary>
/// <c>ctl calibrate cell-voltage</c>: two-point gain and offset per cell-voltage channel against a reference
/// meter. The same source voltage is applied to every channel at each point; the fit maps each channel's
/// uncalibrated reading onto the meter reading: gain = (ref₂ − ref₁) / (raw₂ − raw₁), offset = ref₁ − gain × raw₁.
/// </summary>
internal static class CalibrateCellVoltageCommand
{
    public const string ProcedureName = "cell-voltage";
    public const ushort ProcedureId = 1;
    public const ushort FirstBlock = 0x4100;
    public const ushort LastBlock = 0x411D;
    public const ushort FirstRawReading = 0x4200;

    /// <summary>Default source voltages, V: near the ends of the lithium-ion working range.</summary>
    private static readonly double[] DefaultSourceVolts = [2.5, 4.0];

    public static Command Create()
    {
        var options = new CalibrationOptions();
        var command = new Command(ProcedureName, Messages.Get("CalibrateCellVoltageDescription"));
        options.AddTo(command);
        command.SetAction(parseResult => CalibrateCommand.Run(parseResult, options,
            path => CalibrationReferenceFile.Load(path, ProcedureName, "source_volts", "meter_volts", 2, 0, 5),
            Calibrate));
        return command;
    }

    private static int Calibrate(CalibrationSession session, CalibrationContext context)
    {
        IReadOnlyList<ushort> blocks = session.BlocksIn(FirstBlock, LastBlock);
        if (blocks.Count == 0)
        {
            return CliOutput.Failure(Messages.Format("CalibrateNoBlocks", ProcedureName, FirstBlock, LastBlock));
        }

        // Read the uncalibrated readings at both points.
        var points = new ReferencePoint[2];
        var raw = new double[2][];
        for (int p = 0; p < 2; p++)
        {
            points[p] = context.GetPoint(p, DefaultSourceVolts[p], "CalibrateSetCellSource", "CalibrateEnterMeterVolts");
            raw[p] = new double[blocks.Count];
            for (int i = 0; i < blocks.Count; i++)
            {
                raw[p][i] = session.ReadRaw((ushort)(FirstRawReading + blocks[i] - FirstBlock));
            }
        }

        // Fit every channel and reject the whole run when one result is outside the limits.
        var gains = new double[blocks.Count];
        var offsets = new double[blocks.Count];
        var rejections = new List<string>();
        for (int i = 0; i < blocks.Count; i++)
        {
            int channel = blocks[i] - FirstBlock;
            double referenceLow = points[0].ReferenceFor(channel);
            double referenceHigh = points[1].ReferenceFor(channel);
            double rawSpan = raw[1][i] - raw[0][i];
            if (!(Math.Abs(referenceHigh - referenceLow) >= 0.5) || !(rawSpan > 0))
            {
                rejections.Add(Messages.Format("CalibrateCellNoSpan", channel, raw[0][i], raw[1][i]));
                continue;
            }

            gains[i] = (referenceHigh - referenceLow) / rawSpan;
            offsets[i] = referenceLow - gains[i] * raw[0][i];
            if (Math.Abs(gains[i] - 1) > BmsCalibrationLimits.CellGainDeviation)
            {
                rejections.Add(Messages.Format("CalibrateCellGainRejected", channel, gains[i], 1 - BmsCalibrationLimits.CellGainDeviation,
                    1 + BmsCalibrationLimits.CellGainDeviation));
            }
            else if (Math.Abs(offsets[i]) > BmsCalibrationLimits.CellOffsetVolts)
            {
                rejections.Add(Messages.Format("CalibrateCellOffsetRejected", channel, offsets[i] * 1000, BmsCalibrationLimits.CellOffsetVolts * 1000));
            }
        }

        if (rejections.Count > 0)
        {
            foreach (string rejection in rejections)
            {
                Console.Error.WriteLine(Messages.Format("ErrorLine", rejection));
            }

            return CliOutput.Failure(Messages.Format("CalibrateNothingWritten", rejections.Count));
        }

        // Write, read a fresh reading at the second point, then save and verify.
        for (int i = 0; i < blocks.Count; i++)
        {
            var value = new byte[8];
            CalibrationSession.WriteSingle(value, 0, (float)gains[i]);
            CalibrationSession.WriteSingle(value, 4, (float)offsets[i]);
            session.WriteBlock(blocks[i], value);
        }

        var table = new Table().AddColumns(Messages.Get("CalibrateColumnChannel"), Messages.Get("CalibrateColumnGain"),
            Messages.Get("CalibrateColumnOffsetMillivolts"), Messages.Get("CalibrateColumnErrorBeforeMillivolts"),
            Messages.Get("CalibrateColumnErrorAfterMillivolts"));
        for (int i = 0; i < blocks.Count; i++)
        {
            int channel = blocks[i] - FirstBlock;
            byte[] original = session.Original(blocks[i]);
            double oldGain = CalibrationSession.ReadSingle(original, 0);
            double oldOffset = CalibrationSession.ReadSingle(original, 4);
            double reference = points[1].ReferenceFor(channel);
            double before = oldGain * raw[1][i] + oldOffset - reference;
            double fresh = session.ReadRaw((ushort)(FirstRawReading + channel));
            double after = (float)gains[i] * fresh + (float)offsets[i] - reference;
            table.AddRow(channel.ToString(CultureInfo.CurrentCulture), gains[i].ToString("F5", CultureInfo.CurrentCulture),
                (offsets[i] * 1000).ToString("F2", CultureInfo.CurrentCulture), (before * 1000).ToString("F2", CultureInfo.CurrentCulture),
                (after * 1000).ToString("F2", CultureInfo.CurrentCulture));
        }

        byte[] metadata = CalibrationSession.EncodeMetadata(context.OperatorName, CalibrationContext.UnixSecondsNow(), context.Instrument,
            [points[0].Source, points[1].Source], ProcedureId);
        CalibrationSaveResult saved = session.SaveAndVerify(metadata);
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine(Messages.Format("CalibrateSaved", saved.Sequence, saved.Crc));
        return ExitCodes.Success;
    }
}

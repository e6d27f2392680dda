using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using Controllers.Firmware.Vcu.Calibration;
using Controllers.Firmware.Vcu.Inputs;
using Spectre.Console;

namespace Controllers.Cli;

/// <summary>
/// <c>ctl calibrate pedal</c>: records the accelerator tracks' and the brake sensor's voltages at rest and at
/// full travel as the VCU's pedal end points. The pre-check uses the limits of the default pedal settings,
/// which the board checks again with its own settings when the values are written.
/// </summary>
internal static class CalibratePedalCommand
{
    public const string ProcedureName = "pedal";
    public const ushort ProcedureId = 5;
    public const ushort AcceleratorBlock = 0x4160;
    public const ushort BrakeBlock = 0x4161;
    public const ushort Track1Raw = 0x4260;
    public const ushort Track2Raw = 0x4261;
    public const ushort BrakeRaw = 0x4262;

    public static Command Create()
    {
        var options = new CalibrationOptions();
        var command = new Command(ProcedureName, Messages.Get("CalibratePedalDescription"));
        options.AddTo(command);
        command.SetAction(parseResult => CalibrateCommand.Run(parseResult, options,
            path => CalibrationReferenceFile.Load(path, ProcedureName, "-", "-", 0, 0, 0),
            Calibrate));
        return command;
    }

    private static int Calibrate(CalibrationSession session, CalibrationContext context)
    {
        bool hasAccelerator = session.BlocksIn(AcceleratorBlock, AcceleratorBlock).Count == 1;
        bool hasBrake = session.BlocksIn(BrakeBlock, BrakeBlock).Count == 1;
        if (!hasAccelerator && !hasBrake)
        {
            return CliOutput.Failure(Messages.Format("CalibrateNoBlocks", ProcedureName, AcceleratorBlock, BrakeBlock));
        }

        // Rest, then each pedal at full travel.
        CalibrationContext.WaitForOperator("CalibratePedalRest");
        double track1Rest = session.ReadRaw(Track1Raw);
        double track2Rest = session.ReadRaw(Track2Raw);
        double brakeRest = session.ReadRaw(BrakeRaw);
        double track1Full = track1Rest;
        double track2Full = track2Rest;
        double brakeFull = brakeRest;
        if (hasAccelerator)
        {
            CalibrationContext.WaitForOperator("CalibratePedalAcceleratorFull");
            track1Full = session.ReadRaw(Track1Raw);
            track2Full = session.ReadRaw(Track2Raw);
        }

        if (hasBrake)
        {
            CalibrationContext.WaitForOperator("CalibratePedalBrakeFull");
            brakeFull = session.ReadRaw(BrakeRaw);
        }

        // Reject the end points before anything is written.
        var rejections = new List<string>();
        if (hasAccelerator)
        {
            var defaults = new AcceleratorPedalSettings();
            CheckTrack(rejections, "track 1", track1Rest, track1Full, defaults.Track1MinimumVolts, defaults.Track1MaximumVolts,
                defaults.Track1FullVolts - defaults.Track1ReleasedVolts);
            CheckTrack(rejections, "track 2", track2Rest, track2Full, defaults.Track2MinimumVolts, defaults.Track2MaximumVolts,
                defaults.Track2FullVolts - defaults.Track2ReleasedVolts);
            double ratio = (track2Full - track2Rest) / (track1Full - track1Rest);
            if (rejections.Count == 0 && !(ratio >= PedalCalibrationLimits.MinimumTrackSlopeRatio && ratio <= PedalCalibrationLimits.MaximumTrackSlopeRatio))
            {
                rejections.Add(Messages.Format("CalibratePedalSlopeRejected", ratio, PedalCalibrationLimits.MinimumTrackSlopeRatio,
                    PedalCalibrationLimits.MaximumTrackSlopeRatio));
            }
        }

        if (hasBrake)
        {
            var defaults = new BrakePedalSettings();
            CheckTrack(rejections, "brake", brakeRest, brakeFull, defaults.MinimumVolts, defaults.MaximumVolts, defaults.FullVolts - defaults.ReleasedVolts);
        }

        if (rejections.Count > 0)
        {
            foreach (string rejection in rejections)
            {
                Console.Error.WriteLine(Messages.Format("ErrorLine", rejection));
            }

            return CliOutput.Failure(Messages.Format("CalibrateNothingWritten", rejections.Count));
        }

        // Write, save and verify.
        var table = new Table().AddColumns(Messages.Get("CalibrateColumnSignal"), Messages.Get("CalibrateColumnRestBefore"),
            Messages.Get("CalibrateColumnRestAfter"), Messages.Get("CalibrateColumnFullBefore"), Messages.Get("CalibrateColumnFullAfter"));
        if (hasAccelerator)
        {
            byte[] value = new byte[16];
            CalibrationSession.WriteSingle(value, 0, (float)track1Rest);
            CalibrationSession.WriteSingle(value, 4, (float)track1Full);
            CalibrationSession.WriteSingle(value, 8, (float)track2Rest);
            CalibrationSession.WriteSingle(value, 12, (float)track2Full);
            session.WriteBlock(AcceleratorBlock, value);
            byte[] original = session.Original(AcceleratorBlock);
            AddRow(table, "track 1", original, 0, value);
            AddRow(table, "track 2", original, 8, value);
        }

        if (hasBrake)
        {
            byte[] value = new byte[8];
            CalibrationSession.WriteSingle(value, 0, (float)brakeRest);
            CalibrationSession.WriteSingle(value, 4, (float)brakeFull);
            session.WriteBlock(BrakeBlock, value);
            AddRow(table, "brake", session.Original(BrakeBlock), 0, value);
        }

        byte[] metadata = CalibrationSession.EncodeMetadata(context.OperatorName, CalibrationContext.UnixSecondsNow(), context.Instrument,
            [track1Rest, track1Full, brakeRest, brakeFull], ProcedureId);
        CalibrationSaveResult saved = session.SaveAndVerify(metadata);
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine(Messages.Format("CalibrateSaved", saved.Sequence, saved.Crc));
        return ExitCodes.Success;
    }

    private static void CheckTrack(List<string> rejections, string signal, double rest, double full, double minimum, double maximum, double defaultSpan)
    {
        double low = minimum + PedalCalibrationLimits.RangeMarginVolts;
        double high = maximum - PedalCalibrationLimits.RangeMarginVolts;
        foreach (double volts in new[] { rest, full })
        {
            if (!(volts >= low && volts <= high))
            {
                rejections.Add(Messages.Format("CalibratePedalRangeRejected", signal, volts, low, high));
                return;
            }
        }

        double minimumSpan = PedalCalibrationLimits.MinimumSpanFraction * defaultSpan;
        if (!(full - rest >= minimumSpan))
        {
            rejections.Add(Messages.Format("CalibratePedalSpanRejected", signal, full - rest, minimumSpan));
        }
    }

    private static void AddRow(Table table, string signal, byte[] before, int offset, byte[] after)
    {
        table.AddRow(signal,
            CalibrationSession.ReadSingle(before, offset).ToString("F3", CultureInfo.CurrentCulture),
            CalibrationSession.ReadSingle(after, offset).ToString("F3", CultureInfo.CurrentCulture),
            CalibrationSession.ReadSingle(before, offset + 4).ToString("F3", CultureInfo.CurrentCulture),
            CalibrationSession.ReadSingle(after, offset + 4).ToString("F3", CultureInfo.CurrentCulture));
    }
}

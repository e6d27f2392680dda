using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using Controllers.Firmware.Bms.Calibration;
using Spectre.Console;

namespace Controllers.Cli;

/// <summary>
/// <c>ctl calibrate ntc</c>: checks every NTC channel against a reference thermometer at one soaked
/// temperature and records pass or fail with the deviation. NTC channels are not trimmed. The exit code is 1
/// when a channel fails, after its result has been recorded.
/// </summary>
internal static class CalibrateNtcCommand
{
    public const string ProcedureName = "ntc";
    public const ushort ProcedureId = 3;
    public const ushort FirstBlock = 0x4130;
    public const ushort LastBlock = 0x413F;
    public const ushort FirstRawReading = 0x4230;
    private const byte Pass = 1;
    private const byte Fail = 2;

    /// <summary>Default reference temperature, °C: room temperature, where the chamber needs no heating.</summary>
    private const double DefaultReferenceCelsius = 25;

    public static Command Create()
    {
        var options = new CalibrationOptions();
        var command = new Command(ProcedureName, Messages.Get("CalibrateNtcDescription"));
        options.AddTo(command);
        command.SetAction(parseResult => CalibrateCommand.Run(parseResult, options,
            path => CalibrationReferenceFile.Load(path, ProcedureName, "reference_celsius", "meter_celsius", 1, -40, 85),
            Check));
        return command;
    }

    private static int Check(CalibrationSession session, CalibrationContext context)
    {
        IReadOnlyList<ushort> blocks = session.BlocksIn(FirstBlock, LastBlock);
        if (blocks.Count == 0)
        {
            return CliOutput.Failure(Messages.Format("CalibrateNoBlocks", ProcedureName, FirstBlock, LastBlock));
        }

        // One soaked point, then every channel's deviation from its reference.
        ReferencePoint point = context.GetPoint(0, DefaultReferenceCelsius, "CalibrateSetNtcChamber", "CalibrateEnterMeterCelsius");
        var measured = new double[blocks.Count];
        var deviations = new double[blocks.Count];
        var rejections = new List<string>();
        for (int i = 0; i < blocks.Count; i++)
        {
            int channel = blocks[i] - FirstBlock;
            measured[i] = session.ReadRaw((ushort)(FirstRawReading + channel));
            deviations[i] = measured[i] - point.ReferenceFor(channel);
            if (!(Math.Abs(deviations[i]) <= BmsCalibrationLimits.NtcPlausibleDeviationCelsius))
            {
                rejections.Add(Messages.Format("CalibrateNtcImplausible", channel, measured[i], point.ReferenceFor(channel),
                    BmsCalibrationLimits.NtcPlausibleDeviationCelsius));
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

        // Record every result, then save and verify.
        var table = new Table().AddColumns(Messages.Get("CalibrateColumnChannel"), Messages.Get("CalibrateColumnReferenceCelsius"),
            Messages.Get("CalibrateColumnMeasuredCelsius"), Messages.Get("CalibrateColumnDeviationCelsius"), Messages.Get("CalibrateColumnResult"));
        int failed = 0;
        for (int i = 0; i < blocks.Count; i++)
        {
            int channel = blocks[i] - FirstBlock;
            bool passed = Math.Abs((float)deviations[i]) <= BmsCalibrationLimits.NtcPassDeviationCelsius;
            failed += passed ? 0 : 1;
            var value = new byte[12];
            value[0] = passed ? Pass : Fail;
            CalibrationSession.WriteSingle(value, 4, (float)deviations[i]);
            CalibrationSession.WriteSingle(value, 8, (float)point.ReferenceFor(channel));
            session.WriteBlock(blocks[i], value);
            table.AddRow(channel.ToString(CultureInfo.CurrentCulture), point.ReferenceFor(channel).ToString("F2", CultureInfo.CurrentCulture),
                measured[i].ToString("F2", CultureInfo.CurrentCulture), deviations[i].ToString("+0.00;-0.00", CultureInfo.CurrentCulture),
                Messages.Get(passed ? "CalibrateResultPass" : "CalibrateResultFail"));
        }

        byte[] metadata = CalibrationSession.EncodeMetadata(context.OperatorName, CalibrationContext.UnixSecondsNow(), context.Instrument,
            [point.Meter ?? point.Source], ProcedureId);
        CalibrationSaveResult saved = session.SaveAndVerify(metadata);
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine(Messages.Format("CalibrateSaved", saved.Sequence, saved.Crc));
        if (failed > 0)
        {
            return CliOutput.Failure(Messages.Format("CalibrateNtcFailed", failed, BmsCalibrationLimits.NtcPassDeviationCelsius));
        }

        return ExitCodes.Success;
    }
}

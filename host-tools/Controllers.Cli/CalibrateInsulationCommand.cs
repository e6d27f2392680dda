using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using Controllers.Can.Diagnostics;
using Controllers.Firmware.Bms.Calibration;
using Spectre.Console;

namespace Controllers.Cli;

/// <summary>
/// <c>ctl calibrate insulation</c>: fits the effective bridge and divider resistances and the pole channel gains of the
/// insulation monitor from three points: no test resistor, a known resistor from HV+ to chassis, and one from HV− to
/// chassis (<see cref="InsulationBridgeFit"/>).
/// </summary>
internal static class CalibrateInsulationCommand
{
    public const string ProcedureName = "insulation";
    public const ushort ProcedureId = 4;
    public const ushort Block = 0x4140;
    public const ushort RawReading = 0x4240;
    public const ushort NominalReading = 0x4241;

    /// <summary>Settled cycles averaged per point.</summary>
    public const int CyclesPerPoint = 3;

    /// <summary>
    /// Largest accepted difference between the two estimates of the channel gain ratio. NOTE: an estimate, about ten
    /// times the spread that 20 mV of reading noise gives at 400 V.
    /// </summary>
    public const double GainCheckTolerance = 0.02;

    /// <summary>
    /// Default test resistor, Ω: near the 600 kΩ lower end of the accuracy range and half the 1 MΩ bridge resistor,
    /// so it moves the pole voltage ratio by a factor of about three and noise has little weight in the fit.
    /// </summary>
    private const double DefaultTestOhms = 500e3;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public static Command Create()
    {
        var options = new CalibrationOptions();
        var timeout = new Option<double>("--point-timeout")
        {
            Description = Messages.Get("CalibrateInsulationTimeoutDescription"),
            HelpName = "SECONDS",
            DefaultValueFactory = _ => 600,
        };
        var command = new Command(ProcedureName, Messages.Get("CalibrateInsulationDescription"));
        options.AddTo(command);
        command.Options.Add(timeout);
        command.SetAction(parseResult =>
        {
            double seconds = parseResult.GetValue(timeout);
            if (!(seconds >= 1 && seconds <= 3600))
            {
                return CliOutput.InvalidInput(Messages.Format("CalibrateInsulationTimeoutInvalid", seconds));
            }

            return CalibrateCommand.Run(parseResult, options,
                path => CalibrationReferenceFile.Load(path, ProcedureName, "test_ohms", "meter_ohms", 2, 10e3, 100e6),
                (session, context) => Calibrate(session, context, TimeSpan.FromSeconds(seconds)));
        });
        return command;
    }

    private static int Calibrate(CalibrationSession session, CalibrationContext context, TimeSpan pointTimeout)
    {
        if (session.BlocksIn(Block, Block).Count == 0)
        {
            return CliOutput.Failure(Messages.Format("CalibrateNoBlocks", ProcedureName, Block, Block));
        }

        byte[] nominalBytes = session.ReadBytes(NominalReading);
        var nominal = new double[4];
        for (int i = 0; i < nominal.Length; i++)
        {
            nominal[i] = CalibrationSession.ReadSingle(nominalBytes, 4 * i);
        }

        // Three points, each averaged over settled cycles that started after the operator confirmed the connection.
        CalibrationContext.WaitForOperator("CalibrateInsulationOpen");
        BridgeReading? open = Acquire(session, pointTimeout);
        if (open is null)
        {
            return TimedOut(pointTimeout);
        }

        ReferencePoint positivePoint = context.GetPoint(0, DefaultTestOhms, "CalibrateInsulationConnectPositive", "CalibrateEnterMeterOhms");
        BridgeReading? positiveTest = Acquire(session, pointTimeout);
        if (positiveTest is null)
        {
            return TimedOut(pointTimeout);
        }

        ReferencePoint negativePoint = context.GetPoint(1, DefaultTestOhms, "CalibrateInsulationConnectNegative", "CalibrateEnterMeterOhms");
        BridgeReading? negativeTest = Acquire(session, pointTimeout);
        if (negativeTest is null)
        {
            return TimedOut(pointTimeout);
        }

        CalibrationContext.WaitForOperator("CalibrateInsulationRemove");

        // Fit and reject a result outside the limits before anything is written.
        double positiveTestOhms = positivePoint.ReferenceFor(0);
        double negativeTestOhms = negativePoint.ReferenceFor(0);
        InsulationCircuit? circuit = InsulationBridgeFit.Fit(open, positiveTest, negativeTest, positiveTestOhms, negativeTestOhms, out double gainCheck);
        if (circuit is null)
        {
            return CliOutput.Failure(Messages.Get("CalibrateInsulationNoSolution"));
        }

        List<string> rejections = CheckLimits(circuit, nominal, gainCheck);
        if (rejections.Count > 0)
        {
            foreach (string rejection in rejections)
            {
                Console.Error.WriteLine(Messages.Format("ErrorLine", rejection));
            }

            return CliOutput.Failure(Messages.Format("CalibrateNothingWritten", rejections.Count));
        }

        // Write, save and verify, then show each point with the circuit in use before and the new one.
        var value = new byte[24];
        double[] fitted = [circuit.PositiveBridgeOhms, circuit.NegativeBridgeOhms, circuit.PositiveDividerOhms,
            circuit.NegativeDividerOhms, circuit.PositiveGain, circuit.NegativeGain];
        for (int i = 0; i < fitted.Length; i++)
        {
            CalibrationSession.WriteSingle(value, 4 * i, (float)fitted[i]);
        }

        InsulationCircuit before = Decode(session.Original(Block));
        session.WriteBlock(Block, value);
        InsulationCircuit after = Decode(value);

        double packVolts = 0.5 * (open.State1Pack + open.State2Pack);
        byte[] metadata = CalibrationSession.EncodeMetadata(context.OperatorName, CalibrationContext.UnixSecondsNow(), context.Instrument,
            [positiveTestOhms, negativeTestOhms, packVolts], ProcedureId);
        CalibrationSaveResult saved = session.SaveAndVerify(metadata);

        PrintTable(before, after, [
            (Messages.Get("CalibrateInsulationPointOpen"), open),
            (Messages.Format("CalibrateInsulationPointPositive", positiveTestOhms / 1e3), positiveTest),
            (Messages.Format("CalibrateInsulationPointNegative", negativeTestOhms / 1e3), negativeTest),
        ]);
        AnsiConsole.WriteLine(Messages.Format("CalibrateSaved", saved.Sequence, saved.Crc));
        return ExitCodes.Success;
    }

    private static int TimedOut(TimeSpan pointTimeout) =>
        CliOutput.Failure(Messages.Format("CalibrateInsulationTimeout", CyclesPerPoint, pointTimeout.TotalSeconds));

    /// <summary>
    /// Waits for settled cycles that started after this call and returns their mean, or null after
    /// <paramref name="timeout"/>. A cycle counted when the call starts may have begun before the operator
    /// changed the connection, so the first accepted cycle is two counts later.
    /// </summary>
    private static BridgeReading? Acquire(CalibrationSession session, TimeSpan timeout)
    {
        long startCount = ReadCycle(session, out _);
        long lastCount = startCount + 1;
        var sums = new double[6];
        int cyclesTaken = 0;
        var clock = Stopwatch.StartNew();
        while (cyclesTaken < CyclesPerPoint)
        {
            if (clock.Elapsed > timeout)
            {
                return null;
            }

            long count = ReadCycle(session, out double[] volts);
            if (count > lastCount)
            {
                for (int i = 0; i < sums.Length; i++)
                {
                    sums[i] += volts[i];
                }

                cyclesTaken++;
                lastCount = count;
                continue;
            }

            Thread.Sleep(PollInterval);
        }

        return new BridgeReading(sums[0] / cyclesTaken, sums[1] / cyclesTaken, sums[2] / cyclesTaken, sums[3] / cyclesTaken, sums[4] / cyclesTaken, sums[5] / cyclesTaken);
    }

    // Returns the settled cycle count of DID 0x4240 and its six voltages; 0 while the board has no settled cycle yet.
    private static long ReadCycle(CalibrationSession session, out double[] volts)
    {
        volts = new double[6];
        byte[] bytes;
        try
        {
            bytes = session.ReadBytes(RawReading);
        }
        catch (UdsNegativeResponseException error) when (error.ResponseCode == 0x22)
        {
            return 0;
        }

        for (int i = 0; i < volts.Length; i++)
        {
            volts[i] = CalibrationSession.ReadSingle(bytes, 4 + 4 * i);
        }

        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    private static List<string> CheckLimits(InsulationCircuit circuit, double[] nominal, double gainCheck)
    {
        var rejections = new List<string>();
        CheckResistance(rejections, "R0+", circuit.PositiveBridgeOhms, nominal[0], BmsCalibrationLimits.InsulationBridgeDeviation,
            "CalibrateInsulationBridgeRejected");
        CheckResistance(rejections, "R0−", circuit.NegativeBridgeOhms, nominal[1], BmsCalibrationLimits.InsulationBridgeDeviation,
            "CalibrateInsulationBridgeRejected");
        CheckResistance(rejections, "Rm+", circuit.PositiveDividerOhms, nominal[2], BmsCalibrationLimits.InsulationDividerDeviation,
            "CalibrateInsulationDividerRejected");
        CheckResistance(rejections, "Rm−", circuit.NegativeDividerOhms, nominal[3], BmsCalibrationLimits.InsulationDividerDeviation,
            "CalibrateInsulationDividerRejected");
        CheckGain(rejections, "HV+", circuit.PositiveGain);
        CheckGain(rejections, "HV−", circuit.NegativeGain);
        if (!(Math.Abs(gainCheck - 1) <= GainCheckTolerance))
        {
            rejections.Add(Messages.Format("CalibrateInsulationInconsistent", (gainCheck - 1) * 100, GainCheckTolerance * 100));
        }

        return rejections;
    }

    private static void CheckResistance(List<string> rejections, string name, double ohms, double nominalOhms, double deviation, string messageName)
    {
        if (!(Math.Abs(ohms - nominalOhms) <= deviation * nominalOhms))
        {
            rejections.Add(Messages.Format(messageName, name, ohms / 1e3, nominalOhms * (1 - deviation) / 1e3, nominalOhms * (1 + deviation) / 1e3));
        }
    }

    private static void CheckGain(List<string> rejections, string pole, double gain)
    {
        double deviation = BmsCalibrationLimits.InsulationChannelGainDeviation;
        if (!(Math.Abs(gain - 1) <= deviation))
        {
            rejections.Add(Messages.Format("CalibrateInsulationGainRejected", pole, gain, 1 - deviation, 1 + deviation));
        }
    }

    private static InsulationCircuit Decode(byte[] value) => new(
        CalibrationSession.ReadSingle(value, 0), CalibrationSession.ReadSingle(value, 4), CalibrationSession.ReadSingle(value, 8),
        CalibrationSession.ReadSingle(value, 12), CalibrationSession.ReadSingle(value, 16), CalibrationSession.ReadSingle(value, 20));

    private static void PrintTable(InsulationCircuit before, InsulationCircuit after, (string Name, BridgeReading Reading)[] points)
    {
        var table = new Table().AddColumns(Messages.Get("CalibrateColumnPoint"),
            Messages.Get("CalibrateColumnPositiveBeforeKiloohms"), Messages.Get("CalibrateColumnNegativeBeforeKiloohms"),
            Messages.Get("CalibrateColumnPositiveAfterKiloohms"), Messages.Get("CalibrateColumnNegativeAfterKiloohms"));
        foreach (var (name, reading) in points)
        {
            var (positiveBefore, negativeBefore) = before.Solve(reading);
            var (positiveAfter, negativeAfter) = after.Solve(reading);
            table.AddRow(Markup.Escape(name), FormatKiloohms(positiveBefore), FormatKiloohms(negativeBefore),
                FormatKiloohms(positiveAfter), FormatKiloohms(negativeAfter));
        }

        AnsiConsole.Write(table);
    }

    private static string FormatKiloohms(double ohms)
    {
        if (double.IsNaN(ohms))
        {
            return Messages.Get("CalibrateInsulationNoResult");
        }

        return double.IsPositiveInfinity(ohms)
            ? Markup.Escape(Messages.Format("CalibrateInsulationAboveRange", InsulationCircuit.RangeMaximumOhms / 1e3))
            : (ohms / 1e3).ToString("F1", CultureInfo.CurrentCulture);
    }
}

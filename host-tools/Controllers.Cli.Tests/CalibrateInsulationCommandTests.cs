using System;
using System.Collections.Generic;
using System.IO;
using Controllers.Firmware.Common.Calibration;
using Controllers.Simulation.Boards;
using Controllers.Simulation.Storage;
using Xunit;

namespace Controllers.Cli.Tests;

/// <summary>
/// <c>ctl calibrate insulation</c> end to end: the real ctl process against the firmware insulation monitor and calibration
/// record on the rig board, whose bridge resistors are +1 % and −0.8 % off, dividers +3 % and −2 %, and pole channels read
/// 5.5 % high and 4.5 % low (<see cref="CalibrationBoard.InsulationErrors"/>). Expected values are the connected test
/// resistors, never values the firmware computed.
/// </summary>
public sealed class CalibrateInsulationCommandTests : IDisposable
{
    private const string Operator = "li.wei";
    private const string Instrument = "OHM-34465A-0007";

    private readonly SimulatedFlashStore store = new(2, 2048);
    private readonly string folder = Directory.CreateTempSubdirectory("ctl-calibrate-insulation-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string WriteFile(string text)
    {
        string path = Path.Combine(folder, "insulation.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    // Answers each "press Enter." instruction by connecting the next test resistors (HV+, HV−) on the rig, like an operator.
    private static CtlRun RunProcedure(CalibrationTestEcu<CalibrationBoard> ecu, string referenceFile, (double Positive, double Negative)[] steps)
    {
        int step = 0;
        string[] arguments = ["calibrate", "insulation", "--socketcand", ecu.Endpoint, "--channel", "can0", "--p2", "2000",
            "--reference-file", referenceFile, "--operator", Operator, "--instrument", Instrument, "--point-timeout", "120"];
        var environment = new Dictionary<string, string> { ["CTL_UDS_SECRET"] = CalibrationTestEcus.SecretHex };
        return CtlProcess.RunInteractive(Path.GetTempPath(), arguments, line =>
        {
            if (!line.EndsWith("press Enter.", StringComparison.Ordinal))
            {
                return null;
            }

            var (positive, negative) = steps[step++];
            ecu.With(board =>
            {
                board.Rig.PositiveTestOhms = positive;
                board.Rig.NegativeTestOhms = negative;
                return 0;
            });
            return "";
        }, environment);
    }

    private static readonly (double, double)[] StandardSteps =
    [
        (double.PositiveInfinity, double.PositiveInfinity),
        (500e3, double.PositiveInfinity),
        (double.PositiveInfinity, 500e3),
        (double.PositiveInfinity, double.PositiveInfinity),
    ];

    private const string StandardFile = "procedure: insulation\npoints:\n  - test_ohms: 500000\n  - test_ohms: 500000\n";

    [Fact]
    public void Insulation_CalibratedReadingsMeetAccuracy()
    {
        using var ecu = CalibrationTestEcus.Bms(store);

        // Insulation accuracy: within 10 % above 600 kΩ. Uncalibrated, the channel gain mismatch of 1.055 / 0.955 makes
        // each pole read more than 10 % off at 1 MΩ and 5 MΩ.
        double[] resistors = [1e6, 5e6];
        foreach (double ohms in resistors)
        {
            var (positive, _) = ecu.With(board => board.MeasureInsulation(ohms, double.PositiveInfinity));
            var (_, negative) = ecu.With(board => board.MeasureInsulation(double.PositiveInfinity, ohms));
            Assert.True(Math.Abs(positive - ohms) > 0.1 * ohms, $"HV+ read {positive} Ω with {ohms} Ω before calibration");
            Assert.True(Math.Abs(negative - ohms) > 0.1 * ohms, $"HV− read {negative} Ω with {ohms} Ω before calibration");
        }

        CtlRun run = RunProcedure(ecu, WriteFile(StandardFile), StandardSteps);

        Assert.True(run.ExitCode == 0, run.StandardOutput + run.StandardError);
        Assert.Contains("Calibration record saved and verified", run.StandardOutput);
        Assert.Contains("500.0 kΩ on HV+", run.StandardOutput);
        foreach (double ohms in resistors)
        {
            var (positive, _) = ecu.With(board => board.MeasureInsulation(ohms, double.PositiveInfinity));
            var (_, negative) = ecu.With(board => board.MeasureInsulation(double.PositiveInfinity, ohms));
            Assert.True(Math.Abs(positive - ohms) <= 0.1 * ohms, $"HV+ read {positive} Ω with {ohms} Ω after calibration");
            Assert.True(Math.Abs(negative - ohms) <= 0.1 * ohms, $"HV− read {negative} Ω with {ohms} Ω after calibration");
        }
    }

    [Fact]
    public void Insulation_RecordSurvivesRestart()
    {
        using (var ecu = CalibrationTestEcus.Bms(store))
        {
            CtlRun run = RunProcedure(ecu, WriteFile(StandardFile), StandardSteps);
            Assert.True(run.ExitCode == 0, run.StandardOutput + run.StandardError);
        }

        using var restarted = CalibrationTestEcus.Bms(store);
        var (status, operatorName, instrument, procedure, positiveReference) = restarted.With(board =>
        {
            var metadata = board.Calibration.Record.Metadata;
            return (board.LoadStatus, metadata.OperatorName, metadata.InstrumentId, metadata.ProcedureId, metadata.ReferenceValue(0));
        });
        var (positive, _) = restarted.With(board => board.MeasureInsulation(1e6, double.PositiveInfinity));

        Assert.Equal(CalibrationStatus.Calibrated, status);
        Assert.Equal(Operator, operatorName);
        Assert.Equal(Instrument, instrument);
        Assert.Equal(CalibrationMetadata.ProcedureInsulation, procedure);
        Assert.Equal(500e3f, positiveReference);
        Assert.InRange(positive, 0.9e6, 1.1e6);
    }

    [Fact]
    public void Insulation_WrongTestResistorRefused()
    {
        using var ecu = CalibrationTestEcus.Bms(store);

        // The file names 500 kΩ, but 1 MΩ is connected to HV+: every fitted conductance on that side halves, so the
        // positive bridge fits near 2 MΩ, far outside 1 MΩ ± 3 %.
        (double, double)[] steps =
        [
            (double.PositiveInfinity, double.PositiveInfinity),
            (1e6, double.PositiveInfinity),
            (double.PositiveInfinity, 500e3),
            (double.PositiveInfinity, double.PositiveInfinity),
        ];
        CtlRun run = RunProcedure(ecu, WriteFile(StandardFile), steps);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("bridge resistance R0+", run.StandardError);
        Assert.Contains("outside 970.0 to 1030.0 kΩ", run.StandardError);
        Assert.Contains("nothing was written", run.StandardError);
        var (modified, status) = ecu.With(board => (board.Calibration.Record.IsModified, board.LoadStatus));
        Assert.False(modified);
        Assert.Equal(CalibrationStatus.NotFound, status);
        var restarted = new CalibrationBoard(store, new Simulation.SimulatedClock(), Convert.FromHexString(CalibrationTestEcus.SecretHex));
        Assert.Equal(CalibrationStatus.NotFound, restarted.LoadStatus);
    }
}

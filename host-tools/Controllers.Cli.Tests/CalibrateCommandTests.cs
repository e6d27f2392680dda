using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Controllers.Firmware.Common.Calibration;
using Controllers.Simulation.Boards;
using Controllers.Simulation.Storage;
using Xunit;

namespace Controllers.Cli.Tests;

/// <summary>
/// <c>ctl calibrate</c> end to end: the real ctl process against the firmware calibration record, AFE and
/// shunt drivers on a rig board with known errors, over socketcand and ISO-TP on loopback. Expected values are
/// the rig's applied references, never values the firmware computed.
/// </summary>
public sealed class CalibrateCommandTests : IDisposable
{
    private const string Operator = "li.wei";
    private const string Instrument = "DMM-8846A-0042";

    private readonly SimulatedFlashStore store = new(2, 2048);
    private readonly string folder = Directory.CreateTempSubdirectory("ctl-calibrate-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    // Sense-path errors per channel (gain error, offset V): channel 3 reads 0.5 % high with +4 mV.
    private static void InjectCellErrors(CalibrationBoard board)
    {
        board.Rig.SetChannelError(0, -0.004, -0.003);
        board.Rig.SetChannelError(3, 0.005, 0.004);
        board.Rig.SetChannelError(7, 0.002, -0.006);
        board.Rig.SetChannelError(11, -0.001, 0.002);
    }

    private string WriteFile(string name, string text)
    {
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    // Answers each "Set the source" prompt by setting the rig to the next value, like an operator at the bench.
    private static CtlRun RunProcedure<TBoard>(CalibrationTestEcu<TBoard> ecu, string procedure, string referenceFile, double[] sourceSteps, Action<TBoard, double> apply)
    {
        int step = 0;
        string[] arguments = ["calibrate", procedure, "--socketcand", ecu.Endpoint, "--channel", "can0", "--p2", "2000",
            "--reference-file", referenceFile, "--operator", Operator, "--instrument", Instrument];
        var environment = new Dictionary<string, string> { ["CTL_UDS_SECRET"] = CalibrationTestEcus.SecretHex };
        return CtlProcess.RunInteractive(Path.GetTempPath(), arguments, line =>
        {
            if (!line.StartsWith("Set ", StringComparison.Ordinal))
            {
                return null;
            }

            double value = sourceSteps[step++];
            ecu.With(board =>
            {
                apply(board, value);
                return 0;
            });
            return "";
        }, environment);
    }

    [Fact]
    public void CellVoltage_CalibratedReadingsMeetAccuracy()
    {
        using var ecu = CalibrationTestEcus.Bms(store, InjectCellErrors);
        string file = WriteFile("cells.yaml", "procedure: cell-voltage\npoints:\n  - source_volts: 2.5\n  - source_volts: 4.0\n");

        // Before calibration channel 3 reads 3.7 × 1.005 + 0.004 = 3.7225 V: 22.5 mV, more than 0.2 % of 3.7 V (7.4 mV).
        float before = ecu.With(board =>
        {
            board.Rig.SourceVolts = 3.7;
            return board.ReadCellVolts()[3];
        });
        Assert.True(Math.Abs(before - 3.7) > 0.0074, $"channel 3 read {before} V before calibration");

        CtlRun run = RunProcedure(ecu, "cell-voltage", file, [2.5, 4.0], (board, volts) => board.Rig.SourceVolts = volts);

        Assert.True(run.ExitCode == 0, run.StandardOutput + run.StandardError);
        Assert.Contains("Calibration record saved and verified", run.StandardOutput);
        Assert.DoesNotContain(CalibrationTestEcus.SecretHex, run.StandardOutput + run.StandardError, StringComparison.OrdinalIgnoreCase);

        // Accuracy requirement: cell voltage error within 0.2 % of the cell voltage, at points inside and outside the fit.
        foreach (double applied in new[] { 3.0, 3.7, 4.2 })
        {
            float[] volts = ecu.With(board =>
            {
                board.Rig.SourceVolts = applied;
                return board.ReadCellVolts();
            });
            for (int channel = 0; channel < volts.Length; channel++)
            {
                Assert.True(Math.Abs(volts[channel] - applied) <= 0.002 * applied,
                    $"channel {channel} read {volts[channel]} V at {applied} V after calibration");
            }
        }
    }

    [Fact]
    public void CellVoltage_RecordSurvivesRestart()
    {
        using (var ecu = CalibrationTestEcus.Bms(store, InjectCellErrors))
        {
            string file = WriteFile("cells.yaml", "procedure: cell-voltage\npoints:\n  - source_volts: 2.5\n  - source_volts: 4.0\n");
            CtlRun run = RunProcedure(ecu, "cell-voltage", file, [2.5, 4.0], (board, volts) => board.Rig.SourceVolts = volts);
            Assert.True(run.ExitCode == 0, run.StandardOutput + run.StandardError);
        }

        using var restarted = CalibrationTestEcus.Bms(store, InjectCellErrors);
        var (status, operatorName, instrument, procedure, channel3) = restarted.With(board =>
        {
            board.Rig.SourceVolts = 3.7;
            var metadata = board.Calibration.Record.Metadata;
            return (board.LoadStatus, metadata.OperatorName, metadata.InstrumentId, metadata.ProcedureId, board.ReadCellVolts()[3]);
        });

        Assert.Equal(CalibrationStatus.Calibrated, status);
        Assert.Equal(Operator, operatorName);
        Assert.Equal(Instrument, instrument);
        Assert.Equal(CalibrationMetadata.ProcedureCellVoltage, procedure);
        Assert.InRange(channel3, 3.7 - 0.0074, 3.7 + 0.0074);
    }

    [Fact]
    public void CellVoltage_GainOutOfRangeRefused()
    {
        // Channel 2 reads 1/1.2 of the source, so its fitted gain is 1.2, far outside 1 ± 0.02.
        using var ecu = CalibrationTestEcus.Bms(store, board => board.Rig.SetChannelError(2, 1 / 1.2 - 1, 0));
        string file = WriteFile("cells.yaml", "procedure: cell-voltage\npoints:\n  - source_volts: 2.5\n  - source_volts: 4.0\n");

        CtlRun run = RunProcedure(ecu, "cell-voltage", file, [2.5, 4.0], (board, volts) => board.Rig.SourceVolts = volts);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("channel 2: gain 1.20", run.StandardError);
        Assert.Contains("outside 0.98 to 1.02", run.StandardError);
        Assert.Contains("nothing was written", run.StandardError);
        Assert.Equal(0, store.WriteCount);
        var (gain, modified) = ecu.With(board => (board.Cells.Gain(2), board.Calibration.Record.IsModified));
        Assert.Equal(1f, gain);
        Assert.False(modified);
    }

    [Fact]
    public void Current_CalibratedReadingMeetsAccuracy()
    {
        using var ecu = CalibrationTestEcus.Bms(store);
        string file = WriteFile("current.yaml",
            "procedure: current\ninstrument: SHUNT-REF-7\npoints:\n  - source_amperes: 0\n  - source_amperes: 200\n    meter_amperes: 200.0\n");

        // Uncalibrated, the shunt chain reads about (1.004 × 0.997) × 100 A + 0.2 A = 100.3 A at 100 A: 0.3 %.
        double before = ecu.With(board =>
        {
            board.CurrentAmperes = 100;
            return Average(board.ReadCurrentAmperes, 16);
        });
        Assert.True(Math.Abs(before - 100) > 0.1, $"read {before} A at 100 A before calibration");

        CtlRun run = RunProcedure(ecu, "current", file, [0, 200], (board, amperes) => board.CurrentAmperes = amperes);

        Assert.True(run.ExitCode == 0, run.StandardOutput + run.StandardError);
        Assert.Contains("Calibration record saved and verified", run.StandardOutput);

        // Current requirement: error at most 0.1 % of the reading.
        foreach (double applied in new[] { 50.0, 100.0, -150.0 })
        {
            double mean = ecu.With(board =>
            {
                board.CurrentAmperes = applied;
                return Average(board.ReadCurrentAmperes, 16);
            });
            Assert.True(Math.Abs(mean - applied) <= 0.001 * Math.Abs(applied), $"read {mean} A at {applied} A after calibration");
        }
    }

    [Fact]
    public void Current_TypedMeterReadingsUsed()
    {
        using var ecu = CalibrationTestEcus.Bms(store);
        var sources = new Queue<double>([0, 100]);

        // No reference file: the operator presses Enter at each point and types the meter reading.
        string[] arguments = ["calibrate", "current", "--socketcand", ecu.Endpoint, "--p2", "2000", "--operator", Operator,
            "--instrument", Instrument];
        var environment = new Dictionary<string, string> { ["CTL_UDS_SECRET"] = CalibrationTestEcus.SecretHex };
        CtlRun run = CtlProcess.RunInteractive(Path.GetTempPath(), arguments, line =>
        {
            if (line.StartsWith("Set the current source to", StringComparison.Ordinal))
            {
                double amperes = sources.Dequeue();
                ecu.With(board => board.CurrentAmperes = amperes);
                return "";
            }

            return line.StartsWith("Enter the reference meter reading", StringComparison.Ordinal)
                ? ecu.With(board => board.CurrentAmperes).ToString("F1", CultureInfo.InvariantCulture)
                : null;
        }, environment);

        Assert.True(run.ExitCode == 0, run.StandardOutput + run.StandardError);
        Assert.Empty(sources);
        double mean = ecu.With(board =>
        {
            board.CurrentAmperes = 80;
            return Average(board.ReadCurrentAmperes, 16);
        });
        Assert.InRange(mean, 80 - 0.08, 80 + 0.08);
    }

    [Fact]
    public void Calibrate_WrongSecretRejected()
    {
        using var ecu = CalibrationTestEcus.Bms(store);
        string file = WriteFile("current.yaml", "procedure: current\npoints:\n  - source_amperes: 0\n  - source_amperes: 200\n");
        string secret = WriteFile("secret.hex", "FFEEDDCCBBAA99887766554433221100");

        CtlRun run = CtlProcess.Run(Path.GetTempPath(), ["calibrate", "current", "--socketcand", ecu.Endpoint, "--p2", "2000",
            "--reference-file", file, "--operator", Operator, "--instrument", Instrument, "--secret-file", secret]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("invalidKey", run.StandardError);
        Assert.DoesNotContain("FFEEDDCC", run.StandardOutput + run.StandardError, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, store.WriteCount);
    }

    [Fact]
    public void Calibrate_MissingOperatorIsInvalidInput()
    {
        string file = WriteFile("current.yaml", "procedure: current\npoints:\n  - source_amperes: 0\n  - source_amperes: 200\n");

        CtlRun run = CtlProcess.Run(Path.GetTempPath(), ["calibrate", "current", "--socketcand", "127.0.0.1:1",
            "--reference-file", file, "--instrument", Instrument]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--operator", run.StandardError);
    }

    [Fact]
    public void Calibrate_OtherProcedureFileInvalid()
    {
        string file = WriteFile("cells.yaml", "procedure: cell-voltage\npoints:\n  - source_volts: 2.5\n  - source_volts: 4.0\n");

        CtlRun run = CtlProcess.Run(Path.GetTempPath(), ["calibrate", "current", "--socketcand", "127.0.0.1:1",
            "--reference-file", file, "--operator", Operator, "--instrument", Instrument]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("procedure 'cell-voltage'", run.StandardError);
    }

    [Fact]
    public void Ntc_RecordsPassAndFailPerChannel()
    {
        // Channel 2 sits 1.5 °C above the chamber, three times the 0.5 °C temperature accuracy.
        using (var ecu = CalibrationTestEcus.Bms(store, board => board.Rig.SetNtcOffset(2, 1.5)))
        {
            string file = WriteFile("ntc.yaml", "procedure: ntc\npoints:\n  - reference_celsius: 40\n    meter_celsius: 40.0\n");

            CtlRun run = RunProcedure(ecu, "ntc", file, [40], (board, celsius) => board.Rig.ChamberCelsius = celsius);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("Calibration record saved and verified", run.StandardOutput);
            Assert.Contains("1 NTC channel(s) deviate by more than 0.5 °C", run.StandardError);
        }

        using var restarted = CalibrationTestEcus.Bms(store);
        byte[] results = restarted.With(board =>
        {
            var values = new byte[4];
            for (int channel = 0; channel < 4; channel++)
            {
                values[channel] = board.Calibration.NtcCheck(channel).Result;
            }

            return values;
        });
        Assert.Equal(new byte[] { 1, 1, 2, 1 }, results);
    }

    [Fact]
    public void Pedal_CalibratedPositionsFollowTravel()
    {
        using var ecu = CalibrationTestEcus.Vcu(store);
        string file = WriteFile("pedal.yaml", "procedure: pedal\ninstrument: RIG-VCU-3\n");

        // With the default end points (0.8 V released on track 1) this pedal sample reads 0.1 travel as
        // (0.72 + 3.59 × 0.1 − 0.8) / 3.4 = 0.082 on track 1.
        float before = ecu.With(board => PositionAt(board, 0.1));
        Assert.True(Math.Abs(before - 0.1) > 0.01, $"position {before} at 0.1 travel before calibration");

        CtlRun run = RunProcedure(ecu, "pedal", file, [0, 1, 2], (board, step) =>
        {
            board.Rig.AcceleratorTravel = step == 1 ? 1 : 0;
            board.Rig.BrakeTravel = step == 2 ? 1 : 0;
        });

        Assert.True(run.ExitCode == 0, run.StandardOutput + run.StandardError);
        Assert.Contains("Calibration record saved and verified", run.StandardOutput);
        foreach (double travel in new[] { 0.1, 0.5, 0.9 })
        {
            var (accelerator, brake) = ecu.With(board =>
            {
                board.Rig.BrakeTravel = travel;
                return (PositionAt(board, travel), board.Brake.Position);
            });
            Assert.InRange(accelerator, travel - 0.005, travel + 0.005);
            Assert.InRange(brake, travel - 0.005, travel + 0.005);
        }

        float released = ecu.With(board => PositionAt(board, 0));
        Assert.Equal(0f, released);
    }

    private static float PositionAt(VcuCalibrationBoard board, double travel)
    {
        board.Rig.AcceleratorTravel = travel;
        for (int i = 0; i < 5; i++)
        {
            board.UpdatePedals();
        }

        return board.Accelerator.Position;
    }

    private static double Average(Func<float> read, int count)
    {
        double sum = 0;
        for (int i = 0; i < count; i++)
        {
            sum += read();
        }

        return sum / count;
    }
}

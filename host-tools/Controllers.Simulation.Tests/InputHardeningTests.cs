using System.IO;
using System.Linq;
using Controllers.Simulation.Boards;
using Controllers.Simulation.Data;
using Controllers.Simulation.Identification;
using Controllers.Simulation.Replay;
using Xunit;

namespace Controllers.Simulation.Tests;

// Malformed inputs that once crashed, hung or produced NaN: each must become a DataFileException that
// names the file, line and field.
public class InputHardeningTests
{
    private const string Header = "Time [min],Voltage [V],Current [A],Temperature [degC],Capacity [Ah]";

    private static DataFileException LoadCsv(string rows)
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("recording.csv", Header + "\n" + rows);
        return Assert.Throws<DataFileException>(() => CellRecordingCsv.Load(path));
    }

    [Fact]
    public void Csv_ExtraFieldRejected()
    {
        var error = LoadCsv("0,4.1,-1,25,0\n0.1,4.1,-1,25,0,7\n");

        Assert.Equal(3, error.LineNumber);
    }

    [Theory]
    [InlineData("0.1,-4.1,-1,25,0", CellRecordingCsv.VoltageColumn)]
    [InlineData("0.1,4100,-1,25,0", CellRecordingCsv.VoltageColumn)]
    [InlineData("0.1,4.1,1e300,25,0", CellRecordingCsv.CurrentColumn)]
    [InlineData("0.1,4.1,-1,4342,0", CellRecordingCsv.TemperatureColumn)]
    public void Csv_ImplausibleValueRejected(string row, string field)
    {
        var error = LoadCsv("0,4.1,-1,25,0\n" + row + "\n");

        Assert.Equal(3, error.LineNumber);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Csv_TimeGapOverOneDayRejected()
    {
        // 1441 min is one minute more than the 24 h limit.
        var error = LoadCsv("0,4.1,-1,25,0\n1441,4.1,-1,25,0\n");

        Assert.Equal(3, error.LineNumber);
        Assert.Equal(CellRecordingCsv.TimeColumn, error.Field);
    }

    [Fact]
    public void Csv_RecordingOverThreeDaysRejected()
    {
        // Steps of 20 h stay under the gap limit; the fifth row is 80 h in, past 72 h.
        var error = LoadCsv("0,4.1,-1,25,0\n1200,4.1,-1,25,0\n2400,4.1,-1,25,0\n3600,4.1,-1,25,0\n4800,4.1,-1,25,0\n");

        Assert.Equal(6, error.LineNumber);
    }

    [Fact]
    public void Csv_ZeroDurationRejected()
    {
        var error = LoadCsv("5,4.1,-1,25,0\n5,4.1,-1,25,0\n");

        Assert.Equal(CellRecordingCsv.TimeColumn, error.Field);
    }

    [Theory]
    [InlineData("name: x\nvalues: [2.5\n")]
    [InlineData("name: x\nsocBreakpoints: [0, {\n")]
    public void Yaml_UnterminatedCollectionRejected(string text)
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("broken.yaml", text);

        var error = Assert.Throws<DataFileException>(() => YamlFile.Load(path));

        Assert.Equal(path, error.FilePath);
    }

    [Fact]
    public void Yaml_FolderPathRejected()
    {
        using var folder = new TemporaryFolder();

        var error = Assert.Throws<DataFileException>(() => YamlFile.Load(folder.Path));

        Assert.Equal(0, error.LineNumber);
    }

    [Fact]
    public void Yaml_BlankRequiredTextRejected()
    {
        using var folder = new TemporaryFolder();
        var file = YamlFile.Load(folder.Write("blank.yaml", "kind: x\nname: \"  \"\n"));

        var error = Assert.Throws<DataFileException>(() => file.RequireString(file.Root, "name"));

        Assert.Equal(2, error.LineNumber);
    }

    [Theory]
    [InlineData("  estimationMilliseconds: 7\n", "estimationMilliseconds")]
    [InlineData("  estimationMilliseconds: 150\n", "estimationMilliseconds")]
    [InlineData("  currentMilliseconds: 2.5\n", "currentMilliseconds")]
    [InlineData("  currentMilliseconds: 31\n", "currentMilliseconds")]
    [InlineData("  cellVoltageMilliseconds: 101\n", "cellVoltageMilliseconds")]
    [InlineData("  temperatureMilliseconds: 1001\n", "temperatureMilliseconds")]
    public void Board_InvalidTaskPeriodRejected(string line, string field)
    {
        // Limits: current 30 ms, cell voltage 100 ms, temperature 1 s; estimation a multiple of the
        // 100 ms cell voltage period. The tasks mapping starts on line 6, so its only key is on line 7.
        using var folder = new TemporaryFolder();
        string cell = Path.Combine(RepositoryPaths.Root, "boards", "cells", "lg-18650hg2.yaml");
        string yaml = "name: b\nkind: bms-master\ncell: " + cell + "\ncurrentSensor:\n  fullScaleAmperes: 20\ntasks:\n" + line;
        string path = folder.Write("board.yaml", yaml);

        var error = Assert.Throws<DataFileException>(() => BoardDefinitionFile.Load(path));

        Assert.Equal(field, error.Field);
        Assert.Equal(7, error.LineNumber);
    }

    [Fact]
    public void Fit_PartialDischargeRejected()
    {
        // A C/20 discharge that stops at 3.5 V, one volt above the 2.5 V minimum.
        using var folder = new TemporaryFolder();
        string rows = string.Join("\n", Enumerable.Range(0, 20).Select(i =>
            $"{i},{4.1 - 0.03 * i:F3},-0.15,25,{-0.0025 * i:F4}"));
        string ocv = folder.Write("partial.csv", Header + "\n" + rows + "\n");
        string drive = folder.Write("drive.csv", Header + "\n" + rows + "\n");

        var error = Assert.Throws<DataFileException>(() => CellParameterFitter.Fit(new CellFitOptions
        {
            Name = "partial",
            OcvDischarges = new[] { new OcvDischargeInput(ocv, 25) },
            DriveCycles = new[] { drive },
        }));

        Assert.Equal(ocv, error.FilePath);
        Assert.Equal(CellRecordingCsv.VoltageColumn, error.Field);
    }

    [Fact]
    public void Replay_FirstRowShowsInitialError()
    {
        // The US06 file starts at full charge: true SOC 1, so 20 points low starts the estimate at 0.8.
        var board = BoardDefinitionFile.Load(RepositoryPaths.BmsMaster1sBoard);
        var trace = SocReplay.Run(board, new SocReplayScenario
        {
            Name = "low start",
            Recording = CellRecordingCsv.Load(RepositoryPaths.Us06At25Celsius),
            ReferenceCapacityAmpereHours = 2.78074,
            EndSeconds = 10,
            InitialSocError = -0.2,
        });

        Assert.Equal(0.8f, trace.EstimatedSoc[0], 1e-6f);
        Assert.Equal(1.0f, trace.TrueSoc[0], 1e-6f);
    }

    [Fact]
    public void Sensors_CurrentSaturatesAtFullScale()
    {
        // The US06 peak discharge is -17.9 A; on a 10 A channel the reading clips to -10 A.
        var recording = CellRecordingCsv.Load(RepositoryPaths.Us06At25Celsius);
        int peak = 0;
        for (int i = 1; i < recording.Count; i++)
        {
            if (recording.CurrentAmperes[i] < recording.CurrentAmperes[peak])
            {
                peak = i;
            }
        }

        var plant = new ReplayPlant(recording, recording.TimeSeconds[peak], 2.78074);
        var sensors = new SimulatedSensors(plant, new SimulatedClock(), SensorErrorSettings.None, 10);

        Assert.True(sensors.TryReadAmperes(out float amperes));
        Assert.True(recording.CurrentAmperes[peak] < -10f);
        Assert.Equal(-10f, amperes);
    }

    [Fact]
    public void Yaml_SecondDocumentRejected()
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("board.yaml", "name: a\n---\nname: b\n");

        var error = Assert.Throws<DataFileException>(() => YamlFile.Load(path));

        Assert.Equal(3, error.LineNumber);
    }

    [Fact]
    public void PackBoard_ThreeDevicesOnASlaveRejected()
    {
        using var folder = new TemporaryFolder();
        string cell = Path.Combine(RepositoryPaths.Root, "boards", "cells", "lg-18650hg2.yaml");
        string path = folder.Write("pack.yaml", "name: p\nkind: bms-pack\ncell: " + cell +
            "\nslaves:\n  - { cells: 30, cellsPerDevice: [10, 10, 10], temperatures: 4 }\n" +
            "currentSensor: { source: shunt, fullScaleAmperes: 300 }\n");

        var error = Assert.Throws<DataFileException>(() => PackBoardDefinitionFile.Load(path));

        Assert.Equal("cellsPerDevice", error.Field);
    }

    [Fact]
    public void PackBoard_FullScaleBeyondShuntAdcRejected()
    {
        // 500 A through 100 µΩ is 50 mV, above the ADS131M02's 37.5 mV at gain 32.
        using var folder = new TemporaryFolder();
        string cell = Path.Combine(RepositoryPaths.Root, "boards", "cells", "lg-18650hg2.yaml");
        string path = folder.Write("pack.yaml", "name: p\nkind: bms-pack\ncell: " + cell +
            "\nslaves:\n  - { cells: 6, temperatures: 2 }\n" +
            "currentSensor: { source: shunt, fullScaleAmperes: 500, shuntOhms: 0.0001 }\n");

        var error = Assert.Throws<DataFileException>(() => PackBoardDefinitionFile.Load(path));

        Assert.Equal("fullScaleAmperes", error.Field);
    }
}

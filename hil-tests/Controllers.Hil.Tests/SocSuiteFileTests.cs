using System;
using System.IO;
using Controllers.Hil.Suites;
using Controllers.Simulation.Data;
using Xunit;

namespace Controllers.Hil.Tests;

public sealed class SocSuiteFileTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private DataFileException LoadInvalid(string[] lines)
    {
        string path = _files.WriteSuite(lines);
        return Assert.Throws<DataFileException>(() => SocSuiteFile.Load(path));
    }

    private static string[] Replace(int lineNumber, string text)
    {
        string[] lines = (string[])TestFiles.ValidSuite.Clone();
        lines[lineNumber - 1] = text;
        return lines;
    }

    [Fact]
    public void Load_ValidSuite_AppliesDefaultsAndOverrides()
    {
        var suite = SocSuiteFile.Load(_files.WriteSuite(TestFiles.ValidSuite));

        Assert.Equal("Synthetic discharge", suite.Name);
        Assert.Equal(2, suite.Scenarios.Count);
        Assert.Equal(TestFiles.CellCapacityAmpereHours, suite.ReferenceCapacityAmpereHours, 6);

        var first = suite.Scenarios[0];
        Assert.Equal("correct-initial-soc", first.Name);
        Assert.Equal(5.0, first.EndMinutes);
        Assert.Equal(2.5, first.Criteria.MaxAbsSocErrorPercent);
        Assert.Equal(1.5, first.Criteria.RmsSocErrorPercent);

        var second = suite.Scenarios[1];
        Assert.Null(second.EndMinutes);
        Assert.Equal(4.0, second.Criteria.MaxAbsSocErrorPercent);
        Assert.Equal(1.0, second.Criteria.ConvergenceMinutes);
        Assert.Equal(1.5, second.Criteria.RmsSocErrorPercent);
    }

    [Fact]
    public void Load_SensorKeys_ConvertToSimulatorUnits()
    {
        var suite = SocSuiteFile.Load(_files.WriteSuite(TestFiles.ValidSuite));
        var replay = suite.ToReplayScenario(suite.Scenarios[1]);

        // 0.1 % of the 20 A full scale is 0.02 A, 0.2 % is 0.002, 3 mV is 0.003 V and 2 min is 120 s.
        Assert.Equal(0.02, replay.Sensors.CurrentOffsetAmperes, 9);
        Assert.Equal(0.002, replay.Sensors.VoltageNoiseFraction, 9);
        Assert.Equal(0.003, replay.Sensors.VoltageOffsetVolts, 9);
        Assert.Equal(7, replay.Sensors.Seed);
        Assert.Equal(-0.2, replay.InitialSocError, 9);
        Assert.Equal(120.0, replay.StartSeconds, 9);
        Assert.Null(replay.EndSeconds);
    }

    [Fact]
    public void Load_MissingKey_NamesLineAndField()
    {
        string[] lines = Replace(7, "  # maxAbsSocErrorPercent removed");

        var error = LoadInvalid(lines);

        Assert.Equal(_files.SuitePath, error.FilePath);
        Assert.Equal(6, error.LineNumber);
        Assert.Equal("maxAbsSocErrorPercent", error.Field);
    }

    [Fact]
    public void Load_BadNumber_NamesLineAndField()
    {
        var error = LoadInvalid(Replace(14, "    initialSocErrorPercent: minus twenty"));

        Assert.Equal(_files.SuitePath, error.FilePath);
        Assert.Equal(14, error.LineNumber);
        Assert.Equal("initialSocErrorPercent", error.Field);
        Assert.Contains("minus twenty", error.Message);
    }

    [Fact]
    public void Load_UnknownKey_NamesLineAndField()
    {
        var error = LoadInvalid(Replace(17, "      voltageNoisePercnt: 0.2"));

        Assert.Equal(_files.SuitePath, error.FilePath);
        Assert.Equal(17, error.LineNumber);
        Assert.Equal("voltageNoisePercnt", error.Field);
        Assert.Contains("voltageNoisePercent", error.Message);
    }

    [Fact]
    public void Load_MissingDataFile_NamesLineAndField()
    {
        var error = LoadInvalid(Replace(4, "  file: no-such-recording.csv"));

        Assert.Equal(_files.SuitePath, error.FilePath);
        Assert.Equal(4, error.LineNumber);
        Assert.Equal("file", error.Field);
        Assert.Contains("no-such-recording.csv", error.Message);
    }

    [Fact]
    public void Load_MissingBoardFile_NamesLineAndField()
    {
        var error = LoadInvalid(Replace(2, "board: ../missing-board.yaml"));

        Assert.Equal(2, error.LineNumber);
        Assert.Equal("board", error.Field);
    }

    [Fact]
    public void Load_InvalidRecordingRow_NamesCsvLine()
    {
        File.AppendAllText(_files.RecordingPath, "2024-01-01 00:00:00,30.0,abc,-1.0,25.0,-0.5\n");

        var error = LoadInvalid(TestFiles.ValidSuite);

        Assert.Equal(_files.RecordingPath, error.FilePath);
        Assert.Equal(1203, error.LineNumber);
        Assert.Equal("Voltage [V]", error.Field);
    }

    [Fact]
    public void Load_DuplicateScenarioName_IsRejected()
    {
        var error = LoadInvalid(Replace(12, "  - name: correct-initial-soc"));

        Assert.Equal(12, error.LineNumber);
        Assert.Equal("name", error.Field);
        Assert.Contains("10", error.Problem);
    }

    [Fact]
    public void Load_StartAfterRecordingEnd_IsRejected()
    {
        // The recording lasts 20 minutes.
        var error = LoadInvalid(Replace(13, "    startMinutes: 25"));

        Assert.Equal(13, error.LineNumber);
        Assert.Equal("startMinutes", error.Field);
    }

    [Fact]
    public void Load_EndBeforeStart_IsRejected()
    {
        string[] lines = Replace(11, "    endMinutes: 5");
        lines[10] = "    startMinutes: 6\n    endMinutes: 5";

        var error = LoadInvalid(lines);

        Assert.Equal(12, error.LineNumber);
        Assert.Equal("endMinutes", error.Field);
    }

    [Fact]
    public void Load_ConvergenceLongerThanScenario_IsRejected()
    {
        var error = LoadInvalid(Replace(6, "  convergenceMinutes: 5"));

        // The first scenario runs 5 minutes, which leaves no sample after a 5-minute convergence window.
        Assert.Equal(10, error.LineNumber);
        Assert.Equal("convergenceMinutes", error.Field);
    }

    [Fact]
    public void Load_OutOfRangeNoise_IsRejected()
    {
        var error = LoadInvalid(Replace(17, "      voltageNoisePercent: -1"));

        Assert.Equal(17, error.LineNumber);
        Assert.Equal("voltageNoisePercent", error.Field);
    }

    [Fact]
    public void Load_BothCurrentOffsets_IsRejected()
    {
        var error = LoadInvalid(Replace(17, "      currentOffsetAmperes: 0.05"));

        Assert.Equal(16, error.LineNumber);
        Assert.Equal("currentOffsetPercentFullScale", error.Field);
    }

    [Fact]
    public void Load_FractionalSeed_IsRejected()
    {
        var error = LoadInvalid(Replace(19, "      seed: 7.5"));

        Assert.Equal(19, error.LineNumber);
        Assert.Equal("seed", error.Field);
    }

    [Fact]
    public void Load_InvalidScenarioName_IsRejected()
    {
        var error = LoadInvalid(Replace(10, "  - name: ../escape"));

        Assert.Equal(10, error.LineNumber);
        Assert.Equal("name", error.Field);
    }

    [Fact]
    public void Load_EmptyScenarioList_IsRejected()
    {
        string[] lines = TestFiles.ValidSuite[..8];
        Array.Resize(ref lines, 9);
        lines[8] = "scenarios: []";

        var error = LoadInvalid(lines);

        Assert.Equal(9, error.LineNumber);
        Assert.Equal("scenarios", error.Field);
    }

    [Fact]
    public void Load_NamesDifferingOnlyInCase_AreRejected()
    {
        var error = LoadInvalid(Replace(12, "  - name: Correct-Initial-SOC"));

        Assert.Equal(12, error.LineNumber);
        Assert.Equal("name", error.Field);
        Assert.Contains("correct-initial-soc", error.Problem);
        Assert.Contains("10", error.Problem);
    }

    [Theory]
    [InlineData("con")]
    [InlineData("NUL")]
    [InlineData("Prn")]
    [InlineData("aux.data")]
    [InlineData("com1")]
    [InlineData("COM9.x.y")]
    [InlineData("lpt1")]
    [InlineData("LPT9.run")]
    public void Load_WindowsReservedScenarioName_IsRejected(string name)
    {
        var error = LoadInvalid(Replace(10, "  - name: " + name));

        Assert.Equal(10, error.LineNumber);
        Assert.Equal("name", error.Field);
        Assert.Contains("Windows", error.Problem);
    }

    [Theory]
    [InlineData("console")]
    [InlineData("com10")]
    [InlineData("lpt0x")]
    [InlineData("my.con")]
    public void Load_NameContainingReservedWord_IsAccepted(string name)
    {
        var suite = SocSuiteFile.Load(_files.WriteSuite(Replace(10, "  - name: " + name)));

        Assert.Equal(name, suite.Scenarios[0].Name);
    }

    [Theory]
    [InlineData("name: \"\"")]
    [InlineData("name: \"   \"")]
    [InlineData("name:")]
    public void Load_EmptySuiteName_IsRejected(string line)
    {
        var error = LoadInvalid(Replace(1, line));

        Assert.Equal(1, error.LineNumber);
        Assert.Equal("name", error.Field);
    }

    [Fact]
    public void Load_SuiteNameWithControlCharacter_IsRejected()
    {
        var error = LoadInvalid(Replace(1, "name: \"Synthetic\\u0001discharge\""));

        Assert.Equal(1, error.LineNumber);
        Assert.Equal("name", error.Field);
        Assert.Contains("U+0001", error.Problem);
    }

    [Theory]
    [InlineData("  - name: \"\"")]
    [InlineData("  - name: \" \"")]
    public void Load_EmptyScenarioName_IsRejected(string line)
    {
        var error = LoadInvalid(Replace(10, line));

        Assert.Equal(10, error.LineNumber);
        Assert.Equal("name", error.Field);
    }

    [Fact]
    public void CapacityError_ScalesEstimatorCapacity()
    {
        var suite = SocSuiteFile.Load(_files.WriteSuite(Replace(11, "    capacityErrorPercent: 5")));
        var scenario = suite.Scenarios[0];

        var board = suite.BoardFor(scenario);

        // The cell file sets 3.0 Ah, and 5 % more is 3.15 Ah. True SOC keeps the suite's reference capacity.
        Assert.Equal(5.0, scenario.CapacityErrorPercent);
        Assert.Equal(3.15f, board.Cell.Parameters.CapacityAmpereHours, 1e-5f);
        Assert.Equal(3.0f, suite.Board.Cell.Parameters.CapacityAmpereHours);
        Assert.Equal(TestFiles.CellCapacityAmpereHours, suite.ReferenceCapacityAmpereHours, 6);
        Assert.Same(suite.Board, suite.BoardFor(suite.Scenarios[1]));
    }

    [Theory]
    [InlineData("    capacityErrorPercent: 60")]
    [InlineData("    capacityErrorPercent: -51")]
    [InlineData("    capacityErrorPercent: five")]
    public void CapacityError_RejectedOutsideRange(string line)
    {
        var error = LoadInvalid(Replace(11, line));

        Assert.Equal(11, error.LineNumber);
        Assert.Equal("capacityErrorPercent", error.Field);
    }

    [Fact]
    public void CapacityError_RejectedWhenScaledCapacityInvalid()
    {
        // A 0.15 Ah cell with 50 % less capacity would be 0.075 Ah, below the estimator's 0.1 Ah minimum.
        File.WriteAllText(_files.CellPath, File.ReadAllText(_files.CellPath).Replace("capacityAmpereHours: 3.0", "capacityAmpereHours: 0.15"));

        var error = LoadInvalid(Replace(11, "    capacityErrorPercent: -50"));

        Assert.Equal(11, error.LineNumber);
        Assert.Equal("capacityErrorPercent", error.Field);
        Assert.Contains("0.075", error.Problem);
    }

    [Fact]
    public void CellOverride_ReplacesEstimatorCell()
    {
        string otherCell = Path.Combine(_files.Folder, "other-cell.yaml");
        File.WriteAllText(otherCell, File.ReadAllText(_files.CellPath)
            .Replace("name: Synthetic test cell", "name: Other cell")
            .Replace("capacityAmpereHours: 3.0", "capacityAmpereHours: 2.0"));

        var suite = SocSuiteFile.Load(_files.WriteSuite(Replace(11, "    cell: other-cell.yaml")));
        var board = suite.BoardFor(suite.Scenarios[0]);

        Assert.Equal("Other cell", board.Cell.Name);
        Assert.Equal(2.0f, board.Cell.Parameters.CapacityAmpereHours);
        Assert.Equal(board.Estimator, suite.Board.Estimator);
        Assert.Equal("Synthetic test cell", suite.Board.Cell.Name);
    }

    [Fact]
    public void CellOverride_MissingFileNamesLineAndField()
    {
        var error = LoadInvalid(Replace(11, "    cell: no-such-cell.yaml"));

        Assert.Equal(_files.SuitePath, error.FilePath);
        Assert.Equal(11, error.LineNumber);
        Assert.Equal("cell", error.Field);
        Assert.Contains("no-such-cell.yaml", error.Message);
    }
}

using System.IO;
using Controllers.Simulation.Data;
using Xunit;

namespace Controllers.Simulation.Tests;

public class CellRecordingCsvTests
{
    // Columns in another order than the McMaster files, with an extra column, and time starting at 2 min.
    private const string Header = "Capacity [Ah],Temperature [degC],Note,Time [min],Current [A],Voltage [V]";

    [Fact]
    public void Load_ReadsColumnsInAnyOrder()
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("small.csv",
            Header + "\n" +
            "0,24.5,a,2.0,-1.5,4.10\n" +
            "-0.0125,24.75,b,2.5,-1.5,4.05\n" +
            "-0.025,25.0,c,3.0,0.5,4.07\n");

        var recording = CellRecordingCsv.Load(path);

        Assert.Equal(3, recording.Count);
        Assert.Equal(new[] { 4.10f, 4.05f, 4.07f }, recording.VoltageVolts);
        Assert.Equal(new[] { -1.5f, -1.5f, 0.5f }, recording.CurrentAmperes);
        Assert.Equal(new[] { 24.5f, 24.75f, 25.0f }, recording.TemperatureCelsius);
        Assert.Equal(new[] { 0, -0.0125, -0.025 }, recording.ChargeAmpereHours);
        Assert.Equal(path, recording.SourcePath);
    }

    [Fact]
    public void Load_RebasesTimeToSecondsFromFirstRow()
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("small.csv",
            Header + "\n" +
            "0,25,a,2.0,-1,4.1\n" +
            "0,25,a,2.5,-1,4.1\n" +
            "0,25,a,3.0,-1,4.1\n");

        var recording = CellRecordingCsv.Load(path);

        // 2.0, 2.5 and 3.0 min are 120, 150 and 180 s, so 0, 30 and 60 s after the first row.
        Assert.Equal(new[] { 0.0, 30.0, 60.0 }, recording.TimeSeconds);
        Assert.Equal(60.0, recording.DurationSeconds);
    }

    [Fact]
    public void Load_SkipsEmptyLines()
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("small.csv", Header + "\n0,25,a,0,-1,4.1\n\n0,25,a,1,-1,4.0\n");

        Assert.Equal(2, CellRecordingCsv.Load(path).Count);
    }

    [Fact]
    public void Load_InvalidNumberNamesLineAndField()
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("bad.csv",
            Header + "\n" +
            "0,25,a,0.0,-1,4.1\n" +
            "0,25,a,0.5,-1,4.1\n" +
            "0,25,a,1.0,1.2.3,4.1\n");

        var error = Assert.Throws<DataFileException>(() => CellRecordingCsv.Load(path));

        Assert.Equal(4, error.LineNumber);
        Assert.Equal(CellRecordingCsv.CurrentColumn, error.Field);
        Assert.Equal(path, error.FilePath);
        Assert.Contains(path, error.Message);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("")]
    public void Load_NonFiniteOrEmptyValueRejected(string text)
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("bad.csv", Header + "\n0,25,a,0.0,-1,4.1\n0,25,a,0.5,-1," + text + "\n");

        var error = Assert.Throws<DataFileException>(() => CellRecordingCsv.Load(path));

        Assert.Equal(3, error.LineNumber);
        Assert.Equal(CellRecordingCsv.VoltageColumn, error.Field);
    }

    [Fact]
    public void Load_ShortRowNamesMissingField()
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("bad.csv", Header + "\n0,25,a,0.0,-1,4.1\n0,25,a,0.5\n");

        var error = Assert.Throws<DataFileException>(() => CellRecordingCsv.Load(path));

        // Voltage is the first required column that the four fields do not reach.
        Assert.Equal(3, error.LineNumber);
        Assert.Equal(CellRecordingCsv.VoltageColumn, error.Field);
    }

    [Fact]
    public void Load_MissingColumnRejected()
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("bad.csv", "Time [min],Voltage [V],Current [A],Capacity [Ah]\n0,4.1,-1,0\n1,4.0,-1,0\n");

        var error = Assert.Throws<DataFileException>(() => CellRecordingCsv.Load(path));

        Assert.Equal(1, error.LineNumber);
        Assert.Equal(CellRecordingCsv.TemperatureColumn, error.Field);
    }

    [Fact]
    public void Load_TimeGoingBackRejected()
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("bad.csv",
            Header + "\n" +
            "0,25,a,1.0,-1,4.1\n" +
            "0,25,a,1.5,-1,4.1\n" +
            "0,25,a,1.4,-1,4.1\n");

        var error = Assert.Throws<DataFileException>(() => CellRecordingCsv.Load(path));

        Assert.Equal(4, error.LineNumber);
        Assert.Equal(CellRecordingCsv.TimeColumn, error.Field);
    }

    [Fact]
    public void Load_RepeatedTimeAccepted()
    {
        // The cycler files repeat timestamps, and equal time is not going back.
        using var folder = new TemporaryFolder();
        string path = folder.Write("small.csv", Header + "\n0,25,a,1.0,-1,4.1\n0,25,a,1.0,-1,4.0\n0,25,a,1.5,-1,4.0\n");

        // Time is the fourth column: 1.0, 1.0 and 1.5 min, rebased to the first row.
        Assert.Equal(new[] { 0.0, 0.0, 30.0 }, CellRecordingCsv.Load(path).TimeSeconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0,25,a,1.0,-1,4.1\n")]
    public void Load_FewerThanTwoRowsRejected(string rows)
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("short.csv", Header + "\n" + rows);

        var error = Assert.Throws<DataFileException>(() => CellRecordingCsv.Load(path));

        Assert.Equal(CellRecordingCsv.TimeColumn, error.Field);
    }

    [Fact]
    public void Load_EmptyFileRejected()
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("empty.csv", "");

        var error = Assert.Throws<DataFileException>(() => CellRecordingCsv.Load(path));

        Assert.Equal(1, error.LineNumber);
    }

    [Fact]
    public void Load_MissingFileRejected()
    {
        using var folder = new TemporaryFolder();
        string path = Path.Combine(folder.Path, "absent.csv");

        var error = Assert.Throws<DataFileException>(() => CellRecordingCsv.Load(path));

        Assert.Equal(0, error.LineNumber);
        Assert.Equal(path, error.FilePath);
    }

    [Fact]
    public void Load_RealUs06RecordingHasEveryRow()
    {
        // 551_US06_parsed.csv has a header and 40 155 data lines.
        var recording = CellRecordingCsv.Load(RepositoryPaths.Us06At25Celsius);

        Assert.Equal(40_155, recording.Count);
        Assert.Equal(0.0, recording.TimeSeconds[0]);
        Assert.Equal(4.18481f, recording.VoltageVolts[0]);
    }
}

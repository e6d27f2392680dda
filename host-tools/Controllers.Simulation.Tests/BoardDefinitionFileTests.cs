using System.IO;
using Controllers.Simulation.Boards;
using Controllers.Simulation.Data;
using Xunit;

namespace Controllers.Simulation.Tests;

public class BoardDefinitionFileTests
{
    [Fact]
    public void Load_ReadsBmsMaster1sBoard()
    {
        // Values as written in boards/bms-master-1s.yaml and boards/cells/lg-18650hg2.yaml.
        var board = BoardDefinitionFile.Load(RepositoryPaths.BmsMaster1sBoard);

        Assert.Equal("bms-master-1s", board.Name);
        Assert.Equal(20.0, board.CurrentSensorFullScaleAmperes);
        Assert.Equal(10, board.CurrentPeriodMilliseconds);
        Assert.Equal(100, board.CellVoltagePeriodMilliseconds);
        Assert.Equal(1000, board.TemperaturePeriodMilliseconds);
        Assert.Equal(100, board.EstimationPeriodMilliseconds);
        Assert.Equal(0.015f, board.Estimator.VoltageNoiseVolts);
        Assert.Equal(0.00005f, board.Estimator.SocRandomWalkPerSqrtSecond);
        Assert.Equal("LG INR18650HG2", board.Cell.Name);
        Assert.Equal(2.78074f, board.Cell.Parameters.CapacityAmpereHours);
    }

    private static string BoardYaml(string cellPath, string kind = "bms-master", string extra = "") =>
        "name: test-board\n" +
        "kind: " + kind + "\n" +
        "cell: " + cellPath + "\n" +
        "currentSensor:\n" +
        "  fullScaleAmperes: 50\n" +
        extra;

    [Fact]
    public void Load_DefaultsWithoutTasksAndEstimator()
    {
        using var folder = new TemporaryFolder();
        string cell = Path.Combine(RepositoryPaths.Root, "boards", "cells", "lg-18650hg2.yaml");
        string path = folder.Write("board.yaml", BoardYaml(cell));

        var board = BoardDefinitionFile.Load(path);

        Assert.Equal(50.0, board.CurrentSensorFullScaleAmperes);
        Assert.Equal(10, board.CurrentPeriodMilliseconds);
        Assert.Equal(1000, board.TemperaturePeriodMilliseconds);
        Assert.Equal(0.3f, board.Estimator.InitialSocStandardDeviation);
    }

    [Fact]
    public void Load_UnsupportedKindRejected()
    {
        using var folder = new TemporaryFolder();
        string cell = Path.Combine(RepositoryPaths.Root, "boards", "cells", "lg-18650hg2.yaml");
        string path = folder.Write("board.yaml", BoardYaml(cell, kind: "vcu"));

        var error = Assert.Throws<DataFileException>(() => BoardDefinitionFile.Load(path));

        Assert.Equal(2, error.LineNumber);
        Assert.Equal("kind", error.Field);
    }

    [Fact]
    public void Load_MissingCellFileRejected()
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("board.yaml", BoardYaml("cells/absent.yaml"));

        var error = Assert.Throws<DataFileException>(() => BoardDefinitionFile.Load(path));

        Assert.Equal(3, error.LineNumber);
        Assert.Equal("cell", error.Field);
    }

    [Fact]
    public void Load_UnknownTaskKeyRejected()
    {
        using var folder = new TemporaryFolder();
        string cell = Path.Combine(RepositoryPaths.Root, "boards", "cells", "lg-18650hg2.yaml");
        string path = folder.Write("board.yaml", BoardYaml(cell, extra: "tasks:\n  currentMs: 10\n"));

        var error = Assert.Throws<DataFileException>(() => BoardDefinitionFile.Load(path));

        Assert.Equal(7, error.LineNumber);
        Assert.Equal("currentMs", error.Field);
    }
}

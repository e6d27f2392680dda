using System;
using System.IO;
using Controllers.Hil.Tests;
using Xunit;

namespace Controllers.Cli.Tests;

public sealed class CellFitCommandTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private CtlRun Run(params string[] arguments) => CtlProcess.Run(_files.Folder, arguments);

    [Fact]
    public void Fit_OcvWithoutTemperature_ExitsWithTwo()
    {
        var run = Run("cell", "fit", "--ocv", "recording.csv", "--drive", "recording.csv", "--name", "x",
            "--output", "cell-out.yaml");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("PATH@TEMPC", run.StandardError);
    }

    [Fact]
    public void Fit_MissingDriveFile_ExitsWithTwo()
    {
        var run = Run("cell", "fit", "--ocv", "recording.csv@25", "--drive", "missing.csv", "--name", "x",
            "--output", "cell-out.yaml");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--drive missing.csv", run.StandardError);
    }

    [Fact]
    public void Fit_InvalidRecording_KeepsExistingOutput()
    {
        File.WriteAllText(Path.Combine(_files.Folder, "broken.csv"), "Time [min],Voltage [V]\n0,4.1\n");
        string output = Path.Combine(_files.Folder, "cell-out.yaml");
        File.WriteAllText(output, "previous definition\n");

        var run = Run("cell", "fit", "--ocv", "recording.csv@25", "--drive", "broken.csv", "--name", "x",
            "--output", "cell-out.yaml");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("broken.csv", run.StandardError);
        Assert.Equal("previous definition\n", File.ReadAllText(output));
    }

    [Fact]
    public void Fit_OutputFolderMissing_ExitsWithTwo()
    {
        var run = Run("cell", "fit", "--ocv", "recording.csv@25", "--drive", "recording.csv", "--name", "x",
            "--output", "no-such-folder/cell.yaml");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no-such-folder", run.StandardError);
    }
}

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
        _files.WriteFullDischarge("full.csv");
        File.WriteAllText(Path.Combine(_files.Folder, "broken.csv"), "Time [min],Voltage [V]\n0,4.1\n");
        string output = Path.Combine(_files.Folder, "cell-out.yaml");
        File.WriteAllText(output, "previous definition\n");

        var run = Run("cell", "fit", "--ocv", "full.csv@25", "--drive", "broken.csv", "--name", "x",
            "--output", "cell-out.yaml");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("broken.csv", run.StandardError);
        Assert.Equal("previous definition\n", File.ReadAllText(output));
    }

    [Fact]
    public void Fit_OutputFolderMissing_CreatesIt()
    {
        _files.WriteFullDischarge("full.csv");
        var run = Run("cell", "fit", "--ocv", "full.csv@25", "--drive", "recording.csv", "--name", "x",
            "--output", "no-such-folder/cell.yaml");

        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(Path.Combine(_files.Folder, "no-such-folder", "cell.yaml")));
    }

    [Fact]
    public void Fit_EmptyOutput_ExitsWithTwo()
    {
        var run = Run("cell", "fit", "--ocv", "recording.csv@25", "--drive", "recording.csv", "--name", "x",
            "--output", "");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: --output: the path is empty; give a path.", run.StandardError.TrimEnd());
        Assert.Equal("", run.StandardOutput);
    }

    [Fact]
    public void Fit_OutputBelowFile_ExitsWithTwo()
    {
        var run = Run("cell", "fit", "--ocv", "recording.csv@25", "--drive", "recording.csv", "--name", "x",
            "--output", "recording.csv/cell.yaml");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: --output recording.csv/cell.yaml: ", run.StandardError);
        Assert.Contains("recording.csv is a file", run.StandardError);
        Assert.Equal("", run.StandardOutput);
    }

    [Theory]
    [InlineData("LG\nHG2")]
    [InlineData("LG\tHG2")]
    [InlineData("LG\u0007")]
    public void Fit_NameWithControlCharacter_ExitsWithTwo(string name)
    {
        var run = Run("cell", "fit", "--ocv", "recording.csv@25", "--drive", "recording.csv", "--name", name,
            "--output", "cell-out.yaml");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: --name contains the control character", run.StandardError);
        Assert.False(File.Exists(Path.Combine(_files.Folder, "cell-out.yaml")));
    }

    [Fact]
    public void Fit_ImplausibleVoltage_ExitsWithTwo()
    {
        // One voltage of 1e200 V, far outside the 0 to 10 V a cell can show: the recording is invalid
        // input, so the fit does not start and the existing output stays.
        _files.WriteFullDischarge("full.csv");
        string[] lines = File.ReadAllLines(_files.RecordingPath);
        string[] fields = lines[600].Split(',');
        fields[2] = "1e200";
        lines[600] = string.Join(",", fields);
        File.WriteAllLines(Path.Combine(_files.Folder, "overflow.csv"), lines);
        string output = Path.Combine(_files.Folder, "cell-out.yaml");
        File.WriteAllText(output, "previous definition\n");

        var run = Run("cell", "fit", "--ocv", "full.csv@25", "--drive", "overflow.csv", "--name", "x",
            "--output", "cell-out.yaml");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("overflow.csv, line 601, field 'Voltage [V]'", run.StandardError);
        Assert.Equal("previous definition\n", File.ReadAllText(output));
    }
}

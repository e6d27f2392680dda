using System.IO;
using Controllers.Simulation.Data;
using Controllers.Simulation.Vehicle;
using Xunit;

namespace Controllers.Simulation.Tests.Vehicle;

public class DriveCycleCsvTests
{
    [Fact]
    public void UddsMatchesPublishedFigures()
    {
        // DieselNet, "FTP-72 (UDDS)": 1369 s, 7.5 mi (12.07 km), maximum 56.7 mph (25.35 m/s). The trace's
        // trapezoidal distance, 11.99 km, is within 1 % of the rounded published distance.
        var cycle = DriveCycleCsv.Load(VehicleFiles.DriveCycle("udds.csv"));

        Assert.Equal(1370, cycle.TimesSeconds.Length);
        Assert.Equal(1369, cycle.DurationSeconds);
        Assert.Equal(25.35, Max(cycle.SpeedsMetresPerSecond), 0.01);
        Assert.Equal(12070, cycle.GetDistanceMetres(), 121.0);
    }

    [Fact]
    public void HwfetAndWmtcLoad()
    {
        var highway = DriveCycleCsv.Load(VehicleFiles.DriveCycle("hwfet.csv"));
        var motorcycle = DriveCycleCsv.Load(VehicleFiles.DriveCycle("wmtc_all.csv"));

        // HWFET lasts 765 s and WMTC's three parts together 1800 s. From 601 s on, the WMTC file leaves the grade empty.
        Assert.Equal(765, highway.DurationSeconds);
        Assert.Equal(1800, motorcycle.DurationSeconds);
        Assert.Equal(0, motorcycle.GetGrade(700));
    }

    [Fact]
    public void SpeedInterpolatesBetweenRows()
    {
        var cycle = Read("cycSecs,cycMps\n0,0\n2,4\n");

        Assert.Equal(2, cycle.GetSpeed(1));
        Assert.Equal(4, cycle.GetSpeed(5));
    }

    [Theory]
    [InlineData("", 1, "-")]
    [InlineData("time,speed\n0,0\n1,1\n", 1, "cycSecs")]
    [InlineData("cycSecs,cycMps\n0,0\n1,x\n", 3, "cycMps")]
    [InlineData("cycSecs,cycMps\n0,0\n1,1,5\n", 3, "-")]
    [InlineData("cycSecs,cycMps\n0,0\n0,1\n", 3, "cycSecs")]
    [InlineData("cycSecs,cycMps\n0,0\n1,-1\n", 3, "cycMps")]
    [InlineData("cycSecs,cycMps\n0,0\n1,120\n", 3, "cycMps")]
    [InlineData("cycSecs,cycMps,cycGrade\n0,0,0\n1,1,2\n", 3, "cycGrade")]
    [InlineData("cycSecs,cycMps\n0,0\n", 2, "cycSecs")]
    public void MalformedFileNamesLineAndField(string text, int lineNumber, string field)
    {
        var error = Assert.Throws<DataFileException>(() => Read(text));

        Assert.Equal(lineNumber, error.LineNumber);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void MissingFileIsReported()
    {
        var error = Assert.Throws<DataFileException>(() => DriveCycleCsv.Load(Path.Combine(Path.GetTempPath(), "no-such-cycle.csv")));

        Assert.Equal(0, error.LineNumber);
    }

    private static DriveCycle Read(string text) => DriveCycleCsv.Read(new StringReader(text), "test.csv", "test");

    private static double Max(double[] values)
    {
        double max = double.MinValue;
        foreach (double value in values)
        {
            max = System.Math.Max(max, value);
        }

        return max;
    }
}

using System;
using System.IO;
using System.Linq;
using Controllers.Hil.Vehicle;
using Controllers.Simulation.Vehicle;
using Xunit;

namespace Controllers.Hil.Tests.Vehicle;

public sealed class VcuEnergyRunTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "ctl-vcu-energy-run-" + Guid.NewGuid().ToString("N"));

    public VcuEnergyRunTests()
    {
        Directory.CreateDirectory(folder);
    }

    public void Dispose() => Directory.Delete(folder, true);

    [Fact]
    public void UddsExcerpt_FollowsCycleAndStartsEngine()
    {
        // UDDS from the stop at 125 s to the stop at 346 s: the first hill, up to 91 km/h. The pack starts at SOC 0.44,
        // below the calibration's 0.45 start threshold, so the engine must start.
        var suite = VcuEnergySuiteFile.Load(VcuEnergySuiteFileTests.Write(folder,
            "  - name: udds-hill", "    cycle: " + VcuEnergySuiteFileTests.UddsPath, "    strategy: automatic", "    initialSoc: 0.44",
            "    startSeconds: 125", "    endSeconds: 346"));
        var scenario = suite.Scenarios[0];

        var result = VcuEnergySuiteRunner.RunScenario(suite, scenario);

        Assert.Null(result.ErrorMessage);
        var figures = result.Figures!;

        // The distance of the trace by the trapezoidal rule over the 1 s points, independent of the rig.
        var source = DriveCycleCsv.Load(VcuEnergySuiteFileTests.UddsPath);
        double expectedDistance = VcuEnergySuiteFile.Excerpt(source, 125, 346, 1).GetDistanceMetres();
        Assert.InRange(figures.DistanceMetres, 0.98 * expectedDistance, 1.02 * expectedDistance);
        Assert.True(figures.EngineStarts >= 1, $"{figures.EngineStarts} starts");
        Assert.True(figures.FuelGrams > 0, $"{figures.FuelGrams} g");

        // Energy conservation: the DC link cannot receive more than the braking energy at the wheels.
        Assert.InRange(figures.RegenJoules, 1, figures.BrakingJoules);
        Assert.Equal(10, result.Requirements.Count);
        Assert.Contains(result.Requirements, row => row.Requirement == "speed trace" && row.Passed);

        // 221 s sampled every 100 ms.
        Assert.InRange(result.Trace!.Count, 2200, 2211);
        Assert.Contains(result.Trace.GeneratorKilowatts, kilowatts => kilowatts > 3);
    }

    [Fact]
    public void Report_WritesPlotsAndTrace()
    {
        var suite = VcuEnergySuiteFile.Load(VcuEnergySuiteFileTests.Write(folder,
            "  - name: udds-start", "    cycle: " + VcuEnergySuiteFileTests.UddsPath, "    strategy: ecms", "    endSeconds: 40"));

        var run = VcuEnergySuiteRunner.Run(suite, suite.Scenarios);
        VcuEnergyReport.Write(run, Path.Combine(folder, "report"));

        string html = File.ReadAllText(Path.Combine(folder, "report", VcuEnergyReport.IndexFileName));
        Assert.Equal(4, html.Split("<svg").Length - 1);
        string[] csv = File.ReadAllLines(Path.Combine(folder, "report", "udds-start.csv"));
        Assert.StartsWith("time_s,cycle_speed_kmh,speed_kmh", csv[0]);
        Assert.True(csv.Length > 300);
    }
}

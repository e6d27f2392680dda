using Controllers.Simulation.Vehicle;
using Xunit;

namespace Controllers.Simulation.Tests.Vehicle;

public class ConventionalBaselineTests
{
    [Fact]
    public void SlippingClutchPassesEngineTorque()
    {
        // At standstill the clutch slips with the engine at 1800 rpm. 30 N·m at the final-drive input needs
        // 30 / (3.0 × 0.85) = 11.765 N·m from the engine: 11.765 × 1800 × π / 30 = 2217.6 W at the shaft.
        // BSFC of boards/vcu-atv.yaml at 1800 rpm and 11.765 N·m, bilinear: at 1500 rpm 351 + 0.1765 × (313 − 351)
        // = 344.29; at 2500 rpm 334 + 0.1765 × (296 − 334) = 327.29; at 1800 rpm 344.29 − 0.3 × 17 = 339.19 g/kWh.
        // Fuel 339.19 × 2.2176 kW / 3600 = 0.2089 g/s.
        var baseline = new ConventionalBaseline(VehicleFiles.LoadAtv(), new ConventionalDrivelineParameters());

        baseline.ComputeEngine(30, 0, out double delivered, out double shaftWatts, out double fuel);

        Assert.Equal(30, delivered, 6);
        Assert.Equal(2217.6, shaftWatts, 1);
        Assert.Equal(0.2089, fuel, 4);
    }

    [Fact]
    public void EngineTorqueLimitFollowsGeneratorRating()
    {
        // 15 000 W / 0.92 at 4500 rpm (471.24 rad/s): 34.60 N·m.
        var baseline = new ConventionalBaseline(VehicleFiles.LoadAtv(), new ConventionalDrivelineParameters());

        Assert.Equal(34.60, baseline.MaxEngineTorqueNewtonMetres, 2);
    }

    [Fact]
    public void ClipToTopSpeedCutsOnlyFasterPoints()
    {
        var cycle = new DriveCycle("test", new double[] { 0, 1, 2 }, new double[] { 10, 30, 20 }, new double[] { 0, 0, 0 });

        var clipped = ConventionalBaseline.ClipToTopSpeed(cycle, 27.9);

        Assert.Equal(new double[] { 10, 27.9, 20 }, clipped.SpeedsMetresPerSecond);
    }

    [Fact]
    public void InvalidRatioRangeNamesTheValue()
    {
        var driveline = new ConventionalDrivelineParameters { MinRatio = 3.0, MaxRatio = 2.0 };

        var error = Assert.Throws<System.ArgumentException>(() => new ConventionalBaseline(VehicleFiles.LoadAtv(), driveline));
        Assert.Contains("MinRatio", error.Message);
    }
}

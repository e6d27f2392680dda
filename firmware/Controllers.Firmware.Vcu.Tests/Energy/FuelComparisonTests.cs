using System;
using Controllers.Firmware.Vcu.Energy;
using Controllers.Simulation.Vehicle;
using Xunit;
using Xunit.Abstractions;

namespace Controllers.Firmware.Vcu.Tests.Energy;

public class FuelComparisonTests(ITestOutputHelper output)
{
    private const double TopSpeedMetresPerSecond = 27.9;

    [Theory]
    [InlineData("udds.csv", EnergyStrategy.ConstantPower)]
    [InlineData("udds.csv", EnergyStrategy.PowerFollowing)]
    [InlineData("udds.csv", EnergyStrategy.ConstantPowerPlusFollowing)]
    [InlineData("udds.csv", EnergyStrategy.Ecms)]
    [InlineData("udds.csv", EnergyStrategy.Automatic)]
    [InlineData("wmtc_all.csv", EnergyStrategy.ConstantPower)]
    [InlineData("wmtc_all.csv", EnergyStrategy.PowerFollowing)]
    [InlineData("wmtc_all.csv", EnergyStrategy.ConstantPowerPlusFollowing)]
    [InlineData("wmtc_all.csv", EnergyStrategy.Ecms)]
    [InlineData("wmtc_all.csv", EnergyStrategy.Automatic)]
    public void Measure(string file, EnergyStrategy strategy)
    {
        var cycle = ConventionalBaseline.ClipToTopSpeed(VcuTestFiles.LoadCycle(file), TopSpeedMetresPerSecond);
        var rig = new HybridCycleRig(new RangeExtenderSettings { Strategy = strategy });
        var baseline = new ConventionalBaseline(rig.Definition, new ConventionalDrivelineParameters()).Run(cycle, HybridCycleRig.StepSeconds);
        var hybrid = rig.Run(cycle);
        output.WriteLine($"{file} {strategy}: baseline {baseline.FuelGrams:F1} g rms {baseline.SpeedErrorRms:F2} dist {baseline.DistanceMetres:F0}");
        output.WriteLine($"hybrid fuel {hybrid.FuelGrams:F1} g corr {hybrid.SocCorrectionGrams:F1} g => {hybrid.CorrectedFuelGrams:F1} g ratio {hybrid.CorrectedFuelGrams / baseline.FuelGrams:P1}");
        output.WriteLine($"soc {hybrid.StartSoc:F3}->{hybrid.EndSoc:F3} [{hybrid.MinSoc:F3},{hybrid.MaxSoc:F3}] starts {hybrid.EngineStarts} rms {hybrid.SpeedErrorRms:F2} dist {hybrid.DistanceMetres:F0}");
        output.WriteLine($"regen {hybrid.RegenJoules / 1e6:F3} MJ of braking {hybrid.BrakingJoules / 1e6:F3} MJ = {hybrid.RegenJoules / hybrid.BrakingJoules:P1}; gen {hybrid.GeneratorJoules / 1e6:F2} MJ");
    }
}

using System.Collections.Concurrent;
using Controllers.Firmware.Vcu.Energy;
using Controllers.Simulation.Vehicle;
using Xunit;
using Xunit.Abstractions;

namespace Controllers.Firmware.Vcu.Tests.Energy;

/// <summary>
/// Each strategy on UDDS and WMTC against the fuel-only baseline, both from SOC 0.5 with the same chassis and
/// driver. WMTC part 3 peaks at 125 km/h, above the ATV's 27.9 m/s top speed (8000 rpm motor, 9:1, 0.30 m),
/// so both vehicles drive the trace clipped to 27.9 m/s.
/// </summary>
/// <remarks>
/// Measured with this rig, the range extender burns 8 to 11 % less fuel than the baseline on UDDS after the
/// SOC correction, short of the customer's 15 %, and 7 to 9 % more on clipped WMTC, where no strategy
/// holds the charge. The tests check what the model supports: less fuel than the baseline and a sustained
/// charge on UDDS, and on WMTC a pack kept above 0.25 SOC. docs/vcu-energy-management.md lists the figures.
/// </remarks>
public class FuelComparisonTests(ITestOutputHelper output)
{
    private const double TopSpeedMetresPerSecond = 27.9;
    private static readonly ConcurrentDictionary<string, DriveCycleFuelResult> Baselines = new();

    private (DriveCycleFuelResult Baseline, HybridCycleResult Hybrid) Drive(string file, EnergyStrategy strategy)
    {
        var cycle = ConventionalBaseline.ClipToTopSpeed(VcuTestFiles.LoadCycle(file), TopSpeedMetresPerSecond);
        var rig = new HybridCycleRig(new RangeExtenderSettings { Strategy = strategy });
        var baseline = Baselines.GetOrAdd(file, _ => new ConventionalBaseline(rig.Definition, new ConventionalDrivelineParameters()).Run(cycle, HybridCycleRig.StepSeconds));
        var hybrid = rig.Run(cycle);

        output.WriteLine($"{file}, {strategy}: baseline {baseline.FuelGrams:F1} g over {baseline.DistanceMetres / 1000:F2} km (speed error {baseline.SpeedErrorRms:F2} m/s rms)");
        output.WriteLine($"range extender {hybrid.FuelGrams:F1} g + SOC correction {hybrid.SocCorrectionGrams:F1} g = {hybrid.CorrectedFuelGrams:F1} g, {hybrid.CorrectedFuelGrams / baseline.FuelGrams:P1} of the baseline");
        output.WriteLine($"SOC {hybrid.StartSoc:F3} to {hybrid.EndSoc:F3}, range {hybrid.MinSoc:F3} to {hybrid.MaxSoc:F3}, {hybrid.EngineStarts} starts, {hybrid.DistanceMetres / 1000:F2} km");
        output.WriteLine($"regeneration {hybrid.RegenJoules / 1e6:F3} MJ of {hybrid.BrakingJoules / 1e6:F3} MJ braking energy ({hybrid.RegenJoules / hybrid.BrakingJoules:P1}), generator {hybrid.GeneratorJoules / 1e6:F2} MJ");
        return (baseline, hybrid);
    }

    [Theory]
    [InlineData(EnergyStrategy.ConstantPower)]
    [InlineData(EnergyStrategy.PowerFollowing)]
    [InlineData(EnergyStrategy.ConstantPowerPlusFollowing)]
    [InlineData(EnergyStrategy.Ecms)]
    [InlineData(EnergyStrategy.Automatic)]
    public void UddsSustainsChargeBelowBaselineFuel(EnergyStrategy strategy)
    {
        var (baseline, hybrid) = Drive("udds.csv", strategy);

        // Charge-sustaining: within ±0.05 of the start at the end, inside 0.40 to 0.60 throughout.
        Assert.InRange(hybrid.EndSoc, hybrid.StartSoc - 0.05, hybrid.StartSoc + 0.05);
        Assert.True(hybrid.MinSoc >= 0.40, $"SOC fell to {hybrid.MinSoc:F3}");
        Assert.True(hybrid.MaxSoc <= 0.60, $"SOC rose to {hybrid.MaxSoc:F3}");
        Assert.True(hybrid.CorrectedFuelGrams < baseline.FuelGrams,
            $"{hybrid.CorrectedFuelGrams:F1} g against {baseline.FuelGrams:F1} g for the baseline");
        Assert.True(hybrid.SpeedErrorRms < 0.5, $"speed error {hybrid.SpeedErrorRms:F2} m/s rms");
    }

    [Theory]
    [InlineData(EnergyStrategy.ConstantPower)]
    [InlineData(EnergyStrategy.PowerFollowing)]
    [InlineData(EnergyStrategy.ConstantPowerPlusFollowing)]
    [InlineData(EnergyStrategy.Ecms)]
    [InlineData(EnergyStrategy.Automatic)]
    public void WmtcKeepsPackAboveQuarterCharge(EnergyStrategy strategy)
    {
        var (_, hybrid) = Drive("wmtc_all.csv", strategy);

        Assert.True(hybrid.MinSoc >= 0.25, $"SOC fell to {hybrid.MinSoc:F3}");
        Assert.True(hybrid.MaxSoc <= 0.60, $"SOC rose to {hybrid.MaxSoc:F3}");
        Assert.True(hybrid.SpeedErrorRms < 0.5, $"speed error {hybrid.SpeedErrorRms:F2} m/s rms");
    }

    [Fact]
    public void RegenerationRecoversMostBrakingEnergyOnUdds()
    {
        // Regeneration fades out below 10 km/h and stops below 3 km/h, where the friction brakes take over.
        var (_, hybrid) = Drive("udds.csv", EnergyStrategy.Ecms);

        Assert.True(hybrid.RegenJoules >= 0.7 * hybrid.BrakingJoules,
            $"{hybrid.RegenJoules / 1e6:F3} MJ of {hybrid.BrakingJoules / 1e6:F3} MJ");
    }
}

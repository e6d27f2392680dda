using System;
using Controllers.Simulation.Vehicle;
using Xunit;

namespace Controllers.Simulation.Tests.Vehicle;

// Hand figures use boards/vcu-atv.yaml: m = 450 + 100 = 550 kg, m·g = 550 × 9.80665 = 5393.66 N,
// m_eff = 1.05 × 550 = 577.5 kg, k = ½·ρ·Cd·A = 0.5 × 1.204 × 0.9 × 1.2 = 0.65016 N/(m/s)², r = 0.30 m,
// final drive 9, driveline efficiency 0.95, asphalt C_rr = 0.015.
public class LongitudinalDynamicsTests
{
    private static LongitudinalDynamics CreateChassis() => new(VehicleFiles.LoadAtv().Chassis);

    [Fact]
    public void SteadySpeedOnGradeMatchesRoadLoadBalance()
    {
        // 20 N·m at the motor: F = 20 × 9 × 0.95 / 0.30 = 570.0 N at the road.
        // 5 % grade: θ = atan(0.05), m·g·sin θ = 269.35 N, C_rr·m·g·cos θ = 0.015 × 5393.66 × 0.99875 = 80.80 N.
        // Balance: k·v² = 570.0 − 269.35 − 80.80 = 219.85 N, so v = √(219.85 / 0.65016) = 18.389 m/s.
        var chassis = CreateChassis();
        chassis.Grade = 0.05;
        chassis.Terrain = Terrain.Asphalt;
        for (int i = 0; i < 60000; i++)
        {
            chassis.Step(0.01, 20, 0);
        }

        Assert.Equal(18.389, chassis.SpeedMetresPerSecond, 0.005);
        Assert.Equal(0, chassis.AccelerationMetresPerSecondSquared, 1e-4);
    }

    [Fact]
    public void CoastDownFollowsClosedForm()
    {
        // m_eff·dv/dt = −(a + k·v²) with a = C_rr·m·g = 80.905 N has the solution
        // v(t) = √(a/k)·tan(atan(v0·√(k/a)) − √(a·k)·t / m_eff), and the vehicle stops at
        // t = m_eff / √(a·k) · atan(v0·√(k/a)). From v0 = 20 m/s: v(10 s) = 15.160 m/s, v(30 s) = 9.118 m/s,
        // stop at 84.56 s; initial deceleration (80.905 + 0.65016 × 400) / 577.5 = 0.5904 m/s².
        var chassis = CreateChassis();
        chassis.SetSpeed(20);
        chassis.Step(0.001, 0, 0);
        Assert.Equal(0.5904, -chassis.AccelerationMetresPerSecondSquared, 0.001);

        double time = 0.001;
        double speedAt10 = double.NaN;
        double speedAt30 = double.NaN;
        double stopTime = double.NaN;
        while (time < 120)
        {
            chassis.Step(0.001, 0, 0);
            time += 0.001;
            if (Math.Abs(time - 10) < 0.0005)
            {
                speedAt10 = chassis.SpeedMetresPerSecond;
            }

            if (Math.Abs(time - 30) < 0.0005)
            {
                speedAt30 = chassis.SpeedMetresPerSecond;
            }

            if (double.IsNaN(stopTime) && chassis.SpeedMetresPerSecond == 0)
            {
                stopTime = time;
            }
        }

        Assert.Equal(15.160, speedAt10, 0.01);
        Assert.Equal(9.118, speedAt30, 0.01);
        Assert.Equal(84.56, stopTime, 0.05);
        Assert.Equal(0, chassis.SpeedMetresPerSecond);
    }

    [Fact]
    public void StoppedVehicleHoldsOnGradeWithBrake()
    {
        // 20 % grade: m·g·sin θ = 5393.66 × 0.19612 = 1057.8 N, below 0.3 × 6000 N of brake plus 79 N rolling.
        var chassis = CreateChassis();
        chassis.Grade = 0.2;
        for (int i = 0; i < 1000; i++)
        {
            chassis.Step(0.01, 0, 0.3);
        }

        Assert.Equal(0, chassis.SpeedMetresPerSecond);
        Assert.Equal(0, chassis.PositionMetres);
    }

    [Fact]
    public void TractionLimitCapsForceOnMud()
    {
        // Mud: μ = 0.25, so at most 0.25 × 5393.66 = 1348.4 N; 90 N·m gives 90 × 9 × 0.95 / 0.3 = 2565 N.
        var chassis = CreateChassis();
        chassis.Terrain = Terrain.Mud;
        chassis.Step(0.01, 90, 0);

        Assert.True(chassis.TractionLimited);
        Assert.Equal(1348.4, chassis.TractionForceNewtons, 0.1);
    }

    [Fact]
    public void EnergyLedgerClosesOverMixedRun()
    {
        // Drive, climb, brake, regenerate and roll back over several terrains. Every joule of shaft work must
        // appear as a loss or as stored kinetic or potential energy.
        var chassis = CreateChassis();
        double[] torques = { 60, 30, -20, 0, 80, -40 };
        double[] grades = { 0, 0.08, -0.05, 0.15, 0, 0.3 };
        double[] brakes = { 0, 0, 0.1, 0, 0, 0.05 };
        Terrain[] terrains = { Terrain.Asphalt, Terrain.Gravel, Terrain.Grass, Terrain.Sand, Terrain.Mud, Terrain.Asphalt };
        for (int phase = 0; phase < torques.Length; phase++)
        {
            chassis.Grade = grades[phase];
            chassis.Terrain = terrains[phase];
            for (int i = 0; i < 2000; i++)
            {
                chassis.Step(0.01, torques[phase], brakes[phase]);
            }
        }

        var energy = chassis.Energy;
        double scale = Math.Abs(energy.MotorShaftJoules) + energy.RollingJoules + energy.BrakeJoules + energy.AerodynamicJoules;
        Assert.True(scale > 1e5, $"The run moved too little energy ({scale:F0} J) to test the ledger.");
        Assert.True(Math.Abs(energy.ResidualJoules) < 1e-9 * scale, $"Residual {energy.ResidualJoules:E3} J of {scale:E3} J.");
        Assert.True(energy.SlipLossJoules > 0, "The mud phase should hit the traction limit.");
        Assert.True(energy.BrakeJoules > 0);
        Assert.True(energy.RollingJoules > 0);
    }

    [Fact]
    public void RollingAndGradeEnergyMatchForceTimesDistance()
    {
        // Steady climb without stops: rolling work = C_rr·m·g·cos θ × distance and potential energy = m·g·sin θ
        // × distance, with 5 % grade figures from the steady-speed case (80.80 N and 269.35 N).
        var chassis = CreateChassis();
        chassis.Grade = 0.05;
        chassis.SetSpeed(5);
        for (int i = 0; i < 3000; i++)
        {
            chassis.Step(0.01, 20, 0);
        }

        double distance = chassis.PositionMetres;
        Assert.Equal(80.80, chassis.Energy.RollingJoules / distance, 0.01);
        Assert.Equal(269.35, chassis.Energy.GradeJoules / distance, 0.01);
    }
}

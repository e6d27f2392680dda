using System;
using Controllers.Firmware.Bms.Insulation;
using Xunit;

namespace Controllers.Firmware.Bms.Tests;

public class InsulationBridgeSolverTests
{
    // Bridges 1 MΩ and measurement dividers 10 MΩ on both poles, unless a test passes other bridges.
    private static InsulationBridgeSolver CreateSolver(float positiveBridgeOhms = 1e6f, float negativeBridgeOhms = 1e6f)
    {
        return new InsulationBridgeSolver(new InsulationMonitorSettings
        {
            PositiveBridgeOhms = positiveBridgeOhms,
            NegativeBridgeOhms = negativeBridgeOhms,
            PositiveMeasurementOhms = 10e6f,
            NegativeMeasurementOhms = 10e6f,
        });
    }

    private static void AssertRelative(double expected, double actual, double tolerance)
    {
        Assert.True(Math.Abs(actual - expected) <= tolerance * expected, $"expected {expected:G6}, got {actual:G6}");
    }

    [Fact]
    public void Solve_TwoAndFiveMegohmHandWorked()
    {
        // Rp = 2 MΩ, Rn = 5 MΩ, U = 400 V. With the 10 MΩ dividers: gp = 1/2M + 1/10M = 6e-7 S,
        // gn = 1/5M + 1/10M = 3e-7 S, g0 = 1e-6 S.
        // State 1 (positive bridge): Up (6e-7 + 1e-6) = (400 - Up) 3e-7, so Up = 400 * 3e-7 / 1.9e-6
        //   = 1200/19 = 63.158 V and Un = 6400/19 = 336.842 V.
        // State 2 (negative bridge): Up 6e-7 = (400 - Up)(3e-7 + 1e-6), so Up = 400 * 1.3e-6 / 1.9e-6
        //   = 5200/19 = 273.684 V and Un = 2400/19 = 126.316 V.
        // D = U1n U2p - U1p U2n = 400 (U2p - U1p) = 400 * 4000/19 = 84 210.5 V².
        // gp = U2n g0 400 / D = (2400/19) 4e-4 / (1.6e6/19) = 6e-7 S: Rp = 1 / (6e-7 - 1e-7) = 2 MΩ.
        // gn = U1p g0 400 / D = (1200/19) 4e-4 / (1.6e6/19) = 3e-7 S: Rn = 1 / (3e-7 - 1e-7) = 5 MΩ.
        InsulationBridgeSolver solver = CreateSolver();

        Assert.True(solver.Solve(1200f / 19f, 6400f / 19f, 5200f / 19f, 2400f / 19f));

        Assert.Equal(InsulationPoleStatus.InRange, solver.PositiveStatus);
        Assert.Equal(InsulationPoleStatus.InRange, solver.NegativeStatus);
        AssertRelative(2e6, solver.PositiveOhms, 1e-4);
        AssertRelative(5e6, solver.NegativeOhms, 1e-4);
    }

    [Fact]
    public void SetResistances_ReplacesCircuit()
    {
        // The solver is created for 1 MΩ bridges and 10 MΩ dividers and then given 2 MΩ and 20 MΩ.
        // Rp = 1 MΩ, Rn open, U = 400 V. State 1: P side 1/1M + 1/20M + 1/2M = 1.55 µS, N side 1/20M = 0.05 µS,
        //   chassis 400 × 1.55 / 1.6 = 387.5 V above N, so Up = 12.5 V and Un = 387.5 V.
        // State 2: P side 1.05 µS, N side 0.05 + 0.5 = 0.55 µS, chassis 400 × 1.05 / 1.6 = 262.5 V,
        //   so Up = 137.5 V and Un = 262.5 V.
        InsulationBridgeSolver solver = CreateSolver();

        solver.SetResistances(2e6f, 2e6f, 20e6f, 20e6f);

        Assert.True(solver.Solve(12.5f, 387.5f, 137.5f, 262.5f));
        Assert.Equal(InsulationPoleStatus.InRange, solver.PositiveStatus);
        AssertRelative(1e6, solver.PositiveOhms, 1e-4);
        Assert.Equal(InsulationPoleStatus.AboveRange, solver.NegativeStatus);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-1e6f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void SetResistances_InvalidValueRejected(float ohms)
    {
        InsulationBridgeSolver solver = CreateSolver();

        Assert.Throws<ArgumentException>(() => solver.SetResistances(1e6f, ohms, 10e6f, 10e6f));
    }

    [Fact]
    public void Solve_UnequalBridgesHandWorked()
    {
        // R0p = 500 kΩ (2e-6 S), R0n = 2 MΩ (5e-7 S), Rp = Rn = 1 MΩ, U = 500 V.
        // gp = gn = 1e-6 + 1e-7 = 1.1e-6 S.
        // State 1: Up (1.1e-6 + 2e-6) = (500 - Up) 1.1e-6, so Up = 5.5e-4 / 4.2e-6 = 2750/21 = 130.952 V,
        //   Un = 7750/21 = 369.048 V.
        // State 2: Up 1.1e-6 = (500 - Up)(1.1e-6 + 5e-7), so Up = 8e-4 / 2.7e-6 = 8000/27 = 296.296 V,
        //   Un = 5500/27 = 203.704 V.
        // Expected: both poles 1 MΩ.
        InsulationBridgeSolver solver = CreateSolver(500e3f, 2e6f);

        Assert.True(solver.Solve(2750f / 21f, 7750f / 21f, 8000f / 27f, 5500f / 27f));

        AssertRelative(1e6, solver.PositiveOhms, 1e-4);
        AssertRelative(1e6, solver.NegativeOhms, 1e-4);
    }

    [Fact]
    public void Solve_OpenInsulationIsAboveRange()
    {
        // Rp = Rn = infinite: only the dividers, gp = gn = 1e-7 S, U = 400 V.
        // State 1: Up (1e-7 + 1e-6) = (400 - Up) 1e-7, so Up = 4e-5 / 1.2e-6 = 100/3 V, Un = 1100/3 V.
        // State 2 mirrors it: Up = 1100/3 V, Un = 100/3 V. The insulation conductance gp - 1e-7 is 0.
        InsulationBridgeSolver solver = CreateSolver();

        Assert.True(solver.Solve(100f / 3f, 1100f / 3f, 1100f / 3f, 100f / 3f));

        Assert.Equal(InsulationPoleStatus.AboveRange, solver.PositiveStatus);
        Assert.Equal(InsulationPoleStatus.AboveRange, solver.NegativeStatus);
        Assert.Equal(10e6f, solver.PositiveOhms);
        Assert.Equal(10e6f, solver.NegativeOhms);
    }

    [Fact]
    public void Solve_PositiveShortedWithoutDividingByZero()
    {
        // Rp = 0: the chassis sits on the positive pole, Up = 0 and Un = U = 400 V in both states,
        // so D = 400 * 0 - 0 * 400 = 0. Rn has no effect on any voltage and cannot be measured.
        InsulationBridgeSolver solver = CreateSolver();

        Assert.True(solver.Solve(0f, 400f, 0f, 400f));

        Assert.Equal(InsulationPoleStatus.Shorted, solver.PositiveStatus);
        Assert.Equal(0f, solver.PositiveOhms);
        Assert.Equal(InsulationPoleStatus.NotMeasurable, solver.NegativeStatus);
        Assert.True(float.IsNaN(solver.NegativeOhms));
    }

    [Fact]
    public void Solve_NegativeShortedWithoutDividingByZero()
    {
        InsulationBridgeSolver solver = CreateSolver();

        Assert.True(solver.Solve(400f, 0f, 400f, 0f));

        Assert.Equal(InsulationPoleStatus.Shorted, solver.NegativeStatus);
        Assert.Equal(0f, solver.NegativeOhms);
        Assert.Equal(InsulationPoleStatus.NotMeasurable, solver.PositiveStatus);
    }

    [Fact]
    public void Solve_SwappedStatesAreRejected()
    {
        // The states of the first test in the wrong order: D = 126.3 * 63.2 - 273.7 * 336.8 < 0.
        InsulationBridgeSolver solver = CreateSolver();

        Assert.False(solver.Solve(5200f / 19f, 2400f / 19f, 1200f / 19f, 6400f / 19f));
    }

    [Theory]
    [InlineData(9e6, InsulationPoleStatus.InRange)]
    [InlineData(11e6, InsulationPoleStatus.AboveRange)]
    [InlineData(1e3, InsulationPoleStatus.InRange)]
    [InlineData(600e3, InsulationPoleStatus.InRange)]
    public void Solve_PositivePoleAcrossRange(double positiveOhms, InsulationPoleStatus expectedStatus)
    {
        // Forward steady-state solution of the circuit in double precision, Rn = 10 MΩ, U = 400 V.
        double negativeOhms = 10e6;
        double gp = 1 / positiveOhms + 1e-7;
        double gn = 1 / negativeOhms + 1e-7;
        double u1p = 400 * gn / (gp + 1e-6 + gn);
        double u2p = 400 * (gn + 1e-6) / (gp + gn + 1e-6);
        InsulationBridgeSolver solver = CreateSolver();

        Assert.True(solver.Solve((float)u1p, (float)(400 - u1p), (float)u2p, (float)(400 - u2p)));

        Assert.Equal(expectedStatus, solver.PositiveStatus);
        if (expectedStatus == InsulationPoleStatus.InRange)
        {
            AssertRelative(positiveOhms, solver.PositiveOhms, 1e-3);
        }

        AssertRelative(negativeOhms, solver.NegativeOhms, 1e-3);
    }

    [Fact]
    public void Settings_RejectFaultAboveWarning()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(
            () => new InsulationMonitorSettings { FaultOhmsPerVolt = 600f }.Validate());

        Assert.Contains("FaultOhmsPerVolt", error.Message);
    }

    [Fact]
    public void Settings_RejectBridgeOutOfRange()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(
            () => new InsulationMonitorSettings { PositiveBridgeOhms = 10f }.Validate());

        Assert.Contains("PositiveBridgeOhms", error.Message);
    }
}

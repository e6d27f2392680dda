using System;
using Controllers.Firmware.Common.Numerics;
using Xunit;

namespace Controllers.Firmware.Common.Tests;

// System.Math in double precision is the reference for every function.
public class FloatMathTests
{
    // The documented bound is 2e-7. The slack covers rounding the double reference to float, which alone
    // can be 2^-24 = 6e-8 relative.
    private const double ExpTolerance = 5e-7;

    private const double SqrtTolerance = 1e-6;

    private static double RelativeError(float actual, double expected) => Math.Abs(actual - expected) / Math.Abs(expected);

    [Fact]
    public void Exp_MatchesSystemMathOverFloatRange()
    {
        double worst = 0;
        float worstAt = 0;

        // Step 0.0007 puts about 250 000 points on [-87, 88], a few per range-reduction interval of ln 2 / 1000.
        for (double x = -87.0; x <= 88.0; x += 0.0007)
        {
            float input = (float)x;
            double error = RelativeError(FloatMath.Exp(input), Math.Exp(input));
            if (error > worst)
            {
                worst = error;
                worstAt = input;
            }
        }

        Assert.True(worst < ExpTolerance, $"max relative error {worst:E3} at x = {worstAt:R}");
    }

    [Fact]
    public void Exp_FiniteUpToUpperLimit()
    {
        // e^88.7 = 3.3e38 is below float.MaxValue = 3.4e38, so the documented upper limit must still give
        // a finite, accurate value. 88.4 to 88.7 is where x / ln 2 rounds to 128.
        double worst = 0;
        float worstAt = 0;
        for (double x = 88.0; x <= 88.7; x += 0.0001)
        {
            float input = (float)x;
            double error = RelativeError(FloatMath.Exp(input), Math.Exp(input));
            if (!(error <= worst))
            {
                worst = error;
                worstAt = input;
            }
        }

        Assert.True(worst < ExpTolerance, $"max relative error {worst:E3} at x = {worstAt:R}");
    }

    [Fact]
    public void Exp_SmallArgumentsNearOne()
    {
        float[] inputs = { 1e-7f, -1e-7f, 1e-3f, -1e-3f, 0.34657f, -0.34657f };
        foreach (float x in inputs)
        {
            Assert.True(RelativeError(FloatMath.Exp(x), Math.Exp(x)) < ExpTolerance, $"x = {x:R}");
        }
    }

    [Fact]
    public void Exp_ZeroReturnsOne()
    {
        Assert.Equal(1f, FloatMath.Exp(0f));
    }

    [Theory]
    [InlineData(-87.31f)]
    [InlineData(-100f)]
    [InlineData(-1e30f)]
    [InlineData(float.NegativeInfinity)]
    public void Exp_BelowLowerLimitReturnsZero(float x)
    {
        Assert.Equal(0f, FloatMath.Exp(x));
    }

    [Theory]
    [InlineData(88.71f)]
    [InlineData(100f)]
    [InlineData(1e30f)]
    [InlineData(float.PositiveInfinity)]
    public void Exp_AboveUpperLimitReturnsInfinity(float x)
    {
        Assert.Equal(float.PositiveInfinity, FloatMath.Exp(x));
    }

    [Fact]
    public void Log_MatchesSystemMathOverDecades()
    {
        double worst = 0;
        double worstAt = 0;

        // 400 points per decade from the smallest normal float to near float.MaxValue; the error is
        // scaled by max(1, |ln x|) as documented.
        for (double exponent = -37.9; exponent <= 38.4; exponent += 0.0025)
        {
            float input = (float)Math.Pow(10, exponent);
            double expected = Math.Log(input);
            double error = Math.Abs(FloatMath.Log(input) - expected) / Math.Max(1.0, Math.Abs(expected));
            if (error > worst)
            {
                worst = error;
                worstAt = input;
            }
        }

        Assert.True(worst < 2e-7, $"max scaled error {worst:E3} at x = {worstAt:R}");
    }

    [Fact]
    public void Log_AccurateNearOne()
    {
        // Near x = 1 the result is small, so the bound is absolute: 2e-7.
        for (int i = 0; i <= 20_000; i++)
        {
            float input = 0.5f + i * (1.5f / 20_000);
            Assert.True(Math.Abs(FloatMath.Log(input) - Math.Log(input)) < 2e-7, $"x = {input:R}");
        }
    }

    [Fact]
    public void Log_SpecialValues()
    {
        Assert.Equal(0f, FloatMath.Log(1f));
        Assert.Equal(float.NegativeInfinity, FloatMath.Log(0f));
        Assert.Equal(float.PositiveInfinity, FloatMath.Log(float.PositiveInfinity));
        Assert.True(float.IsNaN(FloatMath.Log(-1f)));
        Assert.True(float.IsNaN(FloatMath.Log(float.NaN)));
    }

    [Fact]
    public void Sqrt_MatchesSystemMathOverDecades()
    {
        double worst = 0;
        double worstAt = 0;

        // 40 points per decade from 1e-38 (smallest normal floats) to 3e38 (near float.MaxValue).
        for (double exponent = -38.0; exponent <= 38.4; exponent += 0.025)
        {
            float input = (float)Math.Pow(10, exponent);
            double error = RelativeError(FloatMath.Sqrt(input), Math.Sqrt(input));
            if (error > worst)
            {
                worst = error;
                worstAt = input;
            }
        }

        Assert.True(worst < SqrtTolerance, $"max relative error {worst:E3} at x = {worstAt:R}");
    }

    [Fact]
    public void Sqrt_MatchesSystemMathOnUnitInterval()
    {
        // Dense over [0.25, 4): the interval that the scaling maps onto, and the seam at every power of 4.
        for (int i = 0; i < 100_000; i++)
        {
            float input = 0.25f + i * (3.75f / 100_000);
            Assert.True(RelativeError(FloatMath.Sqrt(input), Math.Sqrt(input)) < SqrtTolerance, $"x = {input:R}");
        }
    }

    [Theory]
    [InlineData(float.Epsilon)]
    [InlineData(1e-40f)]
    [InlineData(1.17549435e-38f)]
    [InlineData(float.MaxValue)]
    [InlineData(1f)]
    [InlineData(4f)]
    [InlineData(2f)]
    public void Sqrt_ExtremeValues(float x)
    {
        Assert.True(RelativeError(FloatMath.Sqrt(x), Math.Sqrt(x)) < SqrtTolerance, $"x = {x:R}");
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-1f)]
    [InlineData(-1e-30f)]
    [InlineData(float.NegativeInfinity)]
    [InlineData(float.NaN)]
    public void Sqrt_ZeroNegativeOrNaNReturnsZero(float x)
    {
        Assert.Equal(0f, FloatMath.Sqrt(x));
    }

    [Fact]
    public void Sqrt_InfinityReturnsInfinity()
    {
        Assert.Equal(float.PositiveInfinity, FloatMath.Sqrt(float.PositiveInfinity));
    }

    [Theory]
    [InlineData(-2.5f, 2.5f)]
    [InlineData(2.5f, 2.5f)]
    [InlineData(0f, 0f)]
    [InlineData(float.NegativeInfinity, float.PositiveInfinity)]
    public void Abs_ReturnsMagnitude(float x, float expected)
    {
        Assert.Equal(expected, FloatMath.Abs(x));
    }

    [Theory]
    [InlineData(1f, 2f, 1f, 2f)]
    [InlineData(2f, 1f, 1f, 2f)]
    [InlineData(-3f, -3f, -3f, -3f)]
    public void MinMax_PickSmallerAndLarger(float a, float b, float smaller, float larger)
    {
        Assert.Equal(smaller, FloatMath.Min(a, b));
        Assert.Equal(larger, FloatMath.Max(a, b));
    }

    [Theory]
    [InlineData(-0.5f, 0f)]
    [InlineData(0f, 0f)]
    [InlineData(0.3f, 0.3f)]
    [InlineData(1f, 1f)]
    [InlineData(1.5f, 1f)]
    public void Clamp_LimitsToRange(float x, float expected)
    {
        Assert.Equal(expected, FloatMath.Clamp(x, 0f, 1f));
    }
}

public class FloatMathIsFiniteTests
{
    [Theory]
    [InlineData(0f, true)]
    [InlineData(-3.5f, true)]
    [InlineData(float.MaxValue, true)]
    [InlineData(-float.MaxValue, true)]
    [InlineData(float.Epsilon, true)]
    [InlineData(float.NaN, false)]
    [InlineData(float.PositiveInfinity, false)]
    [InlineData(float.NegativeInfinity, false)]
    public void IsFinite_MatchesSingleIsFinite(float value, bool expected)
    {
        Assert.Equal(expected, Controllers.Firmware.Common.Numerics.FloatMath.IsFinite(value));
    }
}

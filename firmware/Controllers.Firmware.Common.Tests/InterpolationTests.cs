using Controllers.Firmware.Common.Numerics;
using Xunit;

namespace Controllers.Firmware.Common.Tests;

// Expected values are worked out by hand in the comments.
public class InterpolationTests
{
    private const float Tolerance = 1e-6f;

    private static readonly float[] Axis = { 0f, 10f, 30f, 60f };

    [Theory]
    [InlineData(20f, 1, 0.5f)]   // (20 - 10) / (30 - 10)
    [InlineData(45f, 2, 0.5f)]   // (45 - 30) / (60 - 30)
    [InlineData(2.5f, 0, 0.25f)] // (2.5 - 0) / (10 - 0)
    [InlineData(10f, 1, 0f)]     // on an inner breakpoint: start of the next segment
    [InlineData(0f, 0, 0f)]
    [InlineData(60f, 2, 1f)]
    public void FindSegment_WorkedExamples(float x, int expectedIndex, float expectedFraction)
    {
        int index = Interpolation.FindSegment(Axis, x, out float fraction);

        Assert.Equal(expectedIndex, index);
        Assert.Equal(expectedFraction, fraction, Tolerance);
    }

    [Fact]
    public void FindSegment_ClampsBelowFirstPoint()
    {
        int index = Interpolation.FindSegment(Axis, -5f, out float fraction);

        Assert.Equal(0, index);
        Assert.Equal(0f, fraction);
    }

    [Fact]
    public void FindSegment_ClampsAboveLastPoint()
    {
        int index = Interpolation.FindSegment(Axis, 100f, out float fraction);

        Assert.Equal(2, index);
        Assert.Equal(1f, fraction);
    }

    [Theory]
    [InlineData(-1f)]
    [InlineData(5f)]
    [InlineData(9f)]
    public void FindSegment_OnePointAxis(float x)
    {
        int index = Interpolation.FindSegment(new[] { 5f }, x, out float fraction);

        Assert.Equal(0, index);
        Assert.Equal(0f, fraction);
    }

    [Fact]
    public void FindSegment_LongAxisFindsEverySegment()
    {
        // Axis 0, 1, 4, 9, ... (squares); the midpoint of segment i is i^2 + (2i + 1) / 2.
        var squares = new float[50];
        for (int i = 0; i < squares.Length; i++)
        {
            squares[i] = i * i;
        }

        for (int i = 0; i < squares.Length - 1; i++)
        {
            float midpoint = i * i + (2 * i + 1) / 2f;
            int index = Interpolation.FindSegment(squares, midpoint, out float fraction);
            Assert.Equal(i, index);
            Assert.Equal(0.5f, fraction, Tolerance);
        }
    }

    // Rows at 0 and 20 °C, columns at SOC 0, 0.5 and 1:
    //   row 0: 1, 2, 4
    //   row 1: 3, 6, 10
    private static readonly float[] Rows = { 0f, 20f };
    private static readonly float[] Columns = { 0f, 0.5f, 1f };
    private static readonly float[] Table = { 1f, 2f, 4f, 3f, 6f, 10f };

    [Theory]
    [InlineData(10f, 0.75f, 5.5f)]  // row 0: 2 + 2 * 0.5 = 3; row 1: 6 + 4 * 0.5 = 8; 3 + 5 * 0.5
    [InlineData(5f, 0.25f, 2.25f)]  // row 0: 1.5; row 1: 4.5; 1.5 + 3 * 0.25
    [InlineData(0f, 0.5f, 2f)]      // grid point
    [InlineData(20f, 1f, 10f)]      // grid point
    [InlineData(15f, 0f, 2.5f)]     // column 0: 1 + 2 * 0.75
    public void Bilinear_WorkedExamples(float row, float column, float expected)
    {
        Assert.Equal(expected, Interpolation.Bilinear(Rows, Columns, Table, row, column), Tolerance);
    }

    [Theory]
    [InlineData(-10f, -1f, 1f)]
    [InlineData(30f, 2f, 10f)]
    [InlineData(-10f, 2f, 4f)]
    [InlineData(30f, -1f, 3f)]
    [InlineData(-10f, 0.75f, 3f)]   // row 0 only: 2 + 2 * 0.5
    [InlineData(30f, 0.25f, 4.5f)]  // row 1 only: 3 + 3 * 0.5
    public void Bilinear_ClampsAtBothEnds(float row, float column, float expected)
    {
        Assert.Equal(expected, Interpolation.Bilinear(Rows, Columns, Table, row, column), Tolerance);
    }

    [Theory]
    [InlineData(-40f)]
    [InlineData(25f)]
    [InlineData(80f)]
    public void Bilinear_OneRowInterpolatesColumnsOnly(float row)
    {
        // Columns 0 and 1 with values 2 and 4: 2 + 2 * 0.25.
        float value = Interpolation.Bilinear(new[] { 25f }, new[] { 0f, 1f }, new[] { 2f, 4f }, row, 0.25f);

        Assert.Equal(2.5f, value, Tolerance);
    }

    [Theory]
    [InlineData(-1f)]
    [InlineData(0.5f)]
    [InlineData(3f)]
    public void Bilinear_OneColumnInterpolatesRowsOnly(float column)
    {
        // Rows 0 and 10 with values 1 and 3: 1 + 2 * 0.5.
        float value = Interpolation.Bilinear(new[] { 0f, 10f }, new[] { 0.5f }, new[] { 1f, 3f }, 5f, column);

        Assert.Equal(2f, value, Tolerance);
    }

    [Fact]
    public void Bilinear_OnePointTableIsConstant()
    {
        float value = Interpolation.Bilinear(new[] { 25f }, new[] { 0.5f }, new[] { 7f }, -3f, 9f);

        Assert.Equal(7f, value);
    }
}

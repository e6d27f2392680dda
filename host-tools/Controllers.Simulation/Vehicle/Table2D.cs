using System;

namespace Controllers.Simulation.Vehicle;

/// <summary>
/// A map over two axes (rows, columns) with bilinear interpolation; inputs beyond the outer breakpoints
/// take the edge value, so the map never extrapolates.
/// </summary>
public sealed class Table2D
{
    /// <summary>Creates the map; <paramref name="values"/> is row-major, one row per entry of <paramref name="rowBreakpoints"/>.</summary>
    public Table2D(double[] rowBreakpoints, double[] columnBreakpoints, double[] values)
    {
        ArgumentNullException.ThrowIfNull(rowBreakpoints);
        ArgumentNullException.ThrowIfNull(columnBreakpoints);
        ArgumentNullException.ThrowIfNull(values);
        RequireAscending(rowBreakpoints, nameof(rowBreakpoints));
        RequireAscending(columnBreakpoints, nameof(columnBreakpoints));
        if (values.Length != rowBreakpoints.Length * columnBreakpoints.Length)
        {
            throw new ArgumentException(
                $"The map has {values.Length} values but needs {rowBreakpoints.Length} × {columnBreakpoints.Length}.", nameof(values));
        }

        RowBreakpoints = rowBreakpoints;
        ColumnBreakpoints = columnBreakpoints;
        Values = values;
    }

    public double[] RowBreakpoints { get; }

    public double[] ColumnBreakpoints { get; }

    /// <summary>Row-major values.</summary>
    public double[] Values { get; }

    public double Lookup(double row, double column)
    {
        Locate(RowBreakpoints, row, out int r, out double rowFraction);
        Locate(ColumnBreakpoints, column, out int c, out double columnFraction);
        int columns = ColumnBreakpoints.Length;
        int r1 = Math.Min(r + 1, RowBreakpoints.Length - 1);
        int c1 = Math.Min(c + 1, columns - 1);
        double top = Values[r * columns + c] + columnFraction * (Values[r * columns + c1] - Values[r * columns + c]);
        double bottom = Values[r1 * columns + c] + columnFraction * (Values[r1 * columns + c1] - Values[r1 * columns + c]);
        return top + rowFraction * (bottom - top);
    }

    // Finds the interval that contains x and the position within it, clamped to the outer breakpoints.
    private static void Locate(double[] breakpoints, double x, out int index, out double fraction)
    {
        if (breakpoints.Length == 1 || x <= breakpoints[0])
        {
            index = 0;
            fraction = 0;
            return;
        }

        int last = breakpoints.Length - 1;
        if (x >= breakpoints[last])
        {
            index = last - 1;
            fraction = 1;
            return;
        }

        index = 0;
        while (x > breakpoints[index + 1])
        {
            index++;
        }

        fraction = (x - breakpoints[index]) / (breakpoints[index + 1] - breakpoints[index]);
    }

    private static void RequireAscending(double[] breakpoints, string name)
    {
        if (breakpoints.Length == 0)
        {
            throw new ArgumentException($"{name} is empty; give at least one breakpoint.", name);
        }

        for (int i = 1; i < breakpoints.Length; i++)
        {
            if (!(breakpoints[i] > breakpoints[i - 1]))
            {
                throw new ArgumentException($"{name}[{i}] ({breakpoints[i]}) is not above the entry before it; breakpoints must rise strictly.", name);
            }
        }
    }
}

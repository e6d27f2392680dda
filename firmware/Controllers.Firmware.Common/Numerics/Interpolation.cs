namespace Controllers.Firmware.Common.Numerics
{
    /// <summary>Linear table interpolation on ascending axes, clamped at the ends, without allocation.</summary>
    public static class Interpolation
    {
        /// <summary>
        /// Returns the index i of the segment [axis[i], axis[i+1]] that contains <paramref name="x"/> and the
        /// fraction of the way through it, clamped to [0, 1]. A one-point axis returns index 0 and fraction 0.
        /// </summary>
        public static int FindSegment(float[] axis, float x, out float fraction)
        {
            int last = axis.Length - 1;
            if (last <= 0 || x <= axis[0])
            {
                fraction = 0f;
                return 0;
            }

            if (x >= axis[last])
            {
                fraction = 1f;
                return last - 1;
            }

            // Binary search: axis[low] <= x < axis[high].
            int low = 0;
            int high = last;
            while (high - low > 1)
            {
                int middle = (low + high) >> 1;
                if (axis[middle] <= x)
                {
                    low = middle;
                }
                else
                {
                    high = middle;
                }
            }

            fraction = (x - axis[low]) / (axis[low + 1] - axis[low]);
            return low;
        }

        /// <summary>
        /// Interpolates a flat table with one row per <paramref name="rowAxis"/> value and one column per
        /// <paramref name="columnAxis"/> value (index = row * columns + column).
        /// </summary>
        public static float Bilinear(float[] rowAxis, float[] columnAxis, float[] table, float rowValue, float columnValue)
        {
            float rowFraction;
            int row = FindSegment(rowAxis, rowValue, out rowFraction);
            float columnFraction;
            int column = FindSegment(columnAxis, columnValue, out columnFraction);
            return Bilinear(table, columnAxis.Length, rowAxis.Length, row, rowFraction, column, columnFraction);
        }

        /// <summary>Interpolates a flat table at a segment position found with <see cref="FindSegment"/>.</summary>
        public static float Bilinear(float[] table, int columns, int rows, int row, float rowFraction, int column, float columnFraction)
        {
            int nextColumn = columns > 1 ? column + 1 : column;
            float first = Linear(table[row * columns + column], table[row * columns + nextColumn], columnFraction);
            if (rows == 1)
            {
                return first;
            }

            int nextRow = row + 1;
            float second = Linear(table[nextRow * columns + column], table[nextRow * columns + nextColumn], columnFraction);
            return Linear(first, second, rowFraction);
        }

        private static float Linear(float a, float b, float fraction)
        {
            return a + (b - a) * fraction;
        }
    }
}

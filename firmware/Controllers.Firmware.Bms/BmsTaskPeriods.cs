using System;

namespace Controllers.Firmware.Bms
{
    /// <summary>
    /// Periods of the BMS master's acquisition and estimation tasks, in microseconds. The limits are the
    /// customer's sampling requirements: current at most 30 ms, cell voltage at most 100 ms and
    /// temperature at most 1 s.
    /// </summary>
    public sealed class BmsTaskPeriods
    {
        /// <summary>Longest allowed current sampling period.</summary>
        public const long MaximumCurrentMicroseconds = 30000;

        /// <summary>Longest allowed cell voltage sampling period.</summary>
        public const long MaximumCellVoltageMicroseconds = 100000;

        /// <summary>Longest allowed temperature sampling period.</summary>
        public const long MaximumTemperatureMicroseconds = 1000000;

        /// <summary>Current sampling and charge counting (default 10 ms).</summary>
        public long CurrentMicroseconds { get; set; } = 10000;

        /// <summary>Cell voltage acquisition (default 100 ms).</summary>
        public long CellVoltageMicroseconds { get; set; } = 100000;

        /// <summary>Temperature acquisition (default 1 s).</summary>
        public long TemperatureMicroseconds { get; set; } = 1000000;

        /// <summary>SOC estimation; a multiple of the cell voltage period (default 100 ms).</summary>
        public long EstimationMicroseconds { get; set; } = 100000;

        /// <summary>
        /// Power limit calculation (default 500 ms, 10 ms to 10 s). The limits change with SOC and branch
        /// voltages over seconds, and one calculation solves two limits per cell and horizon.
        /// </summary>
        public long PowerLimitMicroseconds { get; set; } = 500000;

        // NOTE: the limits bound the periods, not the intervals between reads. When the current period
        // does not divide a longer period, some later reads wait for the current task. A period set
        // exactly at its limit can then exceed it by that task's execution time: 100.05 ms with 30 ms
        // and 100 ms periods and a 50 µs current read, in simulated time.
        /// <summary>Throws <see cref="ArgumentException"/> naming the first period that breaks a limit.</summary>
        public void Validate()
        {
            CheckPeriod(CurrentMicroseconds, 1000, MaximumCurrentMicroseconds, "CurrentMicroseconds");
            CheckPeriod(CellVoltageMicroseconds, 1000, MaximumCellVoltageMicroseconds, "CellVoltageMicroseconds");
            CheckPeriod(TemperatureMicroseconds, 1000, MaximumTemperatureMicroseconds, "TemperatureMicroseconds");
            CheckPeriod(EstimationMicroseconds, CellVoltageMicroseconds, 10000000, "EstimationMicroseconds");
            CheckPeriod(PowerLimitMicroseconds, 10000, 10000000, "PowerLimitMicroseconds");
            if (EstimationMicroseconds % CellVoltageMicroseconds != 0)
            {
                throw new ArgumentException("EstimationMicroseconds must be a multiple of CellVoltageMicroseconds so every step has a fresh voltage sample.", "EstimationMicroseconds");
            }
        }

        private static void CheckPeriod(long value, long minimum, long maximum, string name)
        {
            if (value < minimum || value > maximum)
            {
                throw new ArgumentException(name + " = " + value.ToString() + " µs is outside " + minimum.ToString() + " to " + maximum.ToString() + " µs.", name);
            }
        }
    }
}

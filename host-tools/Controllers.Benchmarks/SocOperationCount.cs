using System;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Controllers.Firmware.Bms.Estimation;

namespace Controllers.Benchmarks;

/// <summary>
/// Float additions, subtractions, multiplications and divisions per 100 ms SOC step, counted by hand from
/// the code per building block (docs/benchmarks.md lists each block). Comparisons, clamps, sign changes,
/// integer index arithmetic and the square root of the covariance guard, which runs only when a
/// covariance exceeds its bound, are not counted.
/// </summary>
/// <remarks>
/// The counts hold for tables with two OCV rows, two impedance rows and two capacity rows, a temperature
/// at the last point of those axes (no row search, one interpolation between rows), a SOC inside the
/// table, a 0.1 s step with every RC time constant above 0.29 s (so <c>FloatMath.Exp</c> needs no
/// power-of-two scaling), the current-offset state on, no hysteresis table (its step then costs no
/// float operation), and every delta-filter chord longer than 1 % SOC.
/// <see cref="CheckAssumptions"/> rejects a cell definition for which they do not hold.
/// </remarks>
public static class SocOperationCount
{
    /// <summary>OCV lookup: SOC segment 3, two row interpolations 3 + 3, one interpolation between rows 3.</summary>
    public const int OpenCircuitVoltage = 12;

    /// <summary>OCV slope: SOC ± 0.01 (2), two OCV lookups (24), difference, width and divide (3).</summary>
    public const int OpenCircuitVoltageSlope = 29;

    /// <summary>Impedance lookup: SOC segment 3, five values of 9 (two row interpolations and one between rows).</summary>
    public const int Impedance = 48;

    /// <summary>Capacity lookup, one interpolation between rows (3), times 3600 s/h (1).</summary>
    public const int Capacity = 4;

    /// <summary>Branch decay exp(-dt / tau): divide 1, <c>FloatMath.Exp</c> 21.</summary>
    public const int BranchDecay = 22;

    /// <summary>
    /// Prediction: impedance 48, capacity 4, two decays 44, offset-corrected charge and mean current 3.
    /// Then efficiency over capacity, SOC change and Kahan sum 6, branch gains and voltages 10, and the SOC column
    /// of F 1. F P F' takes 78: 16 entries of F P and 10 upper entries of F P F', 3 each. Process noise takes 16.
    /// </summary>
    public const int Prediction = Impedance + Capacity + 2 * BranchDecay + 3 + 6 + 10 + 1 + 78 + 16;

    /// <summary>
    /// Correction: impedance 48, OCV 12, slope 29, model voltage with hysteresis and innovation 7, P H' 28
    /// (4 rows of 7).
    /// Then noise variance and S 9, gain 4, state 8, covariance bound checks 12, and the Joseph update 104
    /// (A P 32, m 28, K R 4, and 10 upper entries of 4).
    /// </summary>
    public const int Correction = Impedance + OpenCircuitVoltage + OpenCircuitVoltageSlope + 7 + 28 + 9 + 4 + 8 + 104 + 12;

    /// <summary>One <see cref="SocEstimator.Step"/>.</summary>
    public const int SocEstimatorStep = Prediction + Correction;

    /// <summary>
    /// <see cref="PackSocEstimator.Step"/>, part independent of the cell count: mean divide 1, the average
    /// cell's filter, delta process variance 2, OCV and slope at the average SOC and the noise variance 42.
    /// </summary>
    public const int PackFixed = 1 + SocEstimatorStep + 2 + OpenCircuitVoltage + OpenCircuitVoltageSlope + 1;

    /// <summary>
    /// <see cref="PackSocEstimator.Step"/>, per cell: mean sum 1, variance prediction 1, voltage difference 1,
    /// OCV at SOC + ΔSOC 13, predicted difference and innovation 2, chord slope 1, gain 5, state 2, variance 3.
    /// </summary>
    public const int PackPerCell = 1 + 1 + 1 + (1 + OpenCircuitVoltage) + 2 + 1 + 5 + 2 + 3;

    /// <summary>Operations of one pack step with the bar-delta split.</summary>
    public static int BarDelta(int cellCount) => PackFixed + PackPerCell * cellCount;

    /// <summary>Operations of one step of a full filter per cell.</summary>
    public static int FullFilterPerCell(int cellCount) => SocEstimatorStep * cellCount;

    /// <summary>
    /// Throws <see cref="InvalidOperationException"/> when <paramref name="parameters"/> and
    /// <paramref name="temperatureCelsius"/> break an assumption of the counts.
    /// </summary>
    public static void CheckAssumptions(CellParameters parameters, float temperatureCelsius)
    {
        if (parameters.OcvTemperaturesCelsius.Length != 2 || parameters.ImpedanceTemperaturesCelsius.Length != 2 ||
            parameters.CapacityTemperaturesCelsius.Length != 2)
        {
            throw new InvalidOperationException(
                "The operation counts assume two OCV, impedance and capacity rows. Recount the blocks in SocOperationCount for this cell definition.");
        }

        if (parameters.HysteresisTemperaturesCelsius.Length != 0)
        {
            throw new InvalidOperationException(
                "The operation counts assume a cell definition without hysteresis. Recount the blocks in SocOperationCount.");
        }

        if (temperatureCelsius != parameters.OcvTemperaturesCelsius[1] ||
            temperatureCelsius != parameters.ImpedanceTemperaturesCelsius[1] ||
            temperatureCelsius != parameters.CapacityTemperaturesCelsius[1])
        {
            throw new InvalidOperationException(
                "The operation counts assume a temperature at the last point of every temperature axis. Recount the blocks in SocOperationCount.");
        }
    }

    /// <summary>Summary column with the operation count of each benchmark case.</summary>
    public sealed class Column : IColumn
    {
        public string Id => "FlopsPerStep";

        public string ColumnName => "FlopsPerStep";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Float +, -, *, / per 100 ms step, from the per-block hand count in docs/benchmarks.md";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            int cellCount = Convert.ToInt32(benchmarkCase.Parameters["CellCount"], CultureInfo.InvariantCulture);
            int count = benchmarkCase.Descriptor.WorkloadMethod.Name == nameof(PackSocEstimatorBenchmarks.BarDelta)
                ? BarDelta(cellCount)
                : FullFilterPerCell(cellCount);
            return count.ToString(CultureInfo.InvariantCulture);
        }

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}

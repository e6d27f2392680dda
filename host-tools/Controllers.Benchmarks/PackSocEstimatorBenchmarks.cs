using System.IO;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Controllers.Firmware.Bms.Estimation;
using Controllers.Simulation.Boards;

namespace Controllers.Benchmarks;

/// <summary>
/// Time and allocation of one 100 ms pack SOC step for a string of 6, 18 or 30 cells with the shipped
/// LG 18650HG2 definition. <see cref="BarDelta"/> runs <see cref="PackSocEstimator"/>.
/// <see cref="FullFilterPerCell"/> runs one <see cref="SocEstimator"/> per cell on the same inputs, which
/// is the cost that the bar-delta split avoids. The <c>FlopsPerStep</c> column adds the hand-counted
/// float operations of each case from <see cref="SocOperationCount"/>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(OperationCountConfig))]
public class PackSocEstimatorBenchmarks
{
    private const float TemperatureCelsius = 25f;

    private PackSocEstimator pack = null!;
    private SocEstimator[] cells = null!;
    private float[] voltages = null!;
    private bool high;

    [Params(6, 18, 30)]
    public int CellCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var cell = CellDefinitionFile.Load(Path.Combine(Repository.Root(), "boards", "cells", "lg-18650hg2.yaml"));
        SocOperationCount.CheckAssumptions(cell.Parameters, TemperatureCelsius);
        pack = new PackSocEstimator(cell.Parameters, CellCount, new SocEstimatorSettings(), new DeltaSocSettings());
        pack.Reset(0.6f);
        cells = new SocEstimator[CellCount];
        voltages = new float[CellCount];
        for (int i = 0; i < CellCount; i++)
        {
            cells[i] = new SocEstimator(cell.Parameters, new SocEstimatorSettings());
            cells[i].Reset(0.6f);
        }
    }

    // A 2 A discharge over 100 ms. The voltages alternate by ±10 mV around 3.7 V, and the cells sit 1 mV
    // apart in groups of ten, so every correction does real work.
    private void NextVoltages()
    {
        high = !high;
        float offset = high ? 0.01f : -0.01f;
        for (int i = 0; i < voltages.Length; i++)
        {
            voltages[i] = 3.7f + offset + 0.001f * (i % 10);
        }
    }

    [Benchmark(Baseline = true)]
    public float FullFilterPerCell()
    {
        NextVoltages();
        float sum = 0f;
        for (int i = 0; i < cells.Length; i++)
        {
            cells[i].Step(-0.2f, 0.1f, voltages[i], -2f, TemperatureCelsius);
            sum += cells[i].StateOfCharge;
        }

        return sum;
    }

    [Benchmark]
    public float BarDelta()
    {
        NextVoltages();
        pack.Step(-0.2f, 0.1f, voltages, -2f, TemperatureCelsius);
        return pack.GetCellStateOfCharge(0);
    }

    private sealed class OperationCountConfig : ManualConfig
    {
        public OperationCountConfig()
        {
            AddColumn(new SocOperationCount.Column());
        }
    }
}

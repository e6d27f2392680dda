using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using Controllers.Firmware.Bms.Estimation;
using Controllers.Simulation.Boards;

namespace Controllers.Benchmarks;

/// <summary>
/// Time and allocation of one SOC estimation step with the shipped LG 18650HG2 definition. The firmware
/// runs it every 100 ms per cell, so host nanoseconds translate into a share of the board's budget only
/// after a measurement on the board itself.
/// </summary>
[MemoryDiagnoser]
public class EstimatorBenchmarks
{
    private SocEstimator estimator = null!;
    private float voltage = 3.7f;

    [GlobalSetup]
    public void Setup()
    {
        var cell = CellDefinitionFile.Load(Path.Combine(Repository.Root(), "boards", "cells", "lg-18650hg2.yaml"));
        estimator = new SocEstimator(cell.Parameters, new SocEstimatorSettings());
        estimator.Reset(0.6f);
    }

    [Benchmark]
    public float Step()
    {
        // A 2 A discharge over 100 ms, with the voltage alternating so the correction does real work.
        voltage = voltage > 3.7f ? 3.69f : 3.71f;
        estimator.Step(-0.2f, 0.1f, voltage, -2f, 25f);
        return estimator.StateOfCharge;
    }
}

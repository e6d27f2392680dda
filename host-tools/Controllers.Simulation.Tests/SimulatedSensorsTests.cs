using System;
using Controllers.Simulation.Data;
using Controllers.Simulation.Replay;
using Xunit;

namespace Controllers.Simulation.Tests;

public class SimulatedSensorsTests
{
    // Samples at 0, 1, 2 and 4 s.
    private static ReplayPlant TinyPlant() => new(
        new CellRecording("tiny",
            new[] { 0.0, 1.0, 2.0, 4.0 },
            new[] { 4.0f, 3.9f, 3.8f, 3.7f },
            new[] { -1f, -2f, -3f, -4f },
            new[] { 20f, 21f, 22f, 23f },
            new[] { 0.0, -0.01, -0.02, -0.04 }),
        0.0, 2.0);

    [Fact]
    public void Read_AppliesGainAndOffset()
    {
        var clock = new SimulatedClock();
        var errors = new SensorErrorSettings
        {
            VoltageGainError = 0.001,
            VoltageOffsetVolts = 0.002,
            CurrentGainError = -0.01,
            CurrentOffsetAmperes = 0.05,
            TemperatureOffsetCelsius = 1.5,
        };
        var sensors = new SimulatedSensors(TinyPlant(), clock, errors);
        var cells = new float[1];

        sensors.TryRead(cells);
        sensors.TryReadAmperes(out float current);
        sensors.TryReadCelsius(0, out float temperature);

        Assert.Equal(4.006f, cells[0], 1e-6f);     // 4.0 * 1.001 + 0.002
        Assert.Equal(-0.94f, current, 1e-6f);      // -1 * 0.99 + 0.05
        Assert.Equal(21.5f, temperature, 1e-6f);   // 20 + 1.5
    }

    [Fact]
    public void Read_FollowsSimulatedClock()
    {
        var clock = new SimulatedClock();
        var sensors = new SimulatedSensors(TinyPlant(), clock, SensorErrorSettings.None);
        var cells = new float[1];

        clock.AdvanceTo(2_500_000);
        sensors.TryRead(cells);
        sensors.TryReadAmperes(out float current);

        // At 2.5 s the sensors return the sample recorded at 2 s.
        Assert.Equal(3.8f, cells[0]);
        Assert.Equal(-3f, current);
    }

    [Fact]
    public void Noise_HasRequestedStandardDeviation()
    {
        // 1 % of 4.0 V is 0.04 V. The standard error of a sample standard deviation over n = 20 000 reads
        // is about 0.04 / sqrt(2 n) = 0.0002 V, so 0.0012 V is six standard errors. The mean gets six of
        // its own standard errors, 6 * 0.04 / sqrt(n) = 0.0017 V.
        var clock = new SimulatedClock();
        var sensors = new SimulatedSensors(TinyPlant(), clock, new SensorErrorSettings { VoltageNoiseFraction = 0.01, Seed = 3 });
        var cells = new float[1];
        const int n = 20_000;
        double sum = 0;
        double sumOfSquares = 0;
        for (int i = 0; i < n; i++)
        {
            sensors.TryRead(cells);
            sum += cells[0];
            sumOfSquares += (double)cells[0] * cells[0];
        }

        double mean = sum / n;
        double deviation = Math.Sqrt((sumOfSquares - n * mean * mean) / (n - 1));

        Assert.Equal(4.0, mean, 0.04 * 6 / Math.Sqrt(n));
        Assert.Equal(0.04, deviation, 0.0012);
    }

    [Fact]
    public void Noise_RepeatsForSameSeed()
    {
        var errors = new SensorErrorSettings { CurrentNoiseAmperes = 0.1, Seed = 11 };
        var first = new SimulatedSensors(TinyPlant(), new SimulatedClock(), errors);
        var second = new SimulatedSensors(TinyPlant(), new SimulatedClock(), errors);

        for (int i = 0; i < 100; i++)
        {
            first.TryReadAmperes(out float a);
            second.TryReadAmperes(out float b);
            Assert.Equal(a, b);
        }
    }
}

using System;
using Controllers.Firmware.Bms.Current;
using Controllers.Firmware.Bms.Tasks;
using Controllers.Firmware.Common.Hal;
using Xunit;

namespace Controllers.Firmware.Bms.Tests;

public class ChargeCounterTests
{
    private const long StepMicroseconds = 10_000;

    [Fact]
    public void ConstantOneAmpereForOneHour_IsOneAmpereHourExactly()
    {
        var counter = new ChargeCounter(1_000_000);

        // 360 001 samples at 10 ms span 0 to 3600 s: 360 000 intervals of 1 A × 0.01 s = 3600 A s = 1 Ah.
        for (long step = 0; step <= 360_000; step++)
        {
            counter.Add(step * StepMicroseconds, 1f);
        }

        Assert.Equal(3_600_000_000L, counter.NetMicroampereSeconds);
        Assert.Equal(1f, counter.NetAmpereHours);
        Assert.Equal(3_600_000_000L, counter.ChargeThroughputMicroampereSeconds);
        Assert.Equal(0L, counter.DischargeThroughputMicroampereSeconds);
    }

    [Fact]
    public void OneDayAtTenMilliseconds_LosesNothing()
    {
        var counter = new ChargeCounter(1_000_000);
        float floatSum = 0f;

        // 2.5 A for one day: 2.5 × 86 400 s = 216 000 A s = 2.16e11 µA s, 8.64 million steps.
        for (long step = 0; step <= 8_640_000; step++)
        {
            counter.Add(step * StepMicroseconds, 2.5f);
            if (step > 0)
            {
                floatSum += 2.5f * 0.01f;
            }
        }

        Assert.Equal(216_000_000_000L, counter.NetMicroampereSeconds);

        // A plain float sum of the same steps rounds each 0.025 A s step to the float spacing of the sum
        // (0.015625 A s from 131 072 A s up), so it ends far from 216 000 A s.
        Assert.True(Math.Abs(floatSum - 216_000f) > 1_000f, $"A float sum reached {floatSum} A s.");
    }

    [Fact]
    public void HalfSine_MatchesAnalyticIntegral()
    {
        var counter = new ChargeCounter(1_000_000);
        const double amplitude = 100.0;
        const double period = 100.0;

        // ∫0^50 s 100 sin(2π t / 100) dt = 100 × 100 / π = 3183.098862 A s. The trapezoidal rule's relative
        // error is about (ω h)² / 12 = (0.0628 × 0.01)² / 12 = 3.3e-8, below the 1e-6 tolerance.
        for (long step = 0; step <= 5_000; step++)
        {
            double seconds = step * 0.01;
            counter.Add(step * StepMicroseconds, (float)(amplitude * Math.Sin(2 * Math.PI * seconds / period)));
        }

        double expectedMicroampereSeconds = amplitude * period / Math.PI * 1e6;
        Assert.Equal(expectedMicroampereSeconds, counter.NetMicroampereSeconds, expectedMicroampereSeconds * 1e-6);
    }

    [Fact]
    public void FullSine_SplitsIntoEqualThroughputs()
    {
        var counter = new ChargeCounter(1_000_000);

        // Over a full period the net charge is 0 and each half moves 3183.098862 A s.
        for (long step = 0; step <= 10_000; step++)
        {
            double seconds = step * 0.01;
            counter.Add(step * StepMicroseconds, (float)(100.0 * Math.Sin(2 * Math.PI * seconds / 100.0)));
        }

        Assert.True(Math.Abs(counter.NetMicroampereSeconds) < 5_000, $"Net charge {counter.NetMicroampereSeconds} µA s.");
        Assert.Equal(3183.098862e6, counter.ChargeThroughputMicroampereSeconds, 3200.0);
        Assert.Equal(3183.098862e6, counter.DischargeThroughputMicroampereSeconds, 3200.0);
    }

    [Fact]
    public void SignChange_ThroughputsAndNet()
    {
        var counter = new ChargeCounter(1_000_000);

        // Samples 0..100 at +1 A, 101..200 at -2 A, 10 ms apart:
        // charge = 100 intervals × 1 A × 0.01 s = 1 A s;
        // the interval from +1 A to -2 A has the trapezoid (1 - 2) / 2 × 0.01 = -0.005 A s;
        // then 99 intervals × -2 A × 0.01 s = -1.98 A s; discharge = 1.985 A s, net = -0.985 A s.
        for (long step = 0; step <= 200; step++)
        {
            counter.Add(step * StepMicroseconds, step <= 100 ? 1f : -2f);
        }

        Assert.Equal(1_000_000L, counter.ChargeThroughputMicroampereSeconds);
        Assert.Equal(1_985_000L, counter.DischargeThroughputMicroampereSeconds);
        Assert.Equal(-985_000L, counter.NetMicroampereSeconds);
    }

    [Fact]
    public void SmallCurrent_KeepsRemainderBetweenSteps()
    {
        var counter = new ChargeCounter(1_000_000);

        // 3 µA for 10 ms is 0.03 µA s per step: a counter that rounded each step would stay at 0.
        // 1001 samples give 1000 intervals: 30 µA s.
        for (long step = 0; step <= 1_000; step++)
        {
            counter.Add(step * StepMicroseconds, 3e-6f);
        }

        Assert.Equal(30L, counter.NetMicroampereSeconds);
    }

    [Fact]
    public void LongGap_SkippedAndCounted()
    {
        var counter = new ChargeCounter(1_000_000);

        counter.Add(0, 10f);
        counter.Add(2_000_000, 10f);
        counter.Add(2_010_000, 10f);

        // Only the last 10 ms interval counts: 10 A × 0.01 s = 0.1 A s.
        Assert.Equal(100_000L, counter.NetMicroampereSeconds);
        Assert.Equal(1, counter.SkippedIntervalCount);
    }

    [Fact]
    public void ResetNet_KeepsThroughput()
    {
        var counter = new ChargeCounter(1_000_000);
        counter.Add(0, 1f);
        counter.Add(1_000_000, 1f);

        counter.ResetNet();

        Assert.Equal(0L, counter.NetMicroampereSeconds);
        Assert.Equal(1_000_000L, counter.ChargeThroughputMicroampereSeconds);
    }

    [Theory]
    [InlineData(999L)]
    [InlineData(100_000_001L)]
    public void Constructor_RejectsIntervalLimit(long maxIntervalMicroseconds)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ChargeCounter(maxIntervalMicroseconds));
        Assert.Equal("maxIntervalMicroseconds", error.ParamName);
    }

    private sealed class ConstantCurrentSensor : ICurrentSensor
    {
        public bool TryReadAmperes(out float currentAmperes)
        {
            currentAmperes = -1f;
            return true;
        }
    }

    [Fact]
    public void SamplingTask_CountsOneHourDischarge()
    {
        var task = new CurrentSamplingTask(new ConstantCurrentSensor());

        for (long step = 0; step <= 360_000; step++)
        {
            task.Run(step * StepMicroseconds);
        }

        // -1 A for 3600 s: 1 Ah discharged.
        Assert.Equal(-3_600_000_000L, task.ChargeCounter.NetMicroampereSeconds);
        Assert.Equal(3_600_000_000L, task.ChargeCounter.DischargeThroughputMicroampereSeconds);
    }
}

using Controllers.Firmware.Bms.Tasks;
using Controllers.Firmware.Common.Hal;
using Xunit;

namespace Controllers.Firmware.Bms.Tests;

public class CurrentSamplingTaskTests
{
    /// <summary>Current sensor that returns a scripted sequence, in which NaN is a failed read.</summary>
    private sealed class ScriptedCurrentSensor : ICurrentSensor
    {
        private readonly float[] script;
        private int next;

        public ScriptedCurrentSensor(params float[] script)
        {
            this.script = script;
        }

        public bool TryReadAmperes(out float currentAmperes)
        {
            float value = script[next];
            next++;
            currentAmperes = float.IsNaN(value) ? 0f : value;
            return !float.IsNaN(value);
        }
    }

    /// <summary>Sensor that returns the same current on every read.</summary>
    private sealed class ConstantCurrentSensor : ICurrentSensor
    {
        private readonly float amperes;

        public ConstantCurrentSensor(float amperes)
        {
            this.amperes = amperes;
        }

        public bool TryReadAmperes(out float currentAmperes)
        {
            currentAmperes = amperes;
            return true;
        }
    }

    [Fact]
    public void Charge_TrapezoidalOverIrregularSamples()
    {
        var task = new CurrentSamplingTask(new ScriptedCurrentSensor(1f, 3f, -1f, 2f));
        task.Run(0);
        task.Run(10_000);
        task.Run(20_000);
        task.Run(35_000);

        float charge = task.TakeCharge(out float elapsed);

        // 0.5 (1 + 3) 0.010 + 0.5 (3 - 1) 0.010 + 0.5 (-1 + 2) 0.015 = 0.02 + 0.01 + 0.0075 = 0.0375 A s
        Assert.Equal(0.0375f, charge, 1e-7f);
        Assert.Equal(0.035f, elapsed, 1e-7f);
    }

    [Fact]
    public void Charge_FirstSampleCountsNothing()
    {
        var task = new CurrentSamplingTask(new ScriptedCurrentSensor(5f));
        task.Run(123_000);

        float charge = task.TakeCharge(out float elapsed);

        Assert.Equal(0f, charge);
        Assert.Equal(0f, elapsed);
        Assert.True(task.HasSample);
        Assert.Equal(5f, task.LatestCurrentAmperes);
    }

    [Fact]
    public void TakeCharge_StartsNewCountFromLastSample()
    {
        var task = new CurrentSamplingTask(new ScriptedCurrentSensor(2f, 2f, 0f));
        task.Run(0);
        task.Run(10_000);
        task.TakeCharge(out _);

        float empty = task.TakeCharge(out float emptyElapsed);
        task.Run(20_000);
        float charge = task.TakeCharge(out float elapsed);

        Assert.Equal(0f, empty);
        Assert.Equal(0f, emptyElapsed);

        // The interval after the first take still counts: 0.5 (2 + 0) 0.010 = 0.01 A s.
        Assert.Equal(0.01f, charge, 1e-7f);
        Assert.Equal(0.01f, elapsed, 1e-7f);
    }

    [Fact]
    public void FailedRead_HoldsSampleAndBridgesGap()
    {
        var task = new CurrentSamplingTask(new ScriptedCurrentSensor(-2f, float.NaN, 4f));
        task.Run(0);
        task.Run(10_000);

        Assert.Equal(1, task.FailedReadCount);
        Assert.Equal(-2f, task.LatestCurrentAmperes);

        task.Run(20_000);
        float charge = task.TakeCharge(out float elapsed);

        // One trapezoid from the last valid sample: 0.5 (-2 + 4) 0.020 = 0.02 A s.
        Assert.Equal(0.02f, charge, 1e-7f);
        Assert.Equal(0.02f, elapsed, 1e-7f);
    }

    [Fact]
    public void Charge_OneHourAtConstantCurrentStaysExact()
    {
        // 1.5 A for 3600 s in 10 ms samples is 5400 A s. A plain float sum of 360 000 increments of
        // 0.015 A s ends at 5398.73 A s, so the compensated sum must do better: within 1e-6 relative.
        var task = new CurrentSamplingTask(new ConstantCurrentSensor(1.5f));
        for (long t = 0; t <= 3_600_000_000; t += 10_000)
        {
            task.Run(t);
        }

        float charge = task.TakeCharge(out _);

        Assert.Equal(5400.0, charge, 5400.0 * 1e-6);
    }

    [Fact]
    public void TakeCharge_PartsAddUpOverOneHour()
    {
        // Same hour, taken as the estimator takes it. Sum of the parts in double: 5400 A s and 3600 s.
        var task = new CurrentSamplingTask(new ConstantCurrentSensor(1.5f));
        double charge = 0;
        double elapsed = 0;
        for (long t = 0; t <= 3_600_000_000; t += 10_000)
        {
            task.Run(t);
            if (t % 100_000 == 0)
            {
                charge += task.TakeCharge(out float seconds);
                elapsed += seconds;
            }
        }

        Assert.Equal(5400.0, charge, 5400.0 * 1e-6);
        Assert.Equal(3600.0, elapsed, 3600.0 * 1e-6);
    }
}

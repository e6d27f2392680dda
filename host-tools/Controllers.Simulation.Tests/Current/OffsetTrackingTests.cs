using System;
using Controllers.Firmware.Bms.Current;
using Xunit;

namespace Controllers.Simulation.Tests.Current;

/// <summary>
/// Offset tracking on the shunt chain: the calibration starts with offset 0 while the ADC has a 20 µV
/// (0.2 A) offset, so the tracked offset must reach 0.2 A at rest and stay at 0 otherwise.
/// </summary>
public class OffsetTrackingTests
{
    private static readonly OffsetTrackingSettings Tracking = new()
    {
        RestThresholdAmperes = 0.5f,
        RestTimeMilliseconds = 30_000,
        TrackingFraction = 0.002f,
        MaxStepAmperes = 0.0005f,
    };

    private static void RunFor(ShuntChain chain, int milliseconds)
    {
        for (int elapsed = 0; elapsed < milliseconds; elapsed += 10)
        {
            chain.ReadNext();
        }
    }

    [Fact]
    public void AtRest_ConvergesToAdcOffset()
    {
        var chain = new ShuntChain(Tracking) { CurrentAmperes = 0 };
        chain.Sensor.ContactorsOpen = true;

        // After the 30 s rest time, 0.2 A × 0.002 = 0.4 mA per sample stays under the 0.5 mA step limit,
        // so the error decays as e^(-n / 500). After 9000 samples it is 0.2 A × e^-18, far below 1 mA.
        RunFor(chain, 120_000);

        Assert.Equal(0.2, chain.Calibration.OffsetAmperes, 0.002);
        Assert.True(Math.Abs(chain.ReadNext()) < 0.015);
    }

    [Fact]
    public void BeforeRestTime_OffsetUnchanged()
    {
        var chain = new ShuntChain(Tracking) { CurrentAmperes = 0 };
        chain.Sensor.ContactorsOpen = true;

        RunFor(chain, 29_000);

        Assert.Equal(0f, chain.Calibration.OffsetAmperes);
        Assert.Equal(0, chain.Sensor.TrackedSampleCount);
    }

    [Fact]
    public void StepPerSample_IsBounded()
    {
        var tracking = new OffsetTrackingSettings
        {
            RestThresholdAmperes = 2f,
            RestTimeMilliseconds = 30_000,
            TrackingFraction = 0.002f,
            MaxStepAmperes = 0.0005f,
        };
        var chain = new ShuntChain(tracking) { CurrentAmperes = 0 };
        chain.Calibration.OffsetAmperes = -1f;
        chain.Sensor.ContactorsOpen = true;

        // The offset error is 0.2 A - (-1 A) = 1.2 A, and 1.2 A × 0.002 = 2.4 mA per sample exceeds the
        // 0.5 mA limit. The rest starts at the first read (10 ms), so tracking runs from 30.01 s to 31 s:
        // 100 samples × 0.5 mA = 50 mA.
        RunFor(chain, 31_000);

        Assert.Equal(-1f + 0.05f, chain.Calibration.OffsetAmperes, 0.0006f);
        Assert.Equal(100, chain.Sensor.TrackedSampleCount);
    }

    [Fact]
    public void UnderLoad_OffsetUnchanged()
    {
        var chain = new ShuntChain(Tracking) { CurrentAmperes = 30 };
        chain.Sensor.ContactorsOpen = true;

        RunFor(chain, 120_000);

        Assert.Equal(0f, chain.Calibration.OffsetAmperes);
    }

    [Fact]
    public void ContactorsClosed_OffsetUnchanged()
    {
        var chain = new ShuntChain(Tracking) { CurrentAmperes = 0 };
        chain.Sensor.ContactorsOpen = false;

        RunFor(chain, 120_000);

        Assert.Equal(0f, chain.Calibration.OffsetAmperes);
    }

    [Fact]
    public void LoadPulse_RestartsRestTime()
    {
        var chain = new ShuntChain(Tracking) { CurrentAmperes = 0 };
        chain.Sensor.ContactorsOpen = true;

        RunFor(chain, 20_000);
        chain.CurrentAmperes = 5;
        RunFor(chain, 1_000);
        chain.CurrentAmperes = 0;
        RunFor(chain, 20_000);

        Assert.Equal(0f, chain.Calibration.OffsetAmperes);
    }

    [Fact]
    public void Drift_LimitedAndCounted()
    {
        var tracking = new OffsetTrackingSettings
        {
            RestThresholdAmperes = 0.5f,
            RestTimeMilliseconds = 1_000,
            MaxDriftAmperes = 0.05f,
        };
        var chain = new ShuntChain(tracking) { CurrentAmperes = 0 };
        chain.Sensor.ContactorsOpen = true;

        RunFor(chain, 60_000);

        Assert.Equal(0.05f, chain.Calibration.OffsetAmperes, 0.00001f);
        Assert.True(chain.Sensor.DriftLimitCount > 0);
    }
}

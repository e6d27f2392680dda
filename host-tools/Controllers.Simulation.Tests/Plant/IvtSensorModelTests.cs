using System.Collections.Generic;
using Controllers.Firmware.Bms.Current;
using Controllers.Firmware.Common.Can;
using Controllers.Simulation.Plant;
using Xunit;

namespace Controllers.Simulation.Tests.Plant;

/// <summary>The IVT-S model's frames, checked byte by byte and through the firmware's IVT sensor.</summary>
public class IvtSensorModelTests
{
    private readonly SimulatedClock clock = new();
    private readonly List<CanFrame> sent = new();
    private double currentAmperes;

    private void Collect(CanFrame frame)
    {
        var copy = new CanFrame();
        copy.CopyFrom(frame);
        sent.Add(copy);
    }

    [Fact]
    public void CurrentFrame_MatchesDbcLayout()
    {
        currentAmperes = 100.0;
        var model = new IvtSensorModel(() => currentAmperes);

        model.AdvanceTo(0, Collect);

        // First IVT_Result_I: id 0x521, mux 0, counter 1 / status 0, 100 A = 100000 mA = 0x000186A0.
        CanFrame frame = sent[0];
        Assert.Equal(0x521u, frame.Id);
        Assert.Equal(6, frame.Length);
        Assert.Equal(new byte[] { 0x00, 0x01, 0x00, 0x01, 0x86, 0xA0 }, frame.Data[..6]);
    }

    [Fact]
    public void Frames_SentAtDbcCycleTimes()
    {
        var model = new IvtSensorModel(() => 0.0);

        model.AdvanceTo(1_000_000, Collect);

        // Current every 20 ms from 0 to 1000 ms: 51 frames; U1-U3 every 100 ms: 11 × 3; T every 1000 ms: 2.
        Assert.Equal(51, sent.FindAll(f => f.Id == 0x521).Count);
        Assert.Equal(11, sent.FindAll(f => f.Id == 0x522).Count);
        Assert.Equal(11, sent.FindAll(f => f.Id == 0x524).Count);
        Assert.Equal(2, sent.FindAll(f => f.Id == 0x525).Count);
        Assert.Equal(86, model.FramesSent);
    }

    [Fact]
    public void Counter_WrapsAfterFifteen()
    {
        var model = new IvtSensorModel(() => 0.0);

        model.AdvanceTo(320_000, Collect);

        List<CanFrame> current = sent.FindAll(f => f.Id == 0x521);
        Assert.Equal(15, current[14].Data[1] & 0x0F);
        Assert.Equal(0, current[15].Data[1] & 0x0F);
        Assert.Equal(1, current[16].Data[1] & 0x0F);
    }

    [Fact]
    public void FirmwareSensor_ReadsModelledErrors()
    {
        currentAmperes = 100.0;
        var model = new IvtSensorModel(() => currentAmperes, new IvtSensorModelSettings { GainError = 0.0005, OffsetAmperes = 0.01 });
        var sensor = new IvtCurrentSensor(clock, new IvtSensorSettings());

        for (long time = 0; time <= 1_000_000; time += 10_000)
        {
            clock.AdvanceTo(time);
            model.AdvanceTo(time, frame => sensor.HandleFrame(frame));
        }

        Assert.True(sensor.TryReadAmperes(out float amperes));

        // 100 A × 1.0005 + 0.01 A = 100.06 A, sent as 100060 mA.
        Assert.Equal(100.06f, amperes, 0.0005f);
        Assert.Equal(0, sensor.CounterJumpCount);
        Assert.Equal(0, sensor.RepeatedCounterCount);
    }

    [Fact]
    public void Calibration_BringsIvtWithinTenthPercent()
    {
        var model = new IvtSensorModel(() => currentAmperes,
            new IvtSensorModelSettings { GainError = 0.003, OffsetAmperes = 0.15, NoiseAmperesRms = 0.005, Seed = 3 });
        var ivt = new IvtCurrentSensor(clock, new IvtSensorSettings());
        var calibration = new CurrentCalibration();
        var sensor = new CalibratedCurrentSensor(ivt, calibration, new OffsetTrackingSettings { Enabled = false }, clock);
        long time = 0;

        float ReadAfter(double amperes, int frames)
        {
            currentAmperes = amperes;
            float sum = 0f;
            for (int i = 0; i < frames; i++)
            {
                time += 20_000;
                clock.AdvanceTo(time);
                model.AdvanceTo(time, frame => ivt.HandleFrame(frame));
                Assert.True(sensor.TryReadAmperes(out float reading));
                sum += reading;
            }

            return sum / frames;
        }

        // The IVT source gets its own two-point calibration at 0 A and 1000 A, 50 frames (1 s) each.
        float rawLow = ReadAfter(0, 50);
        float rawHigh = ReadAfter(1000, 50);
        calibration.SetFromTwoPoints(rawLow, 0f, rawHigh, 1000f);

        // Uncalibrated, 50 A reads 50 × 1.003 + 0.15 = 50.30 A (0.6 % high); calibrated it must be within 0.1 %.
        foreach (double amperes in new[] { 50.0, 200.0, 1000.0, 2000.0, -50.0, -2000.0 })
        {
            float reading = ReadAfter(amperes, 1);
            double errorPercent = System.Math.Abs(reading - amperes) / System.Math.Abs(amperes) * 100;
            Assert.True(errorPercent <= 0.1, $"{amperes} A read {reading} A, error {errorPercent:F4} %.");
        }
    }

    [Fact]
    public void Loss_ReportedAfterTimeout()
    {
        var model = new IvtSensorModel(() => 50.0);
        var sensor = new IvtCurrentSensor(clock, new IvtSensorSettings { CurrentTimeoutMilliseconds = 100 });
        var results = new List<bool>();

        for (long time = 0; time <= 400_000; time += 10_000)
        {
            clock.AdvanceTo(time);
            model.Lost = time >= 200_000;
            model.AdvanceTo(time, frame => sensor.HandleFrame(frame));
            results.Add(sensor.TryReadAmperes(out _));
        }

        // The last frame goes out at 180 ms, so reads pass up to 280 ms and fail from 290 ms on.
        Assert.True(results[28]);
        Assert.False(results[29]);
        Assert.False(results[40]);
        Assert.Equal(1, sensor.TimeoutCount);
    }

    [Fact]
    public void StatusError_ReportedByFirmware()
    {
        var model = new IvtSensorModel(() => 50.0) { StatusBits = 0x2 };
        var sensor = new IvtCurrentSensor(clock, new IvtSensorSettings());

        model.AdvanceTo(0, frame => sensor.HandleFrame(frame));

        Assert.False(sensor.TryReadAmperes(out _));
        Assert.Equal(2, sensor.Status(IvtCurrentSensor.ResultCurrent));
    }

    [Fact]
    public void FrozenCounter_DiscardedByFirmware()
    {
        var model = new IvtSensorModel(() => 50.0) { FreezeCounter = true };
        var sensor = new IvtCurrentSensor(clock, new IvtSensorSettings());

        for (long time = 0; time <= 200_000; time += 20_000)
        {
            clock.AdvanceTo(time);
            model.AdvanceTo(time, frame => sensor.HandleFrame(frame));
        }

        // 0 to 200 ms: 11 current frames repeat 10 times; U1, U2 and U3 (0, 100, 200 ms) twice each.
        Assert.Equal(10 + 3 * 2, sensor.RepeatedCounterCount);
        Assert.False(sensor.TryReadAmperes(out _));
    }
}

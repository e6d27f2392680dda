using System;
using Controllers.Firmware.Bms.Current;
using Controllers.Firmware.Common.Can;
using Xunit;

namespace Controllers.Firmware.Bms.Tests;

/// <summary>
/// IVT-S frames written byte by byte from the layout in boards/can/bms.dbc: byte 0 is the mux id, byte 1
/// contains the counter in bits 0-3 and the status in bits 4-7, bytes 2-5 a signed 32-bit big-endian value
/// (mA, mV or 0.1 °C).
/// </summary>
public class IvtCurrentSensorTests
{
    private readonly TestClock clock = new();

    private IvtCurrentSensor CreateSensor(IvtSensorSettings? settings = null) =>
        new(clock, settings ?? new IvtSensorSettings());

    private static CanFrame Frame(uint id, params byte[] data)
    {
        var frame = new CanFrame { Length = data.Length };
        frame.SetId(id, false);
        data.CopyTo(frame.Data, 0);
        return frame;
    }

    // 123.456 A = 123456 mA = 0x0001E240.
    private static CanFrame Current123A(byte counterAndStatus) =>
        Frame(0x521, 0x00, counterAndStatus, 0x00, 0x01, 0xE2, 0x40);

    [Fact]
    public void Current_DecodedFromHandBuiltFrame()
    {
        var sensor = CreateSensor();

        Assert.True(sensor.HandleFrame(Current123A(0x01)));

        Assert.True(sensor.TryReadAmperes(out float amperes));
        Assert.Equal(123.456f, amperes, 0.0005f);
    }

    [Fact]
    public void Current_NegativeValueIsDischarge()
    {
        var sensor = CreateSensor();

        // -250.5 A = -250500 mA; 2^32 - 250500 = 0xFFFC2D7C.
        sensor.HandleFrame(Frame(0x521, 0x00, 0x03, 0xFF, 0xFC, 0x2D, 0x7C));

        Assert.True(sensor.TryReadAmperes(out float amperes));
        Assert.Equal(-250.5f, amperes, 0.0005f);
    }

    [Fact]
    public void Current_InvertPolarityFlipsSign()
    {
        var sensor = CreateSensor(new IvtSensorSettings { InvertPolarity = true });

        sensor.HandleFrame(Current123A(0x01));

        Assert.True(sensor.TryReadAmperes(out float amperes));
        Assert.Equal(-123.456f, amperes, 0.0005f);
    }

    [Fact]
    public void Voltages_DecodedPerInput()
    {
        var sensor = CreateSensor();

        // 400.123 V = 400123 mV = 0x00061AFB; 12.5 V = 12500 mV = 0x000030D4; -1 V = 0xFFFFFC18.
        sensor.HandleFrame(Frame(0x522, 0x01, 0x01, 0x00, 0x06, 0x1A, 0xFB));
        sensor.HandleFrame(Frame(0x523, 0x02, 0x01, 0x00, 0x00, 0x30, 0xD4));
        sensor.HandleFrame(Frame(0x524, 0x03, 0x01, 0xFF, 0xFF, 0xFC, 0x18));

        Assert.True(sensor.TryReadVoltage(1, out float u1));
        Assert.True(sensor.TryReadVoltage(2, out float u2));
        Assert.True(sensor.TryReadVoltage(3, out float u3));
        Assert.Equal(400.123f, u1, 0.0005f);
        Assert.Equal(12.5f, u2, 0.0005f);
        Assert.Equal(-1f, u3, 0.0005f);
    }

    [Fact]
    public void Temperature_DecodedInTenthsOfDegree()
    {
        var sensor = CreateSensor();

        // 31.5 °C = 315 × 0.1 °C = 0x0000013B.
        sensor.HandleFrame(Frame(0x525, 0x04, 0x01, 0x00, 0x00, 0x01, 0x3B));

        Assert.True(sensor.TryReadTemperatureCelsius(out float celsius));
        Assert.Equal(31.5f, celsius, 0.0001f);
    }

    [Fact]
    public void OtherIdentifier_NotHandled()
    {
        var sensor = CreateSensor();

        Assert.False(sensor.HandleFrame(Frame(0x520, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01)));
        Assert.False(sensor.TryReadAmperes(out _));
    }

    [Fact]
    public void NoFrameYet_ReadFails()
    {
        var sensor = CreateSensor();

        Assert.False(sensor.TryReadAmperes(out _));
    }

    [Fact]
    public void StatusError_ReadFailsUntilCleared()
    {
        var sensor = CreateSensor();

        // Counter 2, status 0b0001 in the high nibble: byte 1 = 0x12.
        sensor.HandleFrame(Current123A(0x12));
        Assert.False(sensor.TryReadAmperes(out _));
        Assert.Equal(1, sensor.StatusErrorCount);
        Assert.Equal(1, sensor.Status(IvtCurrentSensor.ResultCurrent));

        sensor.HandleFrame(Current123A(0x03));
        Assert.True(sensor.TryReadAmperes(out _));
    }

    [Fact]
    public void Timeout_ReportsSensorLoss()
    {
        var sensor = CreateSensor(new IvtSensorSettings { CurrentTimeoutMilliseconds = 100 });
        sensor.HandleFrame(Current123A(0x01));

        clock.AdvanceTo(100_000);
        Assert.True(sensor.TryReadAmperes(out _));

        clock.AdvanceTo(100_001);
        Assert.False(sensor.TryReadAmperes(out _));
        Assert.False(sensor.TryReadAmperes(out _));
        Assert.Equal(1, sensor.TimeoutCount);

        sensor.HandleFrame(Current123A(0x02));
        Assert.True(sensor.TryReadAmperes(out _));
    }

    [Fact]
    public void RepeatedCounter_FrameDiscarded()
    {
        var sensor = CreateSensor();
        sensor.HandleFrame(Current123A(0x05));
        clock.AdvanceTo(90_000);

        // Same counter 5, 200 A = 200000 mA = 0x00030D40.
        sensor.HandleFrame(Frame(0x521, 0x00, 0x05, 0x00, 0x03, 0x0D, 0x40));
        clock.AdvanceTo(110_000);

        Assert.Equal(1, sensor.RepeatedCounterCount);
        Assert.False(sensor.TryReadAmperes(out _));
    }

    [Fact]
    public void CounterJump_CountedButValueUsed()
    {
        var sensor = CreateSensor();
        sensor.HandleFrame(Current123A(0x0E));

        // 14 is followed by 0 instead of 15: one frame was lost.
        sensor.HandleFrame(Frame(0x521, 0x00, 0x00, 0x00, 0x03, 0x0D, 0x40));

        Assert.Equal(1, sensor.CounterJumpCount);
        Assert.True(sensor.TryReadAmperes(out float amperes));
        Assert.Equal(200f, amperes, 0.0005f);
    }

    [Fact]
    public void CounterWrap_FifteenToZeroIsInSequence()
    {
        var sensor = CreateSensor();
        sensor.HandleFrame(Current123A(0x0F));
        sensor.HandleFrame(Current123A(0x00));

        Assert.Equal(0, sensor.CounterJumpCount);
    }

    [Fact]
    public void WrongMuxId_Discarded()
    {
        var sensor = CreateSensor();

        sensor.HandleFrame(Frame(0x521, 0x01, 0x01, 0x00, 0x01, 0xE2, 0x40));

        Assert.Equal(1, sensor.MalformedFrameCount);
        Assert.False(sensor.TryReadAmperes(out _));
    }

    [Fact]
    public void ShortFrame_Discarded()
    {
        var sensor = CreateSensor();

        sensor.HandleFrame(Frame(0x521, 0x00, 0x01, 0x00, 0x01, 0xE2));

        Assert.Equal(1, sensor.MalformedFrameCount);
        Assert.False(sensor.TryReadAmperes(out _));
    }

    [Theory]
    [InlineData(19)]
    [InlineData(1001)]
    public void Settings_RejectCurrentTimeout(int milliseconds)
    {
        var settings = new IvtSensorSettings { CurrentTimeoutMilliseconds = milliseconds };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => CreateSensor(settings));
        Assert.Equal("CurrentTimeoutMilliseconds", error.ParamName);
    }

    [Fact]
    public void Voltage_RejectsInputOutsideOneToThree()
    {
        var sensor = CreateSensor();

        Assert.Throws<ArgumentOutOfRangeException>(() => sensor.TryReadVoltage(4, out _));
    }
}

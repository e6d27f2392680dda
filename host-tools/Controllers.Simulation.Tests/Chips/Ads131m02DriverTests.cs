using Controllers.Firmware.Bms.Current;
using Controllers.Simulation.Chips;
using Xunit;

namespace Controllers.Simulation.Tests.Chips;

/// <summary>The firmware ADS131M02 current driver running against the register-level emulator.</summary>
public class Ads131m02DriverTests
{
    private readonly SimulatedClock clock = new();
    private readonly Ads131m02Emulator chip;
    private readonly Ads131m02CurrentSensor driver;
    private double currentAmperes;

    public Ads131m02DriverTests()
    {
        chip = new Ads131m02Emulator(clock, () => currentAmperes);
        driver = new Ads131m02CurrentSensor(chip, new Ads131m02Settings());
    }

    [Fact]
    public void Initialize_WritesModeClockAndGain()
    {
        Assert.True(driver.Initialize());

        // MODE: reset value 0x0510 with RESET cleared and RX_CRC_EN (bit 12) set = 0x1110.
        Assert.Equal(0x1110, chip.Peek(0x02));
        // CLOCK: CH1_EN | CH0_EN (0x0300), OSR 111 in bits 4:2 (0x001C), PWR 10 (0x0002) = 0x031E.
        Assert.Equal(0x031E, chip.Peek(0x03));
        // GAIN1: PGAGAIN0 = 101 for gain 32.
        Assert.Equal(0x0005, chip.Peek(0x04));
        Assert.True(driver.IsInitialized);
    }

    [Fact]
    public void Initialize_SetsDataRateForOsr16256()
    {
        driver.Initialize();

        // 2 × 16256 / 8.192 MHz = 3968.75 µs (252 conversions per second).
        Assert.Equal(3968.75, chip.ConversionPeriodMicroseconds, 6);
    }

    [Theory]
    [InlineData(123.456)]
    [InlineData(-250.5)]
    [InlineData(0.05)]
    [InlineData(370.0)]
    public void Read_ReturnsShuntCurrent(double amperes)
    {
        currentAmperes = amperes;
        driver.Initialize();
        clock.Advance(10_000);

        Assert.True(driver.TryReadAmperes(out float reading));

        // One code is 1.2 V / (32 × 2^23) = 4.47 nV, 44.7 µA on 100 µΩ; rounding adds at most half of it.
        Assert.Equal(amperes, reading, 0.0001);
    }

    [Fact]
    public void Read_InvertPolarityFlipsSign()
    {
        currentAmperes = 80.0;
        var inverted = new Ads131m02CurrentSensor(chip, new Ads131m02Settings { InvertPolarity = true });
        inverted.Initialize();
        clock.Advance(10_000);

        Assert.True(inverted.TryReadAmperes(out float reading));

        Assert.Equal(-80.0, reading, 0.0001);
    }

    [Fact]
    public void Read_FailsBeforeInitialize()
    {
        clock.Advance(10_000);

        Assert.False(driver.TryReadAmperes(out _));
    }

    [Fact]
    public void Read_FailsBeforeFirstConversion()
    {
        driver.Initialize();

        Assert.False(driver.TryReadAmperes(out _));
        Assert.Equal(1, driver.StaleReadCount);
    }

    [Fact]
    public void Read_HoldsValueForAllowedStaleReads()
    {
        currentAmperes = 20.0;
        driver.Initialize();
        clock.Advance(4_000);
        Assert.True(driver.TryReadAmperes(out _));

        // Three more reads 1 µs apart find no new conversion: the default limit of 3 keeps them valid.
        currentAmperes = 40.0;
        for (int i = 0; i < 3; i++)
        {
            clock.Advance(1);
            Assert.True(driver.TryReadAmperes(out float held));
            Assert.Equal(20.0, held, 0.0001);
        }

        clock.Advance(1);
        Assert.False(driver.TryReadAmperes(out _));
        Assert.Equal(4, driver.StaleReadCount);
    }

    [Fact]
    public void CrcFault_CountedAndReadFails()
    {
        currentAmperes = 20.0;
        driver.Initialize();
        clock.Advance(10_000);
        chip.CorruptOutputCrc = true;

        Assert.False(driver.TryReadAmperes(out _));
        Assert.Equal(1, driver.CrcErrorCount);

        chip.CorruptOutputCrc = false;
        clock.Advance(10_000);
        Assert.True(driver.TryReadAmperes(out float reading));
        Assert.Equal(20.0, reading, 0.0001);
    }

    [Fact]
    public void NoResponse_CountedAndReadFails()
    {
        driver.Initialize();
        clock.Advance(10_000);
        chip.NoResponse = true;

        Assert.False(driver.TryReadAmperes(out _));
        Assert.Equal(1, driver.NoResponseCount);
    }

    [Fact]
    public void Initialize_FailsWithoutResponse()
    {
        chip.NoResponse = true;

        Assert.False(driver.Initialize());
        Assert.False(driver.IsInitialized);
    }

    [Fact]
    public void Initialize_FailsWithCorruptedCrc()
    {
        chip.CorruptOutputCrc = true;

        Assert.False(driver.Initialize());
        Assert.True(driver.CrcErrorCount > 0);
    }

    [Fact]
    public void PowerCycle_DetectedAndRecoveredByInitialize()
    {
        currentAmperes = 20.0;
        driver.Initialize();
        clock.Advance(10_000);
        Assert.True(driver.TryReadAmperes(out _));

        chip.PowerCycle();
        clock.Advance(10_000);

        Assert.False(driver.TryReadAmperes(out _));
        Assert.Equal(1, driver.UnexpectedResetCount);
        Assert.False(driver.IsInitialized);

        Assert.True(driver.Initialize());
        clock.Advance(10_000);
        Assert.True(driver.TryReadAmperes(out float reading));
        Assert.Equal(20.0, reading, 0.0001);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(256)]
    public void Settings_RejectInvalidGain(int gain)
    {
        var settings = new Ads131m02Settings { Gain = gain };

        var error = Assert.Throws<System.ArgumentOutOfRangeException>(() => new Ads131m02CurrentSensor(chip, settings));
        Assert.Contains("gain", error.Message);
    }

    [Fact]
    public void Settings_RejectZeroShunt()
    {
        var settings = new Ads131m02Settings { ShuntResistanceOhms = 0f };

        var error = Assert.Throws<System.ArgumentOutOfRangeException>(() => new Ads131m02CurrentSensor(chip, settings));
        Assert.Equal("ShuntResistanceOhms", error.ParamName);
    }
}

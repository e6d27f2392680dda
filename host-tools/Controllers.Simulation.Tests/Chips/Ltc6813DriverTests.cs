using System;
using Controllers.Firmware.Bms.Afe;
using Controllers.Simulation.Chips;
using Xunit;

namespace Controllers.Simulation.Tests.Chips;

/// <summary>The firmware LTC6813-1 driver and cell voltage sensor against the register-level emulator.</summary>
public class Ltc6813DriverTests
{
    // 2.2 mV total measurement error plus half an LSB of quantisation (LTC6812-1 datasheet Rev. A, front page).
    private const float ChipToleranceVolts = 0.00225f;

    private readonly SimulatedClock clock = new();

    private (Ltc6813Emulator Chip, Ltc6813Chain Chain, Ltc6813TestInputs Inputs) Create(int devices)
    {
        var inputs = new Ltc6813TestInputs(devices);
        var chip = new Ltc6813Emulator(devices, clock, inputs, seed: 42);
        var chain = new Ltc6813Chain(chip, clock, devices);
        chain.Configuration.SetReferenceOn(true);
        chain.Configuration.SetVoltageThresholds(2.5f, 4.2f);
        chain.WriteConfiguration();
        return (chip, chain, inputs);
    }

    private static float InputVolts(int device, int cell) => 3.0f + 0.01f * cell + 0.2f * device;

    [Theory]
    [InlineData(new[] { 6 })]
    [InlineData(new[] { 18 })]
    [InlineData(new[] { 12, 12 })]
    [InlineData(new[] { 15, 15 })]
    [InlineData(new[] { 18, 12 })]
    public void Sensor_ReadsEveryBoardCell(int[] cellsPerDevice)
    {
        var (_, chain, inputs) = Create(cellsPerDevice.Length);
        for (int device = 0; device < cellsPerDevice.Length; device++)
        {
            for (int cell = 1; cell <= 18; cell++)
            {
                inputs.SetCell(device, cell, InputVolts(device, cell));
            }
        }

        var sensor = new AfeCellVoltageSensor(chain, cellsPerDevice);
        var volts = new float[sensor.CellCount];

        Assert.True(sensor.TryRead(volts));

        int boardCell = 0;
        for (int device = 0; device < cellsPerDevice.Length; device++)
        {
            for (int cell = 1; cell <= cellsPerDevice[device]; cell++)
            {
                Assert.InRange(volts[boardCell], InputVolts(device, cell) - ChipToleranceVolts, InputVolts(device, cell) + ChipToleranceVolts);
                boardCell++;
            }
        }

        Assert.Equal(0, chain.PecErrorCount);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 1)]
    [InlineData(0, 9)]
    [InlineData(0, 17)]
    [InlineData(0, 18)]
    [InlineData(1, 12)]
    [InlineData(1, 0)]
    public void OpenWire_FoundOnThatWireOnly(int device, int wire)
    {
        var (_, chain, inputs) = Create(2);
        inputs.SetOpenWire(device, wire, true);
        var open = new bool[2 * 19];

        Assert.True(chain.TryCheckOpenWires(open, 2));

        for (int d = 0; d < 2; d++)
        {
            for (int w = 0; w <= 18; w++)
            {
                bool expected = d == device && w == wire;
                Assert.True(open[d * 19 + w] == expected, $"device {d} wire C{w}: expected open = {expected}");
            }
        }
    }

    [Fact]
    public void OpenWire_NoneOnHealthyChain()
    {
        var (_, chain, _) = Create(2);
        var open = new bool[2 * 19];

        Assert.True(chain.TryCheckOpenWires(open, 2));

        Assert.DoesNotContain(true, open);
    }

    [Fact]
    public void PecCorruption_CountedAndRetried()
    {
        var (chip, chain, _) = Create(1);
        var sensor = new AfeCellVoltageSensor(chain, new[] { 18 });
        var volts = new float[18];
        chip.CorruptResponsePecCount = 1;

        Assert.True(sensor.TryRead(volts));

        Assert.Equal(1, chain.PecErrorCount);
        Assert.Equal(1, chain.ReadRetryCount);
        Assert.Equal(0, chain.FailedReadCount);
    }

    [Fact]
    public void PecCorruption_BeyondRetries_LeavesBufferUnchanged()
    {
        var (chip, chain, _) = Create(1);
        var sensor = new AfeCellVoltageSensor(chain, new[] { 18 });
        var volts = new float[18];
        Array.Fill(volts, -1f);
        chip.CorruptResponsePecCount = 3;

        Assert.False(sensor.TryRead(volts));

        Assert.Equal(3, chain.PecErrorCount);
        Assert.Equal(1, chain.FailedReadCount);
        Assert.All(volts, v => Assert.Equal(-1f, v));
    }

    [Fact]
    public void CommunicationLoss_ReportedAfterThreshold_AndRecovers()
    {
        var (chip, chain, _) = Create(2);
        var sensor = new AfeCellVoltageSensor(chain, new[] { 15, 15 });
        var volts = new float[30];
        chip.ReachableDeviceCount = 0;

        Assert.False(sensor.TryRead(volts));
        Assert.False(sensor.TryRead(volts));
        Assert.False(chain.IsCommunicationLost);
        Assert.False(sensor.TryRead(volts));
        Assert.True(chain.IsCommunicationLost);
        Assert.True(chain.NoResponseCount >= 3);

        chip.ReachableDeviceCount = 2;
        Assert.True(sensor.TryRead(volts));
        Assert.False(chain.IsCommunicationLost);
        Assert.Equal(1, chain.CommunicationLossCount);
    }

    [Fact]
    public void CommunicationRestored_ConfigurationRewritten()
    {
        var (chip, chain, _) = Create(2);
        var sensor = new AfeCellVoltageSensor(chain, new[] { 15, 15 });
        var volts = new float[30];
        chip.ReachableDeviceCount = 0;

        // 3 s of failed 100 ms samples: the unreachable devices see no command, so their watchdog resets them.
        for (int i = 0; i < 30; i++)
        {
            clock.Advance(100_000);
            Assert.False(sensor.TryRead(volts));
        }

        Assert.Equal(0, chip.Device(0).ConfigurationA[0] & 0x04);
        chip.ReachableDeviceCount = 2;
        clock.Advance(100_000);

        Assert.True(sensor.TryRead(volts));
        Assert.True(chain.TryVerifyConfiguration());
        Assert.Equal(0x04, chip.Device(1).ConfigurationA[0] & 0x04);
    }

    [Fact]
    public void BrokenLinkToSecondDevice_FailsRead()
    {
        var (chip, chain, _) = Create(2);
        var sensor = new AfeCellVoltageSensor(chain, new[] { 18, 12 });
        chip.ReachableDeviceCount = 1;

        Assert.False(sensor.TryRead(new float[30]));

        Assert.Equal(3, chain.PecErrorCount);
    }

    [Fact]
    public void Discharge_ReachesChipAndTimesOut()
    {
        var (chip, chain, _) = Create(2);
        var sensor = new AfeCellVoltageSensor(chain, new[] { 15, 15 });
        var volts = new float[30];
        chain.Configuration.SetDischarge(1, 5, true);
        chain.Configuration.SetDischargeTimeoutCode(1); // 0.5 min

        chain.WriteConfiguration();
        long start = clock.NowMicroseconds;

        Assert.True(chip.Device(1).IsDischarging(5));
        Assert.False(chip.Device(1).IsDischarging(4));
        Assert.False(chip.Device(0).IsDischarging(5));
        Assert.True(chain.TryReadConfiguration());
        Assert.True(chain.IsDischargeReadBack(1, 5));

        // Sample every 100 ms as the cell voltage task would, until 30 s have passed.
        while (clock.NowMicroseconds - start < 29_900_000)
        {
            clock.Advance(100_000);
            Assert.True(sensor.TryRead(volts));
        }

        Assert.True(chip.Device(1).IsDischarging(5));
        clock.Advance(200_000);
        Assert.False(chip.Device(1).IsDischarging(5));
        Assert.True(chain.TryReadConfiguration());
        Assert.False(chain.IsDischargeReadBack(1, 5));
        Assert.Equal(0, chain.DischargeTimeLeftCode(1));
    }

    [Fact]
    public void Watchdog_ConfigurationRewrittenAfterSleep()
    {
        var (chip, chain, _) = Create(2);
        clock.Advance(3_000_000);
        Assert.Equal(0, chip.Device(1).ConfigurationA[0] & 0x04);

        Assert.True(chain.TryVerifyConfiguration());

        Assert.Equal(0x04, chip.Device(1).ConfigurationA[0] & 0x04);
        Assert.Equal(2, chain.SleepWakeUpCount);
    }

    [Fact]
    public void IsoSpiIdle_WakesBeforeCommand()
    {
        var (_, chain, _) = Create(2);
        var sensor = new AfeCellVoltageSensor(chain, new[] { 18, 18 });
        int wakeUps = chain.WakeUpCount;

        clock.Advance(10_000);

        Assert.True(sensor.TryRead(new float[36]));
        Assert.Equal(wakeUps + 1, chain.WakeUpCount);
    }

    [Fact]
    public void WaitForConversion_TakesDatasheetTime()
    {
        var (_, chain, _) = Create(1);
        chain.AdcMode = Ltc6813AdcMode.Normal7kHz;

        chain.StartCellConversion(0, false);
        long start = clock.NowMicroseconds;
        Assert.True(chain.WaitForConversion());
        long elapsed = clock.NowMicroseconds - start;

        // 2335 µs in 7 kHz mode (LTC6804-1 Table 5); one PLADC poll at 1 MHz takes 5 bytes = 40 µs.
        Assert.InRange(elapsed, 2335, 2335 + 40);
    }

    [Fact]
    public void Mode2kHz_SetsAdcOption()
    {
        var (chip, chain, _) = Create(1);
        chain.AdcMode = Ltc6813AdcMode.Mode2kHz;
        chain.WriteConfiguration();

        chain.StartCellConversion(0, false);
        long start = clock.NowMicroseconds;
        Assert.True(chain.WaitForConversion());

        // 2 kHz needs ADCOPT 1; all cells take 4430 µs (LTC6804-1 Table 5).
        Assert.Equal(1, chip.Device(0).ConfigurationA[0] & 0x01);
        Assert.InRange(clock.NowMicroseconds - start, 4430, 4430 + 40);
    }

    [Fact]
    public void TryRead_ThirtyCellsTakeUnder4Milliseconds()
    {
        var (_, chain, _) = Create(2);
        var sensor = new AfeCellVoltageSensor(chain, new[] { 15, 15 });
        long start = clock.NowMicroseconds;

        Assert.True(sensor.TryRead(new float[30]));

        // At 1 MHz one byte takes 8 µs. ADCV (4 bytes) starts the 2335 µs conversion at 32 µs. PLADC polls of
        // 5 bytes end at 32 + 40k µs, and the first with 32 + 40k >= 2367 is k = 59 (2392 µs). Six reads of
        // 4 + 2 × 8 bytes add 6 × 160 µs, so 3352 µs in total, far inside the 100 ms sampling period.
        Assert.Equal(3352, clock.NowMicroseconds - start);
    }

    [Fact]
    public void NonBlocking_ReadsAfterConversionTime()
    {
        var (_, chain, inputs) = Create(1);
        inputs.SetCell(0, 3, 3.456f);
        var sensor = new AfeCellVoltageSensor(chain, new[] { 6 });
        var volts = new float[6];

        sensor.StartConversion();
        bool early = sensor.TryReadConverted(volts);
        clock.Advance(2335);

        Assert.False(early);
        Assert.True(sensor.TryReadConverted(volts));
        Assert.InRange(volts[2], 3.456f - ChipToleranceVolts, 3.456f + ChipToleranceVolts);
        Assert.False(sensor.TryReadConverted(volts));
    }

    [Fact]
    public void Auxiliary_ReadsGpiosAndReference()
    {
        var (_, chain, inputs) = Create(2);
        for (int gpio = 1; gpio <= 9; gpio++)
        {
            inputs.SetGpio(1, gpio, 0.25f * gpio);
        }

        var sensor = new AfeCellVoltageSensor(chain, new[] { 15, 15 });
        var gpioVolts = new float[18];
        var referenceVolts = new float[2];

        Assert.True(sensor.TryReadAuxiliary(gpioVolts, referenceVolts));

        for (int gpio = 1; gpio <= 9; gpio++)
        {
            Assert.InRange(gpioVolts[9 + gpio - 1], 0.25f * gpio - ChipToleranceVolts, 0.25f * gpio + ChipToleranceVolts);
        }

        Assert.InRange(referenceVolts[0], 3.0f - ChipToleranceVolts, 3.0f + ChipToleranceVolts);
    }

    [Fact]
    public void GpioPullDown_ReadsZero()
    {
        var (_, chain, inputs) = Create(1);
        inputs.SetGpio(0, 7, 2.0f);
        chain.Configuration.SetGpioPullDown(0, 7, true);
        chain.WriteConfiguration();
        var gpioVolts = new float[9];

        chain.StartAuxiliaryConversion(0);
        Assert.True(chain.WaitForConversion());
        Assert.True(chain.TryReadAuxiliary(gpioVolts, new float[1]));

        Assert.InRange(gpioVolts[6], 0f, ChipToleranceVolts);
    }

    [Fact]
    public void Status_SumTemperatureAndSupplies()
    {
        var (chip, chain, _) = Create(1);
        chip.DieTemperatureCelsius = 35;

        chain.StartStatusConversion(0);
        Assert.True(chain.WaitForConversion());
        Assert.True(chain.TryReadStatus());

        // 18 × 3.7 V = 66.6 V with a 3 mV step (30 × 100 µV).
        Assert.InRange(chain.SumOfCellsVolts(0), 66.6f - 0.003f, 66.6f + 0.003f);
        Assert.InRange(chain.DieTemperatureCelsius(0), 34.9f, 35.1f);
        Assert.InRange(chain.AnalogSupplyVolts(0), 4.999f, 5.001f);
        Assert.InRange(chain.DigitalSupplyVolts(0), 3.299f, 3.301f);
        Assert.Equal(3, chain.Revision(0));
    }

    [Fact]
    public void VoltageFlags_SetForCellsOutsideThresholds()
    {
        var (_, chain, inputs) = Create(1);
        inputs.SetCell(0, 2, 2.4f);
        inputs.SetCell(0, 14, 4.3f);

        chain.StartCellConversion(0, false);
        Assert.True(chain.WaitForConversion());
        Assert.True(chain.TryReadStatus());
        Assert.True(chain.TryReadAuxiliary(new float[9], new float[1]));

        Assert.True(chain.IsCellUndervoltage(0, 2));
        Assert.False(chain.IsCellOvervoltage(0, 2));
        Assert.True(chain.IsCellOvervoltage(0, 14));
        Assert.False(chain.IsCellUndervoltage(0, 14));
        Assert.False(chain.IsCellUndervoltage(0, 1));
        Assert.False(chain.IsCellOvervoltage(0, 18));
    }

    [Fact]
    public void Configuration_VerifiesAfterWrite()
    {
        var (_, chain, _) = Create(3);
        chain.Configuration.SetDischarge(2, 18, true);
        chain.Configuration.SetDischarge(0, 1, true);
        chain.WriteConfiguration();

        Assert.True(chain.TryVerifyConfiguration());
        Assert.True(chain.IsDischargeReadBack(2, 18));
        Assert.True(chain.IsDischargeReadBack(0, 1));
        Assert.False(chain.IsDischargeReadBack(1, 1));
    }

    [Fact]
    public void Mute_StopsDischargeUntilUnmute()
    {
        var (chip, chain, _) = Create(1);
        chain.Configuration.SetDischarge(0, 9, true);
        chain.WriteConfiguration();

        chain.MuteDischarge();
        bool muted = chip.Device(0).IsDischarging(9);
        chain.UnmuteDischarge();

        Assert.False(muted);
        Assert.True(chip.Device(0).IsDischarging(9));
    }

    [Fact]
    public void Sensor_CellsPerDeviceMismatch_Throws()
    {
        var (_, chain, _) = Create(2);

        var error = Assert.Throws<ArgumentException>(() => new AfeCellVoltageSensor(chain, new[] { 18 }));

        Assert.Contains("2 devices", error.Message);
    }

    [Fact]
    public void Sensor_TooManyCellsOnDevice_Throws()
    {
        var (_, chain, _) = Create(1);

        Assert.Throws<ArgumentOutOfRangeException>(() => new AfeCellVoltageSensor(chain, new[] { 19 }));
    }
}

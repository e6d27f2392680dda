using Controllers.Firmware.Bms.Afe;
using Controllers.Firmware.Bms.Boards;
using Controllers.Firmware.Bms.Sensing;
using Controllers.Simulation.Chips;
using Controllers.Simulation.Tests.Chips;
using Xunit;

namespace Controllers.Simulation.Tests.Boards;

/// <summary>The slave board's thermistor, bleed and open-wire adapters driving an emulated two-device LTC6813-1 chain.</summary>
public class AfeBoardAdapterTests
{
    private readonly SimulatedClock clock = new();
    private readonly Ltc6813TestInputs inputs = new(2, 3.6f);
    private readonly Ltc6813Emulator chip;
    private readonly AfeCellVoltageSensor afe;

    public AfeBoardAdapterTests()
    {
        chip = new Ltc6813Emulator(2, clock, inputs);
        var chain = new Ltc6813Chain(chip, clock, 2);
        afe = new AfeCellVoltageSensor(chain, [15, 15]);
        chain.WriteConfiguration();
    }

    private static NtcTemperatureConverter Converter() =>
        new(MurataNcp18xh103.CreateTable(), new NtcDividerSettings());

    [Fact]
    public void Thermistors_SplitOverDevicesFromGpio1()
    {
        var sensor = new AfeThermistorSensor(afe, Converter(), 14);

        // Seven channels per device: channel 7 is the first on device 1.
        Assert.Equal(0, sensor.DeviceOfChannel(6));
        Assert.Equal(7, sensor.GpioOfChannel(6));
        Assert.Equal(1, sensor.DeviceOfChannel(7));
        Assert.Equal(1, sensor.GpioOfChannel(7));
    }

    [Fact]
    public void Thermistor_HalfReferenceReadsTwentyFiveDegrees()
    {
        // At 25 °C the thermistor is 10 kΩ (Murata table), so with a 10 kΩ pull-up and the 1 Ω harness the
        // GPIO sits at 3.0 V · 10 001 / 20 001 = 1.50003 V; the converter takes off the harness first.
        for (int gpio = 1; gpio <= 7; gpio++)
        {
            inputs.SetGpio(0, gpio, 1.50003f);
            inputs.SetGpio(1, gpio, 1.50003f);
        }

        var sensor = new AfeThermistorSensor(afe, Converter(), 14);
        Assert.True(sensor.TryReadCelsius(0, out float first));
        Assert.True(sensor.TryReadCelsius(13, out float last));
        Assert.InRange(first, 24.9f, 25.1f);
        Assert.InRange(last, 24.9f, 25.1f);
    }

    [Fact]
    public void Thermistor_OpenInputIsAFaultNotATemperature()
    {
        // An open thermistor leaves the GPIO at the 3.0 V reference.
        inputs.SetGpio(0, 1, 3.0f);
        var sensor = new AfeThermistorSensor(afe, Converter(), 2);
        Assert.False(sensor.TryReadCelsius(0, out _));
        Assert.Equal(NtcStatus.OpenCircuit, sensor.GetStatus(0));
    }

    [Fact]
    public void BleedMask_ReachesMappedInputs()
    {
        var bleed = new AfeBleedSwitches(afe);

        // Board cells 2 and 17 (bits 1 and 16): cell 17 is input 2 of device 1 with 15 cells per device.
        bleed.SetBleedMask((1u << 1) | (1u << 16));

        Assert.True(chip.Device(0).IsDischarging(2));
        Assert.True(chip.Device(1).IsDischarging(2));
        Assert.False(chip.Device(0).IsDischarging(1));
        Assert.False(chip.Device(1).IsDischarging(1));

        bleed.SetBleedMask(0);
        Assert.False(chip.Device(1).IsDischarging(2));
    }

    [Fact]
    public void OpenWire_FoundOnSecondDevice()
    {
        var detector = new AfeOpenWireDetector(afe);
        Assert.True(detector.TryDetect(out bool before));
        Assert.False(before);

        inputs.SetOpenWire(1, 7, true);
        Assert.True(detector.TryDetect(out bool after));

        Assert.True(after);
        Assert.Equal(1, detector.FirstOpenDevice);
        Assert.Equal(7, detector.FirstOpenWire);
    }
}

using System;
using Controllers.Firmware.Bms.Afe;
using Controllers.Simulation.Chips;
using Xunit;

namespace Controllers.Simulation.Tests.Chips;

/// <summary>
/// The LTC6813-1 emulator on its own, driven with raw frames. Frames carry PECs from the firmware's
/// <see cref="Pec15"/>, which the emulator checks with its own bit-serial implementation.
/// </summary>
public class Ltc6813EmulatorTests
{
    private readonly SimulatedClock clock = new();

    private Ltc6813Emulator CreateAwake(int devices, Ltc6813TestInputs? inputs = null, bool errors = false)
    {
        var chip = new Ltc6813Emulator(devices, clock, inputs ?? new Ltc6813TestInputs(devices))
        {
            SpiClockHertz = 0,
            MeasurementErrorsEnabled = errors,
        };

        // Power-up state is SLEEP: one pulse per device wakes the chain, then tWAKE (400 µs) must pass.
        Wake(chip, devices);
        return chip;
    }

    private void Wake(Ltc6813Emulator chip, int devices)
    {
        for (int i = 0; i < devices; i++)
        {
            chip.Transfer(new byte[] { 0xFF }, null, 1);
        }

        clock.Advance(400);
    }

    private static byte[] Command(int code, int extraBytes = 0)
    {
        var frame = new byte[4 + extraBytes];
        frame[0] = (byte)(code >> 8);
        frame[1] = (byte)code;
        Pec15.Append(frame, 0, 2);
        for (int i = 4; i < frame.Length; i++)
        {
            frame[i] = 0xFF;
        }

        return frame;
    }

    private static byte[] Read(Ltc6813Emulator chip, int code, int devices)
    {
        byte[] frame = Command(code, 8 * devices);
        var response = new byte[frame.Length];
        chip.Transfer(frame, response, frame.Length);
        return response;
    }

    private static byte[] WriteFrame(int code, params byte[][] groupsInStreamOrder)
    {
        byte[] frame = Command(code, 8 * groupsInStreamOrder.Length);
        for (int i = 0; i < groupsInStreamOrder.Length; i++)
        {
            Array.Copy(groupsInStreamOrder[i], 0, frame, 4 + 8 * i, 6);
            Pec15.Append(frame, 4 + 8 * i, 6);
        }

        return frame;
    }

    private static bool PollDone(Ltc6813Emulator chip)
    {
        // A pulse first, because the isoSPI port idles after 5.5 ms and the 26 Hz mode takes 201 ms.
        chip.Transfer(new byte[] { 0xFF }, null, 1);
        byte[] frame = Command(0x714, 1);
        var response = new byte[frame.Length];
        chip.Transfer(frame, response, frame.Length);
        return response[4] == 0xFF;
    }

    [Fact]
    public void PowerUp_FirstTransferOnlyWakes()
    {
        var chip = new Ltc6813Emulator(1, clock, new Ltc6813TestInputs(1)) { SpiClockHertz = 0 };

        byte[] response = Read(chip, 0x002, 1);

        Assert.All(response, b => Assert.Equal(0xFF, b));
        Assert.Equal(1, chip.WakeUpCount);
    }

    [Fact]
    public void ReadConfigurationA_DefaultsWithValidPec()
    {
        var chip = CreateAwake(1);

        byte[] response = Read(chip, 0x002, 1);

        // GPIO1-5 pull-downs off (bits 7-3), DTEN pin high (bit 1), everything else 0.
        Assert.Equal(new byte[] { 0xFA, 0, 0, 0, 0, 0 }, response[4..10]);
        Assert.True(Pec15.IsValid(response, 4, 6));
    }

    [Fact]
    public void Command_WithBadPec_IsIgnored()
    {
        var chip = CreateAwake(1);
        byte[] frame = WriteFrame(0x001, new byte[] { 0xFC, 0, 0, 0, 0, 0 });
        frame[3] ^= 0x01;

        chip.Transfer(frame, null, frame.Length);

        Assert.Equal(1, chip.RejectedCommandCount);
        Assert.Equal(0xF8, chip.Device(0).ConfigurationA[0]);
    }

    [Fact]
    public void WriteData_BadPec_RejectedPerDevice()
    {
        var chip = CreateAwake(2);
        byte[] frame = WriteFrame(0x001, new byte[] { 0xFC, 1, 0, 0, 0, 0 }, new byte[] { 0xFC, 2, 0, 0, 0, 0 });
        frame[4 + 8 + 7] ^= 0x80; // PEC of the second group, which is device 0's

        chip.Transfer(frame, null, frame.Length);

        Assert.Equal(1, chip.RejectedWriteCount);
        Assert.Equal(0, chip.Device(0).ConfigurationA[1]);
        Assert.Equal(1, chip.Device(1).ConfigurationA[1]);
    }

    [Fact]
    public void DaisyChain_WriteAndReadOrder()
    {
        var chip = CreateAwake(3);

        // Stream order: data for device 2, device 1, device 0 (LTC6804-1 datasheet, "Network Layer").
        byte[] frame = WriteFrame(0x001,
            new byte[] { 0xF8, 0x22, 0, 0, 0, 0 }, new byte[] { 0xF8, 0x11, 0, 0, 0, 0 }, new byte[] { 0xF8, 0x00, 0, 0, 0, 0 });
        chip.Transfer(frame, null, frame.Length);
        byte[] response = Read(chip, 0x002, 3);

        Assert.Equal(0x00, chip.Device(0).ConfigurationA[1]);
        Assert.Equal(0x11, chip.Device(1).ConfigurationA[1]);
        Assert.Equal(0x22, chip.Device(2).ConfigurationA[1]);
        Assert.Equal(0x00, response[4 + 1]);
        Assert.Equal(0x11, response[12 + 1]);
        Assert.Equal(0x22, response[20 + 1]);
        for (int device = 0; device < 3; device++)
        {
            Assert.True(Pec15.IsValid(response, 4 + 8 * device, 6), $"device {device}");
        }
    }

    [Fact]
    public void CellRegisters_HoldCodesLowByteFirst()
    {
        var inputs = new Ltc6813TestInputs(1);
        inputs.SetCell(0, 1, 3.7f);
        inputs.SetCell(0, 2, 2.5f);
        inputs.SetCell(0, 3, 4.2f);
        var chip = CreateAwake(1, inputs);

        chip.Transfer(Command(0x360), null, 4); // ADCV, MD 10 (7 kHz), DCP 0, all cells
        clock.Advance(2335);
        byte[] response = Read(chip, 0x004, 1);

        // 3.7 V / 100 µV = 37000 = 0x9088, 2.5 V = 25000 = 0x61A8, 4.2 V = 42000 = 0xA410.
        Assert.Equal(new byte[] { 0x88, 0x90, 0xA8, 0x61, 0x10, 0xA4 }, response[4..10]);
    }

    [Fact]
    public void ClearCells_SetsRegistersTo0xFF()
    {
        var chip = CreateAwake(1);
        chip.Transfer(Command(0x360), null, 4);
        clock.Advance(2335);

        chip.Transfer(Command(0x711), null, 4);
        byte[] response = Read(chip, 0x00B, 1);

        Assert.All(response[4..10], b => Assert.Equal(0xFF, b));
    }

    [Theory]
    [InlineData(0x2E0, 1113)] // ADCV MD 01 (27 kHz), all cells: LTC6804-1 Table 5, t6C
    [InlineData(0x360, 2335)] // ADCV MD 10 (7 kHz): Table 5
    [InlineData(0x3E0, 201317)] // ADCV MD 11 (26 Hz): Table 5
    [InlineData(0x2E1, 201)] // ADCV 27 kHz, CH 1: Table 6, t1C
    [InlineData(0x568, 1563)] // ADSTAT MD 10 (7 kHz), all: Table 9, t4C
    [InlineData(0x4E8, 748)] // ADSTAT MD 01 (27 kHz), all: Table 9
    public void Conversion_EndsAtDatasheetTime(int command, long microseconds)
    {
        var chip = CreateAwake(1);

        chip.Transfer(Command(command), null, 4);
        clock.Advance(microseconds - 1);
        bool doneEarly = PollDone(chip);
        clock.Advance(1);
        bool doneOnTime = PollDone(chip);

        Assert.False(doneEarly);
        Assert.True(doneOnTime);
    }

    [Fact]
    public void AdcOption_SelectsSecondModeSet()
    {
        var chip = CreateAwake(1);
        chip.Transfer(WriteFrame(0x001, new byte[] { 0xF9, 0, 0, 0, 0, 0 }), null, 12);

        chip.Transfer(Command(0x360), null, 4); // MD 10 with ADCOPT 1 is 3 kHz: 3033 µs (Table 5)
        clock.Advance(3032);
        bool doneEarly = PollDone(chip);
        clock.Advance(1);

        Assert.False(doneEarly);
        Assert.True(PollDone(chip));
    }

    [Fact]
    public void DischargeTimeout_ClearsDccAfterDcto()
    {
        var chip = CreateAwake(1);

        // DCC1 and DCTO = 1 (0.5 min).
        chip.Transfer(WriteFrame(0x001, new byte[] { 0xF8, 0, 0, 0, 0x01, 0x10 }), null, 12);
        bool onAtStart = chip.Device(0).IsDischarging(1);
        clock.Advance(29_999_999);
        bool onBeforeTimeout = chip.Device(0).IsDischarging(1);
        clock.Advance(1);

        Assert.True(onAtStart);
        Assert.True(onBeforeTimeout);
        Assert.False(chip.Device(0).IsDischarging(1));
        Assert.Equal(0, chip.Device(0).ConfigurationA[4]);
    }

    [Fact]
    public void DischargeTimeLeft_ReadsRangeCode()
    {
        var chip = CreateAwake(1);
        chip.Transfer(WriteFrame(0x001, new byte[] { 0xF8, 0, 0, 0, 0x01, 0x30 }), null, 12); // DCTO 3 = 2 min

        clock.Advance(30_000_000);
        Wake(chip, 1);
        byte[] response = Read(chip, 0x002, 1);

        // 1.5 min left lies in the "1 to 2 min" range, read code 3 (LTC6804-1 Table 46, DCTO read row).
        Assert.Equal(3, response[4 + 5] >> 4);
    }

    [Fact]
    public void DischargeTimer_StopsWithDtenLow()
    {
        var chip = CreateAwake(1);
        chip.DischargeTimerEnablePin = false;
        chip.Transfer(WriteFrame(0x001, new byte[] { 0xF8, 0, 0, 0, 0x01, 0x10 }), null, 12);

        // 40 s with a PLADC every second, which keeps the watchdog from expiring; DCTO 1 would end at 30 s.
        for (int second = 0; second < 40; second++)
        {
            clock.Advance(1_000_000);
            PollDone(chip);
        }

        Assert.True(chip.Device(0).IsDischarging(1));
    }

    [Theory]
    [InlineData(0x360, false)] // ADCV DCP 0
    [InlineData(0x370, true)] // ADCV DCP 1
    public void Discharge_PausedByDcpZeroConversion(int command, bool dischargingDuringConversion)
    {
        var chip = CreateAwake(1);
        chip.Transfer(WriteFrame(0x001, new byte[] { 0xF8, 0, 0, 0, 0x01, 0 }), null, 12);

        chip.Transfer(Command(command), null, 4);
        bool during = chip.Device(0).IsDischarging(1);
        clock.Advance(2335);

        Assert.Equal(dischargingDuringConversion, during);
        Assert.True(chip.Device(0).IsDischarging(1));
    }

    [Fact]
    public void Watchdog_ResetsConfigurationAfterTimeout()
    {
        var chip = CreateAwake(1);
        chip.Transfer(WriteFrame(0x001, new byte[] { 0xFC, 0x55, 0, 0, 0, 0 }), null, 12); // REFON, VUV
        clock.Advance(1_999_999);
        Assert.Equal(0xFC, chip.Device(0).ConfigurationA[0]);

        clock.Advance(1);

        Assert.True(chip.Device(0).IsAsleep);
        Assert.Equal(0xF8, chip.Device(0).ConfigurationA[0]);
        Assert.Equal(0, chip.Device(0).ConfigurationA[1]);
    }

    [Fact]
    public void Watchdog_KeepsDischargeWhileTimerRuns()
    {
        var chip = CreateAwake(1);
        chip.Transfer(WriteFrame(0x001, new byte[] { 0xFC, 0, 0, 0, 0x04, 0x20 }), null, 12); // DCC3, DCTO 2 = 1 min

        clock.Advance(10_000_000);
        bool dischargingAsleep = chip.Device(0).IsDischarging(3);
        clock.Advance(50_000_000);

        Assert.True(chip.Device(0).IsAsleep);
        Assert.True(dischargingAsleep);
        Assert.False(chip.Device(0).IsDischarging(3));
    }

    [Fact]
    public void IsoSpiIdle_FirstTransferLost()
    {
        var chip = CreateAwake(1);
        clock.Advance(5501);

        chip.Transfer(WriteFrame(0x001, new byte[] { 0xFC, 0, 0, 0, 0, 0 }), null, 12);
        bool lost = chip.Device(0).ConfigurationA[0] == 0xF8;
        chip.Transfer(WriteFrame(0x001, new byte[] { 0xFC, 0, 0, 0, 0, 0 }), null, 12);

        Assert.True(lost);
        Assert.Equal(0xFC, chip.Device(0).ConfigurationA[0]);
    }

    [Fact]
    public void OpenWire_PullUpZeroesCellAbove()
    {
        var inputs = new Ltc6813TestInputs(1);
        inputs.SetOpenWire(0, 5, true);
        var chip = CreateAwake(1, inputs);

        for (int i = 0; i < 2; i++)
        {
            chip.Transfer(Command(0x368), null, 4); // ADOW MD 10, PUP 1, all cells
            clock.Advance(2335);
        }

        // Pull-up lifts the floating C5 above C6, so cell 6 reads 0 and cell 5 reads high.
        Assert.Equal(0, chip.Device(0).CellCode(6));
        Assert.True(chip.Device(0).CellCode(5) > 37000 + 4000);
        Assert.Equal(37000, chip.Device(0).CellCode(7));
    }

    [Fact]
    public void MeasurementError_WithinTotalMeasurementError()
    {
        var chip = CreateAwake(4, new Ltc6813TestInputs(4, 4.2f), errors: true);

        chip.Transfer(Command(0x360), null, 4);
        clock.Advance(2335);

        // 2.2 mV maximum total measurement error (LTC6812-1 datasheet Rev. A, front page; LTC6813-1 the same).
        for (int device = 0; device < 4; device++)
        {
            for (int cell = 1; cell <= 18; cell++)
            {
                double volts = chip.Device(device).CellCode(cell) * 0.0001;
                Assert.InRange(volts, 4.2 - 0.0022, 4.2 + 0.0022);
            }
        }
    }

    [Fact]
    public void CorruptedResponse_FailsPec()
    {
        var chip = CreateAwake(1);
        chip.CorruptResponsePecCount = 1;

        byte[] corrupted = Read(chip, 0x002, 1);
        byte[] clean = Read(chip, 0x002, 1);

        Assert.False(Pec15.IsValid(corrupted, 4, 6));
        Assert.True(Pec15.IsValid(clean, 4, 6));
    }

    [Fact]
    public void UnreachableChain_ReturnsOnlyOnes()
    {
        var chip = CreateAwake(2);
        chip.ReachableDeviceCount = 1;

        byte[] response = Read(chip, 0x002, 2);

        Assert.True(Pec15.IsValid(response, 4, 6));
        Assert.All(response[12..20], b => Assert.Equal(0xFF, b));
    }

    [Fact]
    public void StatusRegisters_FollowDatasheetFormulas()
    {
        var chip = CreateAwake(1);
        chip.DieTemperatureCelsius = 40;

        chip.Transfer(Command(0x568), null, 4);
        clock.Advance(1563);
        byte[] a = Read(chip, 0x010, 1);

        // SC = 18 × 3.7 V / (30 × 100 µV) = 22200; ITMP = (40 + 276) × 7.6 mV / 100 µV = 24016; VA = 5 V = 50000.
        Assert.Equal(22200, a[4] | (a[5] << 8));
        Assert.Equal(24016, a[6] | (a[7] << 8));
        Assert.Equal(50000, a[8] | (a[9] << 8));
    }

    [Fact]
    public void Mute_OpensSwitchesButKeepsDcc()
    {
        var chip = CreateAwake(1);
        chip.Transfer(WriteFrame(0x001, new byte[] { 0xF8, 0, 0, 0, 0x02, 0 }), null, 12);

        chip.Transfer(Command(0x028), null, 4);
        bool mutedDischarge = chip.Device(0).IsDischarging(2);
        chip.Transfer(Command(0x029), null, 4);

        Assert.False(mutedDischarge);
        Assert.True(chip.Device(0).IsDischarging(2));
    }
}

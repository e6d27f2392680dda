using System;
using Controllers.Simulation.Chips;
using Xunit;

namespace Controllers.Simulation.Tests.Chips;

/// <summary>
/// The ADS131M02 emulator checked against the datasheet (TI SBAS853A): command words and responses of
/// Table 8-11, reset values of Table 8-12, 24-bit frame words and the CCITT frame CRC of Section 8.3.12.
/// Frames and CRCs are built here from those tables, not with the firmware's helpers.
/// </summary>
public class Ads131m02EmulatorTests
{
    private readonly SimulatedClock clock = new();
    private double currentAmperes;

    private Ads131m02Emulator CreateChip(Ads131m02EmulatorSettings? settings = null) =>
        new(clock, () => currentAmperes, settings);

    /// <summary>CRC-16 with polynomial 0x1021, seed 0xFFFF, MSB first (the datasheet's CCITT CRC).</summary>
    private static ushort ReferenceCrc(byte[] data, int count)
    {
        ushort crc = 0xFFFF;
        for (int i = 0; i < count; i++)
        {
            for (int bit = 7; bit >= 0; bit--)
            {
                bool inputBit = ((data[i] >> bit) & 1) != 0;
                bool topBit = (crc & 0x8000) != 0;
                crc = (ushort)(crc << 1);
                if (inputBit != topBit)
                {
                    crc ^= 0x1021;
                }
            }
        }

        return crc;
    }

    /// <summary>A 12-byte frame: command word, optional data word, optional input CRC, zero padding.</summary>
    private static byte[] Frame(ushort command, ushort? data = null, bool withCrc = false)
    {
        var frame = new byte[12];
        frame[0] = (byte)(command >> 8);
        frame[1] = (byte)command;
        int next = 3;
        if (data is ushort value)
        {
            frame[3] = (byte)(value >> 8);
            frame[4] = (byte)value;
            next = 6;
        }

        if (withCrc)
        {
            ushort crc = ReferenceCrc(frame, next);
            frame[next] = (byte)(crc >> 8);
            frame[next + 1] = (byte)crc;
        }

        return frame;
    }

    private static byte[] Exchange(Ads131m02Emulator chip, byte[] frame)
    {
        var read = new byte[frame.Length];
        chip.Transfer(frame, read, frame.Length);
        return read;
    }

    private static ushort ResponseWord(byte[] read) => (ushort)((read[0] << 8) | read[1]);

    private static int ChannelCode(byte[] read, int channel)
    {
        int offset = 3 + 3 * channel;
        int raw = (read[offset] << 16) | (read[offset + 1] << 8) | read[offset + 2];
        return (raw & 0x800000) != 0 ? raw - 0x1000000 : raw;
    }

    /// <summary>Sends RREG for one register, then NULL, and returns the response of the second frame.</summary>
    private static ushort ReadRegister(Ads131m02Emulator chip, int address)
    {
        Exchange(chip, Frame((ushort)(0xA000 | (address << 7))));
        return ResponseWord(Exchange(chip, Frame(0x0000)));
    }

    [Fact]
    public void ReferenceCrc_MatchesCatalogueCheckValue()
    {
        // CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final XOR) of "123456789" is 0x29B1.
        byte[] check = "123456789"u8.ToArray();

        Assert.Equal(0x29B1, ReferenceCrc(check, check.Length));
        Assert.Equal(0x29B1, Controllers.Firmware.Bms.Current.Crc16Ccitt.Compute(check, 0, check.Length));
    }

    [Theory]
    [InlineData(0x01, 0x0500)] // STATUS: RESET = 1, WLENGTH = 01
    [InlineData(0x02, 0x0510)] // MODE: RESET = 1, WLENGTH = 01, TIMEOUT = 1
    [InlineData(0x03, 0x030E)] // CLOCK: CH1_EN, CH0_EN, OSR = 011 (1024), PWR = 10
    [InlineData(0x04, 0x0000)] // GAIN1: both PGAs at gain 1
    [InlineData(0x06, 0x0600)] // CFG
    [InlineData(0x09, 0x0000)] // CH0_CFG
    [InlineData(0x0C, 0x8000)] // CH0_GCAL_MSB: gain calibration 1.0
    [InlineData(0x11, 0x8000)] // CH1_GCAL_MSB
    public void Registers_ResetValuesPerTable8_12(int address, int expected)
    {
        var chip = CreateChip();

        Assert.Equal(expected, ReadRegister(chip, address));
    }

    [Fact]
    public void IdRegister_ShowsTwoChannels()
    {
        var chip = CreateChip();

        // ID = 22xxh: CHANCNT[3:0] in bits 11:8 is 2.
        Assert.Equal(0x22, ReadRegister(chip, 0x00) >> 8);
    }

    [Fact]
    public void Reset_RespondsFF22InNextFrame()
    {
        var chip = CreateChip();

        Exchange(chip, Frame(0x0011));
        byte[] read = Exchange(chip, Frame(0x0000));

        Assert.Equal(0xFF22, ResponseWord(read));
    }

    [Theory]
    [InlineData(0x0022)] // STANDBY
    [InlineData(0x0033)] // WAKEUP
    [InlineData(0x0555)] // LOCK
    [InlineData(0x0655)] // UNLOCK
    public void Command_EchoedInNextFrame(int command)
    {
        var chip = CreateChip();

        Exchange(chip, Frame((ushort)command));

        Assert.Equal(command, ResponseWord(Exchange(chip, Frame(0x0000))));
    }

    [Fact]
    public void Null_RespondsWithStatus()
    {
        var chip = CreateChip();

        Exchange(chip, Frame(0x0000));

        Assert.Equal(0x0500, ResponseWord(Exchange(chip, Frame(0x0000))));
    }

    [Fact]
    public void WriteRegister_AcknowledgesAndStores()
    {
        var chip = CreateChip();

        // WREG GAIN1 (04h), one register: 011 0 0010 0 000 0000 = 0x6200; value 0x0005 = PGAGAIN0 32.
        Exchange(chip, Frame(0x6200, 0x0005));
        ushort acknowledgement = ResponseWord(Exchange(chip, Frame(0x0000)));

        // Acknowledgement 010a aaaa ammm mmmm = 0x4000 | (4 << 7) | 0 = 0x4200.
        Assert.Equal(0x4200, acknowledgement);
        Assert.Equal(0x0005, chip.Peek(0x04));
    }

    [Fact]
    public void ReadMultipleRegisters_AcknowledgesThenListsThem()
    {
        var chip = CreateChip();

        // RREG from MODE (02h), two registers: 0xA000 | (2 << 7) | 1 = 0xA101.
        Exchange(chip, Frame(0xA101));
        byte[] read = Exchange(chip, Frame(0x0000));

        // Acknowledgement 111a aaaa annn nnnn = 0xE000 | (2 << 7) | 1 = 0xE101, then MODE and CLOCK.
        Assert.Equal(0xE101, ResponseWord(read));
        Assert.Equal(0x0510, (read[3] << 8) | read[4]);
        Assert.Equal(0x030E, (read[6] << 8) | read[7]);
        Assert.Equal(ReferenceCrc(read, 9), (read[9] << 8) | read[10]);
    }

    [Fact]
    public void Lock_RejectsWrites()
    {
        var chip = CreateChip();

        Exchange(chip, Frame(0x0555));
        Exchange(chip, Frame(0x6200, 0x0005));
        ushort response = ResponseWord(Exchange(chip, Frame(0x0000)));

        // The device returns STATUS for a rejected command, as for NULL, with LOCK (bit 15) set.
        Assert.Equal(0x8500, response);
        Assert.Equal(0x0000, chip.Peek(0x04));
    }

    [Fact]
    public void OutputFrame_CarriesCcittCrcOverFirstThreeWords()
    {
        currentAmperes = 57.3;
        var chip = CreateChip();
        clock.Advance(1000);

        byte[] read = Exchange(chip, Frame(0x0000));

        Assert.Equal(ReferenceCrc(read, 9), (read[9] << 8) | read[10]);
        Assert.Equal(0, read[11]);
    }

    [Fact]
    public void InputCrc_WrongValueSetsCrcErrorAndSkipsCommand()
    {
        var chip = CreateChip();

        // WREG MODE (0x6100) = 0x1510: RX_CRC_EN on, other bits at reset values.
        Exchange(chip, Frame(0x6100, 0x1510));
        byte[] corrupted = Frame(0x6200, 0x0005, withCrc: true);
        corrupted[7] ^= 0x01;
        Exchange(chip, corrupted);
        ushort status = ResponseWord(Exchange(chip, Frame(0x0000, withCrc: true)));

        Assert.Equal(0x1000, status & 0x1000);
        Assert.Equal(0x0000, chip.Peek(0x04));
    }

    [Fact]
    public void InputCrc_CorrectValueExecutesCommand()
    {
        var chip = CreateChip();

        Exchange(chip, Frame(0x6100, 0x1510));
        Exchange(chip, Frame(0x6200, 0x0005, withCrc: true));
        ushort acknowledgement = ResponseWord(Exchange(chip, Frame(0x0000, withCrc: true)));

        Assert.Equal(0x4200, acknowledgement);
        Assert.Equal(0x0005, chip.Peek(0x04));
    }

    [Fact]
    public void DataReady_FollowsDataRateInSimulatedTime()
    {
        var chip = CreateChip();

        // Reset CLOCK: OSR 1024, fCLKIN 8.192 MHz, so fDATA = 8.192 MHz / 2 / 1024 = 4000 /s, one every 250 µs.
        clock.AdvanceTo(249);
        Exchange(chip, Frame(0x0000));
        ushort before = ResponseWord(Exchange(chip, Frame(0x0000)));
        clock.AdvanceTo(250);
        ushort after = ResponseWord(Exchange(chip, Frame(0x0000)));
        ushort again = ResponseWord(Exchange(chip, Frame(0x0000)));

        Assert.Equal(0, before & 0x0003);
        Assert.Equal(0x0003, after & 0x0003);
        Assert.Equal(0, again & 0x0003);
        Assert.Equal(250.0, chip.ConversionPeriodMicroseconds, 9);
    }

    [Theory]
    // Gain 1: 1000 A × 100 µΩ = 0.1 V; 0.1 / 1.2 × 2^23 = 699050.67, rounded 699051.
    [InlineData(1000.0, 0x0000, 699051)]
    // Gain 32 (PGAGAIN0 = 101): 100 A × 100 µΩ = 10 mV; 0.01 × 32 / 1.2 × 2^23 = 2236962.13.
    [InlineData(100.0, 0x0005, 2236962)]
    // Discharge, gain 32: -10 mV gives -2236962.
    [InlineData(-100.0, 0x0005, -2236962)]
    // 500 A × 100 µΩ = 50 mV exceeds the ±37.5 mV full scale at gain 32: clipped at 0x7FFFFF.
    [InlineData(500.0, 0x0005, 0x7FFFFF)]
    [InlineData(-500.0, 0x0005, -0x800000)]
    public void Conversion_CodeFollowsShuntVoltageAndGain(double amperes, int gainRegister, int expectedCode)
    {
        currentAmperes = amperes;
        var chip = CreateChip();
        Exchange(chip, Frame(0x6200, (ushort)gainRegister));
        clock.Advance(250);

        byte[] read = Exchange(chip, Frame(0x0000));

        Assert.Equal(expectedCode, ChannelCode(read, 0));
    }

    [Fact]
    public void Conversion_AppliesShuntToleranceAndTempco()
    {
        currentAmperes = 1000.0;
        var chip = CreateChip(new Ads131m02EmulatorSettings
        {
            ShuntToleranceFraction = 0.01,
            ShuntTemperatureCoefficientPerKelvin = 50e-6,
        });
        chip.ShuntTemperatureCelsius = 45;
        clock.Advance(250);

        byte[] read = Exchange(chip, Frame(0x0000));

        // R = 100 µΩ × 1.01 × (1 + 50e-6 × 20) = 101.101 µΩ; 1000 A gives 0.101101 V;
        // 0.101101 / 1.2 × 2^23 = 706747.2, rounded 706747.
        Assert.Equal(706747, ChannelCode(read, 0));
    }

    [Fact]
    public void CrcFault_CorruptsOutputCrc()
    {
        var chip = CreateChip();
        chip.CorruptOutputCrc = true;

        byte[] read = Exchange(chip, Frame(0x0000));

        Assert.NotEqual(ReferenceCrc(read, 9), (read[9] << 8) | read[10]);
    }

    [Fact]
    public void NoResponseFault_LeavesOutputLowAndIgnoresCommands()
    {
        var chip = CreateChip();
        chip.NoResponse = true;

        byte[] read = Exchange(chip, Frame(0x6200, 0x0005));

        Assert.All(read, value => Assert.Equal(0, value));
        Assert.Equal(0x0000, chip.Peek(0x04));
    }

    [Fact]
    public void PowerCycle_RestoresResetValues()
    {
        var chip = CreateChip();
        Exchange(chip, Frame(0x6200, 0x0005));
        Exchange(chip, Frame(0x6100, 0x0110));

        chip.PowerCycle();

        Assert.Equal(0x0000, chip.Peek(0x04));
        Assert.Equal(0x0510, chip.Peek(0x02));
        Assert.Equal(0x0400, chip.Peek(0x01) & 0x0400);
    }
}

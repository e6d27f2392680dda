using System;
using Controllers.Firmware.Common.Can;
using Xunit;

namespace Controllers.Firmware.Common.Tests.Can;

public class Mcp2515BitTimingTests
{
    // Oscillator, bit rate, expected BRP, TQ per bit, sample point (per mille), CNF1, CNF2, CNF3.
    public static TheoryData<int, int, int, int, int, byte, byte, byte> Table => new()
    {
        { 16_000_000, 1_000_000, 0, 8, 750, 0x00, 0x91, 0x01 },
        { 16_000_000, 500_000, 0, 16, 875, 0x00, 0xB5, 0x01 },
        { 16_000_000, 250_000, 1, 16, 875, 0x01, 0xB5, 0x01 },
        { 16_000_000, 125_000, 3, 16, 875, 0x03, 0xB5, 0x01 },
        { 8_000_000, 500_000, 0, 8, 750, 0x00, 0x91, 0x01 },
        { 8_000_000, 250_000, 0, 16, 875, 0x00, 0xB5, 0x01 },
        { 8_000_000, 125_000, 1, 16, 875, 0x01, 0xB5, 0x01 },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Calculate_MatchesTable(int oscillatorHz, int bitRate, int prescaler, int quanta, int samplePoint, byte cnf1, byte cnf2, byte cnf3)
    {
        Mcp2515BitTiming timing = Mcp2515BitTiming.Calculate(oscillatorHz, bitRate);

        Assert.Equal(prescaler, timing.BaudRatePrescaler);
        Assert.Equal(quanta, timing.TimeQuantaPerBit);
        Assert.Equal(samplePoint, timing.SamplePointPerMille);
        Assert.Equal(cnf1, timing.Cnf1);
        Assert.Equal(cnf2, timing.Cnf2);
        Assert.Equal(cnf3, timing.Cnf3);
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Calculate_MeetsDatasheetConstraints(int oscillatorHz, int bitRate, int prescaler, int quanta, int samplePoint, byte cnf1, byte cnf2, byte cnf3)
    {
        _ = (prescaler, quanta, cnf1, cnf2, cnf3);
        Mcp2515BitTiming timing = Mcp2515BitTiming.Calculate(oscillatorHz, bitRate);

        // Bit time from the registers alone: TQ = 2 (BRP + 1) / Fosc, bit = (1 + PRSEG+1 + PHSEG1+1 + PHSEG2+1) TQ.
        int brp = timing.Cnf1 & 0x3F;
        int propagation = (timing.Cnf2 & 0x07) + 1;
        int phase1 = ((timing.Cnf2 >> 3) & 0x07) + 1;
        int phase2 = (timing.Cnf3 & 0x07) + 1;
        int jumpWidth = (timing.Cnf1 >> 6) + 1;
        int bitQuanta = 1 + propagation + phase1 + phase2;
        Assert.Equal(oscillatorHz, 2 * (brp + 1) * bitQuanta * bitRate);
        Assert.InRange(bitQuanta, 8, 25);
        Assert.InRange(phase2, 2, 8);
        Assert.True(propagation + phase1 >= phase2, "PropSeg + PS1 must be at least PS2.");
        Assert.True(phase2 > jumpWidth, "PS2 must exceed SJW.");
        Assert.Equal(0x80, timing.Cnf2 & 0x80);
        Assert.InRange(samplePoint, 750, 875);
    }

    [Fact]
    public void Calculate_Rejects1MbitFrom8MHz()
    {
        var error = Assert.Throws<ArgumentException>(() => Mcp2515BitTiming.Calculate(8_000_000, 1_000_000));

        Assert.Contains("1000000 bit/s", error.Message);
        Assert.Contains("8000000 Hz", error.Message);
    }

    [Fact]
    public void Calculate_RejectsNonPositiveInputs()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Mcp2515BitTiming.Calculate(0, 500_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => Mcp2515BitTiming.Calculate(16_000_000, 0));
    }
}

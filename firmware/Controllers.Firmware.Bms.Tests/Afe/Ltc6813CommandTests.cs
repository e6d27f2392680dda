using System;
using Controllers.Firmware.Bms.Afe;
using Xunit;

namespace Controllers.Firmware.Bms.Tests.Afe;

/// <summary>
/// Command codes against the LTC6813-1 command code table, written here as the table's bit strings
/// (CC[10:0], most significant bit first) so that each field is checked at its datasheet position. The bit
/// strings are recalled from that table, and docs/afe.md lists the facts still to check against a copy.
/// </summary>
public class Ltc6813CommandTests
{
    private static int Bits(string pattern) => Convert.ToInt32(pattern.Replace(" ", string.Empty), 2);

    private static string Binary(int value, int width) => Convert.ToString(value, 2).PadLeft(width, '0');

    [Theory]
    [InlineData(Ltc6813Command.WriteConfigurationA, "000 0000 0001")]
    [InlineData(Ltc6813Command.WriteConfigurationB, "000 0010 0100")]
    [InlineData(Ltc6813Command.ReadConfigurationA, "000 0000 0010")]
    [InlineData(Ltc6813Command.ReadConfigurationB, "000 0010 0110")]
    [InlineData(Ltc6813Command.ReadCellVoltageA, "000 0000 0100")]
    [InlineData(Ltc6813Command.ReadCellVoltageB, "000 0000 0110")]
    [InlineData(Ltc6813Command.ReadCellVoltageC, "000 0000 1000")]
    [InlineData(Ltc6813Command.ReadCellVoltageD, "000 0000 1010")]
    [InlineData(Ltc6813Command.ReadCellVoltageE, "000 0000 1001")]
    [InlineData(Ltc6813Command.ReadCellVoltageF, "000 0000 1011")]
    [InlineData(Ltc6813Command.ReadAuxiliaryA, "000 0000 1100")]
    [InlineData(Ltc6813Command.ReadAuxiliaryB, "000 0000 1110")]
    [InlineData(Ltc6813Command.ReadAuxiliaryC, "000 0000 1101")]
    [InlineData(Ltc6813Command.ReadAuxiliaryD, "000 0000 1111")]
    [InlineData(Ltc6813Command.ReadStatusA, "000 0001 0000")]
    [InlineData(Ltc6813Command.ReadStatusB, "000 0001 0010")]
    [InlineData(Ltc6813Command.ClearCells, "111 0001 0001")]
    [InlineData(Ltc6813Command.ClearAuxiliary, "111 0001 0010")]
    [InlineData(Ltc6813Command.ClearStatus, "111 0001 0011")]
    [InlineData(Ltc6813Command.PollAdc, "111 0001 0100")]
    [InlineData(Ltc6813Command.Mute, "000 0010 1000")]
    [InlineData(Ltc6813Command.Unmute, "000 0010 1001")]
    public void FixedCode_MatchesTable(int code, string pattern)
    {
        Assert.Equal(Bits(pattern), code);
    }

    [Fact]
    public void Adcv_FieldsAtTablePositions()
    {
        // ADCV: 0 1 MD[1] MD[0] 1 1 DCP 0 CH[2] CH[1] CH[0].
        foreach (Ltc6813AdcMode mode in Enum.GetValues<Ltc6813AdcMode>())
        {
            string md = Binary(ModeBitsFromTable(mode), 2);
            for (int dcp = 0; dcp <= 1; dcp++)
            {
                for (int ch = 0; ch <= 6; ch++)
                {
                    int expected = Bits("01" + md + "11" + dcp + "0" + Binary(ch, 3));
                    Assert.Equal(expected, Ltc6813Command.CellConversion(mode, dcp == 1, ch));
                }
            }
        }
    }

    [Fact]
    public void Adow_FieldsAtTablePositions()
    {
        // ADOW: 0 1 MD[1] MD[0] PUP 1 DCP 1 CH[2] CH[1] CH[0].
        foreach (Ltc6813AdcMode mode in Enum.GetValues<Ltc6813AdcMode>())
        {
            string md = Binary(ModeBitsFromTable(mode), 2);
            for (int pup = 0; pup <= 1; pup++)
            {
                for (int dcp = 0; dcp <= 1; dcp++)
                {
                    for (int ch = 0; ch <= 6; ch++)
                    {
                        int expected = Bits("01" + md + pup + "1" + dcp + "1" + Binary(ch, 3));
                        Assert.Equal(expected, Ltc6813Command.OpenWireConversion(mode, pup == 1, dcp == 1, ch));
                    }
                }
            }
        }
    }

    [Fact]
    public void Adax_FieldsAtTablePositions()
    {
        // ADAX: 1 0 MD[1] MD[0] 1 1 0 0 CHG[2] CHG[1] CHG[0].
        foreach (Ltc6813AdcMode mode in Enum.GetValues<Ltc6813AdcMode>())
        {
            string md = Binary(ModeBitsFromTable(mode), 2);
            for (int chg = 0; chg <= 6; chg++)
            {
                Assert.Equal(Bits("10" + md + "1100" + Binary(chg, 3)), Ltc6813Command.AuxiliaryConversion(mode, chg));
            }
        }
    }

    [Fact]
    public void Adstat_FieldsAtTablePositions()
    {
        // ADSTAT: 1 0 MD[1] MD[0] 1 1 0 1 CHST[2] CHST[1] CHST[0].
        foreach (Ltc6813AdcMode mode in Enum.GetValues<Ltc6813AdcMode>())
        {
            string md = Binary(ModeBitsFromTable(mode), 2);
            for (int chst = 0; chst <= 4; chst++)
            {
                Assert.Equal(Bits("10" + md + "1101" + Binary(chst, 3)), Ltc6813Command.StatusConversion(mode, chst));
            }
        }
    }

    [Theory]
    [InlineData(Ltc6813AdcMode.Fast27kHz, false)]
    [InlineData(Ltc6813AdcMode.Normal7kHz, false)]
    [InlineData(Ltc6813AdcMode.Filtered26Hz, false)]
    [InlineData(Ltc6813AdcMode.Mode422Hz, false)]
    [InlineData(Ltc6813AdcMode.Mode14kHz, true)]
    [InlineData(Ltc6813AdcMode.Mode3kHz, true)]
    [InlineData(Ltc6813AdcMode.Mode2kHz, true)]
    [InlineData(Ltc6813AdcMode.Mode1kHz, true)]
    public void AdcOption_MatchesModeTable(Ltc6813AdcMode mode, bool adcOption)
    {
        Assert.Equal(adcOption, Ltc6813Command.RequiresAdcOption(mode));
    }

    [Fact]
    public void Encode_WriteConfigurationA_IsDatasheetPecExample()
    {
        // WRCFGA is 0x001, the word of the datasheet PEC example (0x0001 -> 0x3D6E).
        var frame = new byte[4];

        Ltc6813Command.Encode(Ltc6813Command.WriteConfigurationA, frame, 0);

        Assert.Equal(new byte[] { 0x00, 0x01, 0x3D, 0x6E }, frame);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(7)]
    public void CellSelection_OutOfRange_Throws(int selection)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Ltc6813Command.CellConversion(Ltc6813AdcMode.Normal7kHz, false, selection));
    }

    [Fact]
    public void StatusSelection_Five_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Ltc6813Command.StatusConversion(Ltc6813AdcMode.Normal7kHz, 5));
    }

    // MD column of the command bit description table: 00 = 422 Hz / 1 kHz, 01 = 27 / 14 kHz,
    // 10 = 7 / 3 kHz, 11 = 26 Hz / 2 kHz.
    private static int ModeBitsFromTable(Ltc6813AdcMode mode) => mode switch
    {
        Ltc6813AdcMode.Mode422Hz or Ltc6813AdcMode.Mode1kHz => 0b00,
        Ltc6813AdcMode.Fast27kHz or Ltc6813AdcMode.Mode14kHz => 0b01,
        Ltc6813AdcMode.Normal7kHz or Ltc6813AdcMode.Mode3kHz => 0b10,
        _ => 0b11,
    };
}

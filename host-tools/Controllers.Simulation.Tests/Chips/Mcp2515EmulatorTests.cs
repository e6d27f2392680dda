using Controllers.Firmware.Common.Can;
using Controllers.Simulation.Chips;
using Xunit;

namespace Controllers.Simulation.Tests.Chips;

/// <summary>
/// Checks the emulator against MCP2515 datasheet (DS20001801) facts, with addresses and instruction bytes
/// written as literals so that a wrong constant in the shared register table cannot hide a wrong emulator.
/// </summary>
public class Mcp2515EmulatorTests
{
    private static byte[] Spi(Mcp2515Emulator chip, params byte[] bytes)
    {
        var read = new byte[bytes.Length];
        chip.Transfer(bytes, read, bytes.Length);
        return read;
    }

    private static byte Read(Mcp2515Emulator chip, byte address) => Spi(chip, 0x03, address, 0x00)[2];

    private static void Write(Mcp2515Emulator chip, byte address, byte value) => Spi(chip, 0x02, address, value);

    private static Mcp2515Emulator InMode(byte reqop)
    {
        var chip = new Mcp2515Emulator();
        Spi(chip, 0x05, 0x0F, 0xE0, reqop);
        return chip;
    }

    [Fact]
    public void Reset_SetsDatasheetResetValues()
    {
        var chip = new Mcp2515Emulator();
        Write(chip, 0x2B, 0xFF);

        Spi(chip, 0xC0);

        Assert.Equal(0x80, Read(chip, 0x0E));
        Assert.Equal(0x87, Read(chip, 0x0F));
        Assert.Equal(0x00, Read(chip, 0x2B));
        Assert.Equal(0x00, Read(chip, 0x2C));
        Assert.Equal(0x00, Read(chip, 0x30));
        Assert.Equal(Mcp2515Mode.Configuration, chip.Mode);
    }

    [Fact]
    public void CanstatAndCanctrl_MirroredInEveryRow()
    {
        var chip = new Mcp2515Emulator();

        for (int row = 0; row < 8; row++)
        {
            Assert.Equal(0x80, Read(chip, (byte)(row * 16 + 0x0E)));
            Assert.Equal(0x87, Read(chip, (byte)(row * 16 + 0x0F)));
        }
    }

    [Fact]
    public void Read_AutoIncrementsAddress()
    {
        var chip = new Mcp2515Emulator();
        Spi(chip, 0x02, 0x28, 0x05, 0xB5, 0x00);

        byte[] read = Spi(chip, 0x03, 0x28, 0, 0, 0);

        Assert.Equal(0x05, read[2]);
        Assert.Equal(0xB5, read[3]);
        Assert.Equal(0x00, read[4]);
    }

    [Fact]
    public void ReadOnlyRegisters_IgnoreWrites()
    {
        var chip = new Mcp2515Emulator();

        Write(chip, 0x0E, 0x00);
        Write(chip, 0x1C, 0x55);
        Write(chip, 0x1D, 0x55);
        Write(chip, 0x61, 0x55);
        Write(chip, 0x2D, 0xFF);

        Assert.Equal(0x80, Read(chip, 0x0E));
        Assert.Equal(0x00, Read(chip, 0x1C));
        Assert.Equal(0x00, Read(chip, 0x1D));
        Assert.Equal(0x00, Read(chip, 0x61));
        Assert.Equal(0xC0, Read(chip, 0x2D));
    }

    [Fact]
    public void UnimplementedBits_ReadAsZero()
    {
        var chip = new Mcp2515Emulator();

        Write(chip, 0x28, 0xFF);
        Write(chip, 0x30, 0xFF & ~0x08);
        Write(chip, 0x35, 0xFF);

        Assert.Equal(0xC7, Read(chip, 0x28));
        Assert.Equal(0x03, Read(chip, 0x30));
        Assert.Equal(0x4F, Read(chip, 0x35));
    }

    [Fact]
    public void ConfigurationOnlyRegisters_LockedInNormalMode()
    {
        var chip = InMode(0x00);
        Assert.Equal(Mcp2515Mode.Normal, chip.Mode);

        Write(chip, 0x2A, 0x03);
        Write(chip, 0x00, 0x12);
        Write(chip, 0x20, 0x34);
        Write(chip, 0x0D, 0x07);
        Write(chip, 0x2B, 0x01);

        Assert.Equal(0x00, Read(chip, 0x2A));
        Assert.Equal(0x00, Read(chip, 0x00));
        Assert.Equal(0x00, Read(chip, 0x20));
        Assert.Equal(0x00, Read(chip, 0x0D));
        Assert.Equal(0x01, Read(chip, 0x2B));
    }

    [Fact]
    public void BitModify_ChangesOnlyMaskedBits()
    {
        var chip = new Mcp2515Emulator();
        Write(chip, 0x2B, 0b1010_1010);

        Spi(chip, 0x05, 0x2B, 0x0F, 0xFF);

        Assert.Equal(0b1010_1111, Read(chip, 0x2B));
    }

    [Fact]
    public void BitModify_OnPlainRegisterWritesWholeByte()
    {
        var chip = new Mcp2515Emulator();
        Write(chip, 0x36, 0xF0);

        Spi(chip, 0x05, 0x36, 0x01, 0x0F);

        Assert.Equal(0x0F, Read(chip, 0x36));
    }

    [Fact]
    public void ModeRequest_ReflectedInCanstat()
    {
        var chip = new Mcp2515Emulator();

        Spi(chip, 0x05, 0x0F, 0xE0, 0x40);
        Assert.Equal(0x40, Read(chip, 0x0E) & 0xE0);

        Spi(chip, 0x05, 0x0F, 0xE0, 0x60);
        Assert.Equal(0x60, Read(chip, 0x0E) & 0xE0);

        Spi(chip, 0x05, 0x0F, 0xE0, 0x80);
        Assert.Equal(0x80, Read(chip, 0x0E) & 0xE0);
    }

    [Fact]
    public void ModeChangeDelay_CountsCanstatReads()
    {
        var chip = new Mcp2515Emulator { ModeChangeDelayReads = 3 };

        Spi(chip, 0x05, 0x0F, 0xE0, 0x40);

        Assert.Equal(0x80, Read(chip, 0x0E) & 0xE0);
        Assert.Equal(0x80, Read(chip, 0x0E) & 0xE0);
        Assert.Equal(0x40, Read(chip, 0x0E) & 0xE0);
    }

    [Fact]
    public void LoadTxAndRts_LoopbackReceivesFrame()
    {
        var chip = InMode(0x40);

        // LOAD TX BUFFER 0x40 starts at TXB0SIDH: id 0x123, DLC 2, data AA BB.
        Spi(chip, 0x40, 0x24, 0x60, 0x00, 0x00, 0x02, 0xAA, 0xBB);
        Spi(chip, 0x81);

        Assert.Equal(0x00, Read(chip, 0x30) & 0x08);
        Assert.Equal(0x05, Read(chip, 0x2C));
        byte[] rx = Spi(chip, 0x90, 0, 0, 0, 0, 0, 0, 0);
        Assert.Equal(new byte[] { 0x24, 0x60, 0x00, 0x00, 0x02, 0xAA, 0xBB }, rx[1..]);
        Assert.Equal(0x04, Read(chip, 0x2C));
    }

    [Fact]
    public void LoadTxBuffer_DataStartAddresses()
    {
        var chip = new Mcp2515Emulator();

        Spi(chip, 0x41, 0x11);
        Spi(chip, 0x42, 0x22);
        Spi(chip, 0x43, 0x33);
        Spi(chip, 0x44, 0x44);
        Spi(chip, 0x45, 0x55);

        Assert.Equal(0x11, Read(chip, 0x36));
        Assert.Equal(0x22, Read(chip, 0x41));
        Assert.Equal(0x33, Read(chip, 0x46));
        Assert.Equal(0x44, Read(chip, 0x51));
        Assert.Equal(0x55, Read(chip, 0x56));
    }

    [Fact]
    public void ReadRxBuffer_DataPointerClearsRx1IfAtRelease()
    {
        // RXB0 accepts only id 0x000 (mask 0 all ones, filters 0 and 1 zero); RXB1 accepts any frame.
        var chip = new Mcp2515Emulator();
        Spi(chip, 0x02, 0x20, 0xFF, 0xE0);
        Spi(chip, 0x05, 0x70, 0x60, 0x60);
        Spi(chip, 0x05, 0x0F, 0xE0, 0x00);
        var frame = new CanFrame { Length = 3 };
        frame.SetId(0x7FF, extended: false);
        frame.Data[0] = 1;
        frame.Data[1] = 2;
        frame.Data[2] = 3;

        Assert.True(chip.ReceiveFromBus(frame));
        Assert.Equal(0x02, chip.Peek(0x2C));

        chip.Select();
        Assert.Equal(0x00, chip.Exchange(0x96));
        Assert.Equal(0x01, chip.Exchange(0));
        Assert.Equal(0x02, chip.Peek(0x2C));
        chip.Deselect();
        Assert.Equal(0x00, chip.Peek(0x2C));
    }

    [Fact]
    public void ReadStatus_ReportsFlagsAndRequests()
    {
        var chip = InMode(0x40);
        chip.HoldTransmissions = true;
        Spi(chip, 0x40, 0x00, 0x00, 0x00, 0x00, 0x00);
        Spi(chip, 0x85);

        Assert.Equal(0x44, Spi(chip, 0xA0, 0)[1]);

        chip.HoldTransmissions = false;

        // RXB0 got TXB2's frame, and RXB0's rollover is off, so TXB0's frame overflowed.
        byte status = Spi(chip, 0xA0, 0, 0)[1];
        Assert.Equal(0x89, status);
        Assert.Equal(0x40, Read(chip, 0x2D) & 0x40);
    }

    [Fact]
    public void TxPriority_HighestFirstThenHighestBuffer()
    {
        var chip = InMode(0x00);
        var order = new System.Collections.Generic.List<uint>();
        chip.Bus = frame => order.Add(frame.Id);
        chip.HoldTransmissions = true;
        Spi(chip, 0x40, 0x00, 0x20);
        Spi(chip, 0x42, 0x00, 0x40);
        Spi(chip, 0x44, 0x00, 0x60);
        Spi(chip, 0x05, 0x30, 0x03, 0x03);

        Spi(chip, 0x87);
        chip.HoldTransmissions = false;

        Assert.Equal(new uint[] { 1, 3, 2 }, order);
        Assert.Equal(0x1C, Read(chip, 0x2C));
    }

    [Fact]
    public void Abat_AbortsPendingAndSetsAbtf()
    {
        var chip = InMode(0x00);
        chip.HoldTransmissions = true;
        Spi(chip, 0x81);

        Spi(chip, 0x05, 0x0F, 0x10, 0x10);

        Assert.Equal(0x40, Read(chip, 0x30));
    }

    [Fact]
    public void Filters_SortStandardAndExtended()
    {
        var chip = new Mcp2515Emulator();
        Spi(chip, 0x02, 0x20, 0xFF, 0xE0, 0x00, 0x00);
        Spi(chip, 0x02, 0x24, 0xFF, 0xE3, 0xFF, 0xFF);
        Spi(chip, 0x02, 0x00, 0x20, 0x00, 0x00, 0x00);
        Spi(chip, 0x02, 0x08, 0x00, 0x08, 0x12, 0x34);
        Spi(chip, 0x05, 0x0F, 0xE0, 0x00);

        var standard = new CanFrame();
        standard.SetId(0x100, extended: false);
        var other = new CanFrame();
        other.SetId(0x101, extended: false);
        var extended = new CanFrame();
        extended.SetId(0x1234, extended: true);

        Assert.True(chip.ReceiveFromBus(standard));
        Assert.False(chip.ReceiveFromBus(other));
        Assert.True(chip.ReceiveFromBus(extended));
        Assert.Equal(0x00, Read(chip, 0x60) & 0x01);
        Assert.Equal(0x02, Read(chip, 0x70) & 0x07);
        Assert.Equal(0x08, Read(chip, 0x72) & 0x08);
    }

    [Fact]
    public void StandardFilter_ComparesFirstDataBytes()
    {
        var chip = new Mcp2515Emulator();
        Spi(chip, 0x02, 0x20, 0x00, 0x00, 0xFF, 0x00);
        Spi(chip, 0x02, 0x00, 0x00, 0x00, 0x5A, 0x00);
        Spi(chip, 0x02, 0x04, 0x00, 0x00, 0x5A, 0x00);
        Spi(chip, 0x05, 0x60, 0x60, 0x00);
        Spi(chip, 0x05, 0x70, 0x60, 0x00);
        Spi(chip, 0x02, 0x08, 0x00, 0x08, 0xFF, 0xFF);
        Spi(chip, 0x02, 0x24, 0xFF, 0xFF, 0xFF, 0xFF);
        Spi(chip, 0x05, 0x0F, 0xE0, 0x00);
        var frame = new CanFrame { Length = 1 };
        frame.SetId(0x321, extended: false);

        frame.Data[0] = 0x5B;
        Assert.False(chip.ReceiveFromBus(frame));
        frame.Data[0] = 0x5A;
        Assert.True(chip.ReceiveFromBus(frame));
    }

    [Fact]
    public void Rollover_MovesSecondFrameIntoRxb1()
    {
        var chip = InMode(0x00);
        Spi(chip, 0x05, 0x60, 0x64, 0x64);
        var frame = new CanFrame();
        frame.SetId(0x10, extended: false);

        Assert.True(chip.ReceiveFromBus(frame));
        Assert.True(chip.ReceiveFromBus(frame));
        Assert.False(chip.ReceiveFromBus(frame));

        Assert.Equal(0x66, Read(chip, 0x60) & 0x66);
        Assert.Equal(0x03, Read(chip, 0x2C) & 0x03);
        Assert.Equal(0x80, Read(chip, 0x2D) & 0xC0);
        Assert.Equal(0x20, Read(chip, 0x2C) & 0x20);
        Assert.Equal(0xC0, Spi(chip, 0xB0, 0)[1]);
        Spi(chip, 0x05, 0x2C, 0x01, 0x00);
        Assert.Equal(0x86, Spi(chip, 0xB0, 0)[1]);
    }

    [Fact]
    public void Rollover_Rxb0ctrlCodesRolledFilter()
    {
        // Mask 0 all ones, filter 1 = id 0x010; RXB0 uses filters with rollover (RXM = 00, BUKT = 1).
        var chip = new Mcp2515Emulator();
        Spi(chip, 0x02, 0x20, 0xFF, 0xE0);
        Spi(chip, 0x02, 0x04, 0x02, 0x00);
        Spi(chip, 0x05, 0x60, 0x64, 0x04);
        Spi(chip, 0x05, 0x0F, 0xE0, 0x00);
        var frame = new CanFrame();
        frame.SetId(0x10, extended: false);

        Assert.True(chip.ReceiveFromBus(frame));
        Assert.Equal(0x07, Read(chip, 0x60) & 0x07);
        Assert.True(chip.ReceiveFromBus(frame));

        // BUKT, BUKT1 and FILHIT0 read 111: RXF1, rolled over into RXB1 (Section 4.5.3).
        Assert.Equal(0x07, Read(chip, 0x60) & 0x07);
        Assert.Equal(0x01, Read(chip, 0x70) & 0x07);
        Assert.Equal(0xC1, Spi(chip, 0xB0, 0)[1]);
    }

    [Fact]
    public void ListenOnly_ReceivesButNeverTransmits()
    {
        var chip = InMode(0x60);
        int sent = 0;
        chip.Bus = _ => sent++;
        var frame = new CanFrame();
        frame.SetId(0x55, extended: false);

        Spi(chip, 0x81);

        Assert.Equal(0, sent);
        Assert.Equal(0x08, Read(chip, 0x30) & 0x08);
        Assert.True(chip.ReceiveFromBus(frame));
    }

    [Fact]
    public void Loopback_IgnoresBusFrames()
    {
        var chip = InMode(0x40);
        var frame = new CanFrame();
        frame.SetId(0x55, extended: false);

        Assert.False(chip.ReceiveFromBus(frame));
    }

    [Fact]
    public void ErrorCounters_SetEflgLevels()
    {
        var chip = new Mcp2515Emulator();

        chip.SetErrorCounters(96, 0);
        Assert.Equal(0x05, Read(chip, 0x2D));
        Assert.Equal(0x20, Read(chip, 0x2C) & 0x20);

        chip.SetErrorCounters(128, 128);
        Assert.Equal(0x1F, Read(chip, 0x2D));
        Assert.Equal(128, Read(chip, 0x1C));
        Assert.Equal(128, Read(chip, 0x1D));

        chip.SetErrorCounters(255, 0);
        Assert.Equal(0x15, Read(chip, 0x2D));

        chip.EnterBusOff();
        Assert.Equal(0x35, Read(chip, 0x2D));
    }

    [Fact]
    public void BusOff_HoldsTransmissionUntilRecovery()
    {
        var chip = InMode(0x00);
        int sent = 0;
        chip.Bus = _ => sent++;
        chip.EnterBusOff();

        Spi(chip, 0x81);
        Assert.Equal(0, sent);

        chip.CompleteBusOffRecovery();

        Assert.Equal(1, sent);
        Assert.Equal(0x00, Read(chip, 0x2D));
        Assert.Equal(0x00, Read(chip, 0x1C));
    }

    [Fact]
    public void InterruptPin_FollowsEnabledFlags()
    {
        var chip = InMode(0x40);
        Spi(chip, 0x81);
        Assert.False(chip.InterruptAsserted);

        Write(chip, 0x2B, 0x01);
        Assert.True(chip.InterruptAsserted);
        Assert.Equal(0x0C, Read(chip, 0x0E) & 0x0E);

        Write(chip, 0x2B, 0x05);
        Assert.Equal(0x06, Read(chip, 0x0E) & 0x0E);

        Spi(chip, 0x05, 0x2C, 0x05, 0x00);
        Assert.False(chip.InterruptAsserted);
    }
}

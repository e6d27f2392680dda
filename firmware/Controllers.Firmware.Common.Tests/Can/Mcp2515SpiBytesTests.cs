using System;
using Controllers.Firmware.Common.Can;
using Xunit;

namespace Controllers.Firmware.Common.Tests.Can;

/// <summary>
/// Checks the exact SPI bytes against the instruction table (Table 12-1 of the MCP2515 datasheet, DS20001801).
/// Instruction bytes are literals here on purpose.
/// </summary>
public class Mcp2515SpiBytesTests
{
    private readonly Mcp2515RecordingSpi bus = new();
    private readonly Mcp2515Spi spi;

    public Mcp2515SpiBytesTests()
    {
        spi = new Mcp2515Spi(bus);
    }

    [Fact]
    public void Reset_SendsC0()
    {
        spi.Reset();

        Assert.Equal(new byte[] { 0xC0 }, Assert.Single(bus.Transfers));
    }

    [Fact]
    public void Read_Sends03AddressDummy()
    {
        bus.ResponseByte = 0x5A;

        byte value = spi.ReadRegister(0x0E);

        Assert.Equal(new byte[] { 0x03, 0x0E, 0x00 }, Assert.Single(bus.Transfers));
        Assert.Equal(0x5A, value);
    }

    [Fact]
    public void ReadRegisters_OneTransfer()
    {
        var destination = new byte[2];

        spi.ReadRegisters(0x1C, destination, 0, 2);

        Assert.Equal(new byte[] { 0x03, 0x1C, 0x00, 0x00 }, Assert.Single(bus.Transfers));
    }

    [Fact]
    public void Write_Sends02AddressData()
    {
        spi.WriteRegister(0x2B, 0xA5);

        Assert.Equal(new byte[] { 0x02, 0x2B, 0xA5 }, Assert.Single(bus.Transfers));
    }

    [Fact]
    public void WriteRegisters_AutoIncrementPayload()
    {
        spi.WriteRegisters(0x28, new byte[] { 0x01, 0xB5, 0x00 }, 0, 3);

        Assert.Equal(new byte[] { 0x02, 0x28, 0x01, 0xB5, 0x00 }, Assert.Single(bus.Transfers));
    }

    [Fact]
    public void BitModify_Sends05AddressMaskData()
    {
        spi.BitModify(0x0F, 0xE0, 0x40);

        Assert.Equal(new byte[] { 0x05, 0x0F, 0xE0, 0x40 }, Assert.Single(bus.Transfers));
    }

    [Fact]
    public void ReadStatus_SendsA0()
    {
        bus.ResponseByte = 0x03;

        Assert.Equal(0x03, spi.ReadStatus());
        Assert.Equal(new byte[] { 0xA0, 0x00 }, Assert.Single(bus.Transfers));
    }

    [Fact]
    public void RxStatus_SendsB0()
    {
        spi.ReadRxStatus();

        Assert.Equal(new byte[] { 0xB0, 0x00 }, Assert.Single(bus.Transfers));
    }

    [Theory]
    [InlineData(0, 0x40)]
    [InlineData(1, 0x42)]
    [InlineData(2, 0x44)]
    public void LoadTxBuffer_InstructionPerBuffer(int buffer, byte instruction)
    {
        spi.LoadTxBuffer(buffer, new byte[] { 1, 2, 3, 4, 0 }, 0, 5);

        Assert.Equal(new byte[] { instruction, 1, 2, 3, 4, 0 }, Assert.Single(bus.Transfers));
    }

    [Theory]
    [InlineData(1, 0x81)]
    [InlineData(2, 0x82)]
    [InlineData(4, 0x84)]
    [InlineData(7, 0x87)]
    public void RequestToSend_InstructionPerMask(int mask, byte instruction)
    {
        spi.RequestToSend(mask);

        Assert.Equal(new byte[] { instruction }, Assert.Single(bus.Transfers));
    }

    [Theory]
    [InlineData(0, 0x90)]
    [InlineData(1, 0x94)]
    public void ReadRxBuffer_StartsAtSidh(int buffer, byte instruction)
    {
        var destination = new byte[13];

        spi.ReadRxBuffer(buffer, destination, 0);

        byte[] sent = Assert.Single(bus.Transfers);
        Assert.Equal(14, sent.Length);
        Assert.Equal(instruction, sent[0]);
    }

    [Fact]
    public void TrySend_StandardFrameBytes()
    {
        var controller = new Mcp2515Controller(bus, new TestClock());
        var frame = new CanFrame { Length = 2 };
        frame.SetId(0x123, extended: false);
        frame.Data[0] = 0xAA;
        frame.Data[1] = 0xBB;

        Assert.True(controller.TrySend(frame));

        Assert.Equal(3, bus.Transfers.Count);
        Assert.Equal(new byte[] { 0xA0, 0x00 }, bus.Transfers[0]);
        Assert.Equal(new byte[] { 0x40, 0x24, 0x60, 0x00, 0x00, 0x02, 0xAA, 0xBB }, bus.Transfers[1]);
        Assert.Equal(new byte[] { 0x81 }, bus.Transfers[2]);
    }

    [Fact]
    public void TrySend_ExtendedRemoteFrameBytes()
    {
        var controller = new Mcp2515Controller(bus, new TestClock());
        var frame = new CanFrame { Length = 4, IsRemote = true };
        frame.SetId(0x18DAF110, extended: true);

        Assert.True(controller.TrySend(frame, 3));

        Assert.Equal(4, bus.Transfers.Count);
        Assert.Equal(new byte[] { 0x05, 0x30, 0x03, 0x03 }, bus.Transfers[1]);

        // 0x18DAF110: SIDH = id >> 21 = 0xC6, SIDL = SID2:0 (110) | EXIDE | EID17:16 (10) = 0xCA.
        Assert.Equal(new byte[] { 0x40, 0xC6, 0xCA, 0xF1, 0x10, 0x44 }, bus.Transfers[2]);
    }

    [Fact]
    public void TrySend_PicksNextFreeBuffer()
    {
        var controller = new Mcp2515Controller(bus, new TestClock());
        var frame = new CanFrame();

        // READ STATUS 0x04 means TXB0CTRL.TXREQ is set, so TXB1 (instruction 0x42, RTS 0x82) is used.
        bus.ResponseByte = 0x04;
        Assert.True(controller.TrySend(frame));
        Assert.Equal(0x42, bus.Transfers[1][0]);
        Assert.Equal(new byte[] { 0x82 }, bus.Transfers[2]);

        bus.ResponseByte = 0x54;
        Assert.False(controller.TrySend(frame));
    }

    [Fact]
    public void TryReceive_UsesReadRxBuffer()
    {
        var controller = new Mcp2515Controller(bus, new TestClock());
        var frame = new CanFrame();

        bus.ResponseByte = 0x00;
        Assert.False(controller.TryReceive(frame));
        Assert.Equal(new byte[] { 0xA0, 0x00 }, Assert.Single(bus.Transfers));
    }

    [Fact]
    public void SpiArguments_Validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => spi.RequestToSend(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => spi.RequestToSend(8));
        Assert.Throws<ArgumentOutOfRangeException>(() => spi.LoadTxBuffer(3, new byte[13], 0, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => spi.ReadRxBuffer(2, new byte[13], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => spi.ReadRegisters(0, new byte[20], 0, 15));
        Assert.Empty(bus.Transfers);
    }
}

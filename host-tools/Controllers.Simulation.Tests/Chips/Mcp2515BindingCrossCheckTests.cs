using System;
using Controllers.Firmware.Common.Can;
using Controllers.Simulation.Chips;
using Iot.Device.Mcp25xxx;
using Iot.Device.Mcp25xxx.Models;
using Iot.Device.Mcp25xxx.Register;
using Xunit;
using BindingMode = Iot.Device.Mcp25xxx.Tests.Register.CanControl.OperationMode;

namespace Controllers.Simulation.Tests.Chips;

/// <summary>
/// Cross-checks the firmware driver and the emulator with an independent MCP2515 implementation: the desktop
/// <c>Iot.Device.Mcp25xxx.Mcp2515</c> binding from Iot.Device.Bindings 4.2.0. The binding drives emulator A
/// and the firmware driver drives emulator B, and the two emulators share one bus.
/// </summary>
/// <remarks>
/// The binding's <see cref="SendingCanMessage"/> takes the identifier as raw register bytes (SIDH, SIDL and, for
/// extended frames, EID8 and EID0 with SIDL.EXIDE set by the caller). Its <see cref="ReceivedCanMessage"/>
/// returns the raw RX buffer bytes. This test therefore encodes identifiers with its own copy of the datasheet
/// layout (Registers 3-3 to 3-6), so that no driver code is shared with the binding's side.
/// </remarks>
public sealed class Mcp2515BindingCrossCheckTests : IDisposable
{
    private readonly Mcp2515Emulator bindingChip = new();
    private readonly Mcp2515Emulator driverChip = new();
    private readonly Mcp2515 binding;
    private readonly Mcp2515Controller driver;

    public Mcp2515BindingCrossCheckTests()
    {
        bindingChip.Bus = frame => driverChip.ReceiveFromBus(frame);
        driverChip.Bus = frame => bindingChip.ReceiveFromBus(frame);

        binding = new Mcp2515(new Mcp2515EmulatorSpiDevice(bindingChip));
        binding.Reset();
        binding.SetBitrate(FrequencyAndSpeed._16MHz500KBps);
        binding.SetMode(BindingMode.NormalOperation);

        // RXM = 11 in RXB0CTRL and RXB1CTRL: receive any frame. After reset the filters have EXIDE = 0 and
        // so match standard frames only.
        binding.BitModify((Address)0x60, 0x60, 0x60);
        binding.BitModify((Address)0x70, 0x60, 0x60);

        driver = new Mcp2515Controller(driverChip, new SimulatedClock());
        driver.Initialize(16_000_000, 500_000);
        driver.SetMode(Mcp2515Mode.Normal);
    }

    public void Dispose() => binding.Dispose();

    private static byte[] StandardIdBytes(uint id) => new[] { (byte)(id >> 3), (byte)((id & 0x07) << 5) };

    private static byte[] ExtendedIdBytes(uint id) => new[]
    {
        (byte)(id >> 21),
        (byte)((((id >> 18) & 0x07) << 5) | 0x08 | ((id >> 16) & 0x03)),
        (byte)(id >> 8),
        (byte)id,
    };

    public static TheoryData<uint, bool, byte[]> Frames => new()
    {
        { 0x000, false, Array.Empty<byte>() },
        { 0x123, false, new byte[] { 0xAA, 0xBB } },
        { 0x7FF, false, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 } },
        { 0x00000001, true, new byte[] { 0x55 } },
        { 0x18DAF110, true, new byte[] { 0x02, 0x10, 0x03 } },
        { 0x1FFFFFFF, true, new byte[] { 8, 7, 6, 5, 4, 3, 2, 1 } },
    };

    [Theory]
    [MemberData(nameof(Frames))]
    public void BindingSends_DriverReceivesSameFrame(uint id, bool extended, byte[] data)
    {
        SendingCanMessage message = extended
            ? SendingCanMessage.CreateExtended(ExtendedIdBytes(id), data)
            : SendingCanMessage.CreateStandard(StandardIdBytes(id), data);

        binding.SendMessage(message);

        var received = new CanFrame();
        Assert.True(driver.TryReceive(received));
        Assert.Equal(id, received.Id);
        Assert.Equal(extended, received.IsExtended);
        Assert.False(received.IsRemote);
        Assert.Equal(data, received.Data.AsSpan(0, received.Length).ToArray());
        Assert.False(driver.TryReceive(received));
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void DriverSends_BindingReceivesSameFrame(uint id, bool extended, byte[] data)
    {
        var frame = new CanFrame { Length = data.Length };
        frame.SetId(id, extended);
        data.CopyTo(frame.Data, 0);

        Assert.True(driver.TrySend(frame));

        ReceivedCanMessage message = Assert.Single(binding.ReadMessages());
        byte[] expectedId = extended ? ExtendedIdBytes(id) : StandardIdBytes(id);
        Assert.Equal(expectedId, message.GetId().AsSpan(0, expectedId.Length).ToArray());
        Assert.Equal(data.Length, message.RawData[4] & 0x0F);
        Assert.Equal(data, message.GetData());
        Assert.Empty(binding.ReadMessages());
    }

    [Fact]
    public void BindingSends_UsesLoadTxAndRtsBytes()
    {
        bindingChip.HoldTransmissions = true;
        var message = SendingCanMessage.CreateStandard(StandardIdBytes(0x123), new byte[] { 0xAA, 0xBB });

        // The binding waits for the transmission to finish and reports a held buffer as a send failure.
        Assert.ThrowsAny<Exception>(() => binding.SendMessage(message));

        // TXB0 holds what the firmware driver loads for the same frame: SIDH 0x24, SIDL 0x60, DLC 2, data.
        Assert.Equal(0x24, bindingChip.Peek(0x31));
        Assert.Equal(0x60, bindingChip.Peek(0x32));
        Assert.Equal(0x02, bindingChip.Peek(0x35));
        Assert.Equal(0xAA, bindingChip.Peek(0x36));
        Assert.Equal(0xBB, bindingChip.Peek(0x37));
    }

    public static TheoryData<FrequencyAndSpeed, int, int> Timings => new()
    {
        { FrequencyAndSpeed._16MHz1000KBps, 16_000_000, 1_000_000 },
        { FrequencyAndSpeed._16MHz500KBps, 16_000_000, 500_000 },
        { FrequencyAndSpeed._16MHz250KBps, 16_000_000, 250_000 },
        { FrequencyAndSpeed._16MHz125KBps, 16_000_000, 125_000 },
        { FrequencyAndSpeed._8MHz500KBps, 8_000_000, 500_000 },
        { FrequencyAndSpeed._8MHz250KBps, 8_000_000, 250_000 },
        { FrequencyAndSpeed._8MHz125KBps, 8_000_000, 125_000 },
    };

    /// <summary>
    /// Both implementations must give the same bit time. The sample points differ: the binding's tables put it
    /// at 56-62.5 %, the driver at 75-87.5 %.
    /// </summary>
    [Theory]
    [MemberData(nameof(Timings))]
    public void BitTiming_SameBitRateAsBinding(FrequencyAndSpeed bindingSetting, int oscillatorHz, int bitRate)
    {
        binding.SetMode(BindingMode.Configuration);
        binding.SetBitrate(bindingSetting);
        Mcp2515BitTiming ours = Mcp2515BitTiming.Calculate(oscillatorHz, bitRate);

        Assert.Equal(bitRate, BitRateFromRegisters(oscillatorHz, bindingChip.Peek(0x2A), bindingChip.Peek(0x29), bindingChip.Peek(0x28)));
        Assert.Equal(bitRate, BitRateFromRegisters(oscillatorHz, ours.Cnf1, ours.Cnf2, ours.Cnf3));
    }

    [Fact]
    public void BitTiming_Binding1MbitFrom8MHzOutOfSpec()
    {
        binding.SetMode(BindingMode.Configuration);
        binding.SetBitrate(FrequencyAndSpeed._8MHz1000KBps);

        // The binding writes 4 TQ per bit with PS2 = 1 TQ, below the datasheet's 8 TQ and 2 TQ minimums, so the
        // driver rejects this combination instead.
        Assert.Equal(4, QuantaFromRegisters(bindingChip.Peek(0x29), bindingChip.Peek(0x28)));
        Assert.Throws<ArgumentException>(() => Mcp2515BitTiming.Calculate(8_000_000, 1_000_000));
    }

    private static int QuantaFromRegisters(byte cnf2, byte cnf3) =>
        1 + (cnf2 & 0x07) + 1 + ((cnf2 >> 3) & 0x07) + 1 + (cnf3 & 0x07) + 1;

    private static int BitRateFromRegisters(int oscillatorHz, byte cnf1, byte cnf2, byte cnf3) =>
        oscillatorHz / (2 * ((cnf1 & 0x3F) + 1) * QuantaFromRegisters(cnf2, cnf3));
}

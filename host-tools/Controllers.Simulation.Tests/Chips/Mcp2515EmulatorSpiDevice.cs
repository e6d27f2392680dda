using System;
using System.Device.Spi;
using Controllers.Simulation.Chips;

namespace Controllers.Simulation.Tests.Chips;

/// <summary>
/// <see cref="SpiDevice"/> that forwards to an <see cref="Mcp2515Emulator"/>, so that the desktop
/// Iot.Device.Mcp25xxx binding can drive it. Each call is one chip-select cycle.
/// </summary>
internal sealed class Mcp2515EmulatorSpiDevice : SpiDevice
{
    private readonly Mcp2515Emulator chip;

    public Mcp2515EmulatorSpiDevice(Mcp2515Emulator chip)
    {
        this.chip = chip;
    }

    public override SpiConnectionSettings ConnectionSettings { get; } = new(busId: 0, chipSelectLine: 0)
    {
        Mode = SpiMode.Mode0,
        ClockFrequency = 10_000_000,
    };

    public override byte ReadByte()
    {
        chip.Select();
        byte value = chip.Exchange(0);
        chip.Deselect();
        return value;
    }

    public override void Read(Span<byte> buffer)
    {
        chip.Select();
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = chip.Exchange(0);
        }

        chip.Deselect();
    }

    public override void WriteByte(byte value)
    {
        chip.Select();
        chip.Exchange(value);
        chip.Deselect();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        chip.Select();
        foreach (byte value in buffer)
        {
            chip.Exchange(value);
        }

        chip.Deselect();
    }

    public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        if (writeBuffer.Length != readBuffer.Length)
        {
            throw new ArgumentException($"Full-duplex buffers differ in length: write {writeBuffer.Length}, read {readBuffer.Length}.");
        }

        chip.Select();
        for (int i = 0; i < writeBuffer.Length; i++)
        {
            readBuffer[i] = chip.Exchange(writeBuffer[i]);
        }

        chip.Deselect();
    }
}

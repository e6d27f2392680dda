using System;
using Controllers.Firmware.Common.Update;

namespace Controllers.Simulation.Storage;

/// <summary>
/// Application slots in simulated SPI NOR flash: an erase sets a 4 KiB block to 0xFF, a write can only
/// clear bits (new = old AND data), and each operation adds its typical duration to
/// <see cref="PendingBusyMicroseconds"/>, which the simulated board spends stalled as a real board would.
/// </summary>
/// <remarks>
/// NOTE: the durations are typical figures of GigaDevice GD25Q-series SPI NOR flash (4 KiB sector erase
/// 45 ms, 256-byte page program 0.5 ms), quoted from a secondary summary of the GD25Q128 datasheet. They
/// were not checked against the flash chip of the ESP32 module in use. A power cut is modelled between
/// operations, not inside one.
/// </remarks>
public sealed class SimulatedSlotStore : IApplicationSlotStore
{
    /// <summary>Erase block (sector) of SPI NOR flash in bytes.</summary>
    public const int SectorLength = 4096;

    /// <summary>Program page of SPI NOR flash in bytes.</summary>
    public const int PageLength = 256;

    private readonly byte[][] slots;

    /// <summary>Creates two erased slots of <paramref name="slotLength"/> bytes, a multiple of 4096.</summary>
    public SimulatedSlotStore(int slotLength)
    {
        if (slotLength < SectorLength || slotLength % SectorLength != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(slotLength), slotLength, $"The slot length must be a positive multiple of {SectorLength} bytes.");
        }

        SlotLength = slotLength;
        slots = [new byte[slotLength], new byte[slotLength]];
        Array.Fill(slots[0], (byte)0xFF);
        Array.Fill(slots[1], (byte)0xFF);
    }

    /// <inheritdoc />
    public int SlotCount => slots.Length;

    /// <inheritdoc />
    public int SlotLength { get; }

    /// <inheritdoc />
    public int EraseBlockLength => SectorLength;

    /// <summary>Time one sector erase takes, in microseconds.</summary>
    public long SectorEraseMicroseconds { get; set; } = 45_000;

    /// <summary>Time one page program takes, in microseconds.</summary>
    public long PageProgramMicroseconds { get; set; } = 500;

    /// <summary>Busy time of operations since the last <see cref="TakeBusyMicroseconds"/>.</summary>
    public long PendingBusyMicroseconds { get; private set; }

    /// <summary>Sector erases so far.</summary>
    public long EraseCount { get; private set; }

    /// <summary>Bytes programmed so far.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>When true, every write reports a failure and changes nothing.</summary>
    public bool FailWrites { get; set; }

    /// <summary>Returns the pending busy time and sets it to 0.</summary>
    public long TakeBusyMicroseconds()
    {
        long busy = PendingBusyMicroseconds;
        PendingBusyMicroseconds = 0;
        return busy;
    }

    /// <summary>Copy of <paramref name="count"/> bytes of <paramref name="slot"/> from the start.</summary>
    public byte[] GetSlot(int slot, int count) => slots[CheckSlot(slot)].AsSpan(0, count).ToArray();

    /// <summary>Programs <paramref name="image"/> at the start of <paramref name="slot"/> without timing, as a factory programmer would.</summary>
    public void Program(int slot, byte[] image)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(image.Length, SlotLength);
        Array.Fill(slots[CheckSlot(slot)], (byte)0xFF);
        image.CopyTo(slots[slot], 0);
    }

    /// <inheritdoc />
    public bool EraseBlock(int slot, int blockIndex)
    {
        CheckSlot(slot);
        if (blockIndex < 0 || blockIndex >= SlotLength / SectorLength)
        {
            throw new ArgumentOutOfRangeException(nameof(blockIndex), blockIndex, $"A slot has blocks 0 to {SlotLength / SectorLength - 1}.");
        }

        Array.Fill(slots[slot], (byte)0xFF, blockIndex * SectorLength, SectorLength);
        EraseCount++;
        PendingBusyMicroseconds += SectorEraseMicroseconds;
        return true;
    }

    /// <inheritdoc />
    public bool Write(int slot, int address, byte[] data, int offset, int count)
    {
        CheckSlot(slot);
        if (address < 0 || count < 0 || address > SlotLength - count)
        {
            throw new ArgumentOutOfRangeException(nameof(address), address, $"The write of {count} bytes at {address} exceeds the slot of {SlotLength} bytes.");
        }

        if (FailWrites)
        {
            return false;
        }

        byte[] target = slots[slot];
        for (int i = 0; i < count; i++)
        {
            target[address + i] &= data[offset + i];
        }

        int firstPage = address / PageLength;
        int lastPage = (address + count - 1) / PageLength;
        PendingBusyMicroseconds += (count == 0 ? 0 : lastPage - firstPage + 1) * PageProgramMicroseconds;
        BytesWritten += count;
        return true;
    }

    /// <inheritdoc />
    public int Read(int slot, int address, byte[] buffer, int offset, int count)
    {
        CheckSlot(slot);
        if (address < 0 || count < 0 || address > SlotLength - count)
        {
            return -1;
        }

        Array.Copy(slots[slot], address, buffer, offset, count);
        return count;
    }

    private int CheckSlot(int slot) =>
        slot >= 0 && slot < slots.Length
            ? slot
            : throw new ArgumentOutOfRangeException(nameof(slot), slot, "The store has slots 0 and 1.");
}

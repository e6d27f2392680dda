using System;
using Controllers.Firmware.Bms.Contactors;

namespace Controllers.Simulation.Plant;

/// <summary>
/// Two slots of simulated non-volatile memory. A power cut can be armed to stop the next write after a
/// number of bytes: the bytes before it are new, the rest keep their old content, and the write throws
/// <see cref="SimulatedPowerCutException"/> as the firmware would stop running.
/// </summary>
public sealed class SimulatedContactorWearStore : IContactorWearStore
{
    private readonly byte[][] slots;
    private int? cutAfterBytes;

    /// <summary>Creates two erased slots (0xFF, as erased flash) of <paramref name="slotLength"/> bytes.</summary>
    public SimulatedContactorWearStore(int slotLength = ContactorWearRecord.SerializedLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slotLength, 1);
        slots = new byte[2][];
        for (int i = 0; i < 2; i++)
        {
            slots[i] = new byte[slotLength];
            Array.Fill(slots[i], (byte)0xFF);
        }
    }

    /// <inheritdoc />
    public int SlotLength => slots[0].Length;

    /// <summary>Completed and interrupted writes.</summary>
    public int WriteCount { get; private set; }

    /// <summary>Arms a power cut that stops the next write after <paramref name="bytes"/> bytes.</summary>
    public void CutPowerDuringNextWrite(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        cutAfterBytes = bytes;
    }

    /// <summary>Copy of slot <paramref name="slot"/>.</summary>
    public byte[] GetSlot(int slot) => (byte[])slots[CheckSlot(slot)].Clone();

    /// <inheritdoc />
    public bool Read(int slot, byte[] buffer)
    {
        Array.Copy(slots[CheckSlot(slot)], buffer, SlotLength);
        return true;
    }

    /// <inheritdoc />
    public void Write(int slot, byte[] data, int length)
    {
        byte[] target = slots[CheckSlot(slot)];
        if (length > target.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, $"The write length {length} exceeds the slot size of {target.Length} bytes.");
        }

        WriteCount++;
        if (cutAfterBytes is int cut && cut < length)
        {
            cutAfterBytes = null;
            Array.Copy(data, target, cut);
            throw new SimulatedPowerCutException(slot, cut);
        }

        Array.Copy(data, target, length);
    }

    private static int CheckSlot(int slot) =>
        slot is 0 or 1 ? slot : throw new ArgumentOutOfRangeException(nameof(slot), slot, "The wear store has slots 0 and 1.");
}

/// <summary>Thrown by <see cref="SimulatedContactorWearStore"/> when an armed power cut interrupts a write.</summary>
public sealed class SimulatedPowerCutException : Exception
{
    public SimulatedPowerCutException(int slot, int bytesWritten)
        : base($"Simulated power cut after {bytesWritten} bytes of a write to slot {slot}.")
    {
        Slot = slot;
        BytesWritten = bytesWritten;
    }

    public int Slot { get; }

    public int BytesWritten { get; }
}

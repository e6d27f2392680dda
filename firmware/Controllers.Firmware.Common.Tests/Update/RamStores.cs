using System;
using Controllers.Firmware.Common.Storage;
using Controllers.Firmware.Common.Update;

namespace Controllers.Firmware.Common.Tests.Update;

/// <summary>Regions in RAM that keep what was written; a write replaces the region without allocating.</summary>
internal sealed class RamRegionStore(int regionCount, int regionLength) : INonVolatileStore
{
    private readonly byte[][] regions = CreateRegions(regionCount, regionLength);
    private readonly int[] lengths = new int[regionCount];

    public int RegionCount => regionCount;

    public int RegionLength => regionLength;

    public bool FailWrites { get; set; }

    public int Read(int region, byte[] buffer, int offset, int count)
    {
        int available = Math.Min(count, lengths[region]);
        Array.Copy(regions[region], 0, buffer, offset, available);
        return available;
    }

    public bool Write(int region, byte[] data, int offset, int count)
    {
        if (FailWrites)
        {
            return false;
        }

        Array.Copy(data, offset, regions[region], 0, count);
        lengths[region] = count;
        return true;
    }

    private static byte[][] CreateRegions(int count, int length)
    {
        var result = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            result[i] = new byte[length];
        }

        return result;
    }
}

/// <summary>Two slots of NOR-like flash in RAM: erase sets 0xFF, a write clears bits.</summary>
internal sealed class RamSlotStore : IApplicationSlotStore
{
    private readonly byte[][] slots;

    public RamSlotStore(int slotLength, int eraseBlockLength)
    {
        SlotLength = slotLength;
        EraseBlockLength = eraseBlockLength;
        slots = [new byte[slotLength], new byte[slotLength]];
    }

    public int SlotCount => 2;

    public int SlotLength { get; }

    public int EraseBlockLength { get; }

    public int EraseCount { get; private set; }

    public byte[] Slot(int slot) => slots[slot];

    public bool EraseBlock(int slot, int blockIndex)
    {
        Array.Fill(slots[slot], (byte)0xFF, blockIndex * EraseBlockLength, EraseBlockLength);
        EraseCount++;
        return true;
    }

    public bool Write(int slot, int address, byte[] data, int offset, int count)
    {
        for (int i = 0; i < count; i++)
        {
            slots[slot][address + i] &= data[offset + i];
        }

        return true;
    }

    public int Read(int slot, int address, byte[] buffer, int offset, int count)
    {
        Array.Copy(slots[slot], address, buffer, offset, count);
        return count;
    }
}

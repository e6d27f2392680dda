using System;
using Controllers.Firmware.Common.Storage;
using Controllers.Simulation.Plant;

namespace Controllers.Simulation.Storage;

/// <summary>How a <see cref="SimulatedFlashStore"/> region behaves when a write is cut short.</summary>
public enum SimulatedRegionKind
{
    /// <summary>
    /// A raw flash sector: a write first erases the whole region to 0xFF, then programs the new bytes in
    /// order. A cut after N bytes leaves N new bytes followed by 0xFF.
    /// </summary>
    FlashSector,

    /// <summary>
    /// A file that each write creates anew (truncate, then write). A cut after N bytes leaves a file of
    /// N bytes, and a region never written reads as a missing file (0 bytes).
    /// </summary>
    File,
}

/// <summary>
/// Simulated non-volatile memory with power-cut injection, for tests and suites. A power cut armed with
/// <see cref="CutPowerDuringNextWrite"/> stops the next write after a number of bytes and throws
/// <see cref="SimulatedPowerCutException"/>, as the firmware would stop running there.
/// </summary>
/// <remarks>
/// NOTE: An erase is modelled as atomic. A real NOR sector cut during its erase can read back with
/// arbitrary bits, which <see cref="RecordStore"/> treats as a bad header or CRC like any other damage.
/// </remarks>
public sealed class SimulatedFlashStore : INonVolatileStore
{
    private readonly byte[][] regions;
    private readonly int[] lengths;
    private readonly int[] eraseCounts;
    private int? cutAfterBytes;

    /// <summary>Creates <paramref name="regionCount"/> empty regions of <paramref name="regionLength"/> bytes.</summary>
    public SimulatedFlashStore(int regionCount, int regionLength, SimulatedRegionKind kind = SimulatedRegionKind.FlashSector)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(regionCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(regionLength, 1);
        Kind = kind;
        RegionLength = regionLength;
        regions = new byte[regionCount][];
        lengths = new int[regionCount];
        eraseCounts = new int[regionCount];
        for (int i = 0; i < regionCount; i++)
        {
            regions[i] = new byte[regionLength];
            Array.Fill(regions[i], (byte)0xFF);
            lengths[i] = kind == SimulatedRegionKind.FlashSector ? regionLength : 0;
        }
    }

    /// <summary>Behaviour of a cut write.</summary>
    public SimulatedRegionKind Kind { get; }

    /// <inheritdoc />
    public int RegionCount => regions.Length;

    /// <inheritdoc />
    public int RegionLength { get; }

    /// <summary>Completed and interrupted writes.</summary>
    public int WriteCount { get; private set; }

    /// <summary>When true, every read reports a failure (-1), as a flash driver error would.</summary>
    public bool FailReads { get; set; }

    /// <summary>When true, every write reports a failure and changes nothing.</summary>
    public bool FailWrites { get; set; }

    /// <summary>Erases of <paramref name="region"/> so far, the figure that flash endurance limits.</summary>
    public int GetEraseCount(int region) => eraseCounts[CheckRegion(region)];

    /// <summary>Arms a power cut that stops the next write after <paramref name="bytes"/> bytes.</summary>
    public void CutPowerDuringNextWrite(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        cutAfterBytes = bytes;
    }

    /// <summary>Copy of the bytes in <paramref name="region"/> (a file's length, or the whole sector).</summary>
    public byte[] GetRegion(int region)
    {
        CheckRegion(region);
        return regions[region].AsSpan(0, lengths[region]).ToArray();
    }

    /// <summary>Replaces the content of <paramref name="region"/> directly, to plant damaged data in a test.</summary>
    public void SetRegion(int region, byte[] content)
    {
        CheckRegion(region);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(content.Length, RegionLength);
        Array.Fill(regions[region], (byte)0xFF);
        content.CopyTo(regions[region], 0);
        lengths[region] = Kind == SimulatedRegionKind.FlashSector ? RegionLength : content.Length;
    }

    /// <inheritdoc />
    public int Read(int region, byte[] buffer, int offset, int count)
    {
        CheckRegion(region);
        if (FailReads)
        {
            return -1;
        }

        int available = Math.Min(count, lengths[region]);
        Array.Copy(regions[region], 0, buffer, offset, available);
        return available;
    }

    /// <inheritdoc />
    public bool Write(int region, byte[] data, int offset, int count)
    {
        CheckRegion(region);
        if (count > RegionLength)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"The write of {count} bytes exceeds the region size of {RegionLength} bytes.");
        }

        if (FailWrites)
        {
            return false;
        }

        WriteCount++;
        byte[] target = regions[region];

        // Both kinds start by discarding the old content: a sector erase, or a file truncation.
        Array.Fill(target, (byte)0xFF);
        eraseCounts[region]++;
        lengths[region] = Kind == SimulatedRegionKind.FlashSector ? RegionLength : 0;

        int written = count;
        if (cutAfterBytes is int cut && cut < count)
        {
            written = cut;
        }

        Array.Copy(data, offset, target, 0, written);
        if (Kind == SimulatedRegionKind.File)
        {
            lengths[region] = written;
        }

        if (written < count)
        {
            cutAfterBytes = null;
            throw new SimulatedPowerCutException(region, written);
        }

        return true;
    }

    private int CheckRegion(int region) =>
        region >= 0 && region < regions.Length
            ? region
            : throw new ArgumentOutOfRangeException(nameof(region), region, $"The store has regions 0 to {regions.Length - 1}.");
}

using System;
using System.IO;
using Controllers.Firmware.Common.Update;

namespace Controllers.Simulation.Storage;

/// <summary>
/// Two application slots as files in a folder (<c>slot0.bin</c>, <c>slot1.bin</c>), so that a simulated
/// board keeps its applications across restarts. A file contains the slot's bytes up to the last written one,
/// and the bytes after its end read as erased (0xFF), like the LittleFS slot files of docs/application-update.md.
/// </summary>
public sealed class FileSlotStore : IApplicationSlotStore
{
    /// <summary>Erase block in bytes, the 4 KiB sector of SPI NOR flash.</summary>
    public const int BlockLength = 4096;

    private readonly string[] paths;

    /// <summary>Creates the store over <paramref name="folder"/>, which must exist, with slots of <paramref name="slotLength"/> bytes.</summary>
    public FileSlotStore(string folder, int slotLength)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (slotLength < BlockLength || slotLength % BlockLength != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(slotLength), slotLength, $"The slot length must be a positive multiple of {BlockLength} bytes.");
        }

        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The slot folder {folder} does not exist; create it first.");
        }

        SlotLength = slotLength;
        paths = [Path.Combine(folder, "slot0.bin"), Path.Combine(folder, "slot1.bin")];
    }

    /// <inheritdoc />
    public int SlotCount => paths.Length;

    /// <inheritdoc />
    public int SlotLength { get; }

    /// <inheritdoc />
    public int EraseBlockLength => BlockLength;

    /// <summary>Last I/O error, or null; the interface reports failures only as false or -1.</summary>
    public Exception? LastError { get; private set; }

    /// <inheritdoc />
    public bool EraseBlock(int slot, int blockIndex)
    {
        CheckSlot(slot);
        if (blockIndex < 0 || blockIndex >= SlotLength / BlockLength)
        {
            return false;
        }

        try
        {
            // Bytes past the file's end read as erased, so cutting the file at the block start erases this
            // block and every later one. Writes come in address order after an erase, so nothing later is lost.
            using var file = new FileStream(paths[slot], FileMode.OpenOrCreate, FileAccess.ReadWrite);
            long blockStart = (long)blockIndex * BlockLength;
            if (file.Length > blockStart)
            {
                file.SetLength(blockStart);
            }

            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            LastError = error;
            return false;
        }
    }

    /// <inheritdoc />
    public bool Write(int slot, int address, byte[] data, int offset, int count)
    {
        CheckSlot(slot);
        if (address < 0 || count < 0 || (long)address + count > SlotLength)
        {
            return false;
        }

        try
        {
            using var file = new FileStream(paths[slot], FileMode.OpenOrCreate, FileAccess.ReadWrite);
            if (file.Length < address)
            {
                file.Seek(0, SeekOrigin.End);
                var erased = new byte[address - file.Length];
                Array.Fill(erased, (byte)0xFF);
                file.Write(erased, 0, erased.Length);
            }

            file.Seek(address, SeekOrigin.Begin);
            file.Write(data, offset, count);
            file.Flush(flushToDisk: true);
            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            LastError = error;
            return false;
        }
    }

    /// <inheritdoc />
    public int Read(int slot, int address, byte[] buffer, int offset, int count)
    {
        CheckSlot(slot);
        if (address < 0 || count < 0 || (long)address + count > SlotLength)
        {
            return -1;
        }

        Array.Fill(buffer, (byte)0xFF, offset, count);
        if (!File.Exists(paths[slot]))
        {
            return count;
        }

        try
        {
            using var file = new FileStream(paths[slot], FileMode.Open, FileAccess.Read);
            if (file.Length > address)
            {
                file.Seek(address, SeekOrigin.Begin);
                file.ReadAtLeast(buffer.AsSpan(offset, (int)Math.Min(count, file.Length - address)), (int)Math.Min(count, file.Length - address));
            }

            return count;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            LastError = error;
            return -1;
        }
    }

    private void CheckSlot(int slot)
    {
        if (slot < 0 || slot >= paths.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(slot), slot, "The slot must be 0 or 1.");
        }
    }
}

namespace Controllers.Firmware.Common.Update
{
    /// <summary>
    /// Storage of the application slots: <see cref="SlotCount"/> areas of <see cref="SlotLength"/> bytes
    /// that are erased in blocks of <see cref="EraseBlockLength"/> bytes and then written in order, as NOR
    /// flash is. On an ESP32 board a slot is one file on the internal LittleFS drive (erasing block 0
    /// truncates the file, a write appends) or one flash partition.
    /// </summary>
    public interface IApplicationSlotStore
    {
        /// <summary>Number of slots, addressed 0 to <c>SlotCount - 1</c>.</summary>
        int SlotCount { get; }

        /// <summary>Bytes one slot holds.</summary>
        int SlotLength { get; }

        /// <summary>Bytes of one erase block; <see cref="SlotLength"/> is a multiple of it.</summary>
        int EraseBlockLength { get; }

        /// <summary>
        /// Erases block <paramref name="blockIndex"/> of <paramref name="slot"/> to 0xFF. Returns false
        /// when the erase failed.
        /// </summary>
        bool EraseBlock(int slot, int blockIndex);

        /// <summary>
        /// Programs <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>
        /// at <paramref name="address"/> within <paramref name="slot"/>, which must have been erased there.
        /// Returns false when the write failed.
        /// </summary>
        bool Write(int slot, int address, byte[] data, int offset, int count);

        /// <summary>
        /// Reads <paramref name="count"/> bytes at <paramref name="address"/> within <paramref name="slot"/>
        /// into <paramref name="buffer"/> at <paramref name="offset"/>. Returns the number of bytes read,
        /// or -1 when the read failed.
        /// </summary>
        int Read(int slot, int address, byte[] buffer, int offset, int count);
    }
}

namespace Controllers.Firmware.Common.Storage
{
    /// <summary>
    /// Non-volatile memory divided into <see cref="RegionCount"/> fixed regions of at most
    /// <see cref="RegionLength"/> bytes each. On a board a region is one file on the internal LittleFS
    /// drive (<see cref="FileRegionStore"/>) or one erase sector of raw flash. A write replaces the whole
    /// region, and a power cut during it can leave any prefix of the new bytes followed by old, erased or
    /// missing bytes. <see cref="RecordStore"/> keeps two copies of a record so that such a cut loses
    /// nothing that was saved before.
    /// </summary>
    public interface INonVolatileStore
    {
        /// <summary>Number of regions, addressed 0 to <c>RegionCount - 1</c>.</summary>
        int RegionCount { get; }

        /// <summary>Largest number of bytes one region holds.</summary>
        int RegionLength { get; }

        /// <summary>
        /// Reads up to <paramref name="count"/> bytes from the start of <paramref name="region"/> into
        /// <paramref name="buffer"/> at <paramref name="offset"/>. Returns the number of bytes read, which is
        /// smaller than <paramref name="count"/> when the region contains fewer (a short or missing file), or -1
        /// when the read failed.
        /// </summary>
        int Read(int region, byte[] buffer, int offset, int count);

        /// <summary>
        /// Replaces the content of <paramref name="region"/> with <paramref name="count"/> bytes of
        /// <paramref name="data"/> from <paramref name="offset"/>. Returns false when the write failed.
        /// </summary>
        bool Write(int region, byte[] data, int offset, int count);
    }
}

namespace Controllers.Firmware.Common.Diagnostics
{
    /// <summary>
    /// Fills the current values of the freeze frame layout, so that <see cref="DtcMemory"/> can capture a
    /// snapshot record when a DTC fails. Must not allocate.
    /// </summary>
    public interface IDtcSnapshotSource
    {
        /// <summary>
        /// Writes the current value of every data identifier of the layout into <paramref name="values"/>, big
        /// endian, in layout order (see <see cref="DtcMemory.SnapshotValueOffset"/>).
        /// </summary>
        void FillSnapshot(byte[] values);
    }
}

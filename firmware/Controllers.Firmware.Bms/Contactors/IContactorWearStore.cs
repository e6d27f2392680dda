namespace Controllers.Firmware.Bms.Contactors
{
    /// <summary>
    /// Two slots of non-volatile memory for the contactor wear record. A write may stop part-way when the
    /// power fails; <see cref="ContactorWearLog"/> therefore alternates between the slots and checks a
    /// sequence number and CRC on reading. On a board it is two files on the LittleFS drive or two
    /// flash pages.
    /// </summary>
    public interface IContactorWearStore
    {
        /// <summary>Bytes per slot; at least <see cref="ContactorWearRecord.SerializedLength"/>.</summary>
        int SlotLength { get; }

        /// <summary>Reads slot 0 or 1 into the first <see cref="SlotLength"/> bytes of <paramref name="buffer"/>. Returns false when the read failed.</summary>
        bool Read(int slot, byte[] buffer);

        /// <summary>Writes the first <paramref name="length"/> bytes of <paramref name="data"/> to the start of slot 0 or 1.</summary>
        void Write(int slot, byte[] data, int length);
    }
}

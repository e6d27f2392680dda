namespace Controllers.Firmware.Common.Storage
{
    /// <summary>A record that must be written before the board sleeps or powers down.</summary>
    public interface IShutdownPersistence
    {
        /// <summary>Writes what changed since the last save. Returns false when the store reported a write failure.</summary>
        bool SaveNow(long nowMicroseconds);
    }
}

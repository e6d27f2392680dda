namespace Controllers.Firmware.Common.Diagnostics
{
    /// <summary>
    /// Non-volatile storage of the count of failed SecurityAccess keys, so that a reset does not clear a
    /// lockout. The server reads it once at construction and writes it on every change.
    /// </summary>
    public interface IUdsSecurityAttemptStore
    {
        /// <summary>Returns the stored count, 0 when nothing was stored.</summary>
        int LoadFailedAttempts();

        /// <summary>Stores the count.</summary>
        void StoreFailedAttempts(int count);
    }
}

namespace Controllers.Firmware.Common.Diagnostics
{
    /// <summary>ECUReset (0x11) reset types that <see cref="UdsServer"/> accepts.</summary>
    public static class UdsResetType
    {
        /// <summary>hardReset: like a power cycle.</summary>
        public const int HardReset = 0x01;

        /// <summary>softReset: restarts the application only.</summary>
        public const int SoftReset = 0x03;
    }
}

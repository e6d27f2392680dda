namespace Controllers.Firmware.Common.Scheduling
{
    /// <summary>
    /// Calendar time from a real-time clock. The ESP32's RTC keeps counting through deep sleep, but after a
    /// full power loss it restarts from an arbitrary value until something sets it again, which
    /// <see cref="IsValid"/> reports.
    /// </summary>
    public interface IWallClock
    {
        /// <summary>True when the time has been set since the last full power loss.</summary>
        bool IsValid { get; }

        /// <summary>Seconds since 1970-01-01 00:00 UTC; meaningless while <see cref="IsValid"/> is false.</summary>
        long UnixSeconds { get; }
    }
}

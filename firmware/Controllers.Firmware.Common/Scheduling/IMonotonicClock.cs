namespace Controllers.Firmware.Common.Scheduling
{
    /// <summary>
    /// Time source that never goes backwards. On an ESP32 board it wraps
    /// <c>HighResTimer.GetCurrent()</c> (microseconds since boot); in the simulator it is simulated time.
    /// </summary>
    public interface IMonotonicClock
    {
        /// <summary>Microseconds since an arbitrary fixed origin.</summary>
        long NowMicroseconds { get; }
    }
}

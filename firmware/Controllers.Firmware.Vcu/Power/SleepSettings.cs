using System;

namespace Controllers.Firmware.Vcu.Power
{
    /// <summary>Calibration of sleep and wake-up.</summary>
    public sealed class SleepSettings
    {
        /// <summary>RTC timer period for the 12 V check while asleep, µs: 4 h.</summary>
        public long TimerWakeMicroseconds { get; set; } = 4L * 3600 * 1000000;

        /// <summary>
        /// 12 V supply below which a timer wake-up requests the network, so that the vehicle can recharge the
        /// 12 V battery from the HV pack, V. A lead-acid battery at rest reads about 12.2 V at half charge.
        /// </summary>
        public float LowSupplyVolts { get; set; } = 12.0f;

        /// <summary>How long a timer wake-up with a low 12 V supply keeps the network requested, µs.</summary>
        public long LowSupplyNetworkMicroseconds { get; set; } = 600L * 1000000;

        /// <summary>Shortest time awake after start-up before the board may sleep again, µs; it gives the 12 V reading time to settle.</summary>
        public long MinimumAwakeMicroseconds { get; set; } = 100000;

        /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid value.</summary>
        public void Validate()
        {
            if (TimerWakeMicroseconds <= 0)
            {
                throw new ArgumentException("TimerWakeMicroseconds must be positive.", "TimerWakeMicroseconds");
            }

            if (!(LowSupplyVolts > 0f) || LowSupplyNetworkMicroseconds < 0 || MinimumAwakeMicroseconds < 0)
            {
                throw new ArgumentException("LowSupplyVolts must be positive and the sleep times 0 or more.", "LowSupplyVolts");
            }
        }
    }
}

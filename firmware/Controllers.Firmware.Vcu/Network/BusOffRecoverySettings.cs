using System;

namespace Controllers.Firmware.Vcu.Network
{
    /// <summary>
    /// Bus-off recovery timing, in the manner of the AUTOSAR CAN state manager (CanSM): a few fast attempts,
    /// then slow ones, and a DTC once the fast attempts are used up.
    /// </summary>
    public sealed class BusOffRecoverySettings
    {
        /// <summary>Wait from bus-off to a fast recovery attempt, µs (CanSM's L1 time).</summary>
        public long FastDelayMicroseconds { get; set; } = 50000;

        /// <summary>Number of fast attempts before the slow delay applies.</summary>
        public int FastAttempts { get; set; } = 5;

        /// <summary>Wait from bus-off to a slow recovery attempt, µs (CanSM's L2 time).</summary>
        public long SlowDelayMicroseconds { get; set; } = 1000000;

        /// <summary>Bus-off events in a row after which the bus-off DTC is set.</summary>
        public int DtcAfterBusOffCount { get; set; } = 5;

        /// <summary>
        /// Time without a new bus-off after an attempt that counts as recovered, µs: the counter restarts and the
        /// DTC test passes (CanSM's "transmission ensured" time).
        /// </summary>
        public long RecoveredAfterMicroseconds { get; set; } = 1000000;

        /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid value.</summary>
        public void Validate()
        {
            if (FastDelayMicroseconds <= 0 || SlowDelayMicroseconds < FastDelayMicroseconds)
            {
                throw new ArgumentException("FastDelayMicroseconds must be positive and SlowDelayMicroseconds at least as long.", "SlowDelayMicroseconds");
            }

            if (FastAttempts < 0 || DtcAfterBusOffCount < 1)
            {
                throw new ArgumentException("FastAttempts must be 0 or more and DtcAfterBusOffCount at least 1.", "DtcAfterBusOffCount");
            }

            if (RecoveredAfterMicroseconds <= 0)
            {
                throw new ArgumentException("RecoveredAfterMicroseconds must be positive.", "RecoveredAfterMicroseconds");
            }
        }
    }
}

namespace Controllers.Firmware.Vcu.Network
{
    /// <summary>Wake-up reasons that the NM message carries in byte 2 (VAL_TABLE_ NmWakeupReason of boards/can/vcu.dbc).</summary>
    public static class NmWakeupReason
    {
        /// <summary>No wake-up since power-on, or the reason is unknown.</summary>
        public const int None = 0;

        /// <summary>The ignition key was turned on.</summary>
        public const int Key = 1;

        /// <summary>A charge plug was inserted.</summary>
        public const int ChargePlug = 2;

        /// <summary>Another node's message woke the bus.</summary>
        public const int Network = 3;

        /// <summary>The periodic RTC timer woke the board.</summary>
        public const int Timer = 4;
    }
}

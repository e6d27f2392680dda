namespace Controllers.Firmware.Vcu.Intention
{
    /// <summary>Drive mode chosen with the mode switch; each has its own pedal map.</summary>
    public enum DriveMode
    {
        /// <summary>Soft pedal map for range.</summary>
        Eco = 0,

        /// <summary>Default map.</summary>
        Normal = 1,

        /// <summary>Steep map for response.</summary>
        Sport = 2,

        /// <summary>Full torque early in the pedal travel at low speed, for pulling a trailer.</summary>
        Tow = 3
    }

    /// <summary>Direction selector position.</summary>
    public enum DriveDirection
    {
        /// <summary>No drive torque.</summary>
        Neutral = 0,

        /// <summary>Positive motor torque drives forward.</summary>
        Forward = 1,

        /// <summary>Negative motor torque drives backward.</summary>
        Reverse = 2
    }
}

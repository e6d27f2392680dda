namespace Controllers.Firmware.Vcu.HighVoltage
{
    /// <summary>State of high-voltage power management.</summary>
    public enum HvPowerState
    {
        /// <summary>Contactors open and the link discharged; waiting for key or charge plug and the preconditions.</summary>
        Standby = 0,

        /// <summary>Connect requested; the BMS closes the negative and precharge contactors, then the positive one.</summary>
        Precharging = 1,

        /// <summary>Both main contactors closed and the link at pack voltage.</summary>
        Ready = 2,

        /// <summary>Shutdown started: torque goes to zero and the pack current must fall before the contactors open.</summary>
        RampingDown = 3,

        /// <summary>Disconnect or EmergencyOpen requested; waiting for the contactor feedback to read open.</summary>
        Opening = 4,

        /// <summary>Active discharge of the DC link through the inverter until it is below the touch-safe voltage.</summary>
        Discharging = 5,

        /// <summary>Shut down after a fault; reconnecting needs a retry timer or a key cycle (see <see cref="HvPowerManager"/>).</summary>
        Fault = 6
    }
}

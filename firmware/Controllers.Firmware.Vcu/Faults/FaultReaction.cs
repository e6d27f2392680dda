namespace Controllers.Firmware.Vcu.Faults
{
    /// <summary>
    /// VCU reactions to a fault, from the weakest to the strongest. When several faults are active the
    /// strongest reaction applies, so the numeric order matters.
    /// </summary>
    public enum FaultReaction
    {
        /// <summary>No reaction.</summary>
        None = 0,

        /// <summary>Warning lamp only; the vehicle drives normally.</summary>
        WarningLamp = 1,

        /// <summary>Torque capped at the derate fraction.</summary>
        PowerDerate = 2,

        /// <summary>Torque capped at the limp-home fraction and speed capped; latched until a key cycle.</summary>
        LimpHome = 3,

        /// <summary>Torque command forced to zero; latched until a key cycle.</summary>
        ZeroTorque = 4,

        /// <summary>Zero torque and a request to open the high-voltage contactors; latched until a key cycle.</summary>
        HvShutdown = 5,
    }
}

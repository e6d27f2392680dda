namespace Controllers.Firmware.Vcu.Network
{
    /// <summary>
    /// NM source node identifiers (VAL_TABLE_ NmNode of boards/can/vcu.dbc) and the masks that select nodes for
    /// monitoring: bit n stands for node identifier n.
    /// </summary>
    public static class NmNode
    {
        /// <summary>The VCU.</summary>
        public const int Vcu = 1;

        /// <summary>The BMS master.</summary>
        public const int Bms = 2;

        /// <summary>The motor controller.</summary>
        public const int Mcu = 3;

        /// <summary>The range extender's generator controller.</summary>
        public const int Gcu = 4;

        /// <summary>The on-board charger.</summary>
        public const int Obc = 5;

        /// <summary>Largest node identifier.</summary>
        public const int MaxId = 5;

        /// <summary>Mask bit of the BMS.</summary>
        public const int BmsMask = 1 << Bms;

        /// <summary>Mask bit of the motor controller.</summary>
        public const int McuMask = 1 << Mcu;

        /// <summary>Mask bit of the generator controller.</summary>
        public const int GcuMask = 1 << Gcu;

        /// <summary>Mask bit of the on-board charger.</summary>
        public const int ObcMask = 1 << Obc;
    }
}

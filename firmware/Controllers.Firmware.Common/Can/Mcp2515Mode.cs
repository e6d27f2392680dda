namespace Controllers.Firmware.Common.Can
{
    /// <summary>
    /// MCP2515 operation mode, as encoded in CANCTRL.REQOP2:0 and CANSTAT.OPMOD2:0 (Registers 10-1 and
    /// 10-2 of the datasheet).
    /// </summary>
    public enum Mcp2515Mode
    {
        /// <summary>Normal: transmits, receives and acknowledges on the bus.</summary>
        Normal = 0,

        /// <summary>Sleep: the CAN engine is stopped.</summary>
        Sleep = 1,

        /// <summary>Loopback: transmitted frames are received internally; nothing reaches the bus.</summary>
        Loopback = 2,

        /// <summary>Listen-only: receives without acknowledging and never transmits.</summary>
        ListenOnly = 3,

        /// <summary>Configuration: the state after reset; the only mode in which CNF, filters and masks are writable.</summary>
        Configuration = 4,
    }
}

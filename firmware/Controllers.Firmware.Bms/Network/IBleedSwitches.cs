namespace Controllers.Firmware.Bms.Network
{
    /// <summary>Passive-balancing bleed resistors of one slave board, normally the AFE's discharge outputs.</summary>
    public interface IBleedSwitches
    {
        /// <summary>Switches the bleed resistor of cell n + 1 on where bit n of <paramref name="cellMask"/> is set, and off elsewhere.</summary>
        void SetBleedMask(uint cellMask);
    }
}

namespace Controllers.Firmware.Vcu.Network
{
    /// <summary>Error state of the CAN controller, as bus-off recovery needs it.</summary>
    public interface ICanControllerStatus
    {
        /// <summary>Reads whether the controller is bus-off now (on the MCP2515, EFLG.TXBO).</summary>
        bool ReadBusOff();

        /// <summary>Reads the transmit error counter (TEC), 0 to 255.</summary>
        int ReadTransmitErrorCount();

        /// <summary>Restarts the controller with its configuration so it joins the bus again; pending frames are lost.</summary>
        void RequestRecovery();
    }
}

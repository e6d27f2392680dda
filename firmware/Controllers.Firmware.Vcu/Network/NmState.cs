namespace Controllers.Firmware.Vcu.Network
{
    /// <summary>States of the CAN network management state machine (AUTOSAR CP SWS CANNetworkManagement).</summary>
    public enum NmState
    {
        /// <summary>The bus is asleep: no NM or application messages are sent.</summary>
        BusSleep = 0,

        /// <summary>The bus is going to sleep: NM messages have stopped and the node waits for the others to stop sending.</summary>
        PrepareBusSleep = 1,

        /// <summary>Start-up phase: the node sends NM messages for the repeat message time whatever it needs.</summary>
        RepeatMessage = 2,

        /// <summary>The node needs the bus and sends NM messages.</summary>
        NormalOperation = 3,

        /// <summary>The node no longer needs the bus, stops sending NM messages and waits for the NM timeout.</summary>
        ReadySleep = 4,
    }
}

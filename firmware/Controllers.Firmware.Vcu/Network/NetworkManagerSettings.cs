using System;
using Controllers.Firmware.Common.Can.Generated.Vcu;

namespace Controllers.Firmware.Vcu.Network
{
    /// <summary>
    /// Timing of the network management, in µs. The names follow the AUTOSAR CanNm parameters
    /// (CanNmMsgCycleTime, CanNmTimeoutTime, CanNmRepeatMessageTime, CanNmWaitBusSleepTime). The values are
    /// this vehicle's choice, and every node of the bus must use the same.
    /// </summary>
    public sealed class NetworkManagerSettings
    {
        /// <summary>NM message period: the NM_VCU cycle time of boards/can/vcu.dbc, 500 ms.</summary>
        public long MessageCycleMicroseconds { get; set; } = NM_VCU.CycleTimeMilliseconds * 1000L;

        /// <summary>
        /// NM timeout: with no NM message on the bus for this long, a node in Ready Sleep goes to Prepare Bus-Sleep.
        /// Four message cycles, so three lost NM messages in a row do not end the network.
        /// </summary>
        public long TimeoutMicroseconds { get; set; } = 2000000;

        /// <summary>Time in Repeat Message after a wake-up or a repeat message request: three message cycles.</summary>
        public long RepeatMessageMicroseconds { get; set; } = 1500000;

        /// <summary>Time in Prepare Bus-Sleep before Bus-Sleep, long enough for every node to stop its application messages.</summary>
        public long WaitBusSleepMicroseconds { get; set; } = 1500000;

        /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid value.</summary>
        public void Validate()
        {
            if (MessageCycleMicroseconds <= 0)
            {
                throw new ArgumentException("MessageCycleMicroseconds must be positive.", "MessageCycleMicroseconds");
            }

            if (TimeoutMicroseconds <= MessageCycleMicroseconds)
            {
                throw new ArgumentException("TimeoutMicroseconds must exceed MessageCycleMicroseconds, or one late NM message would end the network.", "TimeoutMicroseconds");
            }

            if (RepeatMessageMicroseconds <= 0 || WaitBusSleepMicroseconds <= 0)
            {
                throw new ArgumentException("RepeatMessageMicroseconds and WaitBusSleepMicroseconds must be positive.", "RepeatMessageMicroseconds");
            }
        }
    }
}

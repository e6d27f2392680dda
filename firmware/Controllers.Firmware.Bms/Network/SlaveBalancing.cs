using Controllers.Firmware.Common.Can;

namespace Controllers.Firmware.Bms.Network
{
    /// <summary>
    /// A slave's side of the balancing protocol in boards/can/bms.dbc. The slave switches its bleed resistors as
    /// <c>BMS_BalancingCommand</c> asks, and switches all of them off (the safe state) when the master heartbeat
    /// is missing for 500 ms, has a wrong CRC or counter, says balancing is inactive, or when the command's own
    /// timeout passes without a new command.
    /// </summary>
    public sealed class SlaveBalancing
    {
        /// <summary>Master heartbeat age after which the slave stops balancing, from the matrix's comment on 0x100.</summary>
        public const long MasterHeartbeatTimeoutMicroseconds = 500000;

        private readonly int slave;
        private readonly int cellCount;
        private readonly IBleedSwitches? switches;
        private long lastMasterHeartbeatMicroseconds = long.MinValue;
        private int lastMasterCounter = -1;
        private bool balancingAllowed;
        private uint requestedMask;
        private long commandExpiryMicroseconds = long.MinValue;
        private uint appliedMask;
        private long rejectedFrameCount;

        /// <summary>Creates the handler; <paramref name="switches"/> may be null on a board without bleed resistors.</summary>
        public SlaveBalancing(int slave, int cellCount, IBleedSwitches? switches)
        {
            SlaveFrames.HeartbeatId(slave);
            this.slave = slave;
            this.cellCount = cellCount;
            this.switches = switches;
        }

        /// <summary>Bleed mask in force after the latest <see cref="Update"/>.</summary>
        public uint AppliedMask
        {
            get { return appliedMask; }
        }

        /// <summary>Master frames dropped for a wrong length, CRC or alive counter.</summary>
        public long RejectedFrameCount
        {
            get { return rejectedFrameCount; }
        }

        /// <summary>Takes a frame from the bus; frames for other nodes are ignored.</summary>
        public void Receive(CanFrame frame, long nowMicroseconds)
        {
            if (frame.IsExtended || frame.IsRemote)
            {
                return;
            }

            byte[] data = frame.Data;
            if (frame.Id == Common.Can.Generated.Bms.BMS_MasterHeartbeat.Id)
            {
                if (frame.Length != 4 || Crc8SaeJ1850.Compute(data, 0, 3) != data[3])
                {
                    rejectedFrameCount++;
                    return;
                }

                int counter = (int)IntelBits.Read(data, 16, 4);
                if (counter == lastMasterCounter)
                {
                    // A repeated counter means a stale frame, so it neither refreshes the heartbeat nor changes the state.
                    rejectedFrameCount++;
                    return;
                }

                lastMasterCounter = counter;
                lastMasterHeartbeatMicroseconds = nowMicroseconds;
                balancingAllowed = IntelBits.Read(data, 4, 1) == 1;
            }
            else if (frame.Id == Common.Can.Generated.Bms.BMS_BalancingCommand.Id)
            {
                if (frame.Length != 6)
                {
                    rejectedFrameCount++;
                    return;
                }

                if ((int)IntelBits.Read(data, 0, 4) != slave)
                {
                    return;
                }

                uint mask = IntelBits.Read(data, 8, 30);
                uint fitted = cellCount >= 32 ? 0xFFFFFFFFu : (1u << cellCount) - 1u;
                requestedMask = mask & fitted;
                commandExpiryMicroseconds = nowMicroseconds + (long)IntelBits.Read(data, 40, 8) * 1000000L;
            }
        }

        /// <summary>Applies the requested mask, or the safe state when a timeout has passed.</summary>
        public void Update(long nowMicroseconds)
        {
            bool masterAlive = lastMasterHeartbeatMicroseconds != long.MinValue &&
                               nowMicroseconds - lastMasterHeartbeatMicroseconds <= MasterHeartbeatTimeoutMicroseconds;
            bool commandValid = nowMicroseconds < commandExpiryMicroseconds;
            uint mask = masterAlive && balancingAllowed && commandValid ? requestedMask : 0u;
            if (mask != appliedMask || switches == null)
            {
                appliedMask = mask;
                if (switches != null)
                {
                    switches.SetBleedMask(mask);
                }
            }
        }
    }
}

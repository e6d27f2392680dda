using System;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Can.Generated.Bms;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Bms.Network
{
    /// <summary>
    /// The master's side of the slave protocol, run every 25 ms: updates which slaves are lost, sends
    /// <c>BMS_MasterHeartbeat</c> every 100 ms and one <c>BMS_BalancingCommand</c> every 125 ms, addressing
    /// the slaves in turn.
    /// </summary>
    public sealed class MasterLinkTask : IPeriodicTask
    {
        /// <summary>Period this task expects to be registered with.</summary>
        public const long PeriodMicroseconds = 25000;

        /// <summary>Bleed timeout sent with every command, in seconds; a slave stops when no command refreshes it.</summary>
        public const int BalancingTimeoutSeconds = 10;

        private readonly SlaveLink link;
        private readonly ICanTransmitter transmitter;
        private readonly uint[] balancingMasks;
        private readonly BMS_MasterHeartbeat heartbeat = new BMS_MasterHeartbeat();
        private readonly CanFrame frame = new CanFrame();
        private int masterState;
        private bool balancingAllowed;
        private int activation;
        private int aliveCounter;
        private int nextSlave;
        private long droppedFrameCount;

        /// <summary>Creates the task over <paramref name="link"/>.</summary>
        public MasterLinkTask(SlaveLink link, ICanTransmitter transmitter)
        {
            if (link == null)
            {
                throw new ArgumentNullException("link");
            }

            if (transmitter == null)
            {
                throw new ArgumentNullException("transmitter");
            }

            this.link = link;
            this.transmitter = transmitter;
            balancingMasks = new uint[link.SlaveCount];
        }

        /// <summary>Master state sent in the heartbeat (0 Init … 5 Service, as in the matrix's value table).</summary>
        public int MasterState
        {
            get { return masterState; }
            set { masterState = value; }
        }

        /// <summary>Balancing-allowed flag sent in the heartbeat.</summary>
        public bool BalancingAllowed
        {
            get { return balancingAllowed; }
            set { balancingAllowed = value; }
        }

        /// <summary>Frames the transmitter had no slot for.</summary>
        public long DroppedFrameCount
        {
            get { return droppedFrameCount; }
        }

        /// <summary>Sets the bleed mask for slave <paramref name="slave"/>; bit n is that slave's cell n + 1.</summary>
        public void SetBalancingMask(int slave, uint cellMask)
        {
            if (slave < 1 || slave > balancingMasks.Length)
            {
                throw new ArgumentOutOfRangeException("slave", "The slave number must be 1 to the number of slaves.");
            }

            balancingMasks[slave - 1] = cellMask & 0x3FFFFFFFu;
        }

        /// <inheritdoc />
        public void Run(long nowMicroseconds)
        {
            link.Update(nowMicroseconds);
            if (activation % 4 == 0)
            {
                heartbeat.MasterState = masterState;
                heartbeat.BalancingAllowed = balancingAllowed ? 1f : 0f;
                heartbeat.MasterAliveCounter = aliveCounter;
                heartbeat.MasterHeartbeatCrc = 0f;
                heartbeat.Encode(frame);
                frame.Data[3] = Crc8SaeJ1850.Compute(frame.Data, 0, 3);
                Send();
                aliveCounter = (aliveCounter + 1) & 0xF;
            }

            if (activation % 5 == 0)
            {
                byte[] data = frame.Data;
                frame.SetId(BMS_BalancingCommand.Id, false);
                frame.IsRemote = false;
                frame.Length = BMS_BalancingCommand.Length;
                for (int i = 0; i < 8; i++)
                {
                    data[i] = 0;
                }

                IntelBits.Write(data, 0, 4, (uint)(nextSlave + 1));
                IntelBits.Write(data, 8, 30, balancingMasks[nextSlave]);
                IntelBits.Write(data, 40, 8, BalancingTimeoutSeconds);
                Send();
                nextSlave = nextSlave + 1 == balancingMasks.Length ? 0 : nextSlave + 1;
            }

            activation = activation == 19 ? 0 : activation + 1;
        }

        private void Send()
        {
            if (!transmitter.TrySend(frame))
            {
                droppedFrameCount++;
            }
        }
    }
}

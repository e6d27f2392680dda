using System;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Can.Generated.Vcu;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Vcu.Network
{
    /// <summary>
    /// CAN network management of the VCU after the AUTOSAR CanNm state machine (AUTOSAR CP SWS
    /// CANNetworkManagement): Bus-Sleep, Prepare Bus-Sleep, Repeat Message, Normal Operation and Ready Sleep.
    /// The VCU sends NM_VCU while it needs the bus and reads NM_BMS, NM_MCU, NM_GCU and NM_OBC. Any NM message
    /// received restarts the NM timeout, and so does each NM_VCU sent. The bus sleeps when no node has sent an NM
    /// message for the NM timeout and then the wait-bus-sleep time has passed.
    /// </summary>
    /// <remarks>
    /// Node monitoring: the VCU names the nodes that its current use case needs (<see cref="SetRequiredNodes"/>).
    /// A node needed by the VCU needs the bus itself, so it sends its NM message. A required node that stays
    /// silent for the NM timeout while the network is awake sets its lost-node DTC. After an active wake-up the VCU sets the
    /// repeat message request bit, so every awake node answers with its NM message within the repeat message time.
    /// </remarks>
    public sealed class NetworkManager : ICanFrameConsumer, IPeriodicTask
    {
        // NM PDU layout (docs/can-matrix.md): byte 0 source node, byte 1 control bit vector, byte 2 wake-up reason.
        private const int RepeatMessageRequestBit = 0x01;
        private const uint FirstNodeId = NM_VCU.Id - NmNode.Vcu;

        private readonly NetworkManagerSettings settings;
        private readonly ICanTransmitter transmitter;
        private readonly DtcMemory dtcs;
        private readonly NM_VCU message = new NM_VCU();
        private readonly CanFrame frame = new CanFrame();
        private readonly long[] lastHeardMicroseconds = new long[NmNode.MaxId + 1];
        private readonly bool[] nodeHeard = new bool[NmNode.MaxId + 1];
        private readonly long[] monitoredSinceMicroseconds = new long[NmNode.MaxId + 1];
        private readonly uint[] lostNodeDtcs = new uint[] { 0, 0, VcuDtc.NmLostBms, VcuDtc.NmLostMcu, VcuDtc.NmLostGcu, VcuDtc.NmLostObc };

        private NmState state = NmState.BusSleep;
        private bool networkRequested;
        private bool activeWakeup;
        private bool nodeDetectionRequest;
        private bool messageReceived;
        private bool repeatMessageRequestReceived;
        private long stateEnteredMicroseconds;
        private long timeoutStartMicroseconds;
        private long nextTransmitMicroseconds;
        private int requiredNodes;
        private int lostNodes;

        /// <summary>Creates the NM in Bus-Sleep; it sends NM_VCU through <paramref name="transmitter"/>.</summary>
        public NetworkManager(NetworkManagerSettings settings, ICanTransmitter transmitter, DtcMemory dtcs)
        {
            if (settings == null || transmitter == null || dtcs == null)
            {
                throw new ArgumentNullException(settings == null ? "settings" : transmitter == null ? "transmitter" : "dtcs");
            }

            settings.Validate();
            this.settings = settings;
            this.transmitter = transmitter;
            this.dtcs = dtcs;
            message.VCUNmSourceNode = NmNode.Vcu;
        }

        /// <summary>Current state.</summary>
        public NmState State
        {
            get { return state; }
        }

        /// <summary>Time of the last state change, µs.</summary>
        public long StateEnteredMicroseconds
        {
            get { return stateEnteredMicroseconds; }
        }

        /// <summary>True while the VCU requests the network (key on, charging, after-run).</summary>
        public bool NetworkRequested
        {
            get { return networkRequested; }
        }

        /// <summary>Wake-up reason sent in byte 2 of NM_VCU; one of the <see cref="NmWakeupReason"/> values.</summary>
        public int WakeupReason { get; set; }

        /// <summary>Number of NM_VCU messages queued for transmission since start-up.</summary>
        public long MessagesSent { get; private set; }

        /// <summary>Mask of the nodes that are lost now (bit n for node n).</summary>
        public int LostNodes
        {
            get { return lostNodes; }
        }

        /// <summary>Requests the network: from Bus-Sleep or Prepare Bus-Sleep this is an active wake-up.</summary>
        public void RequestNetwork()
        {
            networkRequested = true;
        }

        /// <summary>Releases the network: the VCU is ready to sleep as soon as no other node needs the bus.</summary>
        public void ReleaseNetwork()
        {
            networkRequested = false;
        }

        /// <summary>
        /// Starts the network passively after a wake-up by bus activity: from Bus-Sleep or Prepare Bus-Sleep the
        /// next run enters Repeat Message without waiting for another NM message (CanNm_PassiveStartUp).
        /// </summary>
        public void PassiveStartUp()
        {
            if (state == NmState.BusSleep || state == NmState.PrepareBusSleep)
            {
                messageReceived = true;
            }
        }

        /// <summary>
        /// Sets the nodes that the VCU's current use case needs (a mask of <see cref="NmNode"/> bits). Monitoring
        /// of a newly required node starts now, so it has one NM timeout to be heard.
        /// </summary>
        public void SetRequiredNodes(int mask, long nowMicroseconds)
        {
            int added = mask & ~requiredNodes;
            requiredNodes = mask;
            for (int node = NmNode.Bms; node <= NmNode.MaxId; node++)
            {
                if ((added & (1 << node)) != 0)
                {
                    monitoredSinceMicroseconds[node] = nowMicroseconds;
                }
            }
        }

        /// <summary>True when the NM message of <paramref name="node"/> has not been heard for the NM timeout while monitored.</summary>
        public bool IsNodeLost(int node)
        {
            return node >= 0 && node <= NmNode.MaxId && (lostNodes & (1 << node)) != 0;
        }

        /// <inheritdoc/>
        public bool Consume(CanFrame received, long nowMicroseconds)
        {
            if (received.IsExtended || received.Id <= NM_VCU.Id || received.Id > FirstNodeId + NmNode.MaxId)
            {
                return false;
            }

            int node = (int)(received.Id - FirstNodeId);
            nodeHeard[node] = true;
            lastHeardMicroseconds[node] = nowMicroseconds;
            messageReceived = true;
            timeoutStartMicroseconds = nowMicroseconds;
            if (received.Length >= 2 && (received.Data[1] & RepeatMessageRequestBit) != 0)
            {
                repeatMessageRequestReceived = true;
            }

            return true;
        }

        /// <summary>Runs the state machine; schedule it every 10 ms.</summary>
        public void Run(long nowMicroseconds)
        {
            switch (state)
            {
                case NmState.BusSleep:
                    RunBusSleep(nowMicroseconds);
                    break;
                case NmState.PrepareBusSleep:
                    RunPrepareBusSleep(nowMicroseconds);
                    break;
                case NmState.RepeatMessage:
                    RunRepeatMessage(nowMicroseconds);
                    break;
                case NmState.NormalOperation:
                    RunNormalOperation(nowMicroseconds);
                    break;
                default:
                    RunReadySleep(nowMicroseconds);
                    break;
            }

            messageReceived = false;
            repeatMessageRequestReceived = false;
            MonitorNodes(nowMicroseconds);
        }

        private void RunBusSleep(long now)
        {
            if (networkRequested)
            {
                activeWakeup = true;
                nodeDetectionRequest = true;
                EnterRepeatMessage(now);
                return;
            }

            if (messageReceived)
            {
                // Passive start-up: another node woke the bus.
                EnterRepeatMessage(now);
            }
        }

        private void RunPrepareBusSleep(long now)
        {
            if (networkRequested)
            {
                activeWakeup = true;
                nodeDetectionRequest = true;
                EnterRepeatMessage(now);
                return;
            }

            if (messageReceived)
            {
                EnterRepeatMessage(now);
                return;
            }

            if (now - stateEnteredMicroseconds >= settings.WaitBusSleepMicroseconds)
            {
                Enter(NmState.BusSleep, now);
            }
        }

        private void RunRepeatMessage(long now)
        {
            if (now - stateEnteredMicroseconds >= settings.RepeatMessageMicroseconds)
            {
                nodeDetectionRequest = false;
                if (networkRequested)
                {
                    Enter(NmState.NormalOperation, now);
                    TransmitWhenDue(now);
                }
                else
                {
                    Enter(NmState.ReadySleep, now);
                }

                return;
            }

            RestartTimeoutWhenExpired(now);
            TransmitWhenDue(now);
        }

        private void RunNormalOperation(long now)
        {
            if (repeatMessageRequestReceived)
            {
                EnterRepeatMessage(now);
                return;
            }

            if (!networkRequested)
            {
                Enter(NmState.ReadySleep, now);
                return;
            }

            RestartTimeoutWhenExpired(now);
            TransmitWhenDue(now);
        }

        private void RunReadySleep(long now)
        {
            if (repeatMessageRequestReceived)
            {
                EnterRepeatMessage(now);
                return;
            }

            if (networkRequested)
            {
                Enter(NmState.NormalOperation, now);
                nextTransmitMicroseconds = now;
                TransmitWhenDue(now);
                return;
            }

            if (now - timeoutStartMicroseconds >= settings.TimeoutMicroseconds)
            {
                activeWakeup = false;
                Enter(NmState.PrepareBusSleep, now);
            }
        }

        private void EnterRepeatMessage(long now)
        {
            bool fromSleep = state == NmState.BusSleep || state == NmState.PrepareBusSleep;
            Enter(NmState.RepeatMessage, now);
            timeoutStartMicroseconds = now;
            nextTransmitMicroseconds = now;
            if (fromSleep)
            {
                for (int node = NmNode.Bms; node <= NmNode.MaxId; node++)
                {
                    monitoredSinceMicroseconds[node] = now;
                }
            }

            TransmitWhenDue(now);
        }

        private void Enter(NmState next, long now)
        {
            state = next;
            stateEnteredMicroseconds = now;
        }

        // In Repeat Message and Normal Operation an expired NM timeout only restarts the timer: the node itself
        // keeps the bus awake (CanNm reports it as a timeout exception, which this NM does not surface).
        private void RestartTimeoutWhenExpired(long now)
        {
            if (now - timeoutStartMicroseconds >= settings.TimeoutMicroseconds)
            {
                timeoutStartMicroseconds = now;
            }
        }

        private void TransmitWhenDue(long now)
        {
            if (now < nextTransmitMicroseconds)
            {
                return;
            }

            message.VCUNmRepeatMessageRequest = nodeDetectionRequest ? 1 : 0;
            message.VCUNmCoordinatorSleepReady = networkRequested ? 0 : 1;
            message.VCUNmActiveWakeup = activeWakeup ? 1 : 0;
            message.VCUNmWakeupReason = WakeupReason;
            message.Encode(frame);

            // A refused frame (no free mailbox, or transmission paused during bus-off) is retried on the next run.
            if (!transmitter.TrySend(frame))
            {
                return;
            }

            MessagesSent++;
            timeoutStartMicroseconds = now;
            nextTransmitMicroseconds = now + settings.MessageCycleMicroseconds;
        }

        private void MonitorNodes(long now)
        {
            bool awake = state == NmState.RepeatMessage || state == NmState.NormalOperation || state == NmState.ReadySleep;
            for (int node = NmNode.Bms; node <= NmNode.MaxId; node++)
            {
                int bit = 1 << node;
                if (!awake || (requiredNodes & bit) == 0)
                {
                    lostNodes &= ~bit;
                    continue;
                }

                bool heardSinceStart = nodeHeard[node] && lastHeardMicroseconds[node] >= monitoredSinceMicroseconds[node];
                long since = heardSinceStart ? lastHeardMicroseconds[node] : monitoredSinceMicroseconds[node];
                bool lost = now - since >= settings.TimeoutMicroseconds;
                if (lost)
                {
                    lostNodes |= bit;
                    dtcs.ReportTestResult(lostNodeDtcs[node], true);
                }
                else
                {
                    lostNodes &= ~bit;
                    if (heardSinceStart)
                    {
                        dtcs.ReportTestResult(lostNodeDtcs[node], false);
                    }
                }
            }
        }
    }
}

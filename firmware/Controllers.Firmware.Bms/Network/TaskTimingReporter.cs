using System;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Can.Generated.Bms;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Bms.Network
{
    /// <summary>
    /// Sends the executive's scheduling figures over CAN, one task per activation in registration order:
    /// worst start-to-start interval, worst jitter, worst execution time and overruns. The master sends on
    /// <c>BMS_TaskTiming</c>, slave n on <c>BMS_SlaveNTaskTiming</c>; both share one layout.
    /// </summary>
    public sealed class TaskTimingReporter : IPeriodicTask
    {
        private readonly Executive executive;
        private readonly ICanTransmitter transmitter;
        private readonly uint canId;
        private readonly BMS_TaskTiming message = new BMS_TaskTiming();
        private readonly CanFrame frame = new CanFrame();
        private int nextTask;
        private long droppedFrameCount;

        /// <summary>Creates a reporter that sends on <paramref name="canId"/> (standard identifier).</summary>
        public TaskTimingReporter(Executive executive, ICanTransmitter transmitter, uint canId)
        {
            if (executive == null)
            {
                throw new ArgumentNullException("executive");
            }

            if (transmitter == null)
            {
                throw new ArgumentNullException("transmitter");
            }

            this.executive = executive;
            this.transmitter = transmitter;
            this.canId = canId;
        }

        /// <summary>Frames the transmitter had no slot for.</summary>
        public long DroppedFrameCount
        {
            get { return droppedFrameCount; }
        }

        /// <inheritdoc />
        public void Run(long nowMicroseconds)
        {
            int count = executive.TaskCount;
            if (count == 0)
            {
                return;
            }

            if (nextTask >= count)
            {
                nextTask = 0;
            }

            message.MasterTaskIndex = nextTask;
            message.MasterTaskMaxInterval = executive.GetMaxIntervalMicroseconds(nextTask) / 1000f;
            message.MasterTaskMaxJitter = executive.GetMaxJitterMicroseconds(nextTask) / 1000f;
            message.MasterTaskMaxExecution = executive.GetMaxExecutionMicroseconds(nextTask) / 1000f;
            long overruns = executive.GetOverrunCount(nextTask);
            message.MasterTaskOverrunCounter = overruns > 255 ? 255f : overruns;
            message.Encode(frame);
            frame.SetId(canId, false);
            if (!transmitter.TrySend(frame))
            {
                droppedFrameCount++;
            }

            nextTask++;
        }
    }
}

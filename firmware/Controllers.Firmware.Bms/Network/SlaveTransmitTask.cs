using Controllers.Firmware.Bms.Tasks;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Bms.Network
{
    /// <summary>
    /// Sends a slave's measurements to the master every 10 ms: one cell-voltage group per activation, and on
    /// every tenth activation the heartbeat and one temperature group. With 30 cells the eight voltage groups
    /// take 80 ms and the three temperature groups 300 ms (layout and cycle times in boards/can/bms.dbc).
    /// </summary>
    public sealed class SlaveTransmitTask : IPeriodicTask
    {
        /// <summary>Consecutive failed AFE reads after which the slave reports a measurement fault.</summary>
        public const int MeasurementFaultReadCount = 3;

        private readonly int slave;
        private readonly CellVoltageSamplingTask cellVoltages;
        private readonly TemperatureSamplingTask temperatures;
        private readonly SlaveBalancing balancing;
        private readonly ICanTransmitter transmitter;
        private readonly CanFrame frame = new CanFrame();
        private readonly bool[] temperatureValid;
        private readonly int cellCount;
        private readonly int cellGroupCount;
        private readonly int temperatureCount;
        private readonly int temperatureGroupCount;
        private int nextCellGroup;
        private int nextTemperatureGroup;
        private int activation;
        private int aliveCounter;
        private long droppedFrameCount;
        private bool openWireFault;

        /// <summary>Creates the task for slave number <paramref name="slave"/> (1 to 8).</summary>
        public SlaveTransmitTask(int slave, CellVoltageSamplingTask cellVoltages, TemperatureSamplingTask temperatures,
            SlaveBalancing balancing, ICanTransmitter transmitter)
        {
            SlaveFrames.HeartbeatId(slave);
            this.slave = slave;
            this.cellVoltages = cellVoltages;
            this.temperatures = temperatures;
            this.balancing = balancing;
            this.transmitter = transmitter;
            cellCount = cellVoltages.CellVoltagesVolts.Length;
            cellGroupCount = SlaveFrames.CellGroupCount(cellCount);
            temperatureCount = temperatures.TemperaturesCelsius.Length;
            temperatureGroupCount = SlaveFrames.TemperatureGroupCount(temperatureCount);
            temperatureValid = new bool[temperatureCount];
        }

        /// <summary>Frames the transmitter had no slot for.</summary>
        public long DroppedFrameCount
        {
            get { return droppedFrameCount; }
        }

        /// <summary>Open sense wire flag sent in the heartbeat; set by the board's open-wire check.</summary>
        public bool OpenWireFault
        {
            get { return openWireFault; }
            set { openWireFault = value; }
        }

        /// <summary>True while the AFE has failed <see cref="MeasurementFaultReadCount"/> reads in a row or has never been read.</summary>
        public bool MeasurementFault
        {
            get
            {
                return cellVoltages.SampleCount == 0 ||
                       cellVoltages.ConsecutiveFailedReadCount >= MeasurementFaultReadCount;
            }
        }

        /// <inheritdoc />
        public void Run(long nowMicroseconds)
        {
            // A cell whose AFE read failed is sent as "not measured" rather than with its last value.
            bool voltagesValid = !MeasurementFault;
            SlaveFrames.EncodeCellVoltages(frame, slave, nextCellGroup, cellVoltages.CellVoltagesVolts, cellCount,
                voltagesValid);
            Send();
            nextCellGroup = nextCellGroup + 1 == cellGroupCount ? 0 : nextCellGroup + 1;

            if (activation == 0)
            {
                balancing.Update(nowMicroseconds);
                int state = MeasurementFault ? SlaveFrames.StateFault :
                    balancing.AppliedMask != 0 ? SlaveFrames.StateBalancing : SlaveFrames.StateMeasuring;
                SlaveFrames.EncodeHeartbeat(frame, slave, state, cellCount, openWireFault, MeasurementFault,
                    balancing.AppliedMask != 0, aliveCounter);
                Send();
                aliveCounter = (aliveCounter + 1) & 0xF;

                for (int i = 0; i < temperatureCount; i++)
                {
                    temperatureValid[i] = temperatures.IsValid(i) && temperatures.IsCurrent(i);
                }

                SlaveFrames.EncodeTemperatures(frame, slave, nextTemperatureGroup, temperatures.TemperaturesCelsius,
                    temperatureValid, temperatureCount);
                Send();
                nextTemperatureGroup = nextTemperatureGroup + 1 == temperatureGroupCount ? 0 : nextTemperatureGroup + 1;
            }

            activation = activation == 9 ? 0 : activation + 1;
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

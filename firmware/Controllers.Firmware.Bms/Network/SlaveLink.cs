using System;
using Controllers.Firmware.Common.Can;

namespace Controllers.Firmware.Bms.Network
{
    /// <summary>
    /// The master's view of its slaves: decodes their heartbeats, cell voltages and temperatures into pack-wide
    /// arrays (slave 1's cells first) and decides when a slave is lost. A slave is lost when its heartbeat is
    /// older than <see cref="HeartbeatTimeoutMicroseconds"/>, when one of its cells has not been updated within
    /// <see cref="CellVoltageTimeoutMicroseconds"/>, or when it reports a cell count other than the board file's.
    /// </summary>
    public sealed class SlaveLink
    {
        /// <summary>Heartbeat age after which a slave is lost: five missed 100 ms heartbeats.</summary>
        public const long HeartbeatTimeoutMicroseconds = 500000;

        /// <summary>Cell voltage age after which a slave is lost: about three 80 ms rounds of voltage frames.</summary>
        public const long CellVoltageTimeoutMicroseconds = 250000;

        private readonly int slaveCount;
        private readonly int[] cellCounts;
        private readonly int[] firstCells;
        private readonly int[] temperatureCounts;
        private readonly int[] firstTemperatures;
        private readonly float[] cellVoltagesVolts;
        private readonly long[] cellUpdateMicroseconds;
        private readonly float[] temperaturesCelsius;
        private readonly bool[] temperatureValid;
        private readonly long[] lastHeartbeatMicroseconds;
        private readonly int[] lastCounters;
        private readonly int[] reportedStates;
        private readonly bool[] openWireFaults;
        private readonly bool[] measurementFaults;
        private readonly bool[] cellCountMismatches;
        private readonly bool[] lost;
        private long rejectedFrameCount;
        private bool anyLost = true;

        /// <summary>
        /// Creates the link for <paramref name="cellsPerSlave"/>.Length slaves; element i gives slave i + 1's cell
        /// count (6 to 30) and <paramref name="temperaturesPerSlave"/> its sensor count (0 to 14).
        /// </summary>
        public SlaveLink(int[] cellsPerSlave, int[] temperaturesPerSlave)
        {
            if (cellsPerSlave == null || temperaturesPerSlave == null)
            {
                throw new ArgumentNullException("cellsPerSlave");
            }

            slaveCount = cellsPerSlave.Length;
            if (slaveCount < 1 || slaveCount > SlaveFrames.MaxSlaveCount || temperaturesPerSlave.Length != slaveCount)
            {
                throw new ArgumentException("Give 1 to 8 slaves, with one cell count and one temperature count each.", "cellsPerSlave");
            }

            cellCounts = new int[slaveCount];
            firstCells = new int[slaveCount];
            temperatureCounts = new int[slaveCount];
            firstTemperatures = new int[slaveCount];
            int totalCells = 0;
            int totalTemperatures = 0;
            for (int i = 0; i < slaveCount; i++)
            {
                if (cellsPerSlave[i] < 6 || cellsPerSlave[i] > SlaveFrames.MaxCellsPerSlave)
                {
                    throw new ArgumentOutOfRangeException("cellsPerSlave", "Each slave measures 6 to 30 cells.");
                }

                if (temperaturesPerSlave[i] < 0 || temperaturesPerSlave[i] > SlaveFrames.MaxTemperaturesPerSlave)
                {
                    throw new ArgumentOutOfRangeException("temperaturesPerSlave", "Each slave reports 0 to 14 temperatures.");
                }

                cellCounts[i] = cellsPerSlave[i];
                firstCells[i] = totalCells;
                totalCells += cellsPerSlave[i];
                temperatureCounts[i] = temperaturesPerSlave[i];
                firstTemperatures[i] = totalTemperatures;
                totalTemperatures += temperaturesPerSlave[i];
            }

            cellVoltagesVolts = new float[totalCells];
            cellUpdateMicroseconds = new long[totalCells];
            for (int i = 0; i < totalCells; i++)
            {
                cellUpdateMicroseconds[i] = long.MinValue;
            }

            temperaturesCelsius = new float[totalTemperatures];
            temperatureValid = new bool[totalTemperatures];
            lastHeartbeatMicroseconds = new long[slaveCount];
            lastCounters = new int[slaveCount];
            reportedStates = new int[slaveCount];
            openWireFaults = new bool[slaveCount];
            measurementFaults = new bool[slaveCount];
            cellCountMismatches = new bool[slaveCount];
            lost = new bool[slaveCount];
            for (int i = 0; i < slaveCount; i++)
            {
                lastHeartbeatMicroseconds[i] = long.MinValue;
                lastCounters[i] = -1;
                lost[i] = true;
            }
        }

        /// <summary>Number of slaves.</summary>
        public int SlaveCount
        {
            get { return slaveCount; }
        }

        /// <summary>Cells over all slaves.</summary>
        public int CellCount
        {
            get { return cellVoltagesVolts.Length; }
        }

        /// <summary>Temperature sensors over all slaves.</summary>
        public int TemperatureCount
        {
            get { return temperaturesCelsius.Length; }
        }

        /// <summary>Latest cell voltages in volts, slave 1's cells first.</summary>
        public float[] CellVoltagesVolts
        {
            get { return cellVoltagesVolts; }
        }

        /// <summary>Time each cell voltage arrived; <see cref="long.MinValue"/> before the first.</summary>
        public long[] CellUpdateMicroseconds
        {
            get { return cellUpdateMicroseconds; }
        }

        /// <summary>Latest temperatures in °C, slave 1's sensors first.</summary>
        public float[] TemperaturesCelsius
        {
            get { return temperaturesCelsius; }
        }

        /// <summary>Frames dropped for a wrong length, CRC, alive counter or group number.</summary>
        public long RejectedFrameCount
        {
            get { return rejectedFrameCount; }
        }

        /// <summary>True when at least one slave is lost, as of the latest <see cref="Update"/>.</summary>
        public bool AnySlaveLost
        {
            get { return anyLost; }
        }

        /// <summary>True when the latest frame of temperature sensor <paramref name="index"/> carried a value.</summary>
        public bool IsTemperatureValid(int index)
        {
            return temperatureValid[index];
        }

        /// <summary>True when slave <paramref name="slave"/> (1 to N) is lost, as of the latest <see cref="Update"/>.</summary>
        public bool IsSlaveLost(int slave)
        {
            return lost[SlaveIndex(slave)];
        }

        /// <summary>Open-wire flag from slave <paramref name="slave"/>'s latest heartbeat.</summary>
        public bool HasOpenWire(int slave)
        {
            return openWireFaults[SlaveIndex(slave)];
        }

        /// <summary>Measurement-fault flag from slave <paramref name="slave"/>'s latest heartbeat.</summary>
        public bool HasMeasurementFault(int slave)
        {
            return measurementFaults[SlaveIndex(slave)];
        }

        /// <summary>State from slave <paramref name="slave"/>'s latest heartbeat (see <see cref="SlaveFrames"/>).</summary>
        public int GetReportedState(int slave)
        {
            return reportedStates[SlaveIndex(slave)];
        }

        /// <summary>Index in <see cref="CellVoltagesVolts"/> of slave <paramref name="slave"/>'s first cell.</summary>
        public int GetFirstCell(int slave)
        {
            return firstCells[SlaveIndex(slave)];
        }

        /// <summary>Decodes a frame from a slave; other frames are ignored. Never throws on frame content.</summary>
        public void Receive(CanFrame frame, long nowMicroseconds)
        {
            if (frame.IsExtended || frame.IsRemote)
            {
                return;
            }

            uint id = frame.Id;
            int slave = SlaveFrames.SlaveOf(id, SlaveFrames.CellVoltagesId(1));
            if (slave >= 1 && slave <= slaveCount)
            {
                ReceiveCellVoltages(slave - 1, frame, nowMicroseconds);
                return;
            }

            slave = SlaveFrames.SlaveOf(id, SlaveFrames.TemperaturesId(1));
            if (slave >= 1 && slave <= slaveCount)
            {
                ReceiveTemperatures(slave - 1, frame);
                return;
            }

            slave = SlaveFrames.SlaveOf(id, SlaveFrames.HeartbeatId(1));
            if (slave >= 1 && slave <= slaveCount)
            {
                ReceiveHeartbeat(slave - 1, frame, nowMicroseconds);
            }
        }

        /// <summary>Recomputes which slaves are lost; call it each period before reading the arrays.</summary>
        public void Update(long nowMicroseconds)
        {
            bool any = false;
            for (int i = 0; i < slaveCount; i++)
            {
                bool slaveLost = lastHeartbeatMicroseconds[i] == long.MinValue ||
                                 nowMicroseconds - lastHeartbeatMicroseconds[i] > HeartbeatTimeoutMicroseconds ||
                                 cellCountMismatches[i];
                int end = firstCells[i] + cellCounts[i];
                for (int cell = firstCells[i]; cell < end && !slaveLost; cell++)
                {
                    long updated = cellUpdateMicroseconds[cell];
                    slaveLost = updated == long.MinValue || nowMicroseconds - updated > CellVoltageTimeoutMicroseconds;
                }

                lost[i] = slaveLost;
                any |= slaveLost;
            }

            anyLost = any;
        }

        private void ReceiveCellVoltages(int index, CanFrame frame, long nowMicroseconds)
        {
            byte[] data = frame.Data;
            int group = (int)IntelBits.Read(data, 0, 4);
            if (frame.Length != 8 || group >= SlaveFrames.CellGroupCount(cellCounts[index]))
            {
                rejectedFrameCount++;
                return;
            }

            for (int slot = 0; slot < SlaveFrames.CellsPerGroup; slot++)
            {
                int cell = group * SlaveFrames.CellsPerGroup + slot;
                if (cell >= cellCounts[index])
                {
                    break;
                }

                uint raw = IntelBits.Read(data, 4 + 13 * slot, 13);
                if (raw == SlaveFrames.CellVoltageNotAvailable)
                {
                    // Not measured: the cell keeps its time stamp, so it goes stale and the slave is lost.
                    continue;
                }

                int packCell = firstCells[index] + cell;
                cellVoltagesVolts[packCell] = raw * 0.001f;
                cellUpdateMicroseconds[packCell] = nowMicroseconds;
            }
        }

        private void ReceiveTemperatures(int index, CanFrame frame)
        {
            byte[] data = frame.Data;
            int group = (int)IntelBits.Read(data, 0, 4);
            if (frame.Length != 8 || group > 2)
            {
                rejectedFrameCount++;
                return;
            }

            for (int slot = 0; slot < SlaveFrames.TemperaturesPerGroup; slot++)
            {
                int sensor = group * SlaveFrames.TemperaturesPerGroup + slot;
                if (sensor >= temperatureCounts[index])
                {
                    break;
                }

                uint raw = IntelBits.Read(data, 8 + 11 * slot, 11);
                int packSensor = firstTemperatures[index] + sensor;
                if (raw == SlaveFrames.TemperatureNotAvailable || raw > 1650)
                {
                    temperatureValid[packSensor] = false;
                    continue;
                }

                temperaturesCelsius[packSensor] = raw * 0.1f - 40f;
                temperatureValid[packSensor] = true;
            }
        }

        private void ReceiveHeartbeat(int index, CanFrame frame, long nowMicroseconds)
        {
            byte[] data = frame.Data;
            if (frame.Length != 4 || Crc8SaeJ1850.Compute(data, 0, 3) != data[3])
            {
                rejectedFrameCount++;
                return;
            }

            int counter = (int)IntelBits.Read(data, 16, 4);
            if (counter == lastCounters[index])
            {
                rejectedFrameCount++;
                return;
            }

            lastCounters[index] = counter;
            lastHeartbeatMicroseconds[index] = nowMicroseconds;
            reportedStates[index] = (int)IntelBits.Read(data, 0, 4);
            cellCountMismatches[index] = (int)IntelBits.Read(data, 8, 5) != cellCounts[index];
            openWireFaults[index] = IntelBits.Read(data, 13, 1) == 1;
            measurementFaults[index] = IntelBits.Read(data, 14, 1) == 1;
        }

        private int SlaveIndex(int slave)
        {
            if (slave < 1 || slave > slaveCount)
            {
                throw new ArgumentOutOfRangeException("slave", "The slave number must be 1 to the number of slaves.");
            }

            return slave - 1;
        }
    }
}

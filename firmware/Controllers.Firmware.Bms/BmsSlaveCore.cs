using System;
using Controllers.Firmware.Bms.Network;
using Controllers.Firmware.Bms.Tasks;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Hal;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Bms
{
    /// <summary>
    /// Composition root of a BMS slave board: samples its cells and temperatures through the AFE, sends them to
    /// the master over CAN, follows the master's balancing commands and reports its scheduling figures. A
    /// board's Main and the simulator both create this class.
    /// </summary>
    public sealed class BmsSlaveCore
    {
        /// <summary>Cell voltage sampling period: all cells within 50 ms, half the 100 ms limit.</summary>
        public const long CellVoltagePeriodMicroseconds = 50000;

        /// <summary>Temperature sampling period: 500 ms, half the 1 s limit.</summary>
        public const long TemperaturePeriodMicroseconds = 500000;

        /// <summary>Transmit task period: one cell-voltage frame per activation.</summary>
        public const long TransmitPeriodMicroseconds = 10000;

        /// <summary>Task timing report period: one task per frame.</summary>
        public const long TimingReportPeriodMicroseconds = 100000;

        /// <summary>Open-wire check period; two detections in a row raise the flag, so a wire is reported within 2 s.</summary>
        public const long OpenWirePeriodMicroseconds = 1000000;

        private readonly Executive executive;
        private readonly CellVoltageSamplingTask cellVoltages;
        private readonly TemperatureSamplingTask temperatures;
        private readonly SlaveBalancing balancing;
        private readonly SlaveTransmitTask transmit;
        private readonly TaskTimingReporter timing;

        /// <summary>
        /// Builds the tasks for slave <paramref name="slave"/> (1 to 8) with 6 to 30 cells and at most 14
        /// temperature channels. Registration order sets priority: cell voltages, temperatures, transmit, timing,
        /// then the open-wire check when <paramref name="openWireDetector"/> is given.
        /// </summary>
        public BmsSlaveCore(IMonotonicClock clock, int slave, ICellVoltageSensor cellVoltageSensor,
            ITemperatureSensor temperatureSensor, IBleedSwitches? bleedSwitches, IOpenWireDetector? openWireDetector,
            ICanTransmitter transmitter, float initialTemperatureCelsius)
        {
            if (cellVoltageSensor == null)
            {
                throw new ArgumentNullException("cellVoltageSensor");
            }

            if (temperatureSensor == null)
            {
                throw new ArgumentNullException("temperatureSensor");
            }

            if (slave < 1 || slave > SlaveFrames.MaxSlaveCount)
            {
                throw new ArgumentOutOfRangeException("slave", "The slave number must be 1 to 8; set it in the board file.");
            }

            if (cellVoltageSensor.CellCount < 6 || cellVoltageSensor.CellCount > SlaveFrames.MaxCellsPerSlave)
            {
                throw new ArgumentOutOfRangeException("cellVoltageSensor", "A slave measures 6 to 30 cells; check the board file's cell count.");
            }

            if (temperatureSensor.ChannelCount < 1 || temperatureSensor.ChannelCount > SlaveFrames.MaxTemperaturesPerSlave)
            {
                throw new ArgumentOutOfRangeException("temperatureSensor", "A slave reports 1 to 14 temperature sensors; check the board file.");
            }

            executive = new Executive(clock, 5);
            cellVoltages = new CellVoltageSamplingTask(cellVoltageSensor, null);
            temperatures = new TemperatureSamplingTask(temperatureSensor, initialTemperatureCelsius);
            balancing = new SlaveBalancing(slave, cellVoltageSensor.CellCount, bleedSwitches);
            transmit = new SlaveTransmitTask(slave, cellVoltages, temperatures, balancing, transmitter);
            timing = new TaskTimingReporter(executive, transmitter, SlaveFrames.TaskTimingId(slave));

            executive.AddTask("cell-voltage", cellVoltages, CellVoltagePeriodMicroseconds, 0);
            executive.AddTask("temperature", temperatures, TemperaturePeriodMicroseconds, 0);
            // The transmit task starts 5 ms into the cycle, so it sends voltages converted in the same cycle.
            executive.AddTask("transmit", transmit, TransmitPeriodMicroseconds, 5000);
            executive.AddTask("task-timing", timing, TimingReportPeriodMicroseconds, 7000);
            if (openWireDetector != null)
            {
                // Offset 25 ms: between two cell conversions, so the check delays neither.
                executive.AddTask("open-wire", new OpenWireTask(openWireDetector, transmit), OpenWirePeriodMicroseconds, 25000);
            }
        }

        /// <summary>The executive that dispatches every task.</summary>
        public Executive Executive
        {
            get { return executive; }
        }

        /// <summary>Cell voltage sampling.</summary>
        public CellVoltageSamplingTask CellVoltages
        {
            get { return cellVoltages; }
        }

        /// <summary>Temperature sampling.</summary>
        public TemperatureSamplingTask Temperatures
        {
            get { return temperatures; }
        }

        /// <summary>Balancing command handling and its safe state.</summary>
        public SlaveBalancing Balancing
        {
            get { return balancing; }
        }

        /// <summary>Frames to the master.</summary>
        public SlaveTransmitTask Transmit
        {
            get { return transmit; }
        }

        /// <summary>Hands a received frame to the slave; call it from the CAN receive path.</summary>
        public void Receive(CanFrame frame, long nowMicroseconds)
        {
            balancing.Receive(frame, nowMicroseconds);
        }

        /// <summary>Starts the executive.</summary>
        public void Start()
        {
            executive.Start();
        }
    }
}

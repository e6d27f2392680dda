using System;
using Controllers.Firmware.Bms.Contactors;
using Controllers.Firmware.Bms.Estimation;
using Controllers.Firmware.Bms.Protection;
using Controllers.Firmware.Bms.Tasks;
using Controllers.Firmware.Common.Hal;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Bms
{
    /// <summary>
    /// Composition root of the BMS master's measurement and estimation: builds the tasks over the board's
    /// sensors and registers them with one executive. A board's Main and the simulator's virtual board
    /// both create this class, so both run the same schedule.
    /// </summary>
    public sealed class BmsMasterCore
    {
        private readonly Executive executive;
        private readonly CurrentSamplingTask current;
        private readonly CellVoltageSamplingTask cellVoltages;
        private readonly TemperatureSamplingTask temperatures;
        private readonly SocEstimationTask estimation;
        private readonly BmsTaskPeriods periods;
        private ProtectionMonitor? protection;
        private ContactorController? contactors;

        /// <summary>
        /// Builds the tasks. Registration order sets priority: current, cell voltage, temperature, then
        /// estimation, which therefore reads the voltage sampled in the same period.
        /// </summary>
        public BmsMasterCore(IMonotonicClock clock, ICellVoltageSensor cellVoltageSensor, ICurrentSensor currentSensor,
            ITemperatureSensor temperatureSensor, CellParameters cell, SocEstimatorSettings estimatorSettings,
            BmsTaskPeriods periods, float initialTemperatureCelsius)
        {
            if (periods == null)
            {
                throw new ArgumentNullException("periods");
            }

            periods.Validate();
            this.periods = periods;
            executive = new Executive(clock, 16);
            current = new CurrentSamplingTask(currentSensor);
            cellVoltages = new CellVoltageSamplingTask(cellVoltageSensor, current);
            temperatures = new TemperatureSamplingTask(temperatureSensor, initialTemperatureCelsius);
            // NOTE: one estimator follows the first cell and the first temperature channel. A pack needs
            // an estimator per cell (or for the weakest and strongest cells) before SOC is reported per pack.
            estimation = new SocEstimationTask(new SocEstimator(cell, estimatorSettings), current, cellVoltages, temperatures, 0, 0);

            executive.AddTask("current", current, periods.CurrentMicroseconds, 0);
            executive.AddTask("cell-voltage", cellVoltages, periods.CellVoltageMicroseconds, 0);
            executive.AddTask("temperature", temperatures, periods.TemperatureMicroseconds, 0);
            executive.AddTask("soc-estimation", estimation, periods.EstimationMicroseconds, 0);
        }

        /// <summary>The executive that dispatches every task.</summary>
        public Executive Executive
        {
            get { return executive; }
        }

        /// <summary>Current sampling and charge counting.</summary>
        public CurrentSamplingTask Current
        {
            get { return current; }
        }

        /// <summary>Cell voltage acquisition.</summary>
        public CellVoltageSamplingTask CellVoltages
        {
            get { return cellVoltages; }
        }

        /// <summary>Temperature acquisition.</summary>
        public TemperatureSamplingTask Temperatures
        {
            get { return temperatures; }
        }

        /// <summary>SOC estimation of the first cell.</summary>
        public SocEstimationTask Estimation
        {
            get { return estimation; }
        }

        /// <summary>The protection monitor, or null until <see cref="EnableProtection"/>.</summary>
        public ProtectionMonitor? Protection
        {
            get { return protection; }
        }

        /// <summary>The contactor controller, or null until <see cref="EnableProtection"/>.</summary>
        public ContactorController? Contactors
        {
            get { return contactors; }
        }

        /// <summary>
        /// Adds the protection and contactor tasks before <see cref="Start"/>: current protection with the
        /// redundant <paramref name="canCurrentSensor"/>, cell protection with the pack voltage of
        /// <paramref name="contactorHardware"/>, temperature protection, and the contactor controller. The
        /// contactor task runs last in each current period, so it acts on every result of that period.
        /// </summary>
        public void EnableProtection(ProtectionMonitor monitor, ICurrentSensor canCurrentSensor, ContactorController controller, IContactorHardware contactorHardware)
        {
            if (executive.IsStarted)
            {
                throw new InvalidOperationException("Enable protection before Start: the executive accepts tasks only before it starts.");
            }

            if (protection != null)
            {
                throw new InvalidOperationException("Protection is already enabled.");
            }

            if (monitor == null || controller == null)
            {
                throw new ArgumentNullException(monitor == null ? "monitor" : "controller");
            }

            protection = monitor;
            contactors = controller;
            executive.AddTask("current-protection", new CurrentProtectionTask(monitor, current, canCurrentSensor), periods.CurrentMicroseconds, 0);
            executive.AddTask("cell-protection", new CellProtectionTask(monitor, cellVoltages, contactorHardware), periods.CellVoltageMicroseconds, 0);
            executive.AddTask("temperature-protection", new TemperatureProtectionTask(monitor, temperatures), periods.TemperatureMicroseconds, 0);
            executive.AddTask("contactors", new ContactorTask(controller, monitor), periods.CurrentMicroseconds, 0);
        }

        /// <summary>Initialises the estimator at <paramref name="initialSoc"/> and starts the executive.</summary>
        public void Start(float initialSoc)
        {
            estimation.Estimator.Reset(initialSoc);
            executive.Start();
        }
    }
}

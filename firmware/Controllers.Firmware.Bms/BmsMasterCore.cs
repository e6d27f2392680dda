using System;
using Controllers.Firmware.Bms.Calibration;
using Controllers.Firmware.Bms.Contactors;
using Controllers.Firmware.Bms.Estimation;
using Controllers.Firmware.Bms.Network;
using Controllers.Firmware.Bms.Persistence;
using Controllers.Firmware.Bms.Protection;
using Controllers.Firmware.Bms.Tasks;
using Controllers.Firmware.Common.Calibration;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Hal;
using Controllers.Firmware.Common.Numerics;
using Controllers.Firmware.Common.Scheduling;
using Controllers.Firmware.Common.Storage;

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
        private readonly PackEstimationTask estimation;
        private readonly PowerLimitTask powerLimits;
        private readonly BmsTaskPeriods periods;
        private readonly CellParameters cell;
        private readonly ICellVoltageSensor cellVoltageSensor;
        private readonly ITemperatureSensor temperatureSensor;
        private readonly float initialTemperatureCelsius;
        private EstimatorStateTask? stateSaver;
        private RestCorrection? restCorrection;
        private float[]? restCellVoltages;
        private StateRestoreResult restoreResult = StateRestoreResult.NotFound;
        private ProtectionMonitor? protection;
        private ContactorController? contactors;
        private PackStateTransmitTask? packStateTransmitter;
        private readonly IMonotonicClock clock;
        private BoardDiagnostics? diagnostics;
        private BmsCalibration? calibration;

        /// <summary>
        /// Builds the tasks for a board whose cells are single cells in series, with the SOC filter tuned by
        /// <paramref name="estimatorSettings"/> and the other estimators at the defaults of
        /// <see cref="PackEstimationSettings.ForCell"/>. The power limits stay zero, because those defaults
        /// carry no current ratings.
        /// </summary>
        public BmsMasterCore(IMonotonicClock clock, ICellVoltageSensor cellVoltageSensor, ICurrentSensor currentSensor,
            ITemperatureSensor temperatureSensor, CellParameters cell, SocEstimatorSettings estimatorSettings,
            BmsTaskPeriods periods, float initialTemperatureCelsius)
            : this(clock, cellVoltageSensor, currentSensor, temperatureSensor, cell,
                PackEstimationSettings.ForCell(cell, 1, estimatorSettings), periods, initialTemperatureCelsius)
        {
        }

        /// <summary>
        /// Builds the tasks. Registration order sets priority: current, cell voltage, temperature, estimation,
        /// which therefore reads the voltage sampled in the same period, then the power limits.
        /// <paramref name="estimationSettings"/> gives the parallel count and the per-cell estimator tuning.
        /// </summary>
        public BmsMasterCore(IMonotonicClock clock, ICellVoltageSensor cellVoltageSensor, ICurrentSensor currentSensor,
            ITemperatureSensor temperatureSensor, CellParameters cell, PackEstimationSettings estimationSettings,
            BmsTaskPeriods periods, float initialTemperatureCelsius)
        {
            if (periods == null)
            {
                throw new ArgumentNullException("periods");
            }

            if (cell == null || cellVoltageSensor == null || temperatureSensor == null)
            {
                throw new ArgumentNullException(cell == null ? "cell" : (cellVoltageSensor == null ? "cellVoltageSensor" : "temperatureSensor"));
            }

            periods.Validate();
            this.clock = clock;
            this.periods = periods;
            this.cell = cell;
            this.cellVoltageSensor = cellVoltageSensor;
            this.temperatureSensor = temperatureSensor;
            this.initialTemperatureCelsius = initialTemperatureCelsius;
            executive = new Executive(clock, 20);
            current = new CurrentSamplingTask(currentSensor);
            cellVoltages = new CellVoltageSamplingTask(cellVoltageSensor, current);
            temperatures = new TemperatureSamplingTask(temperatureSensor, initialTemperatureCelsius);
            estimation = new PackEstimationTask(cell, estimationSettings, current, cellVoltages, temperatures);
            powerLimits = new PowerLimitTask(cell, estimationSettings, estimation);

            executive.AddTask("current", current, periods.CurrentMicroseconds, 0);
            executive.AddTask("cell-voltage", cellVoltages, periods.CellVoltageMicroseconds, 0);
            executive.AddTask("temperature", temperatures, periods.TemperatureMicroseconds, 0);
            executive.AddTask("soc-estimation", estimation, periods.EstimationMicroseconds, 0);
            executive.AddTask("power-limits", powerLimits, periods.PowerLimitMicroseconds, 0);
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

        /// <summary>SOC, capacity and R0 estimation of every series cell.</summary>
        public PackEstimationTask Estimation
        {
            get { return estimation; }
        }

        /// <summary>Charge and discharge limits of the pack over the configured horizons.</summary>
        public PowerLimitTask PowerLimits
        {
            get { return powerLimits; }
        }

        /// <summary>Pack SOC: the mean cell SOC, as a fraction.</summary>
        public float PackStateOfCharge
        {
            get { return estimation.PackStateOfCharge; }
        }

        /// <summary>Lowest cell SOC, as a fraction.</summary>
        public float MinimumCellStateOfCharge
        {
            get { return estimation.MinimumCellStateOfCharge; }
        }

        /// <summary>Highest cell SOC, as a fraction.</summary>
        public float MaximumCellStateOfCharge
        {
            get { return estimation.MaximumCellStateOfCharge; }
        }

        /// <summary>Capacity SOH of the pack: the weakest cell's capacity estimate over its nominal capacity.</summary>
        public float PackCapacityStateOfHealth
        {
            get { return estimation.PackCapacityStateOfHealth; }
        }

        /// <summary>The task that saves and restores the estimator state, or null until <see cref="EnablePersistence"/>.</summary>
        public EstimatorStateTask? StateSaver
        {
            get { return stateSaver; }
        }

        /// <summary>The rest-time OCV correction applied at <see cref="Start()"/>, or null until <see cref="EnablePersistence"/>.</summary>
        public RestCorrection? RestCorrection
        {
            get { return restCorrection; }
        }

        /// <summary>Outcome of the restore at <see cref="Start()"/>; <see cref="StateRestoreResult.NotFound"/> without persistence.</summary>
        public StateRestoreResult RestoreResult
        {
            get { return restoreResult; }
        }

        /// <summary>The task that sends the pack state over CAN, or null until <see cref="EnableCanTransmission"/>.</summary>
        public PackStateTransmitTask? PackStateTransmitter
        {
            get { return packStateTransmitter; }
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
            powerLimits.AttachProtection(monitor);
            if (packStateTransmitter != null)
            {
                packStateTransmitter.AttachContactors(controller);
            }

            executive.AddTask("current-protection", new CurrentProtectionTask(monitor, current, canCurrentSensor), periods.CurrentMicroseconds, 0);
            executive.AddTask("cell-protection", new CellProtectionTask(monitor, cellVoltages, contactorHardware), periods.CellVoltageMicroseconds, 0);
            executive.AddTask("temperature-protection", new TemperatureProtectionTask(monitor, temperatures), periods.TemperatureMicroseconds, 0);
            executive.AddTask("contactors", new ContactorTask(controller, monitor), periods.CurrentMicroseconds, 0);
        }

        /// <summary>
        /// Adds the task that sends <c>BMS_PackStatus</c> every 20 ms and the 2 s, 10 s and 30 s power limits
        /// every 100 ms through <paramref name="transmitter"/>. Call before <see cref="Start"/>.
        /// </summary>
        public void EnableCanTransmission(ICanTransmitter transmitter)
        {
            if (executive.IsStarted)
            {
                throw new InvalidOperationException("Enable CAN transmission before Start: the executive accepts tasks only before it starts.");
            }

            if (packStateTransmitter != null)
            {
                throw new InvalidOperationException("CAN transmission is already enabled.");
            }

            packStateTransmitter = new PackStateTransmitTask(estimation, powerLimits, current, cellVoltages, transmitter);
            if (contactors != null)
            {
                packStateTransmitter.AttachContactors(contactors);
            }

            executive.AddTask("pack-state-can", packStateTransmitter, PackStateTransmitTask.PeriodMicroseconds, 0);
        }

        /// <summary>
        /// Keeps the estimator state in non-volatile storage, in a two-copy record in regions
        /// <paramref name="regionA"/> and <paramref name="regionB"/> of <paramref name="store"/>: every cell's
        /// SOC filter state and its capacity and R0 estimates. <see cref="Start()"/> then restores the state
        /// and corrects it by the rest-time OCV with <paramref name="settings"/>, a task saves it every 60 s,
        /// and <see cref="SaveNow"/> saves it on a shutdown request. <paramref name="clock"/> gives the
        /// rest time. Call before <see cref="Start()"/>; each region must hold
        /// <see cref="RecordStore.FramingLength"/> plus <see cref="EstimatorStateRecord.GetPayloadLength"/> bytes,
        /// and the save task allocates a payload buffer of the region size.
        /// </summary>
        public void EnablePersistence(INonVolatileStore store, int regionA, int regionB, IWallClock clock, RestCorrectionSettings settings)
        {
            if (executive.IsStarted)
            {
                throw new InvalidOperationException("Enable persistence before Start: the executive accepts tasks only before it starts.");
            }

            if (stateSaver != null)
            {
                throw new InvalidOperationException("Persistence is already enabled.");
            }

            if (store == null || clock == null || settings == null)
            {
                throw new ArgumentNullException(store == null ? "store" : (clock == null ? "clock" : "settings"));
            }

            int cellCount = estimation.CellCount;
            int needed = EstimatorStateRecord.GetPayloadLength(cellCount);
            if (needed + RecordStore.FramingLength > store.RegionLength)
            {
                throw new ArgumentException("The estimator state of " + cellCount + " cells needs regions of " + (needed + RecordStore.FramingLength)
                    + " bytes, but the store's regions hold " + store.RegionLength + ". Use larger regions.", "store");
            }

            // The store accepts payloads up to the region size, so a record saved for more cells still loads
            // and is rejected for its cell count instead of being reported as damaged.
            int maximumPayload = store.RegionLength - RecordStore.FramingLength;
            if (maximumPayload > 0xFFFF)
            {
                maximumPayload = 0xFFFF;
            }

            var records = new RecordStore(store, regionA, regionB, EstimatorStateRecord.RecordTypeId, EstimatorStateRecord.FormatVersion, maximumPayload);
            restCorrection = new RestCorrection(new CellModel(cell), settings, cellCount);
            stateSaver = new EstimatorStateTask(records, estimation, clock);
            restCellVoltages = new float[cellCount];
            // NOTE: the executive does not pre-empt, so a save that blocks for a flash erase delays the 10 ms
            // current task of that release. The save time on the board has not been measured.
            executive.AddTask("state-save", stateSaver, EstimatorStateTask.DefaultPeriodMicroseconds, 0);
        }

        /// <summary>
        /// Initialises every cell's SOC filter at <paramref name="initialSoc"/> and starts the executive. The
        /// capacity and R0 estimators start from their nominal values. A board with persistence enabled
        /// starts with <see cref="Start()"/> instead.
        /// </summary>
        public void Start(float initialSoc)
        {
            CheckNoPersistence();
            estimation.Reset(initialSoc);
            executive.Start();
        }

        /// <summary>Initialises each cell's SOC filter at its entry of <paramref name="initialCellSoc"/> and starts the executive.</summary>
        public void Start(float[] initialCellSoc)
        {
            CheckNoPersistence();
            estimation.Reset(initialCellSoc);
            executive.Start();
        }

        /// <summary>
        /// Restores the stored estimator state and starts the executive. The cell voltages and temperatures
        /// are read once here, before any task runs, so they must be read with the contactors open and no
        /// current flowing. The stored SOC is corrected by those voltages after the rest since the last
        /// save, and without a usable record every cell starts at the SOC of its OCV (see
        /// <see cref="RestoreResult"/> and <see cref="EstimatorStateTask.LastRejectReason"/>).
        /// </summary>
        public void Start()
        {
            if (stateSaver == null)
            {
                throw new InvalidOperationException("Start without an initial SOC needs persistence: call EnablePersistence first, or pass the initial SOC.");
            }

            float[] volts = restCellVoltages!;
            if (!cellVoltageSensor.TryRead(volts))
            {
                // NaN voltages give the restored state no OCV correction, and a fresh start the middle of the range.
                for (int i = 0; i < volts.Length; i++)
                {
                    volts[i] = float.NaN;
                }
            }

            restoreResult = stateSaver.Restore(volts, ReadMeanTemperature(), restCorrection!);
            executive.Start();
        }

        /// <summary>
        /// Saves the estimator state, and the DTC record when diagnostics keep one, at once, for a shutdown
        /// request. Returns false when persistence is not enabled, the estimator has not started, or the store
        /// reported a write failure.
        /// </summary>
        public bool SaveNow()
        {
            bool dtcsSaved = true;
            if (diagnostics != null && diagnostics.DtcRecordTask != null)
            {
                dtcsSaved = diagnostics.DtcRecordTask.SaveNow(clock.NowMicroseconds);
            }

            return stateSaver != null && stateSaver.SaveNow() && dtcsSaved;
        }

        /// <summary>
        /// Adds the UDS server on <paramref name="bus"/> (BMS master ids: request 0x7E1, response 0x7E9) over the
        /// board's DTC memory <paramref name="dtcs"/>: identity DIDs, parameter DIDs and routines, SecurityAccess
        /// level 0x01 with the board's secret, and the DTC record when
        /// <see cref="BoardDiagnosticsSettings.DtcStore"/> is set (loaded here, saved by <see cref="SaveNow"/>).
        /// The board passes received frames to <see cref="OnDiagnosticFrame"/>. Call before <see cref="Start()"/>,
        /// after every DTC is registered.
        /// </summary>
        public BoardDiagnostics EnableDiagnostics(ICanTransmitter bus, DtcMemory dtcs, BoardDiagnosticsSettings settings)
        {
            return EnableDiagnostics(bus, dtcs, settings, null);
        }

        /// <summary>
        /// Adds the UDS server as <see cref="EnableDiagnostics(ICanTransmitter, DtcMemory, BoardDiagnosticsSettings)"/>
        /// does, and the board's <paramref name="calibration"/> when it is not null: the record is loaded here into
        /// the sensors it was built over, its DIDs and save routine are added, and
        /// <see cref="BmsDtcTable.CalibrationInvalidDtc"/> (registered here in <paramref name="dtcs"/>, which needs room
        /// for it) is reported while the sensors use factory defaults. The application update services are added
        /// when <see cref="BoardDiagnosticsSettings.Programming"/> is set.
        /// </summary>
        public BoardDiagnostics EnableDiagnostics(ICanTransmitter bus, DtcMemory dtcs, BoardDiagnosticsSettings settings, BmsCalibration? calibration)
        {
            if (executive.IsStarted)
            {
                throw new InvalidOperationException("Enable diagnostics before Start: the executive accepts tasks only before it starts.");
            }

            if (diagnostics != null)
            {
                throw new InvalidOperationException("Diagnostics are already enabled.");
            }

            if (calibration != null)
            {
                if (dtcs == null)
                {
                    throw new ArgumentNullException("dtcs");
                }

                // Registered before the DTC record loads, because the record's layout follows the registered DTCs.
                if (dtcs.IndexOf(BmsDtcTable.CalibrationInvalidDtc) < 0)
                {
                    dtcs.Register(BmsDtcTable.CalibrationInvalidDtc);
                }

                calibration.Load();
            }

            diagnostics = new BoardDiagnostics(clock, bus, dtcs!, settings);
            diagnostics.AddTasks(executive);
            if (calibration != null)
            {
                calibration.Register(diagnostics.Server);
                executive.AddTask("calibration-status", new CalibrationStatusTask(calibration.Record, dtcs!, BmsDtcTable.CalibrationInvalidDtc),
                    CalibrationStatusTask.PeriodMicroseconds, 0);
            }

            this.calibration = calibration;
            return diagnostics;
        }

        /// <summary>Passes a received frame to the diagnostics; returns false when it is not a diagnostic request or diagnostics are off.</summary>
        public bool OnDiagnosticFrame(CanFrame frame)
        {
            return diagnostics != null && diagnostics.OnFrameReceived(frame);
        }

        /// <summary>Diagnostics, or null before <see cref="EnableDiagnostics"/>.</summary>
        public BoardDiagnostics? Diagnostics
        {
            get { return diagnostics; }
        }

        /// <summary>Calibration record and its DIDs, or null when diagnostics were enabled without one.</summary>
        public BmsCalibration? Calibration
        {
            get { return calibration; }
        }

        /// <summary>UDS server, or null before <see cref="EnableDiagnostics"/>; other parts register their handlers here.</summary>
        public UdsServer? Uds
        {
            get { return diagnostics == null ? null : diagnostics.Server; }
        }

        private void CheckNoPersistence()
        {
            if (stateSaver != null)
            {
                throw new InvalidOperationException("Persistence is enabled, so the stored state sets the initial SOC: call Start() without an initial SOC.");
            }
        }

        private float ReadMeanTemperature()
        {
            float sum = 0f;
            int count = 0;
            for (int channel = 0; channel < temperatureSensor.ChannelCount; channel++)
            {
                float celsius;
                if (temperatureSensor.TryReadCelsius(channel, out celsius) && FloatMath.IsFinite(celsius))
                {
                    sum += celsius;
                    count++;
                }
            }

            return count > 0 ? sum / count : initialTemperatureCelsius;
        }
    }
}

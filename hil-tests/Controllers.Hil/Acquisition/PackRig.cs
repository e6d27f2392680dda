using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Controllers.Firmware.Bms;
using Controllers.Firmware.Bms.Afe;
using Controllers.Firmware.Bms.Boards;
using Controllers.Firmware.Bms.Contactors;
using Controllers.Firmware.Bms.Current;
using Controllers.Firmware.Bms.Insulation;
using Controllers.Firmware.Bms.Network;
using Controllers.Firmware.Bms.Protection;
using Controllers.Firmware.Bms.Sensing;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Hal;
using Controllers.Simulation;
using Controllers.Simulation.Boards;
using Controllers.Simulation.Chips;
using Controllers.Simulation.Network;
using Controllers.Simulation.Plant;

namespace Controllers.Hil.Acquisition;

/// <summary>
/// One scenario's simulated pack: the pack plant, a register-level LTC6813-1 chain per slave, an ADS131M02 on a
/// shunt and an IVT-S model for the current, an insulation bridge and a contactor plant, all in simulated time.
/// The real firmware of the master and of every slave runs on one 500 kbit/s CAN bus. Each board has its own
/// clock, because its SPI transfers take time on it; the plant follows the global clock in 1 ms steps.
/// </summary>
internal sealed class PackRig
{
    private const long StepMicroseconds = 1000;

    /// <summary>Time a current must stay constant before it is compared, so the ADC filter and the 10 ms sampling have settled.</summary>
    private const long CurrentSettleMicroseconds = 50_000;

    private readonly PackBoardDefinition board;
    private readonly AcquisitionScenario scenario;
    private readonly SimulatedClock plantClock = new();
    private readonly PackPlant plant;
    private readonly SimulatedCanNetwork network = new(500_000);
    private readonly List<SlaveRig> slaves = [];
    private readonly MasterRig master;
    private readonly PackRunMetrics metrics = new();
    private readonly Dictionary<string, double> taskIntervals = new(StringComparer.Ordinal);

    public PackRig(PackBoardDefinition board, AcquisitionScenario scenario)
    {
        this.board = board;
        this.scenario = scenario;
        plant = new PackPlant(board.Cell.Parameters, new PackPlantSettings
        {
            CellCount = board.CellCount,
            ParallelCells = board.ParallelCells,
            InitialSoc = 0.6,
            AmbientCelsius = scenario.AmbientCelsius,
        });

        network.Attach("monitor", RecordTiming);
        int firstElement = 0;
        for (int i = 0; i < board.Slaves.Count; i++)
        {
            slaves.Add(new SlaveRig(this, i + 1, board.Slaves[i], firstElement));
            firstElement += board.Slaves[i].CellCount;
        }

        master = new MasterRig(this);
    }

    public PackRunMetrics Run()
    {
        long end = (long)(scenario.DurationSeconds * 1e6);
        long settle = (long)(scenario.SettleSeconds * 1e6);
        var faults = scenario.Faults.OrderBy(f => f.AtSeconds).ToList();
        int nextFault = 0;
        double previousLoad = double.NaN;
        long loadSince = 0;
        bool wasClosed = false;

        for (long t = 0; t <= end; t += StepMicroseconds)
        {
            plantClock.AdvanceTo(t);
            while (nextFault < faults.Count && faults[nextFault].AtSeconds * 1e6 <= t)
            {
                Inject(faults[nextFault++], t);
            }

            // The load (a PCS or an inverter) draws current only while the BMS reports the contactors closed.
            double load = master.Controller.State == ContactorState.Closed ? LoadAmperes(t) : 0;
            master.Contactors.LoadCurrentAmperes = -load;
            master.Contactors.PackVolts = plant.PackVolts;
            double current = master.Contactors.PackCurrentAmperes;
            plant.Step(StepMicroseconds / 1e6, current);
            if (t % 100_000 == 0)
            {
                master.Insulation.SchedulePackVoltage(t, plant.PackVolts);
            }

            foreach (var slave in slaves)
            {
                slave.Step(t);
            }

            master.Step(t);
            network.AdvanceTo(t);

            bool closed = master.Controller.State == ContactorState.Closed;
            if (closed != wasClosed || load != previousLoad)
            {
                loadSince = t;
                previousLoad = load;
            }

            if (t >= settle)
            {
                Probe(t, closed, t - loadSince >= CurrentSettleMicroseconds);
                if (wasClosed && !closed)
                {
                    metrics.Reactions.Add("contactors-open");
                }
            }

            wasClosed = closed;
        }

        Finish(end);
        return metrics;
    }

    /// <summary>
    /// Pack current the load requests at <paramref name="t"/>: discharge at the scenario's amplitude in the first half of
    /// each period and charge at its charge current in the second.
    /// </summary>
    private double LoadAmperes(long t)
    {
        if (scenario.CurrentAmplitudeAmperes == 0 && scenario.ChargeAmperes == 0)
        {
            return 0;
        }

        double phase = t / 1e6 % scenario.CurrentPeriodSeconds / scenario.CurrentPeriodSeconds;
        return phase < 0.5 ? -scenario.CurrentAmplitudeAmperes : scenario.ChargeAmperes;
    }

    private void Inject(InjectedFault fault, long t)
    {
        var slave = slaves[fault.Slave - 1];
        switch (fault.Kind)
        {
            case "open-wire":
            {
                // Channel n is the wire at the top of cell n.
                int cell = fault.Channel - 1;
                slave.Inputs.SetSenseWireOpen(slave.Afe.DeviceOfCell(cell), slave.Afe.InputOfCell(cell), true);
                break;
            }

            case "ntc-open":
                slave.Inputs.SetSensorFault(fault.Channel - 1, SlaveAfeInputs.SensorFault.Open);
                break;
            case "ntc-short":
                slave.Inputs.SetSensorFault(fault.Channel - 1, SlaveAfeInputs.SensorFault.Short);
                break;
            case "pec-corruption":
                slave.Emulator.CorruptResponsePecCount = (int)fault.Value;
                break;
            case "afe-loss":
                slave.Emulator.ReachableDeviceCount = 0;
                break;
            case "slave-loss":
                network.SetSilent(slave.Transmitter, true);
                break;
            case "insulation-drop":
                master.Insulation.ScheduleInsulationChange(t, fault.Value, double.NaN);
                break;
            case "stuck-contactor":
                // The positive contactor's contacts no longer close; with the fault at 0 s the first closing fails.
                master.Contactors.InjectFault(ContactorId.Positive, ContactorFault.StuckOpen);
                break;
            case "welded-contactor":
                master.Contactors.InjectFault(ContactorId.Positive, ContactorFault.Welded);
                master.Controller.RequestOpen(false);
                break;
            case "current-sensor-loss":
                master.ShuntAdc.NoResponse = true;
                master.Ivt.Lost = true;
                break;
            default:
                throw new InvalidOperationException($"Fault kind '{fault.Kind}' has no injection.");
        }
    }

    private void Probe(long t, bool closed, bool currentSettled)
    {
        foreach (var slave in slaves)
        {
            slave.Probe(metrics);
        }

        if (t % 10_000 == 0 && currentSettled && master.Core.Current.LatestReadSucceeded)
        {
            double truth = plant.CurrentAmperes;
            double measured = master.Core.Current.LatestCurrentAmperes;
            double error = Math.Abs(measured - truth) / Math.Max(Math.Abs(truth), RequirementChecks.CurrentFloorAmperes) * 100;
            metrics.MaxComparedCurrentAmperes = Math.Max(metrics.MaxComparedCurrentAmperes, Math.Abs(truth));
            metrics.MaxCurrentErrorPercent = Math.Max(metrics.MaxCurrentErrorPercent, error);
            metrics.CurrentSampleCount++;
        }

        var protection = master.Core.Protection!;
        if (protection.HighestLevel != ProtectionLevel.None)
        {
            metrics.Reactions.Add("warning");
        }

        if (protection.ChargeCurrentScale < 1 || protection.DischargeCurrentScale < 1)
        {
            metrics.Reactions.Add("derate");
        }

        if (master.Link.AnySlaveLost)
        {
            metrics.Reactions.Add("slave-lost");
        }

        if (master.Controller.State == ContactorState.Fault)
        {
            metrics.Reactions.Add("contactor-fault");
        }
    }

    private void Finish(long endMicroseconds)
    {
        metrics.CellVoltagePeriodMilliseconds = MaxInterval("slave", 0);
        metrics.TemperaturePeriodMilliseconds = MaxInterval("slave", 1);
        metrics.CurrentPeriodMilliseconds = MaxInterval("master", 0);
        for (int i = 0; i < slaves.Count; i++)
        {
            // Cells count as received when the master has a value no older than the link's loss timeout at the end.
            int first = master.Link.GetFirstCell(i + 1);
            int received = 0;
            for (int cell = 0; cell < board.Slaves[i].CellCount; cell++)
            {
                long updated = master.Link.CellUpdateMicroseconds[first + cell];
                received += updated != long.MinValue && endMicroseconds - updated <= SlaveLink.CellVoltageTimeoutMicroseconds ? 1 : 0;
            }

            metrics.CellsConfiguredPerSlave.Add(board.Slaves[i].CellCount);
            metrics.CellsReceivedPerSlave.Add(received);
        }

        var insulation = master.InsulationMonitor;
        metrics.InsulationTrueOhms = Math.Min(scenario.InsulationPositiveOhms, scenario.InsulationNegativeOhms);
        if (insulation.IsResultValid)
        {
            bool above = insulation.PositiveStatus == InsulationPoleStatus.AboveRange &&
                         insulation.NegativeStatus == InsulationPoleStatus.AboveRange;
            metrics.InsulationAboveRange = above;
            metrics.InsulationMeasuredOhms = above ? null : insulation.InsulationOhms;
        }

        var dtcs = master.Dtcs;
        for (int i = 0; i < dtcs.Count; i++)
        {
            if ((dtcs.StatusAt(i) & DtcMemory.TestFailedThisOperationCycle) != 0)
            {
                metrics.FailedDtcs.Add(dtcs.NumberAt(i));
            }
        }
    }

    /// <summary>Largest interval, in ms, that a task reported over CAN: task <paramref name="index"/> of every board of a kind.</summary>
    private double? MaxInterval(string kind, int index)
    {
        double? max = null;
        foreach (var (key, value) in taskIntervals)
        {
            // A task reports 0 until its second activation, which is no measured interval.
            if (key.StartsWith(kind, StringComparison.Ordinal) && key.EndsWith("/" + index, StringComparison.Ordinal) && value > 0)
            {
                max = Math.Max(max ?? 0, value);
            }
        }

        return max;
    }

    /// <summary>
    /// Reads task timing frames as a CAN tool on the bus would, by the layout of <c>BMS_TaskTiming</c> in
    /// boards/can/bms.dbc: task index in bits 0–3, longest interval in bits 8–23 at 0.1 ms.
    /// </summary>
    private void RecordTiming(CanFrame frame, long time)
    {
        if (frame.IsExtended || frame.Length != 8 || (frame.Id != 0x207 && (frame.Id < 0x130 || frame.Id > 0x137)))
        {
            return;
        }

        string kind = frame.Id == 0x207 ? "master" : "slave" + (frame.Id - 0x130 + 1);
        int index = (int)IntelBits.Read(frame.Data, 0, 4);
        double interval = IntelBits.Read(frame.Data, 8, 16) * 0.1;
        string key = kind + "/" + index;
        taskIntervals[key] = Math.Max(taskIntervals.GetValueOrDefault(key), interval);
    }

    /// <summary>A slave board: its LTC6813-1 chain fed by the plant, its firmware core and its CAN attachment.</summary>
    private sealed class SlaveRig
    {
        private readonly SimulatedClock clock = new();
        private readonly int number;
        private long lastCellSample;

        public SlaveRig(PackRig rig, int number, SlaveBoardDefinition definition, int firstElement)
        {
            this.number = number;
            int devices = definition.CellsPerDevice.Count;
            var dividerSettings = new NtcDividerModelSettings
            {
                // 0.1 % pull-up at its upper limit and the 1 Ω harness of the error budget; the AFE quantises.
                PullUpOhms = 10010,
                HarnessOhms = 1,
                ReferenceVolts = 3.0,
                AdcStepVolts = 0,
            };
            var converter = new NtcTemperatureConverter(MurataNcp18xh103.CreateTable(), new NtcDividerSettings());
            Inputs = new SlaveAfeInputs(rig.plant, firstElement, devices,
                new NtcDividerModel(MurataNcp18xh103.CreateTable(), dividerSettings));
            Emulator = new Ltc6813Emulator(devices, clock, Inputs, seed: number);
            var chain = new Ltc6813Chain(Emulator, clock, devices);
            Afe = new AfeCellVoltageSensor(chain, definition.CellsPerDevice.ToArray());
            var thermistors = new AfeThermistorSensor(Afe, converter, definition.TemperatureCount);

            // The firmware's adapters define which pin carries which cell and thermistor; the plant follows them.
            var deviceOfCell = new int[definition.CellCount];
            var inputOfCell = new int[definition.CellCount];
            for (int cell = 0; cell < definition.CellCount; cell++)
            {
                deviceOfCell[cell] = Afe.DeviceOfCell(cell);
                inputOfCell[cell] = Afe.InputOfCell(cell);
            }

            var deviceOfSensor = new int[definition.TemperatureCount];
            var gpioOfSensor = new int[definition.TemperatureCount];
            for (int sensor = 0; sensor < definition.TemperatureCount; sensor++)
            {
                deviceOfSensor[sensor] = thermistors.DeviceOfChannel(sensor);
                gpioOfSensor[sensor] = thermistors.GpioOfChannel(sensor);
            }

            Inputs.Connect(deviceOfCell, inputOfCell, deviceOfSensor, gpioOfSensor);

            BmsSlaveCore? core = null;
            Transmitter = rig.network.Attach("slave" + number, (frame, time) => core!.Receive(frame, time));
            core = new BmsSlaveCore(clock, number, Afe, thermistors, new AfeBleedSwitches(Afe), new AfeOpenWireDetector(Afe),
                Transmitter, (float)rig.scenario.AmbientCelsius);
            Core = core;
            chain.WriteConfiguration();
            Core.Start();
        }

        public SlaveAfeInputs Inputs { get; }

        public Ltc6813Emulator Emulator { get; }

        public AfeCellVoltageSensor Afe { get; }

        public ICanTransmitter Transmitter { get; }

        public BmsSlaveCore Core { get; }

        public void Step(long t)
        {
            clock.AdvanceTo(Math.Max(clock.NowMicroseconds, t));
            Core.Executive.RunDueTasks();
        }

        /// <summary>
        /// Compares each new cell sample and the temperatures, as the master receives them (1 mV and 0.1 °C steps),
        /// with the plant values that the AFE converted.
        /// </summary>
        public void Probe(PackRunMetrics metrics)
        {
            var cells = Core.CellVoltages;
            if (cells.SampleCount == lastCellSample || !cells.LatestReadSucceeded)
            {
                return;
            }

            lastCellSample = cells.SampleCount;
            for (int cell = 0; cell < cells.CellVoltagesVolts.Length; cell++)
            {
                double sent = Math.Round(cells.CellVoltagesVolts[cell] * 1000, MidpointRounding.AwayFromZero) / 1000;
                double truth = Inputs.GetCellTruthVolts(cell);
                double error = Math.Abs(sent - truth) / truth * 100;
                if (error > metrics.MaxCellVoltageErrorPercent)
                {
                    metrics.MaxCellVoltageErrorPercent = error;
                    metrics.MaxCellVoltageErrorSlave = number;
                    metrics.MaxCellVoltageErrorCell = cell + 1;
                }

                metrics.CellVoltageSampleCount++;
            }

            var temperatures = Core.Temperatures;
            for (int sensor = 0; sensor < temperatures.TemperaturesCelsius.Length; sensor++)
            {
                if (!temperatures.IsCurrent(sensor))
                {
                    continue;
                }

                double sent = Math.Round(temperatures.TemperaturesCelsius[sensor] * 10, MidpointRounding.AwayFromZero) / 10;
                double error = Math.Abs(sent - Inputs.GetSensorTruthCelsius(sensor));
                metrics.MaxTemperatureErrorCelsius = Math.Max(metrics.MaxTemperatureErrorCelsius, error);
                metrics.TemperatureSampleCount++;
            }
        }
    }
    /// <summary>
    /// The master board: shunt ADC and IVT-S for the current, the slave link, the insulation bridge, protection and
    /// contactors on one executive, as its Main would compose them.
    /// </summary>
    private sealed class MasterRig
    {
        private readonly SimulatedClock clock = new();
        private readonly CalibratedCurrentSensor shunt;
        private readonly IvtCurrentSensor ivtSensor;
        private readonly ICanTransmitter ivtTransmitter;
        private double calibrationAmperes = double.NaN;

        public MasterRig(PackRig rig)
        {
            var board = rig.board;
            var scenario = rig.scenario;
            Dtcs = new DtcMemory(96);
            Contactors = new ContactorPlant(rig.plantClock)
            {
                PrechargeResistanceOhms = board.PrechargeOhms,
                LinkCapacitanceFarads = board.LinkCapacitanceFarads,
                PackVolts = rig.plant.PackVolts,
            };

            // Board errors within the ranges of docs/current-measurement.md and docs/insulation-monitoring.md.
            ShuntAdc = new Ads131m02Emulator(clock, () => double.IsNaN(calibrationAmperes) ? rig.plant.CurrentAmperes : calibrationAmperes,
                new Ads131m02EmulatorSettings
                {
                    ShuntNominalOhms = board.ShuntOhms,
                    ShuntToleranceFraction = 0.004,
                    ShuntTemperatureCoefficientPerKelvin = 10e-6,
                    AdcGainError = -0.003,
                    AdcOffsetVolts = 20e-6,
                    NoiseVoltsRms = 0.3e-6,
                });
            var adc = new Ads131m02CurrentSensor(ShuntAdc, new Ads131m02Settings { ShuntResistanceOhms = (float)board.ShuntOhms });
            if (!adc.Initialize())
            {
                throw new InvalidOperationException("The ADS131M02 did not initialise.");
            }

            var calibration = new CurrentCalibration();
            Calibrate(adc, calibration);
            shunt = new CalibratedCurrentSensor(adc, calibration, new OffsetTrackingSettings(), clock);

            Ivt = new IvtSensorModel(() => rig.plant.CurrentAmperes);
            ivtSensor = new IvtCurrentSensor(clock, new IvtSensorSettings());
            ivtTransmitter = rig.network.Attach("ivt", null);

            var cells = new int[board.Slaves.Count];
            var temperatures = new int[board.Slaves.Count];
            for (int i = 0; i < cells.Length; i++)
            {
                cells[i] = board.Slaves[i].CellCount;
                temperatures[i] = board.Slaves[i].TemperatureCount;
            }

            Link = new SlaveLink(cells, temperatures);
            var transmitter = rig.network.Attach("master", (frame, time) =>
            {
                Link.Receive(frame, time);
                ivtSensor.HandleFrame(frame);
            });

            // The board file chooses the source that feeds charge counting and the estimator; the other one is the
            // redundant source that protection compares it with.
            bool shuntPrimary = board.CurrentSource == "shunt";
            ICurrentSensor primary = shuntPrimary ? shunt : ivtSensor;
            ICurrentSensor redundant = shuntPrimary ? ivtSensor : shunt;
            // Every series element is one estimated cell at 1/16 of the pack current; the limits use the cell ratings.
            Core = new BmsMasterCore(clock, new SlaveLinkCellVoltages(Link), primary, new SlaveLinkTemperatures(Link),
                board.Cell.Parameters, board.CreateEstimationSettings(new Firmware.Bms.Estimation.SocEstimatorSettings()),
                new BmsTaskPeriods { CurrentMicroseconds = 10_000, CellVoltageMicroseconds = 50_000, TemperatureMicroseconds = 500_000, EstimationMicroseconds = 100_000 },
                (float)scenario.AmbientCelsius);
            Core.EnableCanTransmission(transmitter);
            var protection = new ProtectionMonitor(PackProtection(board), Dtcs);
            Controller = new ContactorController(Contactors, new ContactorSettings(), Dtcs,
                new ContactorWearLog(new SimulatedContactorWearStore()));
            Core.EnableProtection(protection, redundant, Controller, Contactors);

            Insulation = new InsulationPlant(rig.plantClock, new InsulationPlantSettings
            {
                PackVolts = rig.plant.PackVolts,
                PositiveInsulationOhms = scenario.InsulationPositiveOhms,
                NegativeInsulationOhms = scenario.InsulationNegativeOhms,
                PositiveYCapacitanceFarads = board.YCapacitanceFarads,
                NegativeYCapacitanceFarads = board.YCapacitanceFarads,
                PositiveBridgeOhms = 1e6 * 1.01,
                NegativeBridgeOhms = 1e6 * 0.99,
                PositiveMeasurementOhms = 10e6 * 1.01,
                NegativeMeasurementOhms = 10e6 * 0.99,
                SwitchLeakageOhms = 1e9,
                PositiveGainError = 0.002,
                NegativeGainError = -0.002,
                PackOffsetVolts = 0.05,
                NoiseVolts = 0.02,
                AdcStepVolts = 0.01,
                Seed = 3,
            });
            InsulationMonitor = new InsulationMonitor(Insulation, new InsulationMonitorSettings());

            var executive = Core.Executive;
            executive.AddTask("slave-link", new MasterLinkTask(Link, transmitter), MasterLinkTask.PeriodMicroseconds, 0);
            executive.AddTask("slave-faults", new SlaveFaultTask(Link, protection), 100_000, 0);
            executive.AddTask("insulation", InsulationMonitor, 100_000, 3_000);
            executive.AddTask("insulation-protection", new InsulationProtectionTask(InsulationMonitor, Dtcs, Controller), 100_000, 4_000);
            executive.AddTask("task-timing", new TaskTimingReporter(executive, transmitter, Firmware.Common.Can.Generated.Bms.BMS_TaskTiming.Id), 100_000, 6_000);
            Core.Start(0.6f);
            Controller.RequestClose();
        }

        public BmsMasterCore Core { get; }

        public DtcMemory Dtcs { get; }

        public ContactorPlant Contactors { get; }

        public ContactorController Controller { get; }

        public InsulationPlant Insulation { get; }

        public InsulationMonitor InsulationMonitor { get; }

        public SlaveLink Link { get; }

        public Ads131m02Emulator ShuntAdc { get; }

        public IvtSensorModel Ivt { get; }

        public void Step(long t)
        {
            clock.AdvanceTo(Math.Max(clock.NowMicroseconds, t));
            Ivt.AdvanceTo(t, frame => ivtTransmitter.TrySend(frame));
            shunt.ContactorsOpen = Controller.State == ContactorState.Open;
            Core.Executive.RunDueTasks();
        }

        /// <summary>
        /// End-of-line two-point calibration, as a production test does it: the board reads a known 0 A and a known
        /// 200 A, each averaged over 25 conversions.
        /// </summary>
        private void Calibrate(Ads131m02CurrentSensor adc, CurrentCalibration calibration)
        {
            float low = ReadAverage(adc, 0);
            float high = ReadAverage(adc, 200);
            calibration.SetFromTwoPoints(low, 0f, high, 200f);
            calibrationAmperes = double.NaN;
        }

        private float ReadAverage(Ads131m02CurrentSensor adc, double amperes)
        {
            calibrationAmperes = amperes;
            double sum = 0;
            int count = 0;
            for (int i = 0; i < 30; i++)
            {
                clock.Advance((long)Math.Ceiling(ShuntAdc.ConversionPeriodMicroseconds));
                if (i >= 5 && adc.TryReadAmperes(out float reading))
                {
                    sum += reading;
                    count++;
                }
            }

            if (count == 0)
            {
                throw new InvalidOperationException("The ADS131M02 gave no reading during calibration.");
            }

            return (float)(sum / count);
        }

        /// <summary>
        /// Protection limits for the pack's cells: voltages from the cell definition, currents and temperatures from
        /// the LG INR18650HG2 datasheet (4 A charge and 20 A discharge per cell, charge 0 to 50 °C, discharge −20 to
        /// 75 °C), times the parallel count.
        /// </summary>
        private static ProtectionSettings PackProtection(PackBoardDefinition board)
        {
            var cell = board.Cell.Parameters;
            int parallel = board.ParallelCells;
            float maxVolts = cell.MaximumVoltageVolts;
            float minVolts = cell.MinimumVoltageVolts;
            return new ProtectionSettings
            {
                CellOvervoltage = new ProtectionLimit(
                    new ProtectionThreshold(maxVolts - 0.05f, 0.05f, 1000, 1000),
                    new ProtectionThreshold(maxVolts - 0.02f, 0.05f, 500, 1000),
                    new ProtectionThreshold(maxVolts + 0.05f, 0.10f, 200, 2000)),
                CellUndervoltage = new ProtectionLimit(
                    new ProtectionThreshold(minVolts + 0.4f, 0.05f, 1000, 1000),
                    new ProtectionThreshold(minVolts + 0.2f, 0.05f, 1000, 1000),
                    new ProtectionThreshold(minVolts, 0.20f, 1000, 2000)),
                ChargeOvercurrent = new ProtectionLimit(
                    new ProtectionThreshold(3.5f * parallel, 0.2f * parallel, 2000, 1000),
                    new ProtectionThreshold(4f * parallel, 0.2f * parallel, 1000, 1000),
                    new ProtectionThreshold(5f * parallel, 0.5f * parallel, 50, 1000)),
                DischargeOvercurrent = new ProtectionLimit(
                    new ProtectionThreshold(18f * parallel, 1f * parallel, 2000, 1000),
                    new ProtectionThreshold(20f * parallel, 1f * parallel, 1000, 1000),
                    new ProtectionThreshold(25f * parallel, 2f * parallel, 50, 1000)),
                ChargeOvertemperature = new ProtectionLimit(
                    new ProtectionThreshold(45f, 2f, 2000, 2000),
                    new ProtectionThreshold(47f, 2f, 2000, 2000),
                    new ProtectionThreshold(50f, 3f, 2000, 5000)),
                DischargeOvertemperature = new ProtectionLimit(
                    new ProtectionThreshold(65f, 2f, 2000, 2000),
                    new ProtectionThreshold(70f, 2f, 2000, 2000),
                    new ProtectionThreshold(75f, 3f, 2000, 5000)),
                ChargeUndertemperature = new ProtectionLimit(
                    new ProtectionThreshold(5f, 2f, 2000, 2000),
                    new ProtectionThreshold(3f, 2f, 2000, 2000),
                    new ProtectionThreshold(0f, 3f, 2000, 5000)),
                DischargeUndertemperature = new ProtectionLimit(
                    new ProtectionThreshold(-10f, 2f, 2000, 2000),
                    new ProtectionThreshold(-15f, 2f, 2000, 2000),
                    new ProtectionThreshold(-20f, 3f, 2000, 5000)),
            };
        }
    }
}

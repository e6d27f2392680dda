using System;
using Controllers.Firmware.Common.Calibration;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Scheduling;
using Controllers.Firmware.Vcu.Calibration;
using Controllers.Firmware.Vcu.Charging;
using Controllers.Firmware.Vcu.Energy;
using Controllers.Firmware.Vcu.Faults;
using Controllers.Firmware.Vcu.HighVoltage;
using Controllers.Firmware.Vcu.Inputs;
using Controllers.Firmware.Vcu.Intention;
using Controllers.Firmware.Vcu.Monitoring;
using Controllers.Firmware.Vcu.Network;
using Controllers.Firmware.Vcu.Parameters;
using Controllers.Firmware.Vcu.Power;
using Controllers.Firmware.Vcu.Thermal;
using Controllers.Firmware.Vcu.Torque;

namespace Controllers.Firmware.Vcu
{
    /// <summary>
    /// Composition root of the VCU: builds every task over the board's inputs and registers them with one
    /// executive. Registration order sets priority within a period: the CAN timeout check, inputs, torque, the
    /// monitor's output stage, high-voltage power management, fault reactions, charging, range-extender energy
    /// management (every 100 ms), then CAN transmit. So in each period the torque task uses that period's
    /// inputs, the monitor checks that period's command, and every request leaves in the same period. The CAN
    /// tasks do nothing until <see cref="AttachCan"/>; thermal management and network management are added by
    /// the board's start-up code, because they need its actuators and CAN controller.
    /// </summary>
    public sealed class VcuCore
    {
        /// <summary>Period of the 10 ms tasks, µs.</summary>
        public const long TaskPeriodMicroseconds = 10000;

        /// <summary>Room in the DTC memory; <see cref="VcuDtc.RegisterAll"/> must fit.</summary>
        public const int DtcCapacity = 96;

        private const int ConsumerCapacity = 8;

        private readonly Executive executive;
        private readonly IMonotonicClock clock;
        private readonly VcuSettings settings;
        private readonly DtcMemory dtcs;
        private readonly VehicleSignals signals;
        private readonly VcuOutputs outputs;
        private readonly IVcuInputHardware hardware;
        private readonly VcuInputTask inputs;
        private readonly DriverIntention intention;
        private readonly TorqueArbiter arbiter;
        private readonly TorqueTask torque;
        private readonly TorqueMonitor monitor;
        private readonly TorqueMonitorTask output;
        private readonly HvPowerManager highVoltage;
        private readonly HvPowerTask hvTask;
        private readonly FaultReactionManager faultReactions;
        private readonly ChargingManager charging;
        private readonly EnergyManagementTask energy;
        private readonly float kmhPerRadianPerSecond;

        // CAN I/O.
        private readonly VcuCanReceiver receiver;
        private readonly ICanFrameConsumer[] consumers = new ICanFrameConsumer[ConsumerCapacity];
        private readonly DeferredTask canCheck = new DeferredTask();
        private readonly DeferredTask canTransmit = new DeferredTask();
        private int consumerCount;
        private VcuCanTransmitTask? transmitter;

        // Parts the board's start-up code adds.
        private ThermalManager? thermal;
        private NetworkManager? network;
        private BusOffRecovery? busOff;
        private SleepController? sleep;
        private BoardDiagnostics? diagnostics;
        private VcuCalibration? calibration;

        /// <summary>Builds the VCU with the default calibration.</summary>
        public VcuCore(IMonotonicClock clock, IVcuInputHardware hardware)
            : this(clock, hardware, new VcuSettings())
        {
        }

        /// <summary>Builds the VCU with the given calibration and defaults for the other settings; each settings object is validated.</summary>
        public VcuCore(IMonotonicClock clock, IVcuInputHardware hardware, AcceleratorPedalSettings acceleratorSettings,
            BrakePedalSettings brakeSettings, DriverIntentionSettings intentionSettings, PedalMap map,
            TorqueArbiterSettings arbiterSettings, TorqueMonitorSettings monitorSettings)
            : this(clock, hardware, new VcuSettings(acceleratorSettings, brakeSettings, intentionSettings, map, arbiterSettings, monitorSettings))
        {
        }

        /// <summary>
        /// Builds the VCU from <paramref name="settings"/>, for example those that
        /// <see cref="VcuParameters.CreateSettings"/> made from the parameter record at start-up.
        /// </summary>
        public VcuCore(IMonotonicClock clock, IVcuInputHardware hardware, VcuSettings settings)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            AcceleratorPedalSettings acceleratorSettings = settings.Accelerator;
            BrakePedalSettings brakeSettings = settings.Brake;
            DriverIntentionSettings intentionSettings = settings.Intention;
            PedalMap map = settings.Map;
            TorqueArbiterSettings arbiterSettings = settings.Arbiter;
            TorqueMonitorSettings monitorSettings = settings.Monitor;
            this.settings = settings;
            this.clock = clock;

            if (hardware == null)
            {
                throw new ArgumentNullException("hardware");
            }

            this.hardware = hardware;
            dtcs = new DtcMemory(DtcCapacity);
            VcuDtc.RegisterAll(dtcs);
            signals = new VehicleSignals();
            outputs = new VcuOutputs();
            inputs = new VcuInputTask(hardware, acceleratorSettings, brakeSettings, dtcs);
            intention = new DriverIntention(intentionSettings, map);
            arbiter = new TorqueArbiter(arbiterSettings);
            torque = new TorqueTask(inputs, intention, arbiter, signals, arbiterSettings, TaskPeriodMicroseconds);
            monitor = new TorqueMonitor(monitorSettings, dtcs);
            output = new TorqueMonitorTask(hardware, inputs, intention, arbiter, monitor, signals, outputs);
            kmhPerRadianPerSecond = arbiterSettings.KmhPerRadianPerSecond;
            receiver = new VcuCanReceiver(signals, dtcs);
            torque.Receiver = receiver;
            AddConsumer(receiver);

            // High-voltage power management runs after the torque stage, so its MotorMode ActiveDischarge wins.
            highVoltage = new HvPowerManager(new HvPowerSettings(), dtcs);
            hvTask = new HvPowerTask(hardware, inputs, signals, outputs, highVoltage);

            // Fault reactions and freeze frames: registered after every task that reports DTCs, so that each
            // period's test results are seen in the same period.
            FaultReactionSettings faultSettings = settings.FaultReactions;
            new VcuFreezeFrame(signals, hardware, output, faultSettings, dtcs);
            faultReactions = new FaultReactionManager(faultSettings, FaultReactionTable.CreateDefault(), dtcs);

            // Charging management: plug detection, charger handshake, CC/CV requests. It decides when the HV bus
            // connects for charging; the HV task turns a fault reaction's shutdown request into a disconnect.
            charging = new ChargingManager(new ChargingSettings(), signals, outputs, dtcs);
            charging.FaultReactions = faultReactions;
            hvTask.Charging = charging;
            hvTask.FaultReactions = faultReactions;

            // The torque path obeys HV readiness, the charge plug and the fault reactions' caps.
            torque.HighVoltage = highVoltage;
            torque.Charging = charging;
            torque.FaultReactions = faultReactions;
            torque.LimpHomeSpeedKilometresPerHour = faultSettings.LimpHomeSpeedKilometresPerHour;

            executive = new Executive(clock, 32);
            executive.AddTask("can-timeouts", canCheck, TaskPeriodMicroseconds, 0);
            executive.AddTask("inputs", inputs, TaskPeriodMicroseconds, 0);
            executive.AddTask("torque", torque, TaskPeriodMicroseconds, 0);
            executive.AddTask("torque-monitor", output, TaskPeriodMicroseconds, 0);
            executive.AddTask("hv-power", hvTask, HvPowerTask.PeriodMicroseconds, 0);
            executive.AddTask("fault-reactions", new FaultReactionTask(inputs, faultReactions), TaskPeriodMicroseconds, 0);
            executive.AddTask("charging", new ChargingTask(hardware, charging), TaskPeriodMicroseconds, 0);

            // Range-extender energy management at 100 ms, writing the generator fields of the outputs.
            energy = new EnergyManagementTask(new RangeExtenderManager(settings.RangeExtender), signals, outputs) { Arbiter = arbiter };
            executive.AddTask("energy", energy, EnergyManagementTask.DefaultPeriodMicroseconds, 0);
            executive.AddTask("can-transmit", canTransmit, TaskPeriodMicroseconds, 0);
        }

        /// <summary>
        /// Connects the VCU to the vehicle bus: from the next period on, the CAN timeout check runs and the
        /// transmit task sends through <paramref name="bus"/>. Received frames go to <see cref="Receive"/>.
        /// </summary>
        public void AttachCan(ICanTransmitter bus)
        {
            if (bus == null)
            {
                throw new ArgumentNullException("bus");
            }

            if (transmitter != null)
            {
                throw new InvalidOperationException("The VCU is already attached to a CAN bus.");
            }

            transmitter = new VcuCanTransmitTask(outputs, signals, bus, kmhPerRadianPerSecond);
            transmitter.Network = network;
            canCheck.Target = receiver;
            canTransmit.Target = transmitter;
        }

        /// <summary>Adds a part that takes received frames; consumers are offered a frame in the order added.</summary>
        public void AddConsumer(ICanFrameConsumer consumer)
        {
            if (consumer == null)
            {
                throw new ArgumentNullException("consumer");
            }

            if (consumerCount == ConsumerCapacity)
            {
                throw new InvalidOperationException("The VCU takes at most " + ConsumerCapacity.ToString() + " CAN frame consumers.");
            }

            consumers[consumerCount] = consumer;
            consumerCount++;
        }

        /// <summary>
        /// Offers <paramref name="frame"/>, received at <paramref name="nowMicroseconds"/>, to the consumers until
        /// one takes it. Returns false when none does. Allocates nothing.
        /// </summary>
        public bool Receive(CanFrame frame, long nowMicroseconds)
        {
            for (int i = 0; i < consumerCount; i++)
            {
                if (consumers[i].Consume(frame, nowMicroseconds))
                {
                    return true;
                }
            }

            return false;
        }

        // Thermal management.

        /// <summary>
        /// Adds thermal management over <paramref name="actuators"/> with the default calibration, scheduled every
        /// 100 ms. Call it before the executive starts and before <see cref="AddNetworkManagement"/>, so that
        /// after-run keeps the network awake. Its torque cap then limits the torque path.
        /// </summary>
        public ThermalManager AddThermalManagement(IThermalActuators actuators)
        {
            thermal = new ThermalManager(settings.Thermal, signals, actuators, dtcs);
            torque.Thermal = thermal;
            executive.AddTask("thermal", new ThermalTask(thermal, hardware), ThermalTask.PeriodMicroseconds, 0);
            return thermal;
        }

        // Network management, bus-off recovery and sleep.

        /// <summary>
        /// Adds bus-off recovery over <paramref name="controller"/>, network management sending through
        /// <paramref name="bus"/> and sleep control over <paramref name="power"/>, all every 10 ms with the default
        /// settings, and attaches the VCU's transmit task through the bus-off gate (<see cref="BusOffGate"/>), which
        /// rejects frames while the controller recovers. Received NM frames reach <see cref="Network"/> through
        /// <see cref="Receive"/>. <see cref="SleepController.Start"/> must be called once the executive has started.
        /// </summary>
        public void AddNetworkManagement(ICanTransmitter bus, ICanControllerStatus controller, IBoardPower power)
        {
            busOff = new BusOffRecovery(new BusOffRecoverySettings(), controller, bus, dtcs);
            network = new NetworkManager(new NetworkManagerSettings(), busOff, dtcs);
            sleep = new SleepController(new SleepSettings(), network, power, hardware, signals, thermal);
            AddConsumer(network);
            if (diagnostics != null)
            {
                sleep.Persistence = diagnostics.DtcRecordTask;
            }

            executive.AddTask("bus-off", busOff, TaskPeriodMicroseconds, 0);
            executive.AddTask("nm", network, TaskPeriodMicroseconds, 0);
            executive.AddTask("sleep", sleep, TaskPeriodMicroseconds, 0);
            if (transmitter == null)
            {
                AttachCan(busOff);
            }
            else
            {
                transmitter.Network = network;
            }
        }

        // Diagnostics.

        /// <summary>
        /// Adds the UDS server on <paramref name="bus"/> (VCU ids: request 0x7E0, response 0x7E8): DTC memory,
        /// identity DIDs, parameter DIDs and routines, SecurityAccess level 0x01 with the board's secret, and
        /// the DTC record when <see cref="BoardDiagnosticsSettings.DtcStore"/> is set (loaded here and saved
        /// before deep sleep). With <see cref="BoardDiagnosticsSettings.CalibrationStore"/> it loads the pedal
        /// calibration into the accelerator and brake settings that the input task reads, adds its DIDs and
        /// routine, and reports <see cref="VcuDtc.CalibrationInvalid"/> while the factory end points are in use.
        /// With <see cref="BoardDiagnosticsSettings.Programming"/> it adds the application update services.
        /// Diagnostic requests reach it through <see cref="Receive"/>. Call before the executive starts.
        /// </summary>
        public BoardDiagnostics AddDiagnostics(ICanTransmitter bus, BoardDiagnosticsSettings diagnosticsSettings)
        {
            if (executive.IsStarted)
            {
                throw new InvalidOperationException("Add diagnostics before the executive starts: it accepts tasks only before.");
            }

            if (diagnostics != null)
            {
                throw new InvalidOperationException("Diagnostics are already added.");
            }

            if (diagnosticsSettings == null)
            {
                throw new ArgumentNullException("diagnosticsSettings");
            }

            diagnosticsSettings.Validate();
            if (diagnosticsSettings.CalibrationStore != null)
            {
                // The pedals read these settings objects at every update, so the loaded end points apply from the first cycle.
                calibration = new VcuCalibration(diagnosticsSettings.CalibrationStore, diagnosticsSettings.CalibrationRegionA,
                    diagnosticsSettings.CalibrationRegionB, settings.Accelerator, settings.Brake, hardware);
                calibration.Load();
            }

            diagnostics = new BoardDiagnostics(clock, bus, dtcs, diagnosticsSettings);
            AddConsumer(new DiagnosticRequestConsumer(diagnostics));
            diagnostics.AddTasks(executive);
            if (calibration != null)
            {
                calibration.Register(diagnostics.Server);
                executive.AddTask("calibration-status", new CalibrationStatusTask(calibration.Record, dtcs, VcuDtc.CalibrationInvalid),
                    CalibrationStatusTask.PeriodMicroseconds, 0);
            }
            if (sleep != null)
            {
                sleep.Persistence = diagnostics.DtcRecordTask;
            }

            return diagnostics;
        }

        /// <summary>Diagnostics, or null before <see cref="AddDiagnostics"/>.</summary>
        public BoardDiagnostics? Diagnostics
        {
            get { return diagnostics; }
        }

        /// <summary>Pedal calibration record and its DIDs, or null when diagnostics were added without a calibration store.</summary>
        public VcuCalibration? Calibration
        {
            get { return calibration; }
        }

        /// <summary>UDS server, or null before <see cref="AddDiagnostics"/>; other parts register their handlers here.</summary>
        public UdsServer? Uds
        {
            get { return diagnostics == null ? null : diagnostics.Server; }
        }

        /// <summary>Settings the tasks were built from.</summary>
        public VcuSettings Settings
        {
            get { return settings; }
        }

        /// <summary>The executive that dispatches every task.</summary>
        public Executive Executive
        {
            get { return executive; }
        }

        /// <summary>DTC memory with every VCU DTC registered.</summary>
        public DtcMemory Dtcs
        {
            get { return dtcs; }
        }

        /// <summary>Values received from the other nodes; the CAN receive path writes them.</summary>
        public VehicleSignals Signals
        {
            get { return signals; }
        }

        /// <summary>Requests to the other nodes; the CAN transmit task sends them.</summary>
        public VcuOutputs Outputs
        {
            get { return outputs; }
        }

        /// <summary>Receive path that decodes the other nodes' messages into <see cref="Signals"/>.</summary>
        public VcuCanReceiver CanReceiver
        {
            get { return receiver; }
        }

        /// <summary>Transmit task, or null before <see cref="AttachCan"/>.</summary>
        public VcuCanTransmitTask? CanTransmitter
        {
            get { return transmitter; }
        }

        /// <summary>Input task with the pedal, brake, supply and switch checks.</summary>
        public VcuInputTask Inputs
        {
            get { return inputs; }
        }

        /// <summary>Driver intention.</summary>
        public DriverIntention Intention
        {
            get { return intention; }
        }

        /// <summary>Torque arbitration.</summary>
        public TorqueArbiter Arbiter
        {
            get { return arbiter; }
        }

        /// <summary>Second-level torque monitor.</summary>
        public TorqueMonitor Monitor
        {
            get { return monitor; }
        }

        /// <summary>Torque command for the motor controller after the monitor's gate, N·m.</summary>
        public float TorqueCommandNewtonMetres
        {
            get { return output.OutputNewtonMetres; }
        }

        /// <summary>High-voltage power management: contactor requests, precharge and discharge checks, HV ready state.</summary>
        public HvPowerManager HighVoltage
        {
            get { return highVoltage; }
        }

        /// <summary>Active fault reaction: torque cap, limp-home, HV shutdown request.</summary>
        public FaultReactionManager FaultReactions
        {
            get { return faultReactions; }
        }

        /// <summary>Charging management; <see cref="ChargingManager.DriveInhibited"/> is true while the plug is in.</summary>
        public ChargingManager Charging
        {
            get { return charging; }
        }

        /// <summary>Range-extender energy management.</summary>
        public RangeExtenderManager Energy
        {
            get { return energy.Manager; }
        }

        /// <summary>Thermal management, or null before <see cref="AddThermalManagement"/>.</summary>
        public ThermalManager? Thermal
        {
            get { return thermal; }
        }

        /// <summary>Network management, or null before <see cref="AddNetworkManagement"/>.</summary>
        public NetworkManager? Network
        {
            get { return network; }
        }

        /// <summary>Transmit path that pauses during bus-off recovery, or null before <see cref="AddNetworkManagement"/>.</summary>
        public BusOffRecovery? BusOffGate
        {
            get { return busOff; }
        }

        /// <summary>Sleep control, or null before <see cref="AddNetworkManagement"/>.</summary>
        public SleepController? Sleep
        {
            get { return sleep; }
        }

        /// <summary>Passes the frames of the diagnostic request id to the ISO-TP endpoint.</summary>
        private sealed class DiagnosticRequestConsumer : ICanFrameConsumer
        {
            private readonly BoardDiagnostics diagnostics;

            public DiagnosticRequestConsumer(BoardDiagnostics diagnostics)
            {
                this.diagnostics = diagnostics;
            }

            public bool Consume(CanFrame frame, long nowMicroseconds)
            {
                return diagnostics.OnFrameReceived(frame);
            }
        }

        /// <summary>A task slot registered at construction that runs its target once one is set.</summary>
        private sealed class DeferredTask : IPeriodicTask
        {
            public IPeriodicTask? Target;

            public void Run(long nowMicroseconds)
            {
                IPeriodicTask? target = Target;
                if (target != null)
                {
                    target.Run(nowMicroseconds);
                }
            }
        }
    }
}

using System;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Scheduling;
using Controllers.Firmware.Vcu.Energy;
using Controllers.Firmware.Vcu.Inputs;
using Controllers.Firmware.Vcu.Intention;
using Controllers.Firmware.Vcu.Monitoring;
using Controllers.Firmware.Vcu.Torque;

namespace Controllers.Firmware.Vcu
{
    /// <summary>
    /// Composition root of the VCU: builds the input, torque and monitor tasks over the board's inputs and
    /// registers them with one executive, all at 10 ms. Registration order sets priority, so in each period
    /// the torque task uses that period's inputs and the monitor checks that period's command.
    /// </summary>
    public sealed class VcuCore
    {
        /// <summary>Period of all three tasks, µs.</summary>
        public const long TaskPeriodMicroseconds = 10000;

        private readonly Executive executive;
        private readonly DtcMemory dtcs;
        private readonly VehicleSignals signals;
        private readonly VcuInputTask inputs;
        private readonly DriverIntention intention;
        private readonly TorqueArbiter arbiter;
        private readonly TorqueTask torque;
        private readonly TorqueMonitor monitor;
        private readonly TorqueMonitorTask output;
        private readonly VcuOutputs outputs;
        private readonly EnergyManagementTask energy;

        /// <summary>Builds the VCU with the default calibration.</summary>
        public VcuCore(IMonotonicClock clock, IVcuInputHardware hardware)
            : this(clock, hardware, new AcceleratorPedalSettings(), new BrakePedalSettings(), new DriverIntentionSettings(),
                PedalMap.CreateDefault(), new TorqueArbiterSettings(), new TorqueMonitorSettings())
        {
        }

        /// <summary>Builds the VCU with the given calibration; each settings object is validated.</summary>
        public VcuCore(IMonotonicClock clock, IVcuInputHardware hardware, AcceleratorPedalSettings acceleratorSettings,
            BrakePedalSettings brakeSettings, DriverIntentionSettings intentionSettings, PedalMap map,
            TorqueArbiterSettings arbiterSettings, TorqueMonitorSettings monitorSettings)
        {
            dtcs = new DtcMemory(16);
            VcuDtc.RegisterAll(dtcs);
            signals = new VehicleSignals();
            inputs = new VcuInputTask(hardware, acceleratorSettings, brakeSettings, dtcs);
            intention = new DriverIntention(intentionSettings, map);
            arbiter = new TorqueArbiter(arbiterSettings);
            torque = new TorqueTask(inputs, intention, arbiter, signals, arbiterSettings, TaskPeriodMicroseconds);
            monitor = new TorqueMonitor(monitorSettings, dtcs);
            output = new TorqueMonitorTask(hardware, arbiter, monitor, signals);

            executive = new Executive(clock, 32);
            executive.AddTask("inputs", inputs, TaskPeriodMicroseconds, 0);
            executive.AddTask("torque", torque, TaskPeriodMicroseconds, 0);
            executive.AddTask("torque-monitor", output, TaskPeriodMicroseconds, 0);

            // Range-extender energy management at 100 ms, writing the generator fields of the outputs.
            outputs = new VcuOutputs();
            energy = new EnergyManagementTask(new RangeExtenderManager(new RangeExtenderSettings()), signals, outputs);
            executive.AddTask("energy", energy, EnergyManagementTask.DefaultPeriodMicroseconds, 0);
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

        /// <summary>Values received from the motor controller and BMS; the CAN receive path writes them.</summary>
        public VehicleSignals Signals
        {
            get { return signals; }
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

        /// <summary>Requests to the other nodes that the transmit path sends.</summary>
        public VcuOutputs Outputs
        {
            get { return outputs; }
        }

        /// <summary>Range-extender energy management.</summary>
        public RangeExtenderManager Energy
        {
            get { return energy.Manager; }
        }

        /// <summary>Torque command for the motor controller after the monitor's gate, N·m.</summary>
        public float TorqueCommandNewtonMetres
        {
            get { return output.OutputNewtonMetres; }
        }
    }
}

using System;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Scheduling;
using Controllers.Firmware.Vcu.Inputs;
using Controllers.Firmware.Vcu.Intention;
using Controllers.Firmware.Vcu.Monitoring;
using Controllers.Firmware.Vcu.Network;
using Controllers.Firmware.Vcu.Torque;

namespace Controllers.Firmware.Vcu
{
    /// <summary>
    /// Composition root of the VCU: builds the input, torque and monitor tasks over the board's inputs and
    /// registers them with one executive, all at 10 ms. Registration order sets priority: the CAN timeout
    /// check, inputs, torque, monitor and output stage, then CAN transmit. So in each period the torque task
    /// uses that period's inputs, the monitor checks that period's command, and the command leaves in the
    /// same period. The CAN tasks do nothing until <see cref="AttachCan"/>.
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
        private readonly float kmhPerRadianPerSecond;

        // CAN I/O.
        private const int ConsumerCapacity = 8;
        private readonly VcuCanReceiver receiver;
        private readonly ICanFrameConsumer[] consumers = new ICanFrameConsumer[ConsumerCapacity];
        private readonly DeferredTask canCheck = new DeferredTask();
        private readonly DeferredTask canTransmit = new DeferredTask();
        private int consumerCount;
        private VcuCanTransmitTask? transmitter;

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

            executive = new Executive(clock, 8);
            executive.AddTask("can-timeouts", canCheck, TaskPeriodMicroseconds, 0);
            executive.AddTask("inputs", inputs, TaskPeriodMicroseconds, 0);
            executive.AddTask("torque", torque, TaskPeriodMicroseconds, 0);
            executive.AddTask("torque-monitor", output, TaskPeriodMicroseconds, 0);
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

        /// <summary>Requests to the other nodes; the CAN transmit task sends them.</summary>
        public VcuOutputs Outputs
        {
            get { return outputs; }
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

        /// <summary>Torque command for the motor controller after the monitor's gate, N·m.</summary>
        public float TorqueCommandNewtonMetres
        {
            get { return output.OutputNewtonMetres; }
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

using System;
using Controllers.Firmware.Common.Scheduling;
using Controllers.Firmware.Vcu.Charging;
using Controllers.Firmware.Vcu.Inputs;

namespace Controllers.Firmware.Vcu.HighVoltage
{
    /// <summary>
    /// Periodic task of high-voltage power management, run every 10 ms after the input task. The 10 ms period, not
    /// the 20 ms of VCU_HvRequest, keeps the delay from a crash or HVIL input to the request at one period. The task
    /// reads the key and supply state that the input task debounced in the same period.
    /// </summary>
    public sealed class HvPowerTask : IPeriodicTask
    {
        /// <summary>Period this task expects to be registered with, µs.</summary>
        public const long PeriodMicroseconds = 10000;

        private readonly IVcuInputHardware hardware;
        private readonly VcuInputTask inputs;
        private readonly VehicleSignals signals;
        private readonly VcuOutputs outputs;
        private readonly HvPowerManager manager;

        /// <summary>Creates the task over the board inputs, the input task's debounced key and supply state, and the shared signals.</summary>
        public HvPowerTask(IVcuInputHardware hardware, VcuInputTask inputs, VehicleSignals signals, VcuOutputs outputs, HvPowerManager manager)
        {
            if (hardware == null || inputs == null || signals == null || outputs == null || manager == null)
            {
                throw new ArgumentNullException(hardware == null ? "hardware" : inputs == null ? "inputs" : signals == null ? "signals" : outputs == null ? "outputs" : "manager");
            }

            this.hardware = hardware;
            this.inputs = inputs;
            this.signals = signals;
            this.outputs = outputs;
            this.manager = manager;
        }

        /// <summary>
        /// Charging management whose <see cref="ChargingManager.HvRequested"/> requests the HV bus in charge mode.
        /// Without it, a connected charge plug requests it.
        /// </summary>
        public ChargingManager? Charging { get; set; }

        /// <summary>
        /// Fault reactions whose HV shutdown request opens the contactors through the normal power-off sequence
        /// (torque ramp-down, current check, disconnect, discharge), as a key-off would.
        /// </summary>
        public Faults.FaultReactionManager? FaultReactions { get; set; }

        /// <summary>The state machine this task runs.</summary>
        public HvPowerManager Manager
        {
            get { return manager; }
        }

        /// <inheritdoc />
        public void Run(long nowMicroseconds)
        {
            // The crash input is read undebounced: a crash sensor's output is already a qualified event.
            bool supplyInRange = inputs.Supply.State == SupplyState.Normal;
            bool chargeRequest = Charging != null ? Charging.HvRequested : hardware.ChargePlugConnected;
            bool shutdown = FaultReactions != null && FaultReactions.RequestHvShutdown;
            manager.Update(inputs.KeyOn && !shutdown, chargeRequest && !shutdown, hardware.HvilClosed, hardware.CrashSignal, supplyInRange,
                signals, outputs, nowMicroseconds);
        }
    }
}

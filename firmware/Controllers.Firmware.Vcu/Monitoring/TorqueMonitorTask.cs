using System;
using Controllers.Firmware.Common.Scheduling;
using Controllers.Firmware.Vcu.Inputs;
using Controllers.Firmware.Vcu.Intention;
using Controllers.Firmware.Vcu.Torque;

namespace Controllers.Firmware.Vcu.Monitoring
{
    /// <summary>
    /// 10 ms output stage: checks the arbiter's command with the torque monitor and writes the torque part of
    /// <see cref="VcuOutputs"/> (VCU_TorqueCommand): the command, zero while the monitor reacts; MotorMode
    /// TorqueControl while the key is on and Standby otherwise or after a shutdown reaction; the direction
    /// of the driver intention; and the monitor's permitted torques as the motor controller's own limits.
    /// </summary>
    public sealed class TorqueMonitorTask : IPeriodicTask
    {
        // Raw MotorMode values of VCU_TorqueCommand (boards/can/vcu.dbc).
        private const int MotorModeStandby = 0;
        private const int MotorModeTorqueControl = 1;

        private readonly IVcuInputHardware hardware;
        private readonly TorqueArbiter arbiter;
        private readonly TorqueMonitor monitor;
        private readonly VehicleSignals signals;
        private readonly VcuInputTask inputs;
        private readonly DriverIntention intention;
        private readonly VcuOutputs outputs;
        private float outputNewtonMetres;

        /// <summary>Creates the output stage.</summary>
        public TorqueMonitorTask(IVcuInputHardware hardware, VcuInputTask inputs, DriverIntention intention, TorqueArbiter arbiter,
            TorqueMonitor monitor, VehicleSignals signals, VcuOutputs outputs)
        {
            if (hardware == null || inputs == null || intention == null || arbiter == null || monitor == null || signals == null || outputs == null)
            {
                throw new ArgumentNullException(hardware == null ? "hardware" : (inputs == null ? "inputs" : (intention == null ? "intention"
                    : (arbiter == null ? "arbiter" : (monitor == null ? "monitor" : (signals == null ? "signals" : "outputs"))))));
            }

            this.hardware = hardware;
            this.inputs = inputs;
            this.intention = intention;
            this.arbiter = arbiter;
            this.monitor = monitor;
            this.signals = signals;
            this.outputs = outputs;
        }

        /// <summary>Torque command for the motor controller (VCU_TorqueCommand), N·m.</summary>
        public float OutputNewtonMetres
        {
            get { return outputNewtonMetres; }
        }

        /// <inheritdoc/>
        public void Run(long nowMicroseconds)
        {
            // Stale feedback holds its last value, which could trip the monitor after the pedal is released, so
            // without fresh feedback only the command is checked.
            float feedback = signals.FeedbackValid ? signals.TorqueFeedbackNewtonMetres : 0f;
            monitor.Update(hardware, signals.MotorSpeedRadiansPerSecond, arbiter.CommandNewtonMetres, feedback, nowMicroseconds);
            MonitorReaction reaction = monitor.Reaction;
            outputNewtonMetres = reaction == MonitorReaction.None ? arbiter.CommandNewtonMetres : 0f;

            // NOTE: until high-voltage power management exists, the key alone selects torque control.
            bool torqueControl = inputs.KeyOn && reaction != MonitorReaction.Shutdown;
            // The arbiter works in shaft torque, positive forward; VCU_TorqueCommand carries torque positive in
            // the selected direction, so reverse flips the sign.
            DriveDirection direction = intention.Direction;
            float request = direction == DriveDirection.Reverse ? -outputNewtonMetres : outputNewtonMetres;
            outputs.TorqueRequestNewtonMetres = torqueControl ? request : 0f;
            outputs.MotorMode = torqueControl ? MotorModeTorqueControl : MotorModeStandby;
            outputs.Direction = (int)direction;
            bool limitsOpen = torqueControl && reaction == MonitorReaction.None;
            outputs.MotoringTorqueLimitNewtonMetres = limitsOpen ? monitor.PermittedNewtonMetres : 0f;
            outputs.RegenTorqueLimitNewtonMetres = limitsOpen ? monitor.PermittedRegenNewtonMetres : 0f;
        }
    }
}

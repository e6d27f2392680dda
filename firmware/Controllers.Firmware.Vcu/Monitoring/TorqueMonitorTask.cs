using System;
using Controllers.Firmware.Common.Scheduling;
using Controllers.Firmware.Vcu.Inputs;
using Controllers.Firmware.Vcu.Torque;

namespace Controllers.Firmware.Vcu.Monitoring
{
    /// <summary>
    /// 10 ms output stage: checks the arbiter's command with the torque monitor and publishes the command
    /// that goes to the motor controller, zero while the monitor reacts.
    /// </summary>
    public sealed class TorqueMonitorTask : IPeriodicTask
    {
        private readonly IVcuInputHardware hardware;
        private readonly TorqueArbiter arbiter;
        private readonly TorqueMonitor monitor;
        private readonly VehicleSignals signals;
        private float outputNewtonMetres;

        /// <summary>Creates the output stage.</summary>
        public TorqueMonitorTask(IVcuInputHardware hardware, TorqueArbiter arbiter, TorqueMonitor monitor, VehicleSignals signals)
        {
            if (hardware == null || arbiter == null || monitor == null || signals == null)
            {
                throw new ArgumentNullException("hardware");
            }

            this.hardware = hardware;
            this.arbiter = arbiter;
            this.monitor = monitor;
            this.signals = signals;
        }

        /// <summary>Torque command for the motor controller (VCU_TorqueCommand), N·m.</summary>
        public float OutputNewtonMetres
        {
            get { return outputNewtonMetres; }
        }

        /// <inheritdoc/>
        public void Run(long nowMicroseconds)
        {
            monitor.Update(hardware, signals.MotorSpeedRadiansPerSecond, arbiter.CommandNewtonMetres, signals.TorqueFeedbackNewtonMetres, nowMicroseconds);
            outputNewtonMetres = monitor.Reaction == MonitorReaction.None ? arbiter.CommandNewtonMetres : 0f;
        }
    }
}

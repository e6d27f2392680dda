using System;
using Controllers.Firmware.Bms.Tasks;
using Controllers.Firmware.Common.Hal;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Bms.Protection
{
    /// <summary>
    /// Runs the current checks after each current sample: the shunt sample from <see cref="CurrentSamplingTask"/>
    /// and a read of the redundant CAN current sensor. Register it after the current sampling task with the same period.
    /// </summary>
    public sealed class CurrentProtectionTask : IPeriodicTask
    {
        private readonly ProtectionMonitor monitor;
        private readonly CurrentSamplingTask shunt;
        private readonly ICurrentSensor canSensor;

        /// <summary>Creates the task.</summary>
        public CurrentProtectionTask(ProtectionMonitor monitor, CurrentSamplingTask shunt, ICurrentSensor canSensor)
        {
            if (monitor == null || shunt == null || canSensor == null)
            {
                throw new ArgumentNullException(monitor == null ? "monitor" : (shunt == null ? "shunt" : "canSensor"));
            }

            this.monitor = monitor;
            this.shunt = shunt;
            this.canSensor = canSensor;
        }

        /// <inheritdoc />
        public void Run(long nowMicroseconds)
        {
            float canAmperes;
            bool canValid = canSensor.TryReadAmperes(out canAmperes);
            monitor.EvaluateCurrent(nowMicroseconds, shunt.LatestReadSucceeded, shunt.LatestCurrentAmperes, canValid, canAmperes);
        }
    }
}

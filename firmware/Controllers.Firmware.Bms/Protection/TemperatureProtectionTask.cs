using System;
using Controllers.Firmware.Bms.Tasks;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Bms.Protection
{
    /// <summary>Runs the temperature checks after each temperature sample. Register it after the temperature sampling task with the same period.</summary>
    public sealed class TemperatureProtectionTask : IPeriodicTask
    {
        private readonly ProtectionMonitor monitor;
        private readonly TemperatureSamplingTask temperatures;

        /// <summary>Creates the task.</summary>
        public TemperatureProtectionTask(ProtectionMonitor monitor, TemperatureSamplingTask temperatures)
        {
            if (monitor == null || temperatures == null)
            {
                throw new ArgumentNullException(monitor == null ? "monitor" : "temperatures");
            }

            this.monitor = monitor;
            this.temperatures = temperatures;
        }

        /// <inheritdoc />
        public void Run(long nowMicroseconds)
        {
            float[] values = temperatures.TemperaturesCelsius;
            monitor.EvaluateTemperatures(nowMicroseconds, values, temperatures.LatestReadValid, values.Length);
        }
    }
}

using System;
using Controllers.Firmware.Common.Scheduling;
using Controllers.Firmware.Vcu.Inputs;

namespace Controllers.Firmware.Vcu.Thermal
{
    /// <summary>
    /// Periodic task of thermal management, scheduled at <see cref="PeriodMicroseconds"/>. The thermal masses
    /// change over seconds, so 100 ms is fast enough and keeps the PWM updates rare.
    /// </summary>
    public sealed class ThermalTask : IPeriodicTask
    {
        /// <summary>Period at which the composition root schedules the task, µs.</summary>
        public const long PeriodMicroseconds = 100000;

        private readonly ThermalManager manager;
        private readonly IVcuInputHardware hardware;

        /// <summary>Creates the task over <paramref name="manager"/>; it reads the key from <paramref name="hardware"/>.</summary>
        public ThermalTask(ThermalManager manager, IVcuInputHardware hardware)
        {
            if (manager == null || hardware == null)
            {
                throw new ArgumentNullException(manager == null ? "manager" : "hardware");
            }

            this.manager = manager;
            this.hardware = hardware;
        }

        /// <inheritdoc/>
        public void Run(long nowMicroseconds)
        {
            manager.Update(hardware.KeyOn, nowMicroseconds);
        }
    }
}

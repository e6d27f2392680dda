using System;
using Controllers.Firmware.Common.Scheduling;
using Controllers.Firmware.Vcu.Inputs;

namespace Controllers.Firmware.Vcu.Charging
{
    /// <summary>
    /// Periodic charging task: runs the charging manager with the board's charge plug input. The VCU's CAN
    /// receive path decodes OBC_Status and its transmit task sends VCU_ChargerRequest.
    /// </summary>
    public sealed class ChargingTask : IPeriodicTask
    {
        private readonly IVcuInputHardware hardware;
        private readonly ChargingManager manager;

        /// <summary>Creates the task over the board's plug input and the manager.</summary>
        public ChargingTask(IVcuInputHardware hardware, ChargingManager manager)
        {
            if (hardware == null)
            {
                throw new ArgumentNullException("hardware");
            }

            if (manager == null)
            {
                throw new ArgumentNullException("manager");
            }

            this.hardware = hardware;
            this.manager = manager;
        }

        /// <summary>The charging manager.</summary>
        public ChargingManager Manager
        {
            get { return manager; }
        }

        /// <inheritdoc/>
        public void Run(long nowMicroseconds)
        {
            manager.Update(hardware.ChargePlugConnected, nowMicroseconds);
        }
    }
}

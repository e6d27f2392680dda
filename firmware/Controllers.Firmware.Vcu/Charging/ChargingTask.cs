using System;
using Controllers.Firmware.Common.Scheduling;
using Controllers.Firmware.Vcu.Inputs;

namespace Controllers.Firmware.Vcu.Charging
{
    /// <summary>
    /// Periodic charging task: runs the charging manager with the board's charge plug input and, when a CAN
    /// link is attached, the OBC_Status timeout and the VCU_ChargerRequest transmission.
    /// </summary>
    public sealed class ChargingTask : IPeriodicTask
    {
        private readonly IVcuInputHardware hardware;
        private readonly ChargingManager manager;
        private ChargerCanLink? link;

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

        /// <summary>CAN link to the on-board charger; null while the CAN path is not attached.</summary>
        public ChargerCanLink? Link
        {
            get { return link; }
            set { link = value; }
        }

        /// <summary>The charging manager.</summary>
        public ChargingManager Manager
        {
            get { return manager; }
        }

        /// <inheritdoc/>
        public void Run(long nowMicroseconds)
        {
            // Timeout first, so that the manager detects a stale charger in this period, and the request goes out
            // with this period's values.
            if (link != null)
            {
                link.CheckTimeout(nowMicroseconds);
            }

            manager.Update(hardware.ChargePlugConnected, nowMicroseconds);
            if (link != null)
            {
                link.Transmit(nowMicroseconds);
            }
        }
    }
}

using System;
using Controllers.Firmware.Bms.Protection;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Bms.Contactors
{
    /// <summary>
    /// Steps the contactor controller each current period, after the protection tasks. While the protection
    /// monitor's open request is latched, it requests opening at every step, which also blocks closing.
    /// </summary>
    public sealed class ContactorTask : IPeriodicTask
    {
        private readonly ContactorController controller;
        private readonly ProtectionMonitor monitor;

        /// <summary>Creates the task.</summary>
        public ContactorTask(ContactorController controller, ProtectionMonitor monitor)
        {
            if (controller == null || monitor == null)
            {
                throw new ArgumentNullException(controller == null ? "controller" : "monitor");
            }

            this.controller = controller;
            this.monitor = monitor;
        }

        /// <inheritdoc />
        public void Run(long nowMicroseconds)
        {
            ContactorOpenRequest request = monitor.OpenRequest;
            if (request != ContactorOpenRequest.None)
            {
                controller.RequestOpen(request == ContactorOpenRequest.Emergency);
            }

            // The monitor keeps the latest valid current; it counts as invalid once current sensor loss has set.
            bool currentValid = monitor.GetLevel(ProtectionFault.CurrentSensorLoss) == ProtectionLevel.None;
            controller.Step(nowMicroseconds, monitor.LatestCurrentAmperes, currentValid);
        }
    }
}

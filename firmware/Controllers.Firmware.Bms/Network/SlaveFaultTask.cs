using System;
using Controllers.Firmware.Bms.Protection;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Bms.Network
{
    /// <summary>
    /// Passes the slaves' own fault flags to protection: an open-wire flag in any slave heartbeat becomes the
    /// open sense wire condition. Lost slaves need no task here, because their cells then fail to read and
    /// protection raises the AFE communication fault.
    /// </summary>
    public sealed class SlaveFaultTask : IPeriodicTask
    {
        private readonly SlaveLink link;
        private readonly ProtectionMonitor monitor;

        /// <summary>Creates the task.</summary>
        public SlaveFaultTask(SlaveLink link, ProtectionMonitor monitor)
        {
            if (link == null || monitor == null)
            {
                throw new ArgumentNullException(link == null ? "link" : "monitor");
            }

            this.link = link;
            this.monitor = monitor;
        }

        /// <inheritdoc />
        public void Run(long nowMicroseconds)
        {
            bool open = false;
            for (int slave = 1; slave <= link.SlaveCount; slave++)
            {
                open |= link.HasOpenWire(slave);
            }

            monitor.ReportedOpenWire = open;
        }
    }
}

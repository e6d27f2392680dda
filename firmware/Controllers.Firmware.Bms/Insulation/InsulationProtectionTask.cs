using System;
using Controllers.Firmware.Bms.Contactors;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Bms.Insulation
{
    /// <summary>
    /// Turns the insulation monitor's debounced alarm into DTCs and a reaction: below the warning threshold
    /// (500 Ω/V) DTC P1A30-01 and a flag, below the fault threshold (100 Ω/V) DTC P1A30-03 and a normal opening of
    /// the contactors, which first requests zero current from the vehicle or PCS. An insulation fault is not an
    /// emergency: the fault current through the body is limited by the remaining insulation of the other pole.
    /// </summary>
    public sealed class InsulationProtectionTask : IPeriodicTask
    {
        /// <summary>DTC of the warning level, P1A30-01 in the numbering of the protection table.</summary>
        public const uint WarningDtc = 0x1A3001;

        /// <summary>DTC of the fault level, P1A30-03.</summary>
        public const uint FaultDtc = 0x1A3003;

        private readonly InsulationMonitor monitor;
        private readonly DtcMemory dtcMemory;
        private readonly ContactorController? contactors;

        /// <summary>Creates the task and registers its DTCs; <paramref name="contactors"/> may be null on a board without them.</summary>
        public InsulationProtectionTask(InsulationMonitor monitor, DtcMemory dtcMemory, ContactorController? contactors)
        {
            if (monitor == null || dtcMemory == null)
            {
                throw new ArgumentNullException(monitor == null ? "monitor" : "dtcMemory");
            }

            this.monitor = monitor;
            this.dtcMemory = dtcMemory;
            this.contactors = contactors;
            if (dtcMemory.IndexOf(WarningDtc) < 0)
            {
                dtcMemory.Register(WarningDtc);
            }

            if (dtcMemory.IndexOf(FaultDtc) < 0)
            {
                dtcMemory.Register(FaultDtc);
            }
        }

        /// <inheritdoc />
        public void Run(long nowMicroseconds)
        {
            InsulationAlarmLevel level = monitor.AlarmLevel;
            dtcMemory.ReportTestResult(WarningDtc, level != InsulationAlarmLevel.None);
            dtcMemory.ReportTestResult(FaultDtc, level == InsulationAlarmLevel.Fault);
            if (level == InsulationAlarmLevel.Fault && contactors != null)
            {
                contactors.RequestOpen(false);
            }
        }
    }
}

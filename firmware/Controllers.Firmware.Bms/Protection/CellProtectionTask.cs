using System;
using Controllers.Firmware.Bms.Tasks;
using Controllers.Firmware.Common.Hal;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Bms.Protection
{
    /// <summary>
    /// Runs the cell checks after each cell voltage sample, with the pack voltage read from the contactor
    /// hardware. Register it after the cell voltage sampling task with the same period.
    /// </summary>
    public sealed class CellProtectionTask : IPeriodicTask
    {
        private readonly ProtectionMonitor monitor;
        private readonly CellVoltageSamplingTask cells;
        private readonly IContactorHardware packVoltage;

        /// <summary>Creates the task.</summary>
        public CellProtectionTask(ProtectionMonitor monitor, CellVoltageSamplingTask cells, IContactorHardware packVoltage)
        {
            if (monitor == null || cells == null || packVoltage == null)
            {
                throw new ArgumentNullException(monitor == null ? "monitor" : (cells == null ? "cells" : "packVoltage"));
            }

            this.monitor = monitor;
            this.cells = cells;
            this.packVoltage = packVoltage;
        }

        /// <inheritdoc />
        public void Run(long nowMicroseconds)
        {
            float packVolts;
            bool packValid = packVoltage.TryReadPackVoltage(out packVolts);
            float[] voltages = cells.CellVoltagesVolts;
            monitor.EvaluateCells(nowMicroseconds, cells.LatestReadSucceeded, voltages, voltages.Length, packValid, packVolts);
        }
    }
}

using System;
using Controllers.Firmware.Bms.Estimation;
using Controllers.Firmware.Bms.Protection;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Bms.Tasks
{
    /// <summary>
    /// Computes the string's charge and discharge limits for every horizon of the settings from the
    /// latest SOC estimates and scales them to the pack: the cell current limit times the parallel count,
    /// and the power at that current. When a protection monitor is attached, its charge and discharge
    /// current scales derate both. Nothing is allocated after construction.
    /// </summary>
    /// <remarks>
    /// NOTE: protection derating scales the power by the same factor as the current. At the lower current
    /// the terminal voltage is nearer the OCV, so the scaled discharge power is slightly low and the
    /// scaled charge power slightly high.
    /// Every cell uses the average cell's RC branch voltages and the mean temperature, because the
    /// delta filters estimate no branch voltages and the temperature sensors are not mapped to cells. A
    /// cell warmer or colder than the mean gets the mean's derating.
    /// </remarks>
    public sealed class PowerLimitTask : IPeriodicTask
    {
        private readonly PackEstimationTask estimation;
        private readonly PowerLimitEstimator estimator;
        private readonly float parallelCells;
        private readonly int cellCount;
        private readonly float[] socs;
        private readonly float[] fastBranchVolts;
        private readonly float[] slowBranchVolts;
        private readonly float[] temperatures;
        private readonly PowerLimits cellLimits;
        private readonly PowerLimits packLimits;
        private ProtectionMonitor? protection;
        private long calculationCount;

        /// <summary>Creates the task over the estimates of <paramref name="estimation"/>. Throws <see cref="ArgumentException"/> for invalid settings.</summary>
        public PowerLimitTask(CellParameters cell, PackEstimationSettings settings, PackEstimationTask estimation)
        {
            if (cell == null || settings == null || estimation == null)
            {
                throw new ArgumentNullException(cell == null ? "cell" : settings == null ? "settings" : "estimation");
            }

            settings.Validate();
            this.estimation = estimation;
            cellCount = estimation.CellCount;
            parallelCells = settings.ParallelCells;
            estimator = new PowerLimitEstimator(cell, settings.PowerLimits, cellCount);
            socs = new float[cellCount];
            fastBranchVolts = new float[cellCount];
            slowBranchVolts = new float[cellCount];
            temperatures = new float[cellCount];
            cellLimits = new PowerLimits(estimator.HorizonCount);
            packLimits = new PowerLimits(estimator.HorizonCount);
        }

        /// <summary>Number of horizons; index i of <see cref="PackLimits"/> belongs to <see cref="GetHorizonSeconds"/>(i).</summary>
        public int HorizonCount
        {
            get { return estimator.HorizonCount; }
        }

        /// <summary>Limits of the pack after the latest run: currents in amperes and powers in watts, positive magnitudes.</summary>
        public PowerLimits PackLimits
        {
            get { return packLimits; }
        }

        /// <summary>Limits of one cell (the limiting cell of each direction) after the latest run, before protection derating.</summary>
        public PowerLimits CellLimits
        {
            get { return cellLimits; }
        }

        /// <summary>Completed calculations; zero until the estimation has run once.</summary>
        public long CalculationCount
        {
            get { return calculationCount; }
        }

        /// <summary>Returns the horizon at <paramref name="index"/>, in seconds.</summary>
        public float GetHorizonSeconds(int index)
        {
            return estimator.GetHorizonSeconds(index);
        }

        /// <summary>Derates the limits by the current scales of <paramref name="monitor"/> from the next run on.</summary>
        public void AttachProtection(ProtectionMonitor monitor)
        {
            if (monitor == null)
            {
                throw new ArgumentNullException("monitor");
            }

            protection = monitor;
        }

        /// <inheritdoc />
        public void Run(long nowMicroseconds)
        {
            if (estimation.StepCount == 0)
            {
                return;
            }

            SocEstimator average = estimation.Estimator;
            float fast = average.FastBranchVolts;
            float slow = average.SlowBranchVolts;
            float temperature = estimation.MeanTemperatureCelsius;
            for (int i = 0; i < cellCount; i++)
            {
                socs[i] = estimation.GetCellStateOfCharge(i);
                fastBranchVolts[i] = fast;
                slowBranchVolts[i] = slow;
                temperatures[i] = temperature;
            }

            estimator.CalculatePack(socs, fastBranchVolts, slowBranchVolts, temperatures, cellCount, cellLimits);

            float chargeScale = protection == null ? 1f : protection.ChargeCurrentScale;
            float dischargeScale = protection == null ? 1f : protection.DischargeCurrentScale;
            for (int h = 0; h < cellLimits.HorizonCount; h++)
            {
                // P cells in parallel carry P times the cell current at the same voltage.
                float charge = parallelCells * chargeScale;
                float discharge = parallelCells * dischargeScale;
                packLimits.ChargeCurrentAmperes[h] = cellLimits.ChargeCurrentAmperes[h] * charge;
                packLimits.DischargeCurrentAmperes[h] = cellLimits.DischargeCurrentAmperes[h] * discharge;
                packLimits.ChargePowerWatts[h] = cellLimits.ChargePowerWatts[h] * charge;
                packLimits.DischargePowerWatts[h] = cellLimits.DischargePowerWatts[h] * discharge;
                packLimits.ChargeLimitingCell[h] = cellLimits.ChargeLimitingCell[h];
                packLimits.DischargeLimitingCell[h] = cellLimits.DischargeLimitingCell[h];
            }

            calculationCount++;
        }
    }
}

using System;

namespace Controllers.Firmware.Bms.Estimation
{
    /// <summary>
    /// Configuration of the master's pack estimation: the string layout, the tuning of each estimator and
    /// the rest detection that picks the moments used as capacity pairs. Currents, capacities and
    /// resistances in the nested settings are per cell, not per parallel group or per string.
    /// </summary>
    public sealed class PackEstimationSettings
    {
        /// <summary>Cells in parallel in each series element (1 to 100). The string current is divided by this count.</summary>
        public int ParallelCells { get; set; } = 1;

        /// <summary>Tuning of the full filter that runs on the average cell.</summary>
        public SocEstimatorSettings Soc { get; set; } = new SocEstimatorSettings();

        /// <summary>Tuning of the per-cell SOC difference filters.</summary>
        public DeltaSocSettings DeltaSoc { get; set; } = new DeltaSocSettings();

        /// <summary>Tuning of each cell's capacity estimator; its nominal capacity is per cell.</summary>
        public CapacityEstimatorSettings Capacity { get; set; } = new CapacityEstimatorSettings();

        /// <summary>Tuning of each cell's R0 estimator; its nominal resistance and current step are per cell.</summary>
        public ResistanceEstimatorSettings Resistance { get; set; } = new ResistanceEstimatorSettings();

        /// <summary>Per-cell current ratings, derating and horizons of the power limits.</summary>
        public PowerLimitSettings PowerLimits { get; set; } = new PowerLimitSettings();

        /// <summary>
        /// Largest per-cell current magnitude that counts as rest, in amperes (0 to 10). The capacity
        /// estimator takes its SOC end points only at rest, where the voltage is closest to the OCV.
        /// </summary>
        public float RestCurrentAmperes { get; set; } = 0.05f;

        /// <summary>Time the current must stay at rest before the SOC is taken as a capacity end point, in seconds (0 to 36000).</summary>
        public float MinimumRestSeconds { get; set; } = 300f;

        /// <summary>
        /// When true, the average-cell filter counts charge against the mean of the cells' capacity
        /// estimates instead of the cell definition's capacity. Each cell's SOC difference then drifts by
        /// its capacity relative to that mean, so SOC stays on the scale of the aged cells. While every
        /// estimate is still nominal, the setting changes nothing.
        /// </summary>
        public bool UseEstimatedCapacity { get; set; } = true;

        /// <summary>
        /// Creates settings for <paramref name="cell"/> with <paramref name="parallelCells"/> cells per group:
        /// nominal capacity from the cell definition with a 10 % initial standard deviation, nominal R0 from
        /// the impedance table at 50 % SOC and the first table temperature, delta filter corrections only up
        /// to C/20 per cell (where I·ΔR between cells stays within a few millivolts), and zero current
        /// ratings, which the caller must set from the cell's datasheet before the power limits mean anything.
        /// </summary>
        public static PackEstimationSettings ForCell(CellParameters cell, int parallelCells, SocEstimatorSettings soc)
        {
            if (cell == null)
            {
                throw new ArgumentNullException("cell");
            }

            var impedance = new ImpedanceValues();
            new CellModel(cell).GetImpedance(0.5f, cell.ImpedanceTemperaturesCelsius[0], impedance);
            var settings = new PackEstimationSettings();
            settings.ParallelCells = parallelCells;
            settings.Soc = soc ?? new SocEstimatorSettings();
            settings.DeltaSoc.MaximumCorrectionCurrentAmperes = 0.05f * cell.CapacityAmpereHours;
            settings.DeltaSoc.DeltaSocRandomWalkPerSqrtSecond = 1e-5f;
            settings.Capacity.NominalCapacityAmpereHours = cell.CapacityAmpereHours;
            settings.Capacity.InitialCapacityStandardDeviationAmpereHours = 0.1f * cell.CapacityAmpereHours;
            settings.Resistance.NominalResistanceOhms = impedance.OhmicResistanceOhms;
            settings.Resistance.InitialResistanceStandardDeviationOhms = 0.3f * impedance.OhmicResistanceOhms;
            return settings;
        }

        /// <summary>Throws <see cref="ArgumentException"/> naming the first value that is missing or out of range.</summary>
        public void Validate()
        {
            if (ParallelCells < 1 || ParallelCells > 100)
            {
                throw new ArgumentException("ParallelCells = " + ParallelCells + " is outside 1 to 100.", "ParallelCells");
            }

            if (Soc == null || DeltaSoc == null || Capacity == null || Resistance == null || PowerLimits == null)
            {
                throw new ArgumentException("The Soc, DeltaSoc, Capacity, Resistance and PowerLimits settings must all be set.", "PackEstimationSettings");
            }

            Soc.Validate();
            DeltaSoc.Validate();
            Capacity.Validate();
            Resistance.Validate();
            PowerLimits.Validate();
            if (!(RestCurrentAmperes >= 0f && RestCurrentAmperes <= 10f))
            {
                throw new ArgumentException("RestCurrentAmperes = " + RestCurrentAmperes.ToString() + " is outside 0 to 10 A.", "RestCurrentAmperes");
            }

            if (!(MinimumRestSeconds >= 0f && MinimumRestSeconds <= 36000f))
            {
                throw new ArgumentException("MinimumRestSeconds = " + MinimumRestSeconds.ToString() + " is outside 0 to 36000 s.", "MinimumRestSeconds");
            }
        }
    }
}

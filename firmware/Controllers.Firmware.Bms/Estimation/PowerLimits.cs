using System;

namespace Controllers.Firmware.Bms.Estimation
{
    /// <summary>
    /// Charge and discharge limits per prediction horizon, filled in place by <see cref="PowerLimitEstimator"/>.
    /// Index i of every array belongs to <see cref="PowerLimitSettings.HorizonsSeconds"/>[i]. All values are
    /// positive magnitudes, and a zero limit means no current in that direction.
    /// </summary>
    public sealed class PowerLimits
    {
        /// <summary>Creates empty arrays for <paramref name="horizonCount"/> horizons.</summary>
        public PowerLimits(int horizonCount)
        {
            if (horizonCount < 1 || horizonCount > 8)
            {
                throw new ArgumentOutOfRangeException("horizonCount", "horizonCount = " + horizonCount + " is outside 1 to 8; pass PowerLimitEstimator.HorizonCount.");
            }

            ChargeCurrentAmperes = new float[horizonCount];
            DischargeCurrentAmperes = new float[horizonCount];
            ChargePowerWatts = new float[horizonCount];
            DischargePowerWatts = new float[horizonCount];
            ChargeLimitingCell = new int[horizonCount];
            DischargeLimitingCell = new int[horizonCount];
        }

        /// <summary>Maximum charge current, in amperes.</summary>
        public readonly float[] ChargeCurrentAmperes;

        /// <summary>Maximum discharge current, in amperes (positive).</summary>
        public readonly float[] DischargeCurrentAmperes;

        /// <summary>Charge power at the current limit, current times predicted terminal voltage, in watts.</summary>
        public readonly float[] ChargePowerWatts;

        /// <summary>Discharge power at the current limit, current times predicted terminal voltage, in watts.</summary>
        public readonly float[] DischargePowerWatts;

        /// <summary>Index of the cell that sets the charge limit, which is 0 for a single cell.</summary>
        public readonly int[] ChargeLimitingCell;

        /// <summary>Index of the cell that sets the discharge limit, which is 0 for a single cell.</summary>
        public readonly int[] DischargeLimitingCell;

        /// <summary>Number of horizons.</summary>
        public int HorizonCount
        {
            get { return ChargeCurrentAmperes.Length; }
        }
    }
}

namespace Controllers.Firmware.Bms.Estimation
{
    /// <summary>Equivalent-circuit impedance at one operating point, filled in place by <see cref="CellModel"/>.</summary>
    public sealed class ImpedanceValues
    {
        /// <summary>Ohmic (series) resistance while discharging or at rest.</summary>
        public float OhmicResistanceOhms;

        /// <summary>
        /// Ohmic (series) resistance while charging; equal to <see cref="OhmicResistanceOhms"/> when the
        /// parameters have no charge table. <see cref="CellModel.GetOhmicResistanceOhms"/> picks between the two.
        /// </summary>
        public float ChargeOhmicResistanceOhms;

        /// <summary>Resistance of the fast RC branch.</summary>
        public float FastBranchResistanceOhms;

        /// <summary>Time constant of the fast RC branch.</summary>
        public float FastBranchTimeConstantSeconds;

        /// <summary>Resistance of the slow RC branch.</summary>
        public float SlowBranchResistanceOhms;

        /// <summary>Time constant of the slow RC branch.</summary>
        public float SlowBranchTimeConstantSeconds;
    }
}

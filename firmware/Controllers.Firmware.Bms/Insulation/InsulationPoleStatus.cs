namespace Controllers.Firmware.Bms.Insulation
{
    /// <summary>How the insulation resistance of one pole was determined.</summary>
    public enum InsulationPoleStatus
    {
        /// <summary>Measured within the range; the resistance value applies.</summary>
        InRange = 0,

        /// <summary>Above the range maximum (10 MΩ by default), including open; the value is the maximum.</summary>
        AboveRange = 1,

        /// <summary>The pole voltage stayed near zero in both bridge states: the pole is shorted to chassis (0 Ω).</summary>
        Shorted = 2,

        /// <summary>
        /// Not measurable, because the other pole is shorted to chassis and fixes both pole voltages whatever
        /// this pole's insulation is. The value is NaN.
        /// </summary>
        NotMeasurable = 3,
    }
}

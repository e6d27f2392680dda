namespace Controllers.Firmware.Common.Hal
{
    /// <summary>The three contactors of a pack's high-voltage switching: the values index arrays.</summary>
    public enum ContactorId
    {
        /// <summary>Main negative contactor; closed first and opened last.</summary>
        Negative = 0,

        /// <summary>Precharge contactor in series with the precharge resistor, parallel to the positive contactor.</summary>
        Precharge = 1,

        /// <summary>Main positive contactor.</summary>
        Positive = 2
    }
}

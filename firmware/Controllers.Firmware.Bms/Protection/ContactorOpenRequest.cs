namespace Controllers.Firmware.Bms.Protection
{
    /// <summary>Kind of contactor opening that the protection requests.</summary>
    public enum ContactorOpenRequest
    {
        /// <summary>No request.</summary>
        None = 0,

        /// <summary>Raise a zero-current request first and open when the current has fallen or a timeout has passed.</summary>
        Normal = 1,

        /// <summary>Open at once, whatever the current.</summary>
        Emergency = 2
    }
}

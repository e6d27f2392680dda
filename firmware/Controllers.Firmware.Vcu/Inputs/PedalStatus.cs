namespace Controllers.Firmware.Vcu.Inputs
{
    /// <summary>Health of a pedal input and the fallback in force.</summary>
    public enum PedalStatus
    {
        /// <summary>Both channels valid and plausible.</summary>
        Healthy = 0,

        /// <summary>One channel failed or the channels disagree: the position comes from the remaining evidence, capped.</summary>
        Limp = 1,

        /// <summary>No usable channel: the position is forced to zero.</summary>
        Failed = 2
    }
}

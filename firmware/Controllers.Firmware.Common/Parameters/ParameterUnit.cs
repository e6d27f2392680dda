namespace Controllers.Firmware.Common.Parameters
{
    /// <summary>
    /// Unit codes of the parameter database descriptor (DID 0x3FFF). The host maps each code to its symbol
    /// (docs/parameters.md lists them); a code the host does not know is shown as its number.
    /// </summary>
    public static class ParameterUnit
    {
        /// <summary>No unit: a count, a ratio or a code.</summary>
        public const byte None = 0;

        /// <summary>Volt.</summary>
        public const byte Volt = 1;

        /// <summary>Millivolt.</summary>
        public const byte Millivolt = 2;

        /// <summary>Ampere.</summary>
        public const byte Ampere = 3;

        /// <summary>Degree Celsius.</summary>
        public const byte DegreeCelsius = 4;

        /// <summary>Percent.</summary>
        public const byte Percent = 5;

        /// <summary>Second.</summary>
        public const byte Second = 6;

        /// <summary>Millisecond.</summary>
        public const byte Millisecond = 7;

        /// <summary>Kilometre per hour.</summary>
        public const byte KilometrePerHour = 8;

        /// <summary>Newton metre.</summary>
        public const byte NewtonMetre = 9;

        /// <summary>Watt.</summary>
        public const byte Watt = 10;

        /// <summary>Ohm.</summary>
        public const byte Ohm = 11;

        /// <summary>Ohm per volt of the battery voltage (insulation resistance).</summary>
        public const byte OhmPerVolt = 12;

        /// <summary>Fraction from 0 to 1, such as a state of charge.</summary>
        public const byte Fraction = 13;

        /// <summary>Revolution per minute.</summary>
        public const byte RevolutionPerMinute = 14;

        /// <summary>Operation cycles.</summary>
        public const byte Cycle = 15;

        /// <summary>Highest code in use.</summary>
        public const byte MaximumCode = 15;
    }
}

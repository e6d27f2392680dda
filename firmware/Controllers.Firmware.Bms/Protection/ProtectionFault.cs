namespace Controllers.Firmware.Bms.Protection
{
    /// <summary>
    /// Every fault that the protection monitor and the contactor controller detect. The values index
    /// <see cref="BmsDtcTable"/>; the first <see cref="BmsDtcTable.GradedFaultCount"/> faults have three
    /// levels (warning, derate, trip), the others one.
    /// </summary>
    public enum ProtectionFault
    {
        /// <summary>Highest cell voltage above its limits; reduces charging.</summary>
        CellOvervoltage = 0,

        /// <summary>Lowest cell voltage below its limits; reduces discharging.</summary>
        CellUndervoltage = 1,

        /// <summary>Charge current above its limits.</summary>
        ChargeOvercurrent = 2,

        /// <summary>Discharge current above its limits.</summary>
        DischargeOvercurrent = 3,

        /// <summary>Highest cell temperature above the charge window.</summary>
        ChargeOvertemperature = 4,

        /// <summary>Highest cell temperature above the discharge window (the absolute operating window).</summary>
        DischargeOvertemperature = 5,

        /// <summary>Lowest cell temperature below the charge window.</summary>
        ChargeUndertemperature = 6,

        /// <summary>Lowest cell temperature below the discharge window (the absolute operating window).</summary>
        DischargeUndertemperature = 7,

        /// <summary>Sum of cell voltages disagrees with the measured pack voltage.</summary>
        PackVoltagePlausibility = 8,

        /// <summary>Shunt and CAN current sensor disagree, or only one of them delivers samples.</summary>
        CurrentPlausibility = 9,

        /// <summary>A cell reads below the voltage any connected cell can have.</summary>
        OpenSenseWire = 10,

        /// <summary>A temperature channel is open, shorted or not converted.</summary>
        TemperatureSensorFault = 11,

        /// <summary>The cell voltage front end (AFE) delivers no valid sample.</summary>
        AfeCommunicationLoss = 12,

        /// <summary>Neither current source delivers a valid sample.</summary>
        CurrentSensorLoss = 13,

        /// <summary>Negative contactor closed while commanded open.</summary>
        NegativeContactorWelded = 14,

        /// <summary>Precharge contactor closed while commanded open.</summary>
        PrechargeContactorWelded = 15,

        /// <summary>Positive contactor closed while commanded open, by feedback or by link voltage.</summary>
        PositiveContactorWelded = 16,

        /// <summary>Negative contactor feedback still open after the close time.</summary>
        NegativeContactorStuckOpen = 17,

        /// <summary>Precharge contactor feedback still open after the close time.</summary>
        PrechargeContactorStuckOpen = 18,

        /// <summary>Positive contactor feedback still open after the close time.</summary>
        PositiveContactorStuckOpen = 19,

        /// <summary>The link voltage did not reach the precharge fraction of the pack voltage in time.</summary>
        PrechargeTimeout = 20,

        /// <summary>The link voltage reached the precharge fraction too early: link capacitance missing or resistor bypassed.</summary>
        PrechargeTooFast = 21,

        /// <summary>The link stayed low while precharge current flowed: a short on the DC link.</summary>
        PrechargeLinkShorted = 22,

        /// <summary>The link stayed low with no precharge current: an open precharge resistor or path.</summary>
        PrechargePathOpen = 23,

        /// <summary>The current did not fall below the break threshold before the zero-current timeout.</summary>
        OpenUnderLoad = 24
    }
}

namespace Controllers.Firmware.Common.Hal
{
    /// <summary>
    /// Contactor coil outputs, auxiliary (feedback) contact inputs and the two high-voltage readings that
    /// the contactor sequence needs. A board implements it with GPIO and an isolated voltage ADC; the
    /// simulator implements it with a contactor and DC-link plant. Calls must not allocate.
    /// </summary>
    public interface IContactorHardware
    {
        /// <summary>Energizes (true) or releases (false) the coil of <paramref name="contactor"/>.</summary>
        void SetCoil(ContactorId contactor, bool energized);

        /// <summary>Returns true when the auxiliary contact of <paramref name="contactor"/> reports the main contacts closed.</summary>
        bool IsFeedbackClosed(ContactorId contactor);

        /// <summary>Reads the pack voltage on the battery side of the contactors, in volts.</summary>
        bool TryReadPackVoltage(out float volts);

        /// <summary>Reads the DC-link voltage on the load side of the contactors, in volts.</summary>
        bool TryReadLinkVoltage(out float volts);
    }
}
